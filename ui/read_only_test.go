package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/store"
)

// TestAReadOnlyDatabaseIsShownNotEdited: a database opened for reading
// only says so in the title and a notice, and shows its records without
// New, Edit or Delete.
func TestAReadOnlyDatabaseIsShownNotEdited(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "vain-luku.db")
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Contact{FirstName: "Aino", LastName: "Mäkinen"}
	if err := db.Services().Contacts.Create(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	u.useDatabase(ro)
	u.Wait()
	if title := u.win.Title(); !strings.Contains(title, "vain luku") {
		t.Fatalf("title %q does not say read-only", title)
	}
	if text := screenText(u); !strings.Contains(text, "avattiin vain lukemista varten") {
		t.Fatalf("no notice:\n%s", text)
	}
	u.closeNoticeKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	if b.newButton.Visible() {
		t.Fatal("New is offered in a read-only database")
	}
	selectTitle(t, u, b, "Aino Mäkinen")
	for _, o := range allObjects(u) {
		if bt, ok := o.(*widget.Button); ok && bt.Visible() && (bt.Text == T("ui.edit") || bt.Text == T("ui.delete")) {
			t.Fatalf("%q is offered in a read-only database", bt.Text)
		}
	}
	b.newRecord()
	if b.editing != nil {
		t.Fatal("a form opened in a read-only database")
	}
}
