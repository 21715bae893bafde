package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

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
	if f.hints == nil {
		f.hints = map[*widget.FormItem]string{}
	}
	f.hints[item] = pf.hints[field]
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
