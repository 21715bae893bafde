package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets"
	"hankekirja/assets/registry"
	"hankekirja/model"
)

// projectForm edits a project. Lists of structured things (municipalities,
// funding lines, milestones, staff) are rows with their own fields and a
// remove button, and an add button under them; goals and links are typed
// one per line, tags separated by commas.
//
// Before saving, the form reads what was typed (marking amounts, shares
// and dates it cannot read) and runs the model's validation, so that each
// error lands on its row and field: "funding[2].amount" turns the amount
// of the third funding row red and says "Rahoitusrivi 3 › Summa: …" under
// the funding list. Nothing is saved while anything is marked.
type projectForm struct {
	u *UI
	f *form
	p *model.Project

	name, shortName, description *widget.Entry
	status                       *widget.Select
	statusValue                  func() string
	startEntry, endEntry         *widget.Entry
	start, end                   func() (model.Date, bool)
	regions                      *regionChooser
	admin, office, parent        *recordPicker
	goals                        *widget.Entry
	munis                        *municipalityPicker
	funding                      *projectRows[*fundingRow]
	milestones                   *projectRows[*milestoneRow]
	staff                        *projectRows[*staffRow]
	tags, links                  *widget.Entry

	// hints are the help texts under the fields, put back before each
	// attempt (the form clears them to show errors).
	hints map[string]string
	// boxes are the list fields, which show their errors in red.
	boxes map[string]*projectFieldBox
	// listErrors collects the messages of each list field.
	listErrors map[string][]string
	// fundingIndex, milestoneIndex and staffIndex map an index of the
	// saved list to its row (blank rows are not saved).
	fundingIndex, milestoneIndex, staffIndex []int
}

func newProjectForm(u *UI, id model.ID) *projectForm {
	kind := kindName(model.KindProject)
	title := T("ui.new_record", map[string]any{"Kind": kind})
	if !id.IsZero() {
		title = T("ui.edit_record", map[string]any{"Kind": kind})
	}
	pf := &projectForm{u: u, f: newForm(u, title), p: &model.Project{Status: model.ProjectPlanned},
		hints: map[string]string{}, boxes: map[string]*projectFieldBox{}}
	f := pf.f
	orgKinds := []model.Kind{model.KindOrganisation, model.KindMunicipality}

	pf.name = pf.entry("name", "projects.hint_name")
	pf.shortName = pf.entry("short_name", "projects.hint_short_name")
	statuses := make([]string, len(model.ProjectStatuses))
	for i, s := range model.ProjectStatuses {
		statuses[i] = string(s)
	}
	pf.statusValue = f.choice("status", "status.", statuses, string(pf.p.Status))
	pf.status = f.items["status"].Widget.(*widget.Select)
	pf.startEntry, pf.start = pf.date("start", "projects.hint_start")
	pf.endEntry, pf.end = pf.date("end", "projects.hint_end")

	pf.regions = newRegionChooser(f)
	pf.box("regions", pf.regions.content, "projects.hint_regions")
	pf.admin = pf.picker("administrator", orgKinds, "projects.hint_administrator")
	pf.office = pf.picker("office", orgKinds, "projects.hint_office")
	pf.parent = pf.picker("parent", []model.Kind{model.KindProject}, "projects.hint_parent")
	pf.description = f.multiline("description", "")
	pf.description.SetMinRowsVisible(4)
	pf.goals = pf.lines("goals", "projects.hint_goals")

	pf.munis = newMunicipalityPicker(f)
	pf.munis.onRegion = pf.regions.add
	pf.box("municipalities", pf.munis.content, "projects.hint_municipalities")
	pf.funding = newProjectRows(f, T("projects.add_funding"), pf.newFundingRow)
	pf.box("funding", pf.funding.content, "projects.hint_funding")
	pf.milestones = newProjectRows(f, T("projects.add_milestone"), pf.newMilestoneRow)
	pf.box("milestones", pf.milestones.content, "projects.hint_milestones")
	pf.staff = newProjectRows(f, T("projects.add_staff"), pf.newStaffRow)
	pf.box("staff", pf.staff.content, "projects.hint_staff")
	pf.tags = pf.entry("tags", "projects.hint_tags")
	pf.links = pf.lines("links", "projects.hint_links")

	if !id.IsZero() {
		background(u, func(ctx context.Context, svc model.Services) (*model.Project, error) {
			return svc.Projects.Get(ctx, id)
		}, pf.fill)
	}
	f.save = pf.save
	return pf
}

