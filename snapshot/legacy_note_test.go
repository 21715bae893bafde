package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"hankekirja/model"
)

// TestDecodeOldNotes reads a snapshot as versions before note codes wrote
// it: each revision's note an English string, in the record and in its
// history. The notes come back as codes.
func TestDecodeOldNotes(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	c := &model.Contact{LastName: "Aalto"}
	c.Meta = model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: at, Updated: at.Add(time.Hour), Device: model.NewID(),
		Note: model.Notes{model.NewNote(model.NoteRestored), model.NewNote(model.NoteMissingLink, model.NoteArgField, "organisation")}}
	older := model.Meta{ID: c.ID, Rev: model.NewID(), Created: at, Updated: at, Device: c.Device,
		Note: model.Notes{model.NewNote(model.NoteDeleted)}}
	c.ParentRev = older.Rev
	data, err := Encode(&Snapshot{Header: Header{ExportedAt: at, ExportedBy: c.Device, Scope: "all"},
		Records: []Record{{Kind: model.KindContact, Current: c, History: []model.Meta{older}}}})
	if err != nil {
		t.Fatal(err)
	}
	// Write the notes back in the old form and fix the header's checksum.
	head, content, _ := bytes.Cut(data, []byte("\n"))
	for code, text := range map[string]string{
		`[{"code":"restored"},{"code":"missing_link","args":{"Field":"organisation"}}]`: `"restored from trash; removed link to missing organisation"`,
		`[{"code":"deleted"}]`: `"deleted"`,
	} {
		if !bytes.Contains(content, []byte(code)) {
			t.Fatalf("the snapshot does not hold %s:\n%s", code, content)
		}
		content = bytes.ReplaceAll(content, []byte(code), []byte(text))
	}
	var h Header
	if err := json.Unmarshal(head, &h); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	h.Version = 1 // as those versions wrote it
	h.ContentLength, h.SHA256 = int64(len(content)), hex.EncodeToString(sum[:])
	head, _ = json.Marshal(h)
	old := append(append(head, '\n'), content...)

	s, err := Decode(old)
	if err != nil {
		t.Fatalf("an old snapshot does not decode: %v", err)
	}
	r := s.Records[0]
	if got := r.Current.GetMeta().Note; !reflect.DeepEqual(got, c.Note) {
		t.Errorf("current note = %#v, want %#v", got, c.Note)
	}
	if got := r.History[0].Note; !reflect.DeepEqual(got, older.Note) {
		t.Errorf("older note = %#v, want %#v", got, older.Note)
	}
	// Written again it is in the new form.
	again, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := bytes.Cut(data, []byte("\n"))
	if _, got, _ := bytes.Cut(again, []byte("\n")); !bytes.Equal(got, want) {
		t.Errorf("re-encoded:\n%s\nwant:\n%s", got, want)
	}
}
