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

// recordSearch is the dialog that finds a record by typing. Under the
// results it says when nothing matched, suggests the nearest name for a
// misspelling ("Tarkoititko: Tuusula?") and, for the kinds a name is
// enough to create (organisations, contacts), offers to create the record
// that was typed ("Luo uusi: ”Keusote”"), so that a missing
// administrator or employer does not send the user away from the form.
type recordSearch struct {
	u      *UI
	kinds  []model.Kind
	chosen func(model.Summary)

	items      []model.Summary
	generation int
	suggested  model.Summary

	search  *formEntry
	list    *widget.List
	status  *widget.Label
	suggest *widget.Button
	create  *widget.Button
	dlg     dialog.Dialog
}

// pickRecord shows a dialog to find a record of one of kinds by typing;
// chosen is called with the record the user picks (or creates).
func pickRecord(u *UI, kinds []model.Kind, chosen func(model.Summary)) *recordSearch {
	p := &recordSearch{u: u, kinds: kinds, chosen: chosen}
	u.lastPicker = p
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := p.items[i]
			text := summaryTitle(s)
			if s.Subtitle != "" {
				text += " · " + s.Subtitle
			}
			if len(kinds) > 1 {
				text += " (" + kindName(s.Kind) + ")"
			}
			o.(*widget.Label).SetText(text)
		})
	p.search = newFormEntry(false, func() { p.dlg.Hide() })
	p.search.SetPlaceHolder(T("ui.type_to_search"))
	p.search.OnChanged = p.reload
	p.search.OnSubmitted = func(string) { p.pick(0) }
	p.list.OnSelected = func(i widget.ListItemID) { p.pick(i) }

	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	p.suggest = widget.NewButtonWithIcon("", theme.QuestionIcon(), func() {
		if !p.suggested.ID.IsZero() {
			p.dlg.Hide()
			p.chosen(p.suggested)
		}
	})
	p.suggest.Alignment = widget.ButtonAlignLeading
	p.suggest.Hide()
	p.create = widget.NewButtonWithIcon("", theme.ContentAddIcon(), p.createTyped)
	p.create.Alignment = widget.ButtonAlignLeading
	p.create.Hide()

	bottom := container.NewVBox(p.status, p.suggest, p.create)
	content := container.NewBorder(p.search, bottom, nil, nil, p.list)
	p.dlg = dialog.NewCustom(T("ui.choose"), T("ui.cancel"), content, u.win)
	p.dlg.Resize(fyne.NewSize(520, 480))
	p.dlg.Show()
	u.win.Canvas().Focus(p.search)
	p.reload("")
	return p
}

// creatable is the kind the typed name can create, if any.
func (p *recordSearch) creatable() (model.Kind, bool) {
	for _, k := range p.kinds {
		if k == model.KindOrganisation || k == model.KindContact {
			return k, true
		}
	}
	return 0, false
}

// reload lists the records matching q; a newer keystroke wins over an
// older answer.
func (p *recordSearch) reload(q string) {
	p.generation++
	gen := p.generation
	kinds := p.kinds
	background(p.u, func(ctx context.Context, svc model.Services) ([]model.Summary, error) {
		var out []model.Summary
		for _, k := range kinds {
			f := model.Filter{Query: q, Limit: 200}
			if k == model.KindMunicipality {
				f.Facets = []string{"current"}
			}
			page, err := listKind(ctx, svc, k, f)
			if err != nil {
				return nil, err
			}
			out = append(out, page.Items...)
		}
		return out, nil
	}, func(res []model.Summary) {
		if gen != p.generation {
			return
		}
		p.items = res
		p.list.Refresh()
		p.showHelp(q, gen)
	})
}

// showHelp updates the lines under the results for query q.
func (p *recordSearch) showHelp(q string, gen int) {
	q = strings.TrimSpace(q)
	p.suggest.Hide()
	p.suggested = model.Summary{}
	if q != "" && len(p.items) == 0 {
		p.status.SetText(T("picker.no_matches", map[string]any{"Text": q}))
		p.status.Show()
		p.findSuggestion(q, gen)
	} else {
		p.status.Hide()
	}
	kind, ok := p.creatable()
	exact := false
	for _, s := range p.items {
		exact = exact || model.Fold(s.Title) == model.Fold(q)
	}
	if ok && q != "" && !exact {
		p.create.SetText(T("picker.create", map[string]any{"Text": q, "Kind": kindName(kind)}))
		p.create.Show()
	} else {
		p.create.Hide()
	}
}

// findSuggestion looks, in the background, for the name nearest to q
// among the records of the picker's kinds (and, for municipalities, their
// Swedish and former names).
func (p *recordSearch) findSuggestion(q string, gen int) {
	kinds := p.kinds
	background(p.u, func(ctx context.Context, svc model.Services) (model.Summary, error) {
		var best model.Summary
		var names []string
		var items []model.Summary
		for _, k := range kinds {
			if k == model.KindMunicipality {
				if s, ok := closestMunicipality(q); ok {
					sum, err := svc.Queries.Summary(ctx, s.m.ID)
					if err == nil {
						sum.Title = s.label()
						names, items = append(names, s.matched), append(items, sum)
					}
				}
				continue
			}
			page, err := listKind(ctx, svc, k, model.Filter{})
			if err != nil {
				return best, err
			}
			for _, s := range page.Items {
				names, items = append(names, s.Title), append(items, s)
			}
		}
		if i := closestName(q, names); i >= 0 {
			best = items[i]
		}
		return best, nil
	}, func(s model.Summary) {
		if gen != p.generation || s.ID.IsZero() {
			return
		}
		p.suggested = s
		title := s.Title
		if s.Kind != model.KindMunicipality {
			title = summaryTitle(s)
		}
		p.suggest.SetText(T("picker.did_you_mean", map[string]any{"Name": title}))
		p.suggest.Show()
	})
}

// pick closes the dialog with result i.
func (p *recordSearch) pick(i int) {
	if i >= 0 && i < len(p.items) {
		p.dlg.Hide()
		p.chosen(p.items[i])
	}
}

// createTyped creates a record named as typed and picks it: an
// organisation by its name, a contact by first and last name (the last
// word is the last name, as Finns write "Aino Mäkinen").
func (p *recordSearch) createTyped() {
	kind, ok := p.creatable()
	name := strings.Join(strings.Fields(p.search.Text), " ")
	if !ok || name == "" {
		return
	}
	p.dlg.Hide()
	background(p.u, func(ctx context.Context, svc model.Services) (model.Summary, error) {
		var id model.ID
		if kind == model.KindOrganisation {
			o := &model.Organisation{Name: name}
			if err := svc.Organisations.Create(ctx, o); err != nil {
				return model.Summary{}, err
			}
			id = o.ID
		} else {
			c := &model.Contact{LastName: name}
			if i := strings.LastIndex(name, " "); i > 0 {
				c.FirstName, c.LastName = name[:i], name[i+1:]
			}
			if err := svc.Contacts.Create(ctx, c); err != nil {
				return model.Summary{}, err
			}
			id = c.ID
		}
		return svc.Queries.Summary(ctx, id)
	}, func(s model.Summary) {
		p.chosen(s)
		if b := p.u.shell.browsers[kind]; b != nil {
			b.reload() // the new record in its own list too
		}
	})
}