// add appends a field with its help text under it. (widget.Form makes
// room for an item's messages only when the item has a hint as it is
// appended, so the hint is set first.)
func (pf *projectForm) add(field string, w fyne.CanvasObject, hintKey string) {
	f := pf.f
	item := widget.NewFormItem(fieldLabel(field), w)
	pf.hints[field] = T(hintKey)
	item.HintText = pf.hints[field]
	f.items[field] = item
	f.form.AppendItem(item)
	if fo, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fo
	}
}

// markableEntry is an entry that turns red when marked.
func (pf *projectForm) markableEntry(multiLine bool) *widget.Entry {
	e := widget.NewEntry()
	if multiLine {
		e = widget.NewMultiLineEntry()
	}
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) { pf.f.changed() }
	return e
}

// entry adds a one-line field.
func (pf *projectForm) entry(field, hintKey string) *widget.Entry {
	e := pf.markableEntry(false)
	pf.add(field, e, hintKey)
	return e
}

// lines adds a field for a list typed one item per line.
func (pf *projectForm) lines(field, hintKey string) *widget.Entry {
	e := pf.markableEntry(true)
	e.Wrapping = fyne.TextWrapOff
	e.SetMinRowsVisible(3)
	pf.add(field, e, hintKey)
	return e
}

// date adds a date field typed as d.M.yyyy; the getter returns the date
// or marks the field.
func (pf *projectForm) date(field, hintKey string) (*widget.Entry, func() (model.Date, bool)) {
	e := pf.entry(field, hintKey)
	e.SetPlaceHolder(T("projects.date_placeholder"))
	return e, func() (model.Date, bool) {
		d, err := model.ParseDate(e.Text)
		if err != nil {
			pf.f.markField(field, model.Invalid(field, "error.date"))
			return model.Date{}, false
		}
		return d, true
	}
}

// box adds a list field.
func (pf *projectForm) box(field string, content fyne.CanvasObject, hintKey string) *projectFieldBox {
	b := newProjectFieldBox(content)
	pf.add(field, b, hintKey)
	pf.boxes[field] = b
	return b
}

// picker adds a field that refers to a record.
func (pf *projectForm) picker(field string, kinds []model.Kind, hint string) *recordPicker {
	p := newRecordPicker(pf.u, nil, field, kinds)
	p.onChanged = func(model.ID) { pf.f.changed() }
	pf.box(field, p.box, hint)
	return p
}

// fill shows a stored project.
func (pf *projectForm) fill(p *model.Project) {
	pf.p = p
	pf.name.SetText(p.Name)
	pf.shortName.SetText(p.ShortName)
	pf.status.SetSelectedIndex(slices.Index(model.ProjectStatuses, p.Status))
	pf.startEntry.SetText(p.Period.Start.String())
	pf.endEntry.SetText(p.Period.End.String())
	pf.regions.set(p.Regions)
	pf.admin.set(p.Administrator)
	pf.office.set(p.Office)
	pf.parent.set(p.Parent)
	pf.description.SetText(p.Description)
	pf.goals.SetText(strings.Join(p.Goals, "\n"))
	pf.munis.set(p.Municipalities)
	pf.funding.clear()
	for _, fl := range p.Funding {
		r := pf.newFundingRow()
		r.funder.set(fl.Funder)
		if fl.Amount != 0 {
			r.amount.SetText(model.FormatCents(fl.Amount))
		}
		if fl.Share != 0 {
			r.share.SetText(percentNumber(fl.Share))
		}
		r.start.SetText(fl.Period.Start.String())
		r.end.SetText(fl.Period.End.String())
		r.note.SetText(fl.Note)
		pf.funding.add(r)
	}
	pf.milestones.clear()
	for _, m := range p.Milestones {
		r := pf.newMilestoneRow()
		r.set(m.Period)
		r.desc.SetText(m.Description)
		r.done.SetChecked(m.Done)
		pf.milestones.add(r)
	}
	pf.staff.clear()
	for _, s := range p.Staff {
		r := pf.newStaffRow()
		r.contact.set(s.Contact)
		r.role.SetText(projectTr("staff_role.", s.Role))
		pf.staff.add(r)
	}
	pf.tags.SetText(strings.Join(p.Tags, ", "))
	pf.links.SetText(projectLinksText(p.Links))
	pf.f.dirty = false
}

