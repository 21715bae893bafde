package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"unicode/utf8"

	"hankekirja/model"
)

// typedLine is a line decoded in one pass into a record of a known kind.
type typedLine struct {
	ID      model.ID      `json:"id"`
	Kind    model.Kind    `json:"kind"`
	Record  *hashedRecord `json:"record"`
	SHA256  string        `json:"sha256,omitempty"`
	History []model.Meta  `json:"history,omitempty"`
}

// hashedRecord decodes a record strictly and keeps the SHA-256 of the
// bytes it came from, so that the one-pass decoding can still check the
// line's sum.
type hashedRecord struct {
	rec model.Record
	sum string
}

func (h *hashedRecord) UnmarshalJSON(b []byte) error {
	h.sum = sumHex(b)
	return strictUnmarshal(b, h.rec)
}

// kindOf reads the kind of a line written the canonical way
// ({"id":"…","kind":"contact",…}) without decoding it; 0 when the line is
// not in that form.
func kindOf(b []byte) model.Kind {
	const pre = `{"id":"`
	const idLen = 36
	rest, ok := bytes.CutPrefix(b, []byte(pre))
	if !ok || len(rest) < idLen+10 {
		return 0
	}
	rest, ok = bytes.CutPrefix(rest[idLen:], []byte(`","kind":"`))
	if !ok {
		return 0
	}
	end := bytes.IndexByte(rest[:min(len(rest), 20)], '"')
	if end < 0 {
		return 0
	}
	k, _ := model.ParseKind(string(rest[:end]))
	return k
}

// lineTail is what follows a canonical line's record.
type lineTail struct {
	SHA256  string       `json:"sha256"`
	History []model.Meta `json:"history,omitempty"`
}

// decodeCut decodes a line written the canonical way,
// {"id":"…","kind":"…","record":{…},"sha256":"…"[,"history":[…]]}, by
// cutting it at its record's ends: encoding/json would otherwise scan
// the record's bytes four times (the line as a value, the line's fields,
// the record as a value, the record's fields), and a meeting's record is
// nearly all of its line. ok is false for any line not in that form or
// that does not decode and check: the caller then decodes it whole,
// which gives the refusal its words. The record must end the cut with
// its closing brace, so that the checksum covers the bytes encoding/json
// would hand over; the tail is decoded strictly with only the fields
// that may follow the record, so that a repeated id, kind or record is
// never taken.
func decodeCut(b []byte, n, version int) (Record, bool) {
	k := kindOf(b)
	if k == 0 || version < hashedSince {
		return Record{}, false
	}
	kindEnd := len(`{"id":"`) + 36 + len(`","kind":"`) + len(k.String())
	if !bytes.HasPrefix(b[kindEnd:], []byte(`","record":`)) {
		return Record{}, false
	}
	start := kindEnd + len(`","record":`)
	cut := bytes.LastIndex(b, []byte(`,"sha256":"`))
	if cut <= start || b[start] != '{' || b[cut-1] != '}' {
		return Record{}, false
	}
	var id model.ID
	if err := json.Unmarshal(b[len(`{"id":`):len(`{"id":`)+38], &id); err != nil {
		return Record{}, false
	}
	body := b[start:cut]
	r := model.NewRecord(k)
	if r == nil || strictUnmarshal(body, r) != nil {
		return Record{}, false
	}
	var tail lineTail
	if strictUnmarshal(append([]byte{'{'}, b[cut+1:]...), &tail) != nil {
		return Record{}, false
	}
	rec, err := checkLine(b, id, k, r, tail.SHA256, sumHex(body), tail.History, n, version)
	return rec, err == nil
}

// decodeLine decodes and checks one record line (number n in the file) of
// a snapshot in format version version.
func decodeLine(b []byte, n, version int) (Record, error) {
	if !utf8.Valid(b) {
		// encoding/json would read the bytes as U+FFFD and the name
		// would be stored changed without a word.
		return Record{}, invalidText(b, n)
	}
	// The usual line is cut into its parts, and only its record and the
	// small tail after it are decoded; anything else, and any line the
	// cutting does not take, goes the ways below.
	if r, ok := decodeCut(b, n, version); ok {
		return r, nil
	}
	return decodeWhole(b, n, version)
}

// decodeWhole is decodeLine for a line the cut does not take.
func decodeWhole(b []byte, n, version int) (Record, error) {
	// A line in the canonical order decodes in one pass into its record.
	if k := kindOf(b); k != 0 {
		tl := typedLine{Record: &hashedRecord{rec: model.NewRecord(k)}}
		if err := strictUnmarshal(b, &tl); err == nil && tl.Kind == k {
			return checkLine(b, tl.ID, tl.Kind, tl.Record.rec, tl.SHA256, tl.Record.sum, tl.History, n, version)
		}
	}
	var l line
	if err := strictUnmarshal(b, &l); err != nil {
		if isUnknownField(err) {
			return Record{}, newError(model.ENEWER, KeyUnknownData, map[string]any{"Detail": jsonDetail(err)}, err)
		}
		return Record{}, damagedRecord(b, n, jsonDetail(err))
	}
	if l.ID.IsZero() {
		return Record{}, damagedRecord(b, n, "no id")
	}
	r := model.NewRecord(l.Kind)
	if r == nil {
		return Record{}, damagedRecord(b, n, "unknown kind")
	}
	if err := strictUnmarshal(l.Record, r); err != nil {
		if isUnknownField(err) {
			return Record{}, newError(model.ENEWER, KeyUnknownData, map[string]any{"Detail": l.Kind.String() + ": " + jsonDetail(err)}, err)
		}
		return Record{}, damagedRecord(b, n, jsonDetail(err))
	}
	return checkLine(b, l.ID, l.Kind, r, l.SHA256, sumHex(l.Record), l.History, n, version)
}

