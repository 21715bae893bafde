package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/store"
)

// TestErasePersonFromTheContactView erases a member of a group from the
// contact's view: the question lists the texts naming them, the database
// is closed for the erasure and opened again, and the contact is gone.
func TestErasePersonFromTheContactView(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	u.cfg.Erase = func(ctx context.Context, path string, id model.ID, opts model.EraseOptions) (model.EraseReport, error) {
		if u.db != nil {
			t.Error("the database is still open while the person is erased")
		}
		return store.ErasePerson(ctx, path, nil, id, opts)
	}
	page, err := u.svc.Contacts.List(ctx(), model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var victim model.Summary
	for _, s := range page.Items {
		if roles, _ := u.svc.Queries.RolesOfContact(ctx(), s.ID); len(roles) > 0 {
			victim = s
			break
		}
	}
	if victim.ID.IsZero() {
		t.Fatal("the example data has no group member")
	}
	selectSection(u, "contacts")
	selectTitle(t, u, browserOf(u, model.KindContact), victim.Title)
	test.Tap(findButton(t, u, T("ui.person.erase")))
	u.Wait()
	if u.lastErase == nil {
		t.Fatal("no question was asked")
	}
	if !strings.Contains(screenText(u), victim.Title) {
		t.Errorf("the question does not name the person:\n%s", screenText(u))
	}
	u.lastErase.dialog.Hide()
	u.erasePerson(victim.ID, model.EraseOptions{ReplaceInTexts: u.lastErase.replace.Checked})
	u.Wait()
	if u.db == nil {
		t.Fatal("the database was not opened again")
	}
	if _, err := u.svc.Contacts.Get(ctx(), victim.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("the erased contact: %v, want ENOTFOUND", err)
	}
	if !strings.Contains(screenText(u), T("ui.person.erased")) {
		t.Errorf("no result shown:\n%s", screenText(u))
	}
}

// TestConfidentialNotesInTheContactForm: ticking the mark and typing the
// ground stores them with the notes, and the view shows the mark.
func TestConfidentialNotesInTheContactForm(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.newRecord()
	f := b.editing
	test.Type(formField(f, "last_name"), "Salainen")
	test.Type(formField(f, "notes"), "Terveystietoja")
	var check *widget.Check
	var ground *widget.Entry
	for _, o := range objects(f.items["notes_confidential"].Widget) {
		switch w := o.(type) {
		case *widget.Check:
			check = w
		case *widget.Entry:
			ground = w
		}
	}
	if check == nil || ground == nil {
		t.Fatal("the form has no confidential mark for the notes")
	}
	test.Tap(check)
	test.Type(ground, "JulkL 24 § 1 mom. 25 k")
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", f.problem.Text)
	}
	got, _ := u.svc.Contacts.List(ctx(), model.Filter{Query: "salainen"})
	if got.Total != 1 {
		t.Fatalf("saved contacts: %d", got.Total)
	}
	c, _ := u.svc.Contacts.Get(ctx(), got.Items[0].ID)
	if c.NotesConfidential == nil || c.NotesConfidential.Ground != "JulkL 24 § 1 mom. 25 k" {
		t.Errorf("notes mark = %+v", c.NotesConfidential)
	}
	if !strings.Contains(screenText(u), "Salassa pidettävä (JulkL 24 § 1 mom. 25 k)") {
		t.Errorf("the view does not show the mark:\n%s", screenText(u))
	}
}
