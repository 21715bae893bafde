package model_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"hankekirja/model"
)

// legacyNotes are notes as older versions stored them, with what they mean.
var legacyNotes = []struct {
	text string
	want model.Notes
}{
	{"", nil},
	{"deleted", model.Notes{model.NewNote(model.NoteDeleted)}},
	{"restored from trash", model.Notes{model.NewNote(model.NoteRestored)}},
	{"restored revision 01a2b3c4-0000-7000-8000-000000000001",
		model.Notes{model.NewNote(model.NoteRestoredRevision, model.NoteArgRev, "01a2b3c4-0000-7000-8000-000000000001")}},
	{"link to Aino Aalto removed", model.Notes{model.NewNote(model.NoteLinkRemoved, model.NoteArgName, "Aino Aalto")}},
	{"reopened: väärä päivämäärä", model.Notes{model.NewNote(model.NoteReopened, model.NoteArgReason, "väärä päivämäärä")}},
	{"merged with revision r1 from device d1", model.Notes{model.NewNote(model.NoteMerged, model.NoteArgRev, "r1", model.NoteArgDevice, "d1")}},
	{"restored from trash: referred to by Ohjausryhmä (snapshot import)",
		model.Notes{model.NewNote(model.NoteRestoredByImport, model.NoteArgName, "Ohjausryhmä")}},
	{"restored from trash; removed link to missing staff; removed link to missing parent", model.Notes{
		model.NewNote(model.NoteRestored),
		model.NewNote(model.NoteMissingLink, model.NoteArgField, "staff"),
		model.NewNote(model.NoteMissingLink, model.NoteArgField, "parent")}},
	{"tuotu käsin", model.Notes{model.NewNote(model.NoteText, model.NoteArgText, "tuotu käsin")}},
}

func TestParseLegacyNotes(t *testing.T) {
	for _, tt := range legacyNotes {
		got := model.ParseLegacyNotes(tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLegacyNotes(%q) = %#v, want %#v", tt.text, got, tt.want)
		}
		// String says a note in the words older versions wrote.
		if s := got.String(); s != tt.text {
			t.Errorf("String of %q = %q", tt.text, s)
		}
	}
}

// TestNoteCodesHaveEnglish: every code says something in English, not just
// its code.
func TestNoteCodesHaveEnglish(t *testing.T) {
	for _, c := range model.NoteCodes() {
		if s := model.NewNote(c).String(); s == string(c) && c != model.NoteDeleted {
			t.Errorf("%s has no English text", c)
		}
	}
}

func TestMetaNoteJSON(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		m := model.Meta{Note: model.Notes{model.NewNote(model.NoteLinkRemoved, model.NoteArgName, "Aino")}}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back model.Meta
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.Note, m.Note) {
			t.Fatalf("%s decodes to %#v", b, back.Note)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		b, _ := json.Marshal(model.Meta{})
		if containsKey(b, "note") {
			t.Fatalf("an ordinary revision writes a note: %s", b)
		}
	})
	// A database or snapshot written by an older version holds the note
	// as an English string.
	t.Run("Legacy", func(t *testing.T) {
		for _, tt := range legacyNotes {
			b, _ := json.Marshal(map[string]string{"note": tt.text})
			var m model.Meta
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if !reflect.DeepEqual(m.Note, tt.want) {
				t.Errorf("%s decodes to %#v, want %#v", b, m.Note, tt.want)
			}
		}
	})
	t.Run("ErrUnknownField", func(t *testing.T) {
		var m model.Meta
		if err := json.Unmarshal([]byte(`{"note":[{"code":"deleted","why":"x"}]}`), &m); err == nil {
			t.Fatal("a note with a field this version does not know was accepted")
		}
	})
}

func containsKey(b []byte, key string) bool {
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	_, ok := m[key]
	return ok
}
