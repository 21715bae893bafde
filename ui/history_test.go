package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
