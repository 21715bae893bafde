package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// meetingEditor edits a stored meeting: its basic facts, the attendance
// and the agenda items with what was decided. The widgets write straight
// into a working copy (m); the autosaver stores copies of it (see
// autosave.go). Checked minutes open read-only.
type meetingEditor struct {
	u *UI
	v *meetingsView
	f *form
	// m is the working copy; stored is the revision last stored, whose
	// values the autosave keeps for fields that cannot be read yet.
	m, stored *model.Meeting
	group     *model.Group
	people    *meetingPeople
	readOnly  bool
	auto      *autosaver
	// salvaged holds the problems the last autosave worked around.
	salvaged error
	// session is the editing session the autosaves belong to (the history
	// keeps one revision per session); an explicit save starts a new one,
	// so that what was explicitly saved is kept.
	session model.ID

	body      *fyne.Container
	heading   *widget.Label
	status    *widget.Label
	tabs      *container.AppTabs
	attend    *attendanceEditor
	agenda    *agendaEditor
	date      *widget.Entry
	start     *widget.Entry
	end       *widget.Entry
	place     *widget.Entry
	link      *widget.Entry
	kind      *widget.Select
	chair     *personField
	secretary *personField
	checkers  [2]*personField
	// The formalities (meeting_formalities.go).
	invited, opened, closed, checkOn, checkPlace *widget.Entry
	warnings                                     *widget.Label
	// marked are the entries carrying a validation error; problemsShown
	// is set while the problems of a save are on screen (recheck).
	marked        []*widget.Entry
	problemsShown bool
	// closing is set while Done waits for the last save.
	closing bool
}

// meetingData is what the editor loads before it can show anything.
type meetingData struct {
	m     *model.Meeting
	group *model.Group
	names map[model.ID]string
}

// loadMeetingData reads a meeting, its group and the names of everyone the
// group or the meeting names.
func loadMeetingData(ctx context.Context, svc model.Services, id model.ID) (meetingData, error) {
	var d meetingData
	var err error
	if d.m, err = svc.Meetings.Get(ctx, id); err != nil {
		return d, err
	}
	d.names = map[model.ID]string{}
	if g, err := svc.Groups.Get(ctx, d.m.Group); err == nil {
		d.group = g
		for _, mb := range g.Members {
			model.ContactNames(ctx, svc.Queries, d.names, mb.Contact)
		}
	}
	d.m.EachPerson(func(p *model.Person) { model.ContactNames(ctx, svc.Queries, d.names, p.Contact) })
	return d, nil
}

// newMeetingEditor opens the editor of meeting id. Its form is returned at
// once; the content appears when the meeting has loaded.
func newMeetingEditor(u *UI, v *meetingsView, id model.ID) *meetingEditor {
	e := &meetingEditor{u: u, v: v, session: model.NewID()}
	e.f = newForm(u, T("ui.edit_record", map[string]any{"Kind": kindName(model.KindMeeting)}))
	e.body = container.NewStack(placeholder(T("meetings_ui.loading")))
	e.f.content = e.body
	e.f.save = e.saveNow
	background(u, func(ctx context.Context, svc model.Services) (meetingData, error) {
		return loadMeetingData(ctx, svc, id)
	}, e.build)
	return e
}

