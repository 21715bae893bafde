package store

import (
	"reflect"

	"hankekirja/model"
)

// municipalityPolicy protects the embedded registry: municipalities come
// only from it, and users may change nothing but their notes.
type municipalityPolicy struct{}

func (municipalityPolicy) beforeCreate(r model.Record) error {
	return &model.Error{Code: model.EREADONLY, Key: "error.read_only"}
}

func (municipalityPolicy) beforeUpdate(old, r model.Record) error {
	o, n := old.(*model.Municipality), r.(*model.Municipality)
	if o.Code != n.Code {
		return &model.Error{Code: model.EREADONLY, Field: "code", Key: "error.code_fixed"}
	}
	// Everything but the notes is official data.
	official := *n
	official.Notes, official.Meta = o.Notes, o.Meta
	if !sameMunicipality(&official, o) {
		return &model.Error{Code: model.EREADONLY, Key: "error.read_only"}
	}
	return nil
}

func (municipalityPolicy) beforeDelete(r model.Record) error {
	return &model.Error{Code: model.EREADONLY, Key: "error.read_only"}
}

// sameMunicipality compares every field. Meta (its notes are a list) makes
// the struct incomparable with ==.
func sameMunicipality(a, b *model.Municipality) bool { return reflect.DeepEqual(*a, *b) }
