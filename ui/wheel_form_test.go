package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hankekirja/model"
)

// TestWheelOverAFieldScrollsTheForm: the wheel with the pointer over a
// text field of a long form scrolls the form, as it does between fields.
func TestWheelOverAFieldScrollsTheForm(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1000, 400)) // the contact form is longer than this
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.newRecord()
	f := b.editing
	if f == nil {
		t.Fatal("no form opened")
	}
	field := f.items["last_name"].Widget // the field as it is on the canvas
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(field).Add(fyne.NewPos(20, 10))
	before := f.scroll.Offset.Y
	test.Scroll(u.win.Canvas(), pos, 0, -200)
	if f.scroll.Offset.Y <= before {
		t.Fatalf("the wheel over a field left the form at %v (was %v)", f.scroll.Offset.Y, before)
	}
}