// build shows the loaded meeting.
func (e *meetingEditor) build(d meetingData) {
	e.m = d.m
	e.stored = model.CloneMeeting(d.m)
	e.group = d.group
	e.readOnly = d.m.Status == model.MeetingChecked
	e.people = newMeetingPeople(d.group, d.m, d.names)
	if !e.readOnly {
		e.auto = newAutosaver(e.u, e.autosave)
		e.f.keep = e.keep
	}

	// Basic facts: the form frame's own fields, so that errors find them.
	e.date = e.f.entry("date", d.m.Date.String())
	e.date.SetPlaceHolder("p.k.vvvv")
	e.date.OnChanged = func(s string) { e.readDate(s) }
	e.start = e.f.entry("start_time", d.m.Start.String())
	e.start.SetPlaceHolder("9.00")
	e.end = e.f.entry("end_time", d.m.End.String())
	e.end.SetPlaceHolder(T("meetings_ui.end_from_duration"))
	e.end.OnChanged = func(s string) { e.readClock(e.end, &e.m.End, s) }
	e.start.OnChanged = func(s string) {
		e.readClock(e.start, &e.m.Start, s)
		e.fillEnd()
	}
	e.place = e.f.entry("place", d.m.Place)
	e.place.OnChanged = func(s string) { e.m.Place = s; e.changed() }
	e.link = e.f.entry("link", d.m.Link)
	e.link.SetPlaceHolder("https://…")
	e.link.OnChanged = func(s string) { e.m.Link = strings.TrimSpace(s); e.changed() }
	typeLabels := make([]string, len(model.MeetingTypes))
	for i, t := range model.MeetingTypes {
		typeLabels[i] = T("meetings_ui.type_" + string(t))
	}
	e.kind = newSelect(typeLabels, nil)
	if i := slices.Index(model.MeetingTypes, d.m.Type); i >= 0 {
		e.kind.SetSelectedIndex(i)
	}
	e.kind.OnChanged = func(string) {
		if i := e.kind.SelectedIndex(); i >= 0 {
			e.m.Type = model.MeetingTypes[i]
			e.changed()
		}
	}
	e.f.add("type", e.kind)
	statusLabel := widget.NewLabel(T("meetings_ui.status_" + string(d.m.Status)))
	e.f.add("status", statusLabel)
	e.chair = newPersonField(e.people, d.m.Chair, func(p model.Person) { e.m.Chair = p; e.changed() })
	e.f.add("chair", e.chair.entry)
	e.secretary = newPersonField(e.people, d.m.Secretary, func(p model.Person) { e.m.Secretary = p; e.changed() })
	e.f.add("secretary", e.secretary.entry)
	// The chair and the secretary come from the group's roles (anyone can
	// still be typed, for a meeting chaired by someone else).
	if names := e.people.withRoles(model.RoleChair, model.RoleViceChair); len(names) > 0 {
		e.chair.offer(names)
	}
	if names := e.people.withRoles(model.RoleSecretary); len(names) > 0 {
		e.secretary.offer(names)
	}
	for i := range e.checkers {
		var p model.Person
		if i < len(d.m.Checkers) {
			p = d.m.Checkers[i]
		}
		e.checkers[i] = newPersonField(e.people, p, func(model.Person) { e.readCheckers() })
	}
	e.f.add("checkers", container.NewGridWithColumns(2, e.checkers[0].entry, e.checkers[1].entry))
	e.addFormalities(d.m)
	e.fillEnd()
	e.f.dirty = false

	e.attend = newAttendanceEditor(e)
	e.agenda = newAgendaEditor(e)
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("meetings_ui.tab_basics"), theme.InfoIcon(), container.NewVScroll(e.f.form)),
		container.NewTabItemWithIcon(T("meetings_ui.tab_attendance"), theme.AccountIcon(), e.attend.content),
		container.NewTabItemWithIcon(T("meetings_ui.tab_agenda"), theme.ListIcon(), e.agenda.content),
	)
	e.tabs.SelectIndex(2)

	e.heading = widget.NewLabelWithStyle(d.m.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.heading.Truncation = fyne.TextTruncateEllipsis
	e.status = widget.NewLabel("")
	e.status.Importance = widget.LowImportance
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.warnings = widget.NewLabel("")
	e.warnings.Importance = widget.WarningImportance
	e.warnings.Wrapping = fyne.TextWrapWord
	e.warnings.Hide()
	var buttons fyne.CanvasObject
	if e.readOnly {
		e.status.SetText(T("meetings_ui.read_only_note"))
		closeButton := widget.NewButtonWithIcon(T("ui.close"), theme.CancelIcon(), func() { e.f.cancel() })
		buttons = closeButton
		disableAll(e.tabs)
	} else {
		e.status.SetText(T("meetings_ui.autosave_on"))
		save := widget.NewButtonWithIcon(T("ui.save"), theme.DocumentSaveIcon(), e.f.submit)
		done := widget.NewButtonWithIcon(T("meetings_ui.done"), theme.ConfirmIcon(), e.done)
		done.Importance = widget.HighImportance
		buttons = container.NewHBox(save, done)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, buttons, container.NewVBox(e.heading, e.status)),
		e.f.problem, e.warnings)
	e.body.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, e.tabs)}
	e.body.Refresh()
	e.attendanceChanged()
	e.showWarnings()
	if !e.readOnly {
		e.agenda.focus()
	}
}

