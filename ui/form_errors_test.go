package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hankekirja/model"
)

// TestAFixedFieldLosesItsError: a refused save marks the field; the
// fields below it do not move when the message appears; typing into the
// field takes its message away, and with it the "check the fields" line.
func TestAFixedFieldLosesItsError(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.newRecord()
	f := b.editing
	if f == nil {
		t.Fatal("no form opened")
	}
	below := f.items["street"].Widget // the field as it is on the canvas
	pos := func() fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(below)
	}
	before := pos()
	if before.Y == 0 {
		t.Fatal("the street field is not found on the canvas")
	}
	test.Type(formField(f, "last_name"), "Ääninen")
	test.Type(formField(f, "emails"), "aino(at)example.com")
	f.submit()
	u.Wait()
	if b.editing != f {
		t.Fatal("the form closed although the save was refused")
	}
	emails := f.items["emails"]
	if strings.TrimSpace(emails.HintText) == "" || !f.problem.Visible() {
		t.Fatalf("no mark at the field (%q) or above the buttons (%v)", emails.HintText, f.problem.Visible())
	}
	if after := pos(); after != before {
		t.Fatalf("the street field moved from %v to %v when the error appeared", before, after)
	}
	test.Type(formField(f, "emails"), "x")
	if strings.TrimSpace(emails.HintText) != "" {
		t.Fatalf("the mark stays after the field changed: %q", emails.HintText)
	}
	if f.problem.Visible() && f.problem.Text == T("ui.check_fields") {
		t.Fatalf("the 'check the fields' line stays: %q", f.problem.Text)
	}
	if after := pos(); after != before {
		t.Fatalf("the street field moved from %v to %v when the error went", before, after)
	}
}
