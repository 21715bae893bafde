package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// actions adds the meeting's buttons: edit, delete and history; the status
// changes its status allows; a new meeting of the group; the exports.
func (v *meetingsView) actions(d *details, m *model.Meeting) {
	checked := m.Status == model.MeetingChecked
	row := container.NewHBox()
	if !checked {
		edit := widget.NewButtonWithIcon(T("meetings_ui.write_minutes"), theme.DocumentCreateIcon(), func() { v.b.editRecord(m.ID) })
		edit.Importance = widget.HighImportance
		row.Add(edit)
		row.Add(widget.NewButtonWithIcon(T("ui.delete"), theme.DeleteIcon(), func() { deleteRecord(v.u, model.KindMeeting, m) }))
	}
	row.Add(widget.NewButtonWithIcon(T("ui.history"), theme.HistoryIcon(), func() { showHistory(v.u, model.KindMeeting, m.ID) }))
	row.Add(widget.NewButtonWithIcon(T("meetings_ui.next_meeting"), theme.ContentAddIcon(), func() { v.u.newMeeting(m.Group) }))
	row.Add(meetingExports(v, m))
	d.top.Add(row)

	status := container.NewHBox()
	switch m.Status {
	case model.MeetingPlanned:
		status.Add(widget.NewButtonWithIcon(T("meetings_ui.mark_held"), theme.ConfirmIcon(), func() { v.setStatus(m.ID, model.MeetingHeld) }))
	case model.MeetingHeld:
		status.Add(widget.NewButtonWithIcon(T("meetings_ui.mark_checked"), theme.ConfirmIcon(), func() { v.setStatus(m.ID, model.MeetingChecked) }))
		if len(m.Reopenings) == 0 {
			// Minutes once checked keep their § numbers, which a planned
			// meeting's would not.
			back := widget.NewButtonWithIcon(T("meetings_ui.mark_planned"), theme.ContentUndoIcon(), func() { v.setStatus(m.ID, model.MeetingPlanned) })
			back.Importance = widget.LowImportance
			status.Add(back)
		}
	case model.MeetingChecked:
		status.Add(widget.NewButtonWithIcon(T("meetings_ui.reopen"), theme.ContentUndoIcon(), func() { v.askReopen(m.ID) }))
		l := widget.NewLabel(T("meetings_ui.read_only_note"))
		l.Importance = widget.LowImportance
		status.Add(l)
	}
	d.top.Add(status)
}

// setStatus moves a meeting to another status (checked minutes refuse
// everything but a reopening, and the model says why).
func (v *meetingsView) setStatus(id model.ID, to model.MeetingStatus) {
	v.change(id, func(ctx context.Context, w model.MeetingWork) error { return w.SetStatus(ctx, id, to) })
}

// change runs one meeting use case off Fyne's thread, then shows the
// meeting again.
func (v *meetingsView) change(id model.ID, do func(ctx context.Context, w model.MeetingWork) error) {
	backgroundErr(v.u, func(ctx context.Context, svc model.Services) error {
		return do(ctx, model.NewMeetingWork(svc))
	}, func(err error) {
		if err != nil {
			v.u.showError(err)
			return
		}
		v.b.reload()
		v.b.show(id)
	})
}

// askReopen asks why checked minutes must be corrected and reopens them;
// the reason stays in the minutes' corrections and in their history.
func (v *meetingsView) askReopen(id model.ID) {
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.SetPlaceHolder(T("meetings_ui.reopen_reason"))
	v.lastReopen = reason
	content := container.NewVBox(wrapped(T("meetings_ui.reopen_text")), reason)
	d := dialog.NewCustomConfirm(T("meetings_ui.reopen_title"), T("meetings_ui.reopen_confirm"), T("ui.cancel"), content, func(ok bool) {
		if ok {
			v.reopen(id, reason.Text)
		}
	}, v.u.win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
	v.u.win.Canvas().Focus(reason)
}

func (v *meetingsView) reopen(id model.ID, reason string) {
	v.change(id, func(ctx context.Context, w model.MeetingWork) error { return w.Reopen(ctx, id, reason) })
}

// edit opens the minutes of meeting id, or for a zero id the form that
// starts a new meeting from a group.
func (v *meetingsView) edit(id model.ID) *form {
	if id.IsZero() {
		return v.newMeetingForm()
	}
	e := newMeetingEditor(v.u, v, id)
	v.lastEditor = e
	return e.f
}