// changed notes an edit: the form is dirty and the autosave is armed.
func (e *meetingEditor) changed() {
	if e.readOnly || e.auto == nil {
		return
	}
	e.f.dirty = true
	e.auto.changed()
	e.recheck()
	e.showWarnings()
}

func (e *meetingEditor) readDate(s string) {
	d, err := model.ParseDate(s)
	if err != nil || d.IsZero() {
		e.date.SetValidationError(errors.New(messageText(model.Invalid("date", "error.date"))))
		return
	}
	e.date.SetValidationError(nil)
	e.m.Date = d
	e.changed()
}

func (e *meetingEditor) readClock(en *widget.Entry, c *model.Clock, s string) {
	v, err := model.ParseClock(s)
	if err != nil {
		en.SetValidationError(errors.New(messageText(model.Invalid("start_time", "error.clock"))))
		return
	}
	en.SetValidationError(nil)
	*c = v
	e.changed()
}

func (e *meetingEditor) readCheckers() {
	var out []model.Person
	for _, c := range e.checkers {
		if p := c.person(); !p.IsZero() {
			out = append(out, p)
		}
	}
	e.m.Checkers = out
	e.changed()
}

// setTaskDone marks a task of the open minutes done or open again, as
// the tasks view asks, through the working copy so that the autosave does
// not overwrite it.
func (e *meetingEditor) setTaskDone(item, task int, on bool) bool {
	if e.m == nil || e.readOnly || item >= len(e.m.Items) || task >= len(e.m.Items[item].Tasks) {
		return false
	}
	tk := &e.m.Items[item].Tasks[task]
	if on {
		tk.Status, tk.DoneOn = model.TaskDone, model.Today()
	} else {
		tk.Status, tk.DoneOn = model.TaskOpen, model.Date{}
	}
	if e.agenda.cur != nil && e.agenda.cur.index == item {
		e.agenda.cur.fillTasks()
	}
	e.changed()
	return true
}

// keep is the form's hook when the user leaves the editor: store what is
// unsaved, then go on.
func (e *meetingEditor) keep(proceed func()) {
	e.auto.flush(func(ok bool) {
		if ok {
			e.auto.stop()
			proceed()
			return
		}
		d := dialog.NewConfirm(T("meetings_ui.save_failed_title"), T("meetings_ui.save_failed_question"), func(leave bool) {
			if leave {
				e.auto.stop()
				proceed()
			}
		}, e.u.win)
		d.SetConfirmText(T("meetings_ui.leave_anyway"))
		d.SetDismissText(T("ui.keep_editing"))
		d.Show()
	})
}

// saveNow stores the meeting at once and stays in the editor (Save, Ctrl+S).
func (e *meetingEditor) saveNow() {
	if e.auto == nil {
		return
	}
	e.auto.flush(func(ok bool) {
		if ok {
			e.session = model.NewID()
			// Show what still keeps the minutes incomplete, if anything.
			e.showProblems(e.salvaged)
		}
	})
}

// done stores the meeting and closes the editor; incomplete minutes keep
// it open with the problems marked.
func (e *meetingEditor) done() {
	e.closing = true
	e.auto.flush(func(ok bool) {
		e.closing = false
		if !ok {
			return
		}
		if e.salvaged != nil {
			e.showProblems(e.salvaged)
			return
		}
		e.auto.stop()
		e.f.dirty = false
		if e.f.onDone != nil {
			e.f.onDone(e.m.ID)
		}
	})
}

