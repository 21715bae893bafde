package ui

import (
	"context"
	"strings"

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
		if m.Cancelled {
			status.Add(widget.NewButtonWithIcon(T("meetings_ui.uncancel"), theme.ContentUndoIcon(), func() { v.cancel(m.ID, false) }))
			break
		}
		status.Add(widget.NewButtonWithIcon(T("meetings_ui.mark_held"), theme.ConfirmIcon(), func() { v.askStatus(m, model.MeetingHeld) }))
		cancel := widget.NewButtonWithIcon(T("meetings_ui.cancel_meeting"), theme.CancelIcon(), func() { v.askCancel(m.ID) })
		cancel.Importance = widget.LowImportance
		status.Add(cancel)
	case model.MeetingHeld:
		status.Add(widget.NewButtonWithIcon(T("meetings_ui.mark_checked"), theme.ConfirmIcon(), func() { v.askStatus(m, model.MeetingChecked) }))
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

// askStatus asks before marking a meeting held or its minutes checked:
// held fixes the § numbers, and checked minutes are read-only and record
// the checkers as having checked them today.
func (v *meetingsView) askStatus(m *model.Meeting, to model.MeetingStatus) {
	var text string
	switch to {
	case model.MeetingHeld:
		text = T("meetings_ui.confirm_held_text")
	case model.MeetingChecked:
		var names []string
		for _, c := range m.Checkers {
			names = append(names, c.Name)
		}
		who := strings.Join(names, ", ")
		if who == "" {
			who = T("meetings_ui.no_checkers")
		}
		text = T("meetings_ui.confirm_checked_text", map[string]any{"Names": who, "Date": model.Today().String()})
	}
	d := dialog.NewConfirm(T("meetings_ui.status_"+string(to)), text, func(ok bool) {
		if ok {
			v.setStatus(m.ID, to)
		}
	}, v.u.win)
	d.SetConfirmText(T("meetings_ui.confirm_" + string(to)))
	d.SetDismissText(T("ui.cancel"))
	v.lastConfirm = d
	d.Show()
}

// askCancel asks before calling a planned meeting off; its invitation then
// becomes a cancellation.
func (v *meetingsView) askCancel(id model.ID) {
	d := dialog.NewConfirm(T("meetings_ui.cancel_meeting"), T("meetings_ui.cancel_meeting_text"), func(ok bool) {
		if ok {
			v.cancel(id, true)
		}
	}, v.u.win)
	d.SetConfirmText(T("meetings_ui.cancel_meeting"))
	d.SetDismissText(T("ui.cancel"))
	v.lastConfirm = d
	d.Show()
}

func (v *meetingsView) cancel(id model.ID, on bool) {
	v.change(id, func(ctx context.Context, w model.MeetingWork) error { return w.Cancel(ctx, id, on) })
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