// checkLine checks a decoded line: sum is the line's stated SHA-256 of
// its record, got the one of the bytes read.
func checkLine(b []byte, id model.ID, kind model.Kind, r model.Record, sum, got string, history []model.Meta, n, version int) (Record, error) {
	if id.IsZero() {
		return Record{}, damagedRecord(b, n, "no id")
	}
	m := r.GetMeta()
	if m.ID != id || m.Rev.IsZero() {
		return Record{}, damagedRecord(b, n, "the record's id or rev does not match its line")
	}
	if version >= hashedSince {
		switch {
		case sum == "":
			return Record{}, damagedRecord(b, n, "the line lacks its record's checksum")
		case sum != got:
			return Record{}, recordError(KeyRevisionContent, n, kind, r, nil)
		}
	}
	if len(history) > MaxRevisions {
		return Record{}, limitError(fmt.Sprintf("%s “%s” (line %d) lists %d older revisions, at most %d", kind, r.Title(), n, len(history), MaxRevisions))
	}
	seen := make(map[model.ID]bool, len(history)+1)
	seen[m.Rev] = true
	for _, h := range history {
		if h.ID != id || h.Rev.IsZero() || seen[h.Rev] {
			return Record{}, damagedRecord(b, n, "a revision in the history is malformed or repeated")
		}
		seen[h.Rev] = true
	}
	if !slices.IsSortedFunc(history, compareMeta) {
		return Record{}, damagedRecord(b, n, "the history is not in order")
	}
	rec := Record{Kind: kind, Current: r, History: history}
	if version >= hashedSince {
		rec.sum = got
	}
	return rec, nil
}

// recordError is a refusal naming the record of line n.
func recordError(key string, n int, kind model.Kind, r model.Record, args map[string]any) *model.Error {
	a := map[string]any{"Count": n, "Kind": kind.String(), "Name": recordName(r), "ID": r.GetMeta().ID.String()}
	for k, v := range args {
		a[k] = v
	}
	code := model.EDAMAGED
	if key == KeyRevisionChanged {
		code = model.ECONFLICT
	}
	return newError(code, key, a, nil)
}

// recordName is what a refusal calls a record: its title, or its ID when
// it has none.
func recordName(r model.Record) string {
	if t := r.Title(); t != "" {
		return t
	}
	return r.GetMeta().ID.String()
}

// describe reads as much of a broken line as it can to name its record:
// kind and title (or ID). ok is false when not even the kind can be read.
func describe(b []byte) (kind model.Kind, name string, ok bool) {
	var l struct {
		ID     string          `json:"id"`
		Kind   string          `json:"kind"`
		Record json.RawMessage `json:"record"`
	}
	// Errors are expected here: whatever decoded before them names it.
	_ = json.Unmarshal(b, &l)
	k, known := model.ParseKind(l.Kind)
	if !known || k == 0 {
		return 0, "", false
	}
	r := model.NewRecord(k)
	if r == nil {
		return 0, "", false
	}
	// Field by field, so that one broken field does not hide the others.
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(l.Record, &fields)
	for k, v := range fields {
		one, err := json.Marshal(map[string]json.RawMessage{k: v})
		if err == nil {
			_ = json.Unmarshal(one, r)
		}
	}
	name = r.Title()
	if name == "" {
		name = l.ID
	}
	return k, name, true
}

// damagedRecord is a malformed line, naming its record when the line
// says enough to.
func damagedRecord(b []byte, n int, detail string) *model.Error {
	k, name, ok := describe(b)
	if !ok {
		return damagedAt(n, detail)
	}
	return newError(model.EDAMAGED, KeyMalformedRecord, map[string]any{"Count": n, "Kind": k.String(), "Name": name, "Detail": detail}, nil)
}

// keyBefore finds the JSON keys of a line, to say which field holds
// invalid text.
var keyBefore = regexp.MustCompile(`"([A-Za-z0-9_]+)":`)

// invalidText refuses a line that is not UTF-8, naming the field where
// the first invalid byte is.
func invalidText(b []byte, n int) *model.Error {
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	field := "?"
	if m := keyBefore.FindAllSubmatch(b[:off], -1); len(m) > 0 {
		field = string(m[len(m)-1][1])
	}
	args := map[string]any{"Count": n, "Field": field, "Kind": "", "Name": ""}
	if k, name, ok := describe(b); ok {
		args["Kind"], args["Name"] = k.String(), name
	}
	return newError(model.EDAMAGED, KeyInvalidText, args, nil)
}

// jsonDetail says what is wrong with a line in words, without the Go
// types encoding/json names in its errors.
func jsonDetail(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON (at byte %d)", se.Offset)
	case errors.As(err, &te):
		if te.Field == "" {
			return fmt.Sprintf("the line is %s, not one JSON object", jsonWord(te.Value))
		}
		return fmt.Sprintf("the field %q holds %s where %s belongs", te.Field, jsonWord(te.Value), typeWord(te.Type))
	}
	msg := err.Error()
	if rest, ok := bytes.CutPrefix([]byte(msg), []byte("json: ")); ok {
		msg = string(rest)
	}
	return msg
}

// jsonWord names a JSON value kind as encoding/json reports it.
func jsonWord(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	}
	if len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') || v == "number" {
		return "a number"
	}
	return v
}

// typeWord names what a Go type holds in the JSON vocabulary.
func typeWord(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Array {
			return "an ID"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return typeWord(t.Elem())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another value"
}
