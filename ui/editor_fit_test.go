package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// TestEditorFitsALaptopScreen: at 1366×768 every button of the meeting
// editor and of its agenda item, with a dissent, a task and a vote, lies
// inside the window, and the names and the due date of a task show in
// full.
func TestEditorFitsALaptopScreen(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	u.win.Resize(fyne.NewSize(1366, 768))
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	ie := e.agenda.cur
	it := ie.item()
	kalle := fx.contacts["Kalle"]
	it.Tasks = append(it.Tasks, model.Task{Description: "Selvitetään palveluverkon vaihtoehdot",
		Owner: model.Person{Contact: kalle.ID, Name: "Kalle Testinen"}, Due: model.MustDate(2019, 12, 31)})
	it.Dissents = append(it.Dissents, model.Dissent{By: model.Person{Contact: kalle.ID, Name: "Kalle Testinen"}, Text: "Vastustan."})
	ie.fillDissents()
	ie.fillTasks()
	ie.voting.voteOn.SetChecked(true)
	u.win.Resize(fyne.NewSize(1366, 768))
	u.win.Content().Refresh()
	width := u.win.Canvas().Size().Width
	d := fyne.CurrentApp().Driver()
	for _, o := range objects(u.win.Content()) {
		b, ok := o.(*widget.Button)
		if !ok || !b.Visible() {
			continue
		}
		if right := d.AbsolutePositionForObject(b).X + b.Size().Width; right > width+1 {
			t.Errorf("button %q ends at %.0f, beyond the window's %.0f", b.Text, right, width)
		}
	}
	// The owner's name, the due date and the dissenter's name show in full
	// (a long description scrolls in its field, as any one-line entry).
	full := func(what string, en *widget.Entry) {
		t.Helper()
		if need := fyne.MeasureText(en.Text, theme.TextSize(), en.TextStyle).Width + 2*theme.InnerPadding(); en.Size().Width < need {
			t.Errorf("%s %q is %.0f wide, needs %.0f", what, en.Text, en.Size().Width, need)
		}
	}
	for _, o := range objects(ie.tasks) {
		switch en := o.(type) {
		case *widget.SelectEntry:
			full("task owner", &en.Entry)
		case *widget.Entry:
			if en.Text == "31.12.2019" {
				full("due date", en)
			}
		}
	}
	for _, o := range objects(ie.dissents) {
		if en, ok := o.(*widget.SelectEntry); ok {
			full("dissenter", &en.Entry)
		}
	}
}