// save reads the fields, marks what is wrong, and stores the project when
// nothing is.
func (pf *projectForm) save() {
	f := pf.f
	pf.clearMarks()
	rec := *pf.p
	ok := true
	rec.Name = strings.TrimSpace(pf.name.Text)
	rec.ShortName = strings.TrimSpace(pf.shortName.Text)
	rec.Description = strings.TrimSpace(pf.description.Text)
	rec.Status = model.ProjectStatus(pf.statusValue())
	start, okStart := pf.start()
	end, okEnd := pf.end()
	ok = ok && okStart && okEnd
	rec.Period = model.Period{Start: start, End: end}
	rec.Regions = slices.Clone(pf.regions.codes)
	rec.Administrator, rec.Office, rec.Parent = pf.admin.id, pf.office.id, pf.parent.id
	rec.Goals = splitLines(pf.goals.Text)
	rec.Municipalities = pf.munis.participations()

	rec.Funding, pf.fundingIndex = nil, nil
	for i, r := range pf.funding.rows {
		if r.blank() {
			continue
		}
		field := fmt.Sprintf("funding[%d]", len(rec.Funding))
		line := model.FundingLine{Funder: r.funder.id, Note: strings.TrimSpace(r.note.Text)}
		var err error
		if line.Amount, err = model.ParseCents(r.amount.Text); err != nil {
			ok = false
			pf.markRow(field+".amount", "projects.error_amount", r.amount)
		}
		if line.Share, err = projectParsePercent(r.share.Text); err != nil {
			ok = false
			pf.markRow(field+".share", "projects.error_number", r.share)
		}
		var okDates bool
		if line.Period, okDates = pf.rowPeriod(field+".period", r.start, r.end); !okDates {
			ok = false
		}
		rec.Funding = append(rec.Funding, line)
		pf.fundingIndex = append(pf.fundingIndex, i)
	}

	rec.Milestones, pf.milestoneIndex = nil, nil
	for i, r := range pf.milestones.rows {
		if r.blank() {
			continue
		}
		field := fmt.Sprintf("milestones[%d]", len(rec.Milestones))
		m := model.Milestone{Description: strings.TrimSpace(r.desc.Text), Done: r.done.Checked}
		end := r.end
		if r.kind.SelectedIndex() != milestoneSpan {
			end = nil
		}
		var okDates bool
		if m.Period, okDates = pf.rowPeriod(field+".period", r.start, end); !okDates {
			ok = false
		}
		switch r.kind.SelectedIndex() {
		case milestoneOnDate:
			m.Period.End = m.Period.Start // a day is a period of one day
		case milestoneFrom:
			m.Period.End = model.Date{}
		}
		rec.Milestones = append(rec.Milestones, m)
		pf.milestoneIndex = append(pf.milestoneIndex, i)
	}

	rec.Staff, pf.staffIndex = nil, nil
	for i, r := range pf.staff.rows {
		role := strings.TrimSpace(r.role.Text)
		if r.contact.id.IsZero() && role == "" {
			continue
		}
		rec.Staff = append(rec.Staff, model.StaffMember{Contact: r.contact.id, Role: staffRoleCode(role)})
		pf.staffIndex = append(pf.staffIndex, i)
	}
	rec.Tags = projectSplitTags(pf.tags.Text)
	rec.Links = projectParseLinks(pf.links.Text)

	if ok {
		if err := rec.Validate(); err != nil {
			pf.f.placeErrors(err, pf.placers())
			ok = false
		}
	}
	if !ok {
		f.showProblem(T("projects.fix_fields"))
		return
	}
	p := pf.p
	f.store(false, func(ctx context.Context, svc model.Services) (model.ID, error) {
		var err error
		if rec.ID.IsZero() {
			err = svc.Projects.Create(ctx, &rec)
		} else {
			err = svc.Projects.Update(ctx, &rec)
		}
		if err == nil {
			*p = rec
		}
		return rec.ID, err
	})
}

