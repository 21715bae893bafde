package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// municipalitiesView lists municipalities and shows one. (A minimal view: title and
// subtitle only.)
type municipalitiesView struct {
	u *UI
	b *browser
}

func newMunicipalitiesView(u *UI) *municipalitiesView {
	v := &municipalitiesView{u: u}
	v.b = newBrowser(u, model.KindMunicipality, v)
	return v
}

func (v *municipalitiesView) list(ctx context.Context, svc model.Services, query string) (model.Page, error) {
	return listKind(ctx, svc, model.KindMunicipality, model.Filter{Query: query, Limit: pageSize})
}

func (v *municipalitiesView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (model.Record, error) {
		return opsOf(svc, model.KindMunicipality).get(ctx, id)
	}, func(r model.Record) {
		d := newDetails(v.u, r.Title(), r.Subtitle())
		d.actions(model.KindMunicipality, r, nil)
		done(d.content())
	})
}

func (v *municipalitiesView) edit(id model.ID) *form { return nil }
