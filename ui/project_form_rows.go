package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// fundingRow is one funding line being edited.
type fundingRow struct {
	funder                          *recordPicker
	amount, share, start, end, note *widget.Entry
	obj                             fyne.CanvasObject
}

func (pf *projectForm) newFundingRow() *fundingRow {
	f := pf.f
	r := &fundingRow{}
	r.funder = newRecordPicker(pf.u, nil, "", []model.Kind{model.KindOrganisation, model.KindMunicipality})
	r.funder.onChanged = func(model.ID) { f.changed() }
	r.amount = projectRowEntry(f, T("projects.amount_placeholder"))
	r.share = projectRowEntry(f, T("projects.share_placeholder"))
	r.start = projectRowEntry(f, T("projects.date_placeholder"))
	r.end = projectRowEntry(f, T("projects.date_placeholder"))
	r.note = projectRowEntry(f, T("projects.note_placeholder"))
	money := container.NewHBox(projectWidth(r.amount, 150), widget.NewLabel("€"), projectWidth(r.share, 70), widget.NewLabel("%"))
	dates := container.NewHBox(projectWidth(r.start, 115), widget.NewLabel("–"), projectWidth(r.end, 115))
	r.obj = container.NewVBox(
		container.NewBorder(nil, nil, projectLowLabel(fieldLabel("funder")), money, r.funder.box),
		container.NewBorder(nil, nil, dates, nil, r.note),
	)
	return r
}

func (r *fundingRow) blank() bool {
	return r.funder.id.IsZero() && projectAllBlank(r.amount, r.share, r.start, r.end, r.note)
}

func (r *fundingRow) object() fyne.CanvasObject { return r.obj }

// milestoneRow is one milestone being edited: a date, a period, or a
// start without an end ("from 1.1.2018").
type milestoneRow struct {
	kind             *widget.Select
	start, end, desc *widget.Entry
	endBox           *fyne.Container
	done             *widget.Check
	obj              fyne.CanvasObject
}

// The kinds of milestone a row offers.
const (
	milestoneOnDate = iota
	milestoneSpan
	milestoneFrom
)

func (pf *projectForm) newMilestoneRow() *milestoneRow {
	f := pf.f
	r := &milestoneRow{}
	r.start = projectRowEntry(f, T("projects.date_placeholder"))
	r.end = projectRowEntry(f, T("projects.date_placeholder"))
	r.desc = projectRowEntry(f, T("projects.milestone_placeholder"))
	r.done = widget.NewCheck(T("projects.done_check"), func(bool) { f.changed() })
	r.endBox = container.NewHBox(widget.NewLabel("–"), projectWidth(r.end, 115))
	r.kind = newSelect([]string{T("projects.milestone_date"), T("projects.milestone_period"), T("projects.milestone_from")}, nil)
	r.kind.OnChanged = func(string) {
		f.changed()
		r.endBox.Hidden = r.kind.SelectedIndex() != milestoneSpan
		r.endBox.Refresh()
	}
	r.kind.SetSelectedIndex(milestoneOnDate)
	dates := container.NewHBox(projectWidth(r.kind, 130), projectWidth(r.start, 115), r.endBox)
	r.obj = container.NewVBox(r.desc, container.NewBorder(nil, nil, dates, r.done))
	return r
}

// set shows a milestone's period.
func (r *milestoneRow) set(p model.Period) {
	r.start.SetText(p.Start.String())
	switch {
	case p.End == p.Start:
		r.kind.SetSelectedIndex(milestoneOnDate)
	case p.End.IsZero():
		r.kind.SetSelectedIndex(milestoneFrom)
	default:
		r.kind.SetSelectedIndex(milestoneSpan)
		r.end.SetText(p.End.String())
	}
}

func (r *milestoneRow) blank() bool {
	return projectAllBlank(r.start, r.end, r.desc) && !r.done.Checked
}

func (r *milestoneRow) object() fyne.CanvasObject { return r.obj }

// staffRow is one member of staff being edited.
type staffRow struct {
	contact *recordPicker
	role    *widget.SelectEntry
	obj     fyne.CanvasObject
}

func (pf *projectForm) newStaffRow() *staffRow {
	f := pf.f
	r := &staffRow{}
	r.contact = newRecordPicker(pf.u, nil, "", []model.Kind{model.KindContact})
	r.contact.onChanged = func(model.ID) { f.changed() }
	roles := make([]string, len(model.StaffRoles))
	for i, role := range model.StaffRoles {
		roles[i] = T("staff_role." + role)
	}
	r.role = widget.NewSelectEntry(roles)
	r.role.SetPlaceHolder(T("projects.staff_role_placeholder"))
	r.role.OnChanged = func(string) { f.changed() }
	r.obj = container.NewBorder(nil, nil, nil, projectWidth(r.role, 220), r.contact.box)
	return r
}

func (r *staffRow) object() fyne.CanvasObject { return r.obj }

// staffRoleCode turns a role chosen from the list back into its code; a
// role typed by hand is kept as it is.
func staffRoleCode(text string) string {
	for _, code := range model.StaffRoles {
		if strings.EqualFold(text, T("staff_role."+code)) || text == code {
			return code
		}
	}
	return text
}

// projectRow is a row of a list field.
type projectRow interface{ object() fyne.CanvasObject }

// projectRows is a list field: its rows, each with a remove button, and a
// button that adds an empty row.
type projectRows[R projectRow] struct {
	f       *form
	rows    []R
	box     *fyne.Container
	content fyne.CanvasObject
}

func newProjectRows[R projectRow](f *form, addText string, newRow func() R) *projectRows[R] {
	l := &projectRows[R]{f: f, box: container.NewVBox()}
	add := widget.NewButtonWithIcon(addText, theme.ContentAddIcon(), func() {
		l.add(newRow())
		f.changed()
	})
	add.Importance = widget.LowImportance
	add.Alignment = widget.ButtonAlignLeading
	l.content = container.NewVBox(l.box, container.NewHBox(add))
	return l
}

func (l *projectRows[R]) add(r R) {
	l.rows = append(l.rows, r)
	l.rebuild()
}

func (l *projectRows[R]) clear() {
	l.rows = nil
	l.rebuild()
}

func (l *projectRows[R]) rebuild() {
	l.box.RemoveAll()
	for i, r := range l.rows {
		if i > 0 {
			l.box.Add(widget.NewSeparator())
		}
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			l.rows = slices.DeleteFunc(l.rows, func(x R) bool { return any(x) == any(r) })
			l.f.changed()
			l.rebuild()
		})
		remove.Importance = widget.LowImportance
		l.box.Add(container.NewBorder(nil, nil, nil, remove, r.object()))
	}
	l.box.Refresh()
}

// projectRowEntry is a field of a row: marking it turns it red, typing in
// it takes the mark away.
func projectRowEntry(f *form, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) {
		f.changed()
		e.SetValidationError(nil)
	}
	return e
}

// projectWidth gives an object at least a width.
func projectWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(&projectMinWidthLayout{width: width}, o)
}

func projectAllBlank(entries ...*widget.Entry) bool {
	for _, e := range entries {
		if strings.TrimSpace(e.Text) != "" {
			return false
		}
	}
	return true
}
