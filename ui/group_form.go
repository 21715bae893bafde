package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// groupPreset fills a new group's project and parent (a group added from
// its project's view).
type groupPreset struct{ project, parent model.ID }

// openNew opens the form of a new group with project and parent filled in.
func (v *groupsView) openNew(project, parent model.ID) {
	v.preset = groupPreset{project, parent}
	defer func() { v.preset = groupPreset{} }()
	v.b.openForm(model.NilID)
}

func (v *groupsView) edit(id model.ID) *form {
	title := T("ui.new_record", map[string]any{"Kind": kindName(model.KindGroup)})
	if !id.IsZero() {
		title = T("ui.edit_record", map[string]any{"Kind": kindName(model.KindGroup)})
	}
	f := newForm(v.u, title)
	g := &model.Group{Type: model.GroupWorking}
	name := f.entry("name", "")
	codes := make([]string, len(model.GroupTypes))
	for i, t := range model.GroupTypes {
		codes[i] = string(t)
	}
	groupType := f.choice("type", "group_type.", codes, string(g.Type))
	typeSelect := f.items["type"].Widget.(*widget.Select)
	project := newRecordPicker(v.u, f, "project", []model.Kind{model.KindProject})
	parent := newRecordPicker(v.u, f, model.RefParent.String(), []model.Kind{model.KindGroup})
	f.items[model.RefParent.String()].Text = T("groups.parent")
	mandate := f.multiline("mandate", "")
	period := newPeriodField(f, "period")
	members := newMembersEditor(v.u, f)
	f.add(model.RefMembers.String(), members.content)
	rules := newRulesFields(f)
	v.lastMembers = members
	markableEntries(f)

	project.set(v.preset.project)
	parent.set(v.preset.parent)
	fill := func(got *model.Group) {
		name.SetText(got.Name)
		typeSelect.ClearSelected()
		for i, c := range codes {
			if c == string(got.Type) {
				typeSelect.SetSelectedIndex(i)
			}
		}
		project.set(got.Project)
		parent.set(got.Parent)
		mandate.SetText(got.Mandate)
		period.set(got.Period)
		members.set(got.Members)
		rules.set(got.Rules)
		f.dirty = false
	}
	if !id.IsZero() {
		background(v.u, func(ctx context.Context, svc model.Services) (*model.Group, error) {
			return svc.Groups.Get(ctx, id)
		}, func(got *model.Group) {
			g = got
			fill(g)
		})
	}
	f.save = func() {
		members.clearErrors()
		period.clearErrors()
		ok := true
		g.Name = strings.TrimSpace(name.Text)
		g.Type = model.GroupType(groupType())
		g.Project = project.id
		g.Parent = parent.id
		g.Mandate = strings.TrimSpace(mandate.Text)
		var okPeriod, okMembers bool
		g.Period, okPeriod = period.get()
		g.Members, okMembers = members.read()
		var okRules bool
		g.Rules, okRules = rules.get()
		ok = okPeriod && okMembers && okRules
		rec := *g
		if !ok {
			// Show the rest of what is wrong too, not only the dates.
			if err := rec.Validate(); err != nil {
				placeGroupErrors(f, members, period, err)
			}
		}
		storeMarked(f, !ok, func(ctx context.Context, svc model.Services) (model.ID, error) {
			var err error
			if rec.ID.IsZero() {
				err = svc.Groups.Create(ctx, &rec)
			} else {
				err = svc.Groups.Update(ctx, &rec)
			}
			if err == nil {
				*g = rec
			}
			return rec.ID, err
		}, func(err error) { placeGroupErrors(f, members, period, err) })
	}
	return f
}

// placeGroupErrors puts a failed save's errors where they belong: a
// member's at their row and, named by the person, at the members item;
// the rest at their fields.
func placeGroupErrors(f *form, members *membersEditor, period *periodField, err error) {
	if model.ErrorCode(err) != model.EINVALID {
		f.showErrors(err)
		return
	}
	var memberTexts []string
	f.placeErrors(err, map[string]fieldPlacer{
		period.field: func(p model.FieldPath, e *model.Error) {
			if e.Field == period.field {
				period.end.SetValidationError(errors.New(messageText(e)))
			}
			f.markField(e.Field, e)
		},
		model.RefMembers.String(): func(p model.FieldPath, e *model.Error) {
			i, inRow := p.Index()
			if !inRow {
				memberTexts = append(memberTexts, errorText(e))
				return
			}
			// Named by the person, not "Jäsen 3": the rows may be scrolled
			// out of sight, and a number says nothing.
			sub := p.Rest().String()
			text := members.rowName(i) + ": " + messageText(e)
			if sub != "" {
				text = members.rowName(i) + " › " + fieldLabel(sub) + ": " + messageText(e)
			}
			memberTexts = append(memberTexts, text)
			{
				members.markRow(i, sub, messageText(e))
				if sub == "term" {
					members.markEnd(i, messageText(e))
				}
			}
		},
	})
	if len(memberTexts) > 0 {
		// Also above the form: the rows may be scrolled out of sight.
		item := f.items[model.RefMembers.String()]
		if prev := strings.TrimSpace(item.HintText); prev != "" {
			memberTexts = append([]string{prev}, memberTexts...)
		}
		item.HintText = strings.Join(memberTexts, "; ")
		f.showProblem(strings.Join(memberTexts, "\n"))
		f.form.Refresh()
	}
}

