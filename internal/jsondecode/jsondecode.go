// Package jsondecode decodes JSON the way encoding/json does, in about a
// third of its time: reading the records' JSON was a third of the CPU of
// check, export and import at a region's archive. goccy/go-json does the
// decoding; whenever it fails or panics, encoding/json decodes the same
// bytes again into a zeroed value, so that every refusal a user can see
// reads as encoding/json's and no value half-filled by the first try is
// ever handed on. The tests and FuzzSameAsStd compare both decoders on
// the records the application writes.
package jsondecode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	gojson "github.com/goccy/go-json"
)

// Unmarshal is json.Unmarshal(data, v). v must be a non-nil pointer.
func Unmarshal(data []byte, v any) error {
	if fast(func() error { return gojson.Unmarshal(data, v) }) {
		return nil
	}
	zero(v)
	return json.Unmarshal(data, v)
}

// UnmarshalStrict decodes exactly one JSON value into v, refusing fields
// v does not have (json.Decoder with DisallowUnknownFields, and nothing
// but space after the value).
func UnmarshalStrict(data []byte, v any) error {
	if fast(func() error { return strict(gojson.NewDecoder(bytes.NewReader(data)), v) }) {
		return nil
	}
	zero(v)
	return strict(json.NewDecoder(bytes.NewReader(data)), v)
}

// decoder is what strict needs of either package's Decoder.
type decoder interface {
	DisallowUnknownFields()
	Decode(v any) error
	More() bool
}

var (
	_ decoder = (*json.Decoder)(nil)
	_ decoder = (*gojson.Decoder)(nil)
)

func strict(dec decoder, v any) error {
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

// fast reports whether decode succeeded, taking a panic for a failure.
func fast(decode func() error) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return decode() == nil
}

// zero sets what v points to back to its zero value.
func zero(v any) {
	if p := reflect.ValueOf(v); p.Kind() == reflect.Pointer && !p.IsNil() {
		p.Elem().SetZero()
	}
}
