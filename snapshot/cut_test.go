package snapshot

import (
	"bytes"
	"reflect"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/model"
)

// TestCutLineAsDecoded: every record line of an export (the example
// data, with older revisions) is taken by the cut and gives exactly what
// decoding the line whole gives; lines that only look canonical are left
// to the whole decoding.
func TestCutLineAsDecoded(t *testing.T) {
	db := testDB(t)
	svc := db.Services()
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Contacts.List(ctx, model.Filter{Limit: 3})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("contacts: %v", err)
	}
	for _, s := range page.Items {
		update(t, svc.Contacts, s.ID, func(c *model.Contact) { c.JobTitle = "kehittämispäällikkö" })
	}
	data := export(t, db)
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))[1:]
	withHistory := 0
	for i, l := range lines {
		if bytes.HasPrefix(l, tombstonePrefix) {
			continue
		}
		cut, ok := decodeCut(l, i+2, Version)
		if !ok {
			t.Fatalf("line %d is not taken by the cut: %.120s", i+2, l)
		}
		whole, err := decodeWhole(l, i+2, Version)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cut, whole) {
			t.Fatalf("line %d: the cut gives\n%+v\nthe whole decoding\n%+v", i+2, cut, whole)
		}
		if len(cut.History) > 0 {
			withHistory++
		}
	}
	if withHistory == 0 {
		t.Error("no line with older revisions: the test does not cover the tail's history")
	}

	l := lines[0]
	at := bytes.LastIndex(l, []byte(`,"sha256":"`))
	for name, odd := range map[string][]byte{
		"space after the record": append(append(bytes.Clone(l[:at]), ' '), l[at:]...),
		"a second checksum":      append(append(bytes.Clone(l[:at]), []byte(`,"sha256":"00"`)...), l[at:]...),
		"a second record":        append(bytes.Clone(l[:len(l)-1]), []byte(`,"record":{}}`)...),
		"a second id":            append(bytes.Clone(l[:len(l)-1]), []byte(`,"id":"00000000-0000-0000-0000-000000000000"}`)...),
	} {
		if _, ok := decodeCut(odd, 2, Version); ok {
			t.Errorf("%s: the cut takes the line", name)
		}
	}
}

// FuzzCutLine: whatever line the cut takes, decoding it whole gives the
// same record.
//
//	go test -run '^$' -fuzz FuzzCutLine -fuzztime 30s ./snapshot/
func FuzzCutLine(f *testing.F) {
	for _, l := range bytes.Split(bytes.TrimSpace(seedSnapshot(f)), []byte("\n"))[1:] {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l []byte) {
		cut, ok := decodeCut(l, 2, Version)
		if !ok {
			return
		}
		whole, err := decodeWhole(l, 2, Version)
		if err != nil {
			t.Fatalf("the cut takes a line that decoding it whole refuses (%v): %q", err, l)
		}
		if !reflect.DeepEqual(cut, whole) {
			t.Fatalf("the cut gives\n%+v\nthe whole decoding\n%+v\nof %q", cut, whole, l)
		}
	})
}