// storeMarked is form.store for forms that place errors themselves: place
// gets the error of a failed save, and afterwards the form is drawn again
// so that the hints set at its items show (see showHints). With
// hadLocalErrors nothing is saved and only the hints are shown.
func storeMarked(f *form, hadLocalErrors bool, call func(ctx context.Context, svc model.Services) (model.ID, error), place func(error)) {
	if hadLocalErrors {
		showHints(f)
		return
	}
	f.storeWith(call, func(err error) {
		place(err)
		showHints(f)
	})
}

// showHints makes the hints that markField put at the form's items
// visible. Fyne's form makes the line for an item's hint only when the item
// is first drawn, and only for an item that has a hint or a validator then;
// giving the form its items again draws them anew, hint lines included.
func showHints(f *form) {
	items := f.form.Items
	// An item with a hint is wrapped in a box whose layout sizes the
	// widget but does not move it: it must start at the box's corner, not
	// where the form's layout put it before.
	for _, item := range items {
		item.Widget.Move(fyne.NewPos(0, 0))
	}
	f.form.Items = nil
	f.form.Refresh()
	f.form.Items = items
	f.form.Refresh()
	// The rows made anew have no place yet, and the form grew by the
	// hint lines: lay it out again, and its scroll with it.
	size := f.form.Size()
	f.form.Resize(size.AddWidthHeight(0, 1))
	f.form.Resize(size)
	for _, o := range objectsUnder(f.content) {
		if s, ok := o.(*container.Scroll); ok {
			s.Refresh()
		}
	}
}

// markableEntries lets the form's text fields show an error set on them
// (a red border and icon; without a validator Fyne ignores it).
func markableEntries(f *form) {
	for _, item := range f.items {
		if e, ok := entryOf(item.Widget); ok {
			e.AlwaysShowValidationError = true
		}
	}
}

// periodField is a form item with the start and end dates of a period
// side by side, so that an end before the start is marked at the period.
type periodField struct {
	f          *form
	field      string
	start, end *widget.Entry
}

func newPeriodField(f *form, field string) *periodField {
	p := &periodField{f: f, field: field, start: dateEntry(f), end: dateEntry(f)}
	f.add(field, dateRange(p.start, p.end))
	return p
}

// dateEntry is a date typed as d.M.yyyy.
func dateEntry(f *form) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("p.k.vvvv")
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) { f.changed() }
	return e
}

// dateRange shows two date entries as "start – end".
func dateRange(start, end *widget.Entry) fyne.CanvasObject {
	return container.NewHBox(fixedWidth(120, start), widget.NewLabel("–"), fixedWidth(120, end))
}

func (p *periodField) set(per model.Period) {
	p.start.SetText(per.Start.String())
	p.end.SetText(per.End.String())
}

// get returns the period, or marks the item and the date that cannot be
// read.
func (p *periodField) get() (model.Period, bool) {
	start, ok1 := readDate(p.start)
	end, ok2 := readDate(p.end)
	if !ok1 || !ok2 {
		p.f.markField(p.field, model.Invalid(p.field, "error.date"))
		return model.Period{}, false
	}
	return model.Period{Start: start, End: end}, true
}

func (p *periodField) clearErrors() {
	p.start.SetValidationError(nil)
	p.end.SetValidationError(nil)
}

// readDate parses a date entry, marking it when the text is not a date.
func readDate(e *widget.Entry) (model.Date, bool) {
	d, err := model.ParseDate(e.Text)
	if err != nil {
		e.SetValidationError(errors.New(messageText(model.Invalid("", "error.date"))))
		return model.Date{}, false
	}
	return d, true
}

// fixedWidth gives o a width of its own (an entry's minimum is too narrow
// for a date) while keeping its height.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&fixedWidthLayout{width: w}, o)
}

type fixedWidthLayout struct{ width float32 }

func (l *fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
