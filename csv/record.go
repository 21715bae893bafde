package csv

import (
	"encoding/json"

	"hankekirja/model"
)

// clone returns a deep copy of a record.
func clone[T any](r *T) *T {
	data, err := json.Marshal(r)
	if err != nil {
		panic("csv: cannot copy a record: " + err.Error())
	}
	out := new(T)
	if err := json.Unmarshal(data, out); err != nil {
		panic("csv: cannot copy a record: " + err.Error())
	}
	return out
}

// sameRecord reports whether two records hold the same data, metadata
// aside.
func sameRecord[T any, P interface {
	*T
	model.Record
}](a, b P) bool {
	x, y := clone[T]((*T)(a)), clone[T]((*T)(b))
	*P(x).GetMeta(), *P(y).GetMeta() = model.Meta{}, model.Meta{}
	dx, _ := json.Marshal(x)
	dy, _ := json.Marshal(y)
	return string(dx) == string(dy)
}
