package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"hankekirja/model"
)

// FuzzRead feeds arbitrary bytes to Read. It must never panic, every
// refusal must be a *model.Error with a catalogue key, and whatever it
// accepts must encode back to a snapshot that reads the same.
//
// The seed corpus (testdata/fuzz/FuzzRead) runs with every go test; to
// fuzz, briefly:
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 30s ./snapshot/
//
// HANKEKIRJA_WRITE_CORPUS=1 go test -run TestWriteFuzzCorpus ./snapshot/
// rewrites the seeds.
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read(data, "fuzz")
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) || me.Key == "" {
				t.Fatalf("Read error %v is not a *model.Error with a key", err)
			}
			return
		}
		again, err := Encode(s)
		if err != nil {
			t.Fatalf("Encode of what Read accepted: %v", err)
		}
		s2, err := Decode(again)
		if err != nil {
			t.Fatalf("Decode(Encode(Read(x))): %v", err)
		}
		if len(s2.Records) != len(s.Records) {
			t.Fatalf("%d records, then %d", len(s.Records), len(s2.Records))
		}
	})
}

// seedSnapshot is a small snapshot with fixed IDs and times.
func seedSnapshot(t testing.TB) []byte {
	at := time.Date(2026, 11, 23, 9, 7, 0, 0, time.UTC)
	id := func(s string) model.ID { return model.ReferenceID("fuzz", s) }
	org := &model.Organisation{Meta: model.Meta{ID: id("org"), Rev: id("org@1"), Created: at, Updated: at, Device: id("dev")},
		Name: "Keski-Uudenmaan sote", Type: model.OrgJointAuthority}
	aino := &model.Contact{Meta: model.Meta{ID: id("aino"), Rev: id("aino@2"), ParentRev: id("aino@1"), Created: at, Updated: at.Add(time.Hour), Device: id("dev")},
		FirstName: "Aino", LastName: "Virtanen", Organisation: org.ID, Emails: []string{"aino@example.com"}, Phones: []string{"+358401234567"}}
	del := at.Add(2 * time.Hour)
	onni := &model.Contact{Meta: model.Meta{ID: id("onni"), Rev: id("onni@2"), ParentRev: id("onni@1"), Created: at, Updated: del, Device: id("dev"), Deleted: &del, Note: model.Notes{model.NewNote(model.NoteDeleted)}},
		FirstName: "Onni", LastName: "Laine"}
	recs := []Record{
		{Kind: model.KindOrganisation, Current: org},
		{Kind: model.KindContact, Current: aino, History: []model.Meta{{ID: aino.ID, Rev: id("aino@1"), Created: at, Updated: at, Device: id("dev")}}},
		{Kind: model.KindContact, Current: onni, History: []model.Meta{{ID: onni.ID, Rev: id("onni@1"), Created: at, Updated: at, Device: id("dev")}}},
	}
	sortRecords(recs)
	data, err := Encode(&Snapshot{Header: Header{AppVersion: "fuzz", ExportedAt: at, ExportedBy: id("dev"), Scope: ScopeAll}, Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sortRecords(rs []Record) {
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			a, b := rs[i].ID(), rs[j].ID()
			if bytes.Compare(a[:], b[:]) > 0 {
				rs[i], rs[j] = rs[j], rs[i]
			}
		}
	}
}

func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("HANKEKIRJA_WRITE_CORPUS") == "" {
		t.Skip("set HANKEKIRJA_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzRead")
	}
	good := seedSnapshot(t)
	h, lines := splitFile(t, good)
	enc, err := Encrypt(good, "fuzz")
	if err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"valid":       good,
		"truncated":   good[:len(good)/2],
		"checksum":    bytes.Replace(good, []byte("Aino"), []byte("Aina"), 1),
		"duplicate":   rebuild(t, h, append([][]byte{lines[0]}, lines...)),
		"future":      bytes.Replace(good, []byte(`"version":3`), []byte(`"version":4`), 1),
		"header_only": good[:bytes.IndexByte(good, '\n')+1],
		"line_sum":    rebuild(t, h, append([][]byte{bytes.Replace(lines[0], []byte("Keski"), []byte("Etelä"), 1)}, lines[1:]...)),
		"not_utf8":    rebuild(t, h, append([][]byte{bytes.Replace(lines[0], []byte("Keski"), []byte("Kes\xffki"), 1)}, lines[1:]...)),
		"encrypted":   enc,
		"not_json":    []byte(`{"format":"hankekirja-snapshot"` + "\nnot json\n"),
		"csv":         []byte("Etunimi;Sukunimi\nAino;Virtanen\n"),
		"empty":       {},
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeedSnapshotReads keeps the corpus's valid seed valid.
func TestSeedSnapshotReads(t *testing.T) {
	if _, err := Read(seedSnapshot(t), ""); err != nil {
		t.Fatal(err)
	}
}
