package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// The meeting editor's formalities: the day the invitation went out, the
// opening and closing times, when and where the minutes are checked, and
// the warnings the attendance gives about the people the minutes name.

// addFormalities adds the fields of the formalities to the basic facts.
func (e *meetingEditor) addFormalities(m *model.Meeting) {
	e.invited = e.f.entry("invited_on", m.InvitedOn.String())
	e.invited.SetPlaceHolder("p.k.vvvv")
	e.invited.OnChanged = func(s string) { e.readOptionalDate(e.invited, &e.m.InvitedOn, s) }
	e.opened = e.f.entry("opened_at", m.OpenedAt.String())
	e.opened.SetPlaceHolder(T("meetings_ui.same_as_start"))
	e.opened.OnChanged = func(s string) { e.readClock(e.opened, &e.m.OpenedAt, s) }
	e.closed = e.f.entry("closed_at", m.ClosedAt.String())
	e.closed.SetPlaceHolder(T("meetings_ui.same_as_end"))
	e.closed.OnChanged = func(s string) { e.readClock(e.closed, &e.m.ClosedAt, s) }
	e.checkOn = e.f.entry("check_on", m.CheckOn.String())
	e.checkOn.SetPlaceHolder("p.k.vvvv")
	e.checkOn.OnChanged = func(s string) { e.readOptionalDate(e.checkOn, &e.m.CheckOn, s) }
	e.checkPlace = e.f.entry("check_place", m.CheckPlace)
	e.checkPlace.SetPlaceHolder(T("meetings_ui.check_place_hint"))
	e.checkPlace.OnChanged = func(s string) { e.m.CheckPlace = strings.TrimSpace(s); e.changed() }
	if c := m.Checked; !c.IsZero() {
		var names []string
		for _, p := range c.By {
			names = append(names, p.Name)
		}
		e.f.add("checked", widget.NewLabel(c.On.String()+" "+strings.Join(names, ", ")))
	}
}

// readOptionalDate reads a date field that may be left empty.
func (e *meetingEditor) readOptionalDate(en *widget.Entry, d *model.Date, s string) {
	v, err := model.ParseDate(s)
	if err != nil {
		en.SetValidationError(errors.New(messageText(model.Invalid("date", "error.date"))))
		return
	}
	en.SetValidationError(nil)
	*d = v
	e.changed()
}

// rules are the group's meeting rules (the defaults when the group could
// not be read).
func (e *meetingEditor) rules() model.MeetingRules {
	if e.group == nil {
		return model.MeetingRules{}
	}
	return e.group.Rules
}

// fillEnd gives a meeting with a start but no end the group's default
// length, shown in the field as a value, so that the invitation has one.
func (e *meetingEditor) fillEnd() {
	if e.m.End.IsZero() && !e.m.Start.IsZero() && !e.readOnly {
		e.m.End = model.DefaultEnd(e.rules(), e.m.Start)
		e.end.SetText(e.m.End.String())
	}
}

// showWarnings shows what the attendance says about the people the
// minutes name (model.Meeting.Warnings); they do not stop a save.
func (e *meetingEditor) showWarnings() {
	if e.warnings == nil || e.m == nil {
		return
	}
	ws := e.m.Warnings(e.group)
	if len(ws) == 0 {
		e.warnings.Hide()
		return
	}
	lines := make([]string, 0, len(ws))
	for _, w := range ws {
		args := make(map[string]any, len(w.Args))
		for k, v := range w.Args {
			args[k] = v
		}
		lines = append(lines, "⚠ "+T(w.Key, args))
	}
	e.warnings.SetText(strings.Join(lines, "\n"))
	e.warnings.Show()
}

// recheck validates the working copy again while errors are marked, so
// that a mark goes as soon as what it points at is fixed.
func (e *meetingEditor) recheck() {
	if !e.problemsShown {
		return
	}
	c := model.CloneMeeting(e.m)
	c.Normalize()
	err := c.Validate()
	if err == nil {
		e.f.clearErrors()
		e.clearMarks()
		return
	}
	e.showProblems(err)
}

// markAttendance marks the field of an attendance row an error points at
// ("attendance[2].deputy"); it returns whether there was one on screen.
func (e *meetingEditor) markAttendance(p model.FieldPath, fe *model.Error) bool {
	i, ok := p.Index()
	if !ok || e.attend == nil || i >= len(e.attend.rowsShown) {
		return false
	}
	row := e.attend.rowsShown[i]
	var en *widget.Entry
	switch p.Rest().String() {
	case "deputy":
		en = &row.deputy.entry.Entry
	case "arrived_at":
		en = row.arrived
	case "left_at":
		en = row.left
	case "contact", "name":
		return false
	default:
		return false
	}
	e.mark(en, fe)
	return true
}

// mark shows an error at an entry until clearMarks, even at an empty
// entry never focused, which Fyne otherwise leaves unmarked; the
// validator keeps the mark when Fyne validates the entry again on a
// refresh.
func (e *meetingEditor) mark(en *widget.Entry, fe *model.Error) {
	err := errors.New(messageText(fe))
	en.AlwaysShowValidationError = true
	en.Validator = func(string) error { return err }
	en.SetValidationError(err)
	e.marked = append(e.marked, en)
}

// presentNames are the names of those marked present (a deputy for the
// member they stand in for), for the fields that name someone who took
// part: checkers, dissenters, proposers, voters, task owners.
func (e *meetingEditor) presentNames() []string {
	var out []string
	for _, a := range e.m.Present() {
		p := a.Person
		if a.Status == model.AttendanceRepresented && !a.Deputy.IsZero() {
			p = a.Deputy
		}
		if n := strings.TrimSpace(p.Name); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// offerPresent limits a person field's drop-down to those present; a
// name typed by hand is still accepted, and warned about.
func (e *meetingEditor) offerPresent(f *personField) {
	if names := e.presentNames(); len(names) > 0 {
		f.offer(names)
	}
}

// attendanceChanged follows a change of who is present into the fields
// that offer them.
func (e *meetingEditor) attendanceChanged() {
	for _, c := range e.checkers {
		if c != nil {
			e.offerPresent(c)
		}
	}
	if e.agenda != nil && e.agenda.cur != nil {
		e.agenda.cur.offerPresent()
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