// rowPeriod reads a row's start and end dates (no end entry: no end),
// marking a date that cannot be read.
func (pf *projectForm) rowPeriod(field string, start, end *widget.Entry) (model.Period, bool) {
	var p model.Period
	var err error
	ok := true
	if p.Start, err = model.ParseDate(start.Text); err != nil {
		ok = false
		pf.markRow(field, "error.date", start)
	}
	if end == nil {
		return p, ok
	}
	if p.End, err = model.ParseDate(end.Text); err != nil {
		ok = false
		pf.markRow(field, "error.date", end)
	}
	return p, ok
}

// markRow marks a field of a row that could not be read.
func (pf *projectForm) markRow(field, key string, e *widget.Entry) {
	err := model.Invalid(field, key)
	e.SetValidationError(errors.New(messageText(err)))
	pf.mark(err)
}

// clearMarks takes away the marks of the previous attempt and puts the
// hints back.
func (pf *projectForm) clearMarks() {
	pf.listErrors = map[string][]string{}
	for field, hint := range pf.hints {
		pf.f.items[field].HintText = hint
	}
	for _, b := range pf.boxes {
		b.setError(nil)
	}
	for _, r := range pf.funding.rows {
		for _, e := range []*widget.Entry{r.amount, r.share, r.start, r.end, r.note} {
			e.SetValidationError(nil)
		}
	}
	for _, r := range pf.milestones.rows {
		for _, e := range []*widget.Entry{r.start, r.end, r.desc} {
			e.SetValidationError(nil)
		}
	}
	pf.f.form.Refresh()
}

// placers are the project form's own placings (see form.placeErrors):
// the project's period is shown at its end date; an error in a list goes
// under the list, naming the row, and turns the row's field red.
func (pf *projectForm) placers() map[string]fieldPlacer {
	out := map[string]fieldPlacer{
		"period": func(p model.FieldPath, e *model.Error) {
			if p.Rest() != nil {
				pf.f.markField(e.Field, e)
				return
			}
			pf.f.markField("end", e)
		},
	}
	for name := range pf.boxes {
		if name != "links" && name != "goals" {
			out[name] = pf.markList
		}
	}
	return out
}

// mark shows one validation error where it belongs (see placers).
func (pf *projectForm) mark(e *model.Error) {
	pf.f.placeErrors(model.ValidationErrors{e}, pf.placers())
}

// markList shows an error of a list box under the list.
func (pf *projectForm) markList(p model.FieldPath, e *model.Error) {
	f := pf.f
	base := p.Head()
	box := pf.boxes[base]
	msg := messageText(e)
	if i, ok := p.Index(); ok {
		msg = assets.FieldLabel(currentLanguage, e.Field) + ": " + msg
		pf.markRowEntry(base, i, p.Rest().String(), e)
	}
	pf.listErrors[base] = append(pf.listErrors[base], msg)
	text := strings.Join(pf.listErrors[base], "\n")
	f.items[base].HintText = strings.Join(pf.listErrors[base], "; ")
	box.setError(errors.New(text))
	f.form.Refresh()
}

// markRowEntry turns the field of a row that an error names red.
func (pf *projectForm) markRowEntry(list string, i int, sub string, e *model.Error) {
	err := errors.New(messageText(e))
	at := func(index []int) int {
		if i < len(index) {
			return index[i]
		}
		return -1
	}
	switch list {
	case "funding":
		if j := at(pf.fundingIndex); j >= 0 {
			r := pf.funding.rows[j]
			switch sub {
			case "amount":
				r.amount.SetValidationError(err)
			case "share":
				r.share.SetValidationError(err)
			case "period":
				r.end.SetValidationError(err)
			}
		}
	case "milestones":
		if j := at(pf.milestoneIndex); j >= 0 {
			r := pf.milestones.rows[j]
			switch {
			case sub == "description":
				r.desc.SetValidationError(err)
			case sub == "period" && e.Key == "error.required":
				r.start.SetValidationError(err)
			case sub == "period":
				r.end.SetValidationError(err)
			}
		}
	}
}

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
	r.kind = widget.NewSelect([]string{T("projects.milestone_date"), T("projects.milestone_period"), T("projects.milestone_from")}, nil)
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