// autosave is the autosaver's save: it stores a copy of the working copy in
// the background and brings the new revision's metadata and numbers back.
func (e *meetingEditor) autosave(finished func(ok bool)) {
	snapshot := model.CloneMeeting(e.m)
	stored := model.CloneMeeting(e.stored)
	untitled := T("meetings_ui.untitled_item")
	session := e.session
	var res model.MeetingSave
	backgroundErr(e.u, func(ctx context.Context, svc model.Services) error {
		var err error
		res, err = model.NewMeetingWork(svc).Save(model.WithEditSession(ctx, session), snapshot, stored, untitled)
		return err
	}, func(err error) {
		if err != nil {
			e.status.SetText(T("meetings_ui.autosave_failed", map[string]any{"Detail": errorText(err)}))
			e.u.showError(err)
			finished(false)
			return
		}
		e.applySaved(res)
		finished(true)
	})
}

// applySaved takes a stored revision's metadata and numbers into the
// working copy.
func (e *meetingEditor) applySaved(res model.MeetingSave) {
	e.m.Meta = res.Saved.Meta
	e.m.Number, e.m.Year = res.Saved.Number, res.Saved.Year
	if res.Salvaged == nil && len(res.Saved.Items) == len(e.m.Items) {
		for i := range e.m.Items {
			e.m.Items[i].Number = res.Saved.Items[i].Number
		}
	} else if res.Salvaged != nil {
		// The salvaged copy may have dropped blank rows: match by position
		// only what is certain, the item count.
		if len(res.Saved.Items) == len(e.m.Items) {
			for i := range e.m.Items {
				e.m.Items[i].Number = res.Saved.Items[i].Number
			}
		}
	}
	e.stored = res.Saved
	e.salvaged = res.Salvaged
	e.heading.SetText(e.m.Title())
	if !e.auto.dirty() {
		e.f.dirty = false
	}
	when := time.Now().Format("15.04.05")
	if res.Salvaged != nil {
		e.status.SetText(T("meetings_ui.autosaved_incomplete", map[string]any{"When": when}))
	} else {
		e.status.SetText(T("meetings_ui.autosaved", map[string]any{"When": when}))
		e.clearMarks()
	}
	e.agenda.numbersChanged()
}

// showProblems marks what keeps the minutes from being complete.
func (e *meetingEditor) showProblems(err error) {
	e.f.clearErrors()
	e.clearMarks()
	if err == nil {
		return
	}
	e.problemsShown = true
	e.f.placeErrors(err, map[string]fieldPlacer{
		"items": func(p model.FieldPath, fe *model.Error) {
			if en := e.agenda.entryFor(fe.Field); en != nil {
				e.mark(en, fe)
			}
			e.f.aboveIfInRow(p, fe)
		},
		"attendance": func(p model.FieldPath, fe *model.Error) {
			e.markAttendance(p, fe)
			e.f.aboveIfInRow(p, fe)
		},
	})
}

func (e *meetingEditor) clearMarks() {
	for _, en := range e.marked {
		en.Validator = nil
		en.SetValidationError(nil)
	}
	e.marked = nil
	e.problemsShown = false
	e.f.problem.Hide()
}

// disableAll disables every widget under o that can be disabled (checked
// minutes are read-only on screen too).
func disableAll(o fyne.CanvasObject) {
	switch w := o.(type) {
	case *container.AppTabs:
		for _, t := range w.Items {
			disableAll(t.Content)
		}
		return
	case *fyne.Container:
		for _, c := range w.Objects {
			disableAll(c)
		}
		return
	case *container.Scroll:
		disableAll(w.Content)
		return
	case *container.Split:
		disableAll(w.Leading)
		disableAll(w.Trailing)
		return
	case *widget.Form:
		for _, it := range w.Items {
			disableAll(it.Widget)
		}
		return
	case *widget.List, *widget.Hyperlink:
		return // lists and links only navigate
	}
	if d, ok := o.(fyne.Disableable); ok {
		d.Disable()
	}
}
