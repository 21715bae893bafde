package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// recordPicker is a form field that refers to another record: it shows the
// chosen record's name, a button to choose one by typing part of its name,
// and a button to clear it.
type recordPicker struct {
	u     *UI
	kinds []model.Kind
	id    model.ID
	label *widget.Label
	box   fyne.CanvasObject
	// onChanged is called after the user picks or clears.
	onChanged func(model.ID)
}

func newRecordPicker(u *UI, f *form, field string, kinds []model.Kind) *recordPicker {
	p := &recordPicker{u: u, kinds: kinds}
	p.label = widget.NewLabel(T("ui.none"))
	p.label.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		pickRecord(u, kinds, func(s model.Summary) {
			p.id = s.ID
			p.label.SetText(summaryTitle(s))
			if f != nil {
				f.changed()
			}
			if p.onChanged != nil {
				p.onChanged(s.ID)
			}
		})
	})
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		p.id = model.NilID
		p.label.SetText(T("ui.none"))
		if f != nil {
			f.changed()
		}
		if p.onChanged != nil {
			p.onChanged(model.NilID)
		}
	})
	p.box = container.NewBorder(nil, nil, nil, container.NewHBox(choose, clear), p.label)
	if f != nil {
		f.add(field, p.box)
	}
	return p
}

// set shows the record id (looking its name up in the background).
func (p *recordPicker) set(id model.ID) {
	p.id = id
	if id.IsZero() {
		p.label.SetText(T("ui.none"))
		return
	}
	background(p.u, func(ctx context.Context, svc model.Services) (model.Summary, error) {
		return svc.Queries.Summary(ctx, id)
	}, func(s model.Summary) {
		if p.id == id {
			p.label.SetText(summaryTitle(s))
		}
	})
}

// listKind lists any kind through its service.
func listKind(ctx context.Context, svc model.Services, k model.Kind, f model.Filter) (model.Page, error) {
	switch k {
	case model.KindMunicipality:
		return svc.Municipalities.List(ctx, f)
	case model.KindOrganisation:
		return svc.Organisations.List(ctx, f)
	case model.KindProject:
		return svc.Projects.List(ctx, f)
	case model.KindGroup:
		return svc.Groups.List(ctx, f)
	case model.KindContact:
		return svc.Contacts.List(ctx, f)
	default:
		return svc.Meetings.List(ctx, f)
	}
}