// projectFieldBox holds a list field in the form. It reports its errors
// to the form as a validatable widget does, so the form shows them in red
// under the field.
type projectFieldBox struct {
	widget.BaseWidget
	content   fyne.CanvasObject
	err       error
	onChanged func(error)
}

func newProjectFieldBox(content fyne.CanvasObject) *projectFieldBox {
	b := &projectFieldBox{content: content}
	b.ExtendBaseWidget(b)
	return b
}

func (b *projectFieldBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// Validate returns the error last shown.
func (b *projectFieldBox) Validate() error { return b.err }

// SetOnValidationChanged is how the form listens.
func (b *projectFieldBox) SetOnValidationChanged(fn func(error)) { b.onChanged = fn }

func (b *projectFieldBox) setError(err error) {
	if b.err == nil && err == nil {
		return
	}
	b.err = err
	if b.onChanged != nil {
		b.onChanged(err)
	}
}

// regionChooser picks the project's regions from the registry's regions.
type regionChooser struct {
	f       *form
	codes   []string
	chips   *fyne.Container
	sel     *widget.Select
	content fyne.CanvasObject
}

func newRegionChooser(f *form) *regionChooser {
	rc := &regionChooser{f: f}
	regions := registry.Regions()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = r.Name.In(currentLanguage) + " (" + r.Code + ")"
	}
	rc.sel = widget.NewSelect(names, nil)
	rc.sel.PlaceHolder = T("projects.region_add")
	rc.sel.OnChanged = func(string) {
		i := rc.sel.SelectedIndex()
		if i < 0 {
			return
		}
		rc.sel.ClearSelected()
		rc.add(regions[i].Code)
	}
	rc.chips = container.NewGridWrap(fyne.NewSize(200, widget.NewButtonWithIcon("Åg", theme.CancelIcon(), nil).MinSize().Height))
	rc.content = container.NewVBox(rc.sel, rc.chips)
	return rc
}

// add adds a region unless it is there.
func (rc *regionChooser) add(code string) {
	if slices.Contains(rc.codes, code) {
		return
	}
	rc.codes = append(rc.codes, code)
	rc.f.changed()
	rc.rebuild()
}

func (rc *regionChooser) set(codes []string) {
	rc.codes = slices.Clone(codes)
	rc.rebuild()
}

func (rc *regionChooser) rebuild() {
	rc.chips.RemoveAll()
	for _, code := range rc.codes {
		chip := widget.NewButtonWithIcon(projectRegionName(code), theme.CancelIcon(), func() {
			rc.codes = slices.DeleteFunc(rc.codes, func(c string) bool { return c == code })
			rc.f.changed()
			rc.rebuild()
		})
		chip.IconPlacement = widget.ButtonIconTrailingText
		chip.Alignment = widget.ButtonAlignLeading
		rc.chips.Add(chip)
	}
	if len(rc.codes) == 0 {
		rc.chips.Hide()
	} else {
		rc.chips.Show()
	}
	rc.chips.Refresh()
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

// projectParsePercent reads a share as typed ("50", "33,3", "50 %"). Blank is
// zero.
func projectParsePercent(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("not a number")
	}
	return v, nil
}

// projectSplitTags reads comma-separated tags.
func projectSplitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// projectParseLinks reads links one per line: "Title | https://…", or just the
// address.
func projectParseLinks(s string) []model.Link {
	var out []model.Link
	for _, line := range splitLines(s) {
		var l model.Link
		if i := strings.LastIndex(line, "|"); i >= 0 {
			l.Title, l.URL = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		} else if f := strings.Fields(line); len(f) > 1 && strings.Contains(f[len(f)-1], "://") {
			l.Title, l.URL = strings.Join(f[:len(f)-1], " "), f[len(f)-1]
		} else {
			l.URL = line
		}
		out = append(out, l)
	}
	return out
}

// projectLinksText is the links as the form shows them, one per line.
func projectLinksText(links []model.Link) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = l.URL
		if l.Title != "" {
			lines[i] = l.Title + " | " + l.URL
		}
	}
	return strings.Join(lines, "\n")
}
