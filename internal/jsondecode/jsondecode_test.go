package jsondecode

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"hankekirja/model"
)

// sample returns records as the application writes them, with the
// field types that have decoders of their own (IDs, dates, clocks,
// notes, confidentiality marks) and Finnish text with escapes.
func sample(t testing.TB) [][]byte {
	id := model.NewID()
	updated := time.Date(2026, 12, 3, 17, 4, 5, 123456789, time.UTC)
	recs := []any{
		&model.Contact{
			Meta:      model.Meta{ID: id, Rev: model.NewID(), Created: updated, Updated: updated, Note: model.Notes{model.NewNote(model.NoteMerged, model.NoteArgRev, id.String())}},
			FirstName: "Äiniö", LastName: "Öhman-Åberg", JobTitle: "sosiaali- ja terveysjohtaja \"vt.\"",
			Organisation: model.MunicipalityID("106"), Phones: []string{"+358401234567;ext=12"}, Emails: []string{"a@b.example"},
			Address: model.Address{Street: "Kunnantie 1 <b>", PostalCode: "05800", City: "Hyvinkää"},
			Notes:   "rivi 1\nrivi 2\t\u2028", NotesConfidential: &model.Confidential{},
		},
		&model.Meeting{
			Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Updated: updated}, Group: id, Number: 3, Year: 2019,
			Date: model.MustDate(2019, 3, 14), Start: model.MustClock(9, 30), Place: "kunnantalo, kokoushuone 2",
			Items: []model.AgendaItem{{Number: 12, Title: "Kokouksen avaus", Decision: "Puheenjohtaja avasi kokouksen klo 9.31."}, {Title: "Muut asiat"}},
		},
	}
	var out [][]byte
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// targets are the types both decoders are compared on.
func targets() []func() any {
	return []func() any{
		func() any { return new(model.Contact) },
		func() any { return new(model.Meeting) },
		func() any { return new(model.Meta) },
		func() any { return new(map[string]any) },
	}
}

// sameAsStd fails t when Unmarshal (or UnmarshalStrict) and encoding/json
// disagree on data: one refuses what the other takes, or both take it
// and the values differ.
func sameAsStd(t *testing.T, data []byte) {
	t.Helper()
	for _, newV := range targets() {
		got, want := newV(), newV()
		err, wantErr := Unmarshal(data, got), json.Unmarshal(data, want)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%T from %q: error %v, encoding/json %v", want, data, err, wantErr)
		}
		if err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%T from %q: error %q, encoding/json %q", want, data, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%T from %q:\n got %#v\nwant %#v", want, data, got, want)
		}
		got, want = newV(), newV()
		err, wantErr = UnmarshalStrict(data, got), stdStrict(data, want)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("strict %T from %q: error %v, encoding/json %v", want, data, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("strict %T from %q:\n got %#v\nwant %#v", want, data, got, want)
		}
	}
}

func stdStrict(data []byte, v any) error { return strict(json.NewDecoder(bytes.NewReader(data)), v) }

func TestSameAsStd(t *testing.T) {
	cases := sample(t)
	cases = append(cases,
		[]byte(`{"first_name":"A","first_name":"B"}`),           // a repeated field: the last wins
		[]byte(`{"FIRST_NAME":"Aino"}`),                         // names match without case
		[]byte(`{"first_name":"Aino","unknown":1}`),             // strict refuses it
		[]byte(`{"first_name":"Aino"} {"first_name":"Eino"}`),   // a second value
		[]byte(`{"first_name":"Aino"}   `),                      // space after it
		[]byte(`{"first_name":12}`),                             // a type error
		[]byte(`{"phones":"+358401234567"}`),                    // a string for a list
		[]byte(`{"first_name":"Aino"`),                          // cut short
		[]byte(`{"first_name":"A\ud800"}`),                      // a lone surrogate
		[]byte("{\"first_name\":\"A\xff\"}"),                    // invalid UTF-8
		[]byte(`{"id":"not an id"}`),                            // an ID that does not parse
		[]byte(`{"date":"2019-02-30"}`),                         // no such day
		[]byte(`{"items":[{"number":1e400}]}`),                  // out of range
		[]byte(`{"items":[{"number":1.5}]}`),                    // not an integer
		[]byte(`null`), []byte(``), []byte(`[]`), []byte(`"x"`), // not an object
		[]byte(`{"items":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`),
	)
	for _, c := range cases {
		sameAsStd(t, c)
	}
}

// FuzzSameAsStd mutates records as the application writes them and
// checks that the two decoders agree on every one.
func FuzzSameAsStd(f *testing.F) {
	for _, b := range sample(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameAsStd(t, data) })
}

// TestKeepsFieldsNotNamed checks that decoding into a value with fields
// set keeps those the JSON does not name, as encoding/json does.
func TestKeepsFieldsNotNamed(t *testing.T) {
	c := model.Contact{Emails: []string{"left@over.example"}}
	if err := Unmarshal([]byte(`{"first_name":"Aino"}`), &c); err != nil {
		t.Fatal(err)
	}
	if want := (model.Contact{FirstName: "Aino", Emails: []string{"left@over.example"}}); !reflect.DeepEqual(c, want) {
		t.Fatalf("got %#v, want %#v", c, want)
	}
}

// TestCopiesWhatItReads checks that no decoded string or list shares
// memory with the input: the store decodes straight from bbolt's pages,
// which are gone once the transaction ends.
func TestCopiesWhatItReads(t *testing.T) {
	for i, data := range sample(t) {
		{
			newV := targets()[i] // sample's records are of targets' first types
			buf := bytes.Clone(data)
			got, want := newV(), newV()
			if err := Unmarshal(buf, got); err != nil {
				t.Fatal(err)
			}
			if err := UnmarshalStrict(bytes.Clone(data), newV()); err != nil {
				t.Fatal(err)
			}
			for i := range buf {
				buf[i] = 'x'
			}
			if err := json.Unmarshal(data, want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%T changed with its input:\n got %#v\nwant %#v", want, got, want)
			}
		}
	}
}
