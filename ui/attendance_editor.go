package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// attendanceEditor is the attendance tab: one row a person, prefilled from
// the group's members when the meeting was made, everyone present but the
// deputy members, so that the secretary changes only the exceptions. A row
// says whether the person was present, absent or represented by a deputy (then whom), their
// part (member, expert, other), and the § during which they arrived or
// left. Guests are added from the contacts or by name.
type attendanceEditor struct {
	e       *meetingEditor
	rows    *fyne.Container
	content fyne.CanvasObject
	guest   *widget.Entry
	// rowsShown are the rows' widgets (tests).
	rowsShown []*attendanceRow
}

// attendanceRow is one person's row.
type attendanceRow struct {
	status  *widget.Select
	role    *widget.Select
	deputy  *personField
	arrived *widget.Entry
	left    *widget.Entry
}

// attendanceColumns: name, status, deputy, role, arrived, left.
var attendanceColumns = []float32{0.25, 0.2, 0.22, 0.15, 0.09}

func newAttendanceEditor(e *meetingEditor) *attendanceEditor {
	a := &attendanceEditor{e: e, rows: container.NewVBox()}
	a.fill()
	fromContacts := widget.NewButtonWithIcon(T("meetings_ui.add_guest_contact"), theme.SearchIcon(), func() {
		pickRecord(e.u, []model.Kind{model.KindContact}, func(s model.Summary) {
			a.addPerson(model.Person{Contact: s.ID, Name: s.Title})
		})
	})
	a.guest = widget.NewEntry()
	a.guest.SetPlaceHolder(T("meetings_ui.guest_name"))
	addByName := func() {
		if name := strings.TrimSpace(a.guest.Text); name != "" {
			a.addPerson(model.Person{Name: name})
			a.guest.SetText("")
		}
	}
	a.guest.OnSubmitted = func(string) { addByName() }
	byName := widget.NewButtonWithIcon(T("meetings_ui.add_guest_name"), theme.ContentAddIcon(), addByName)
	tools := container.NewBorder(nil, nil, fromContacts, byName, a.guest)
	var head []fyne.CanvasObject
	for _, k := range []string{"meetings_ui.col_name", "meetings_ui.col_status", "meetings_ui.col_deputy", "meetings_ui.col_role", "meetings_ui.col_arrived", "meetings_ui.col_left"} {
		l := widget.NewLabel(T(k))
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		head = append(head, l)
	}
	header := container.NewBorder(nil, nil, nil, removeButtonSpacer(),
		container.New(&columnsLayout{shares: attendanceColumns}, head...))
	a.content = container.NewBorder(container.NewVBox(tools, widget.NewSeparator(), header), nil, nil, nil,
		container.NewVScroll(a.rows))
	return a
}

// removeButtonSpacer takes the width of a row's remove button in the
// header, so the columns line up.
func removeButtonSpacer() fyne.CanvasObject {
	b := removeButton(func() {})
	b.Hide()
	return container.NewGridWrap(b.MinSize())
}

// addPerson adds a guest row, unless the person is on the list already.
func (a *attendanceEditor) addPerson(p model.Person) {
	m := a.e.m
	if slices.ContainsFunc(m.Attendance, func(x model.Attendee) bool { return x.Person.Same(p) }) {
		return
	}
	m.Attendance = append(m.Attendance, model.Attendee{Person: p, Status: model.AttendancePresent, Role: model.AttendeeGuest})
	a.e.people.addPerson(p)
	a.e.changed()
	a.fill()
}

// fill rebuilds the rows from the working copy.
func (a *attendanceEditor) fill() {
	e := a.e
	a.rows.Objects = nil
	a.rowsShown = nil
	statusLabels := make([]string, len(model.AttendanceStatuses))
	for i, s := range model.AttendanceStatuses {
		statusLabels[i] = T("meetings_ui.attendance_" + string(s))
	}
	roleLabels := make([]string, len(model.AttendeeRoles))
	for i, r := range model.AttendeeRoles {
		roleLabels[i] = T("meetings_ui.attendee_" + string(r))
	}
	for i := range e.m.Attendance {
		at := e.m.Attendance[i]
		row := &attendanceRow{}
		name := widget.NewLabel(at.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		row.status = newSelect(statusLabels, nil)
		if j := slices.Index(model.AttendanceStatuses, at.Status); j >= 0 {
			row.status.SetSelected(statusLabels[j])
		}
		row.deputy = newPersonField(e.people, at.Deputy, func(p model.Person) { e.m.Attendance[i].Deputy = p; e.changed() })
		if len(e.people.deputies) > 0 {
			row.deputy.entry.SetOptions(e.people.deputies)
			row.deputy.entry.SetPlaceHolder(T("meetings_ui.deputy_placeholder"))
		} else {
			// A group without deputy members: the deputy's name is typed.
			row.deputy.entry.SetOptions(nil)
			row.deputy.entry.SetPlaceHolder(T("meetings_ui.deputy_type_name"))
		}
		if at.Status != model.AttendanceRepresented {
			row.deputy.entry.Hide()
		}
		row.status.OnChanged = func(s string) {
			j := slices.Index(statusLabels, s)
			if j < 0 {
				return
			}
			e.m.Attendance[i].Status = model.AttendanceStatuses[j]
			if model.AttendanceStatuses[j] == model.AttendanceRepresented {
				row.deputy.entry.Show()
			} else {
				row.deputy.entry.Hide()
				row.deputy.entry.SetText("")
				e.m.Attendance[i].Deputy = model.Person{}
			}
			e.changed()
			e.attendanceChanged()
		}
		row.role = newSelect(roleLabels, nil)
		if j := slices.Index(model.AttendeeRoles, at.Role); j >= 0 {
			row.role.SetSelectedIndex(j)
		}
		row.role.OnChanged = func(string) {
			if j := row.role.SelectedIndex(); j >= 0 {
				e.m.Attendance[i].Role = model.AttendeeRoles[j]
				e.changed()
			}
		}
		row.arrived = a.itemNumberEntry(at.ArrivedAt, func(n int) { e.m.Attendance[i].ArrivedAt = n })
		row.left = a.itemNumberEntry(at.LeftAt, func(n int) { e.m.Attendance[i].LeftAt = n })
		del := removeButton(func() {
			e.m.Attendance = slices.Delete(e.m.Attendance, i, i+1)
			e.changed()
			a.fill()
		})
		a.rowsShown = append(a.rowsShown, row)
		a.rows.Add(container.NewBorder(nil, nil, nil, del,
			container.New(&columnsLayout{shares: attendanceColumns},
				name, row.status, row.deputy.entry, row.role, row.arrived, row.left)))
	}
	if len(e.m.Attendance) == 0 {
		a.rows.Add(placeholder(T("meetings_ui.no_attendance")))
	}
	a.rows.Refresh()
	if e.readOnly {
		disableAll(a.rows)
	}
}

// itemNumberEntry is a small field for a § number ("" for none).
func (a *attendanceEditor) itemNumberEntry(n int, set func(int)) *widget.Entry {
	en := widget.NewEntry()
	if n != 0 {
		en.SetText(strconv.Itoa(n))
	}
	en.SetPlaceHolder("§")
	en.OnChanged = func(s string) {
		s = strings.TrimSpace(strings.Trim(s, "§ "))
		if s == "" {
			en.SetValidationError(nil)
			set(0)
			a.e.changed()
			return
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			en.SetValidationError(errors.New(messageText(model.Invalid("arrived_at", "error.no_such_item"))))
			return
		}
		en.SetValidationError(nil)
		set(v)
		a.e.changed()
	}
	return en
}
