package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

func TestWelcomeOnEmptyDatabase(t *testing.T) {
	u := newTestUI(t)
	if !strings.Contains(screenText(u), "Tervetuloa Hankekirjaan") {
		t.Fatalf("no welcome view:\n%s", screenText(u))
	}
	test.Tap(findButton(t, u, "Lataa esimerkkiaineisto"))
	u.Wait()
	b := browserOf(u, model.KindProject)
	if b.total < 5 {
		t.Fatalf("projects after loading the example data: %d", b.total)
	}
}

func TestCreateContactWithValidationError(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.newRecord()
	f := b.editing
	if f == nil {
		t.Fatal("no form opened")
	}
	entry := func(field string) *widget.Entry { return formField(f, field) }
	test.Type(entry("first_name"), "Aino")
	test.Type(entry("last_name"), "Ääninen")
	test.Type(entry("emails"), "aino(at)example.com")
	test.Type(entry("phones"), "040 000 0001")
	if !f.dirty {
		t.Fatal("typing did not mark the form changed")
	}
	f.submit()
	u.Wait()
	if got, want := f.items["emails"].HintText, "ei ole kelvollinen sähköpostiosoite"; !strings.Contains(got, want) {
		t.Fatalf("email hint = %q, want it to contain %q", got, want)
	}
	if b.editing != f {
		t.Fatal("the form closed although saving failed")
	}
	// Nothing typed is lost; fixing the address saves.
	if entry("first_name").Text != "Aino" {
		t.Fatal("the form lost what was typed")
	}
	entry("emails").SetText("aino.aaninen@example.com")
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", f.problem.Text)
	}
	page, _ := u.svc.Contacts.List(ctx(), model.Filter{Query: "ääninen"})
	if page.Total != 1 {
		t.Fatalf("saved contacts: %d", page.Total)
	}
	c, _ := u.svc.Contacts.Get(ctx(), page.Items[0].ID)
	if c.Phones[0] != "+358400000001" {
		t.Fatalf("phone stored as %q", c.Phones[0])
	}
	if !strings.Contains(screenText(u), "040 000 0001") {
		t.Fatalf("detail does not show the phone nationally:\n%s", screenText(u))
	}
}

func TestDeleteAndUndo(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	before := b.total
	// A contact who sits in a group, so that deleting asks about the links.
	title := ""
	for _, s := range loadedItems(b) {
		if roles, _ := u.svc.Queries.RolesOfContact(ctx(), s.ID); len(roles) > 0 {
			title = s.Title
			break
		}
	}
	selectTitle(t, u, b, title)
	test.Tap(findButton(t, u, "Poista"))
	// The confirmation dialog's button.
	test.Tap(findButton(t, u, "Poista"))
	u.Wait()
	// A demo contact sits in groups: the store names them and offers to
	// remove the links.
	test.Tap(findButton(t, u, "Poista linkit ja tietue"))
	u.Wait()
	if b.total != before-1 {
		t.Fatalf("contacts after delete: %d, want %d", b.total, before-1)
	}
	trash, _ := u.svc.Queries.Trash(ctx())
	if len(trash) != 1 || trash[0].Title != title {
		t.Fatalf("trash = %+v", trash)
	}
	test.Tap(u.lastUndo)
	u.Wait()
	if b.total != before {
		t.Fatalf("contacts after undo: %d, want %d", b.total, before)
	}
}

func ctx() context.Context { return context.Background() }

// TestEscapeCancelsFromATextField: Esc typed in a field of a changed form
// asks before throwing the changes away; in an unchanged form it just
// closes it.
func TestEscapeCancelsFromATextField(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.newRecord()
	f := b.editing
	name := f.items["last_name"].Widget.(*formEntry)
	test.Type(name, "Öhman")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.editing != f || !strings.Contains(screenText(u), "Lomakkeella on tallentamattomia muutoksia") {
		t.Fatalf("Esc did not ask about the unsaved changes:\n%s", screenText(u))
	}
	test.Tap(findButton(t, u, "Jatka muokkausta"))
	if formField(f, "last_name").Text != "Öhman" {
		t.Fatal("keeping on editing lost the text")
	}
	b.newRecord() // asks again; discard this time
	test.Tap(findButton(t, u, "Hylkää muutokset"))
	g := b.editing
	if g == nil || g == f {
		t.Fatal("discarding did not open the new form")
	}
	g.items["first_name"].Widget.(*formEntry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.editing != nil {
		t.Fatal("Esc in an unchanged form did not close it")
	}
}
