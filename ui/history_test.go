package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hankekirja/assets"
	"hankekirja/model"
)

// TestRestoreOldRevision edits a contact twice and brings the first
// version back through the History dialog.
func TestRestoreOldRevision(t *testing.T) {
	u := newTestUI(t)
	c := &model.Contact{FirstName: "Aino", LastName: "Aalto", JobTitle: "valmistelija"}
	if err := u.svc.Contacts.Create(ctx(), c); err != nil {
		t.Fatal(err)
	}
	c.JobTitle = "projektipäällikkö"
	if err := u.svc.Contacts.Update(ctx(), c); err != nil {
		t.Fatal(err)
	}
	u.navigate(model.KindContact, c.ID)
	u.Wait()
	test.Tap(findButton(t, u, "Historia"))
	u.Wait()
	h := u.lastHistory
	if h == nil || len(h.revs) != 2 {
		t.Fatalf("history dialog with %v revisions", h)
	}
	if text := screenText(u); !strings.Contains(text, "Muutettu: Otsikko") || !strings.Contains(text, "nykyinen") {
		t.Fatalf("the history does not say what changed:\n%s", text)
	}
	h.list.Select(1) // the first version
	test.Tap(h.restore)
	u.Wait()
	got, _ := u.svc.Contacts.Get(ctx(), c.ID)
	if got.JobTitle != "valmistelija" {
		t.Fatalf("title after restoring = %q", got.JobTitle)
	}
	hist, _ := u.svc.Contacts.History(ctx(), c.ID)
	if len(hist) != 3 {
		t.Fatalf("restoring should add a revision, history has %d", len(hist))
	}
	if !strings.Contains(screenText(u), "valmistelija") {
		t.Fatalf("the detail does not show the restored version:\n%s", screenText(u))
	}
}

// TestEveryNoteCodeIsTranslated: the history says every revision note in
// each language; a code added to model without its "ui.note_<code>"
// message fails here.
func TestEveryNoteCodeIsTranslated(t *testing.T) {
	for _, l := range assets.Languages {
		cat, err := assets.Catalogue(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range model.NoteCodes() {
			if _, ok := cat[noteKey(c)]; !ok {
				t.Errorf("%s catalogue lacks %q", l, noteKey(c))
			}
		}
	}
}

// TestNoteTextFromCodes says notes given as codes, as the store writes
// them now, in Finnish.
func TestNoteTextFromCodes(t *testing.T) {
	newTestUI(t) // speaks Finnish
	notes := model.Notes{
		model.NewNote(model.NoteRestoredByImport, model.NoteArgName, "Ohjausryhmä"),
		model.NewNote(model.NoteMissingLink, model.NoteArgField, model.RefStaff.String()),
		{Code: "from_a_newer_version"},
	}
	want := "palautettu roskakorista, koska tuodussa aineistossa siihen viittaa Ohjausryhmä; " +
		"poistettu linkki, jonka kohdetta ei enää ole (Henkilöstö); from_a_newer_version"
	if got := noteText(notes); got != want {
		t.Errorf("noteText = %q, want %q", got, want)
	}
}
