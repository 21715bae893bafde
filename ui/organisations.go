package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// organisationsView lists organisations and shows one. (A minimal view: title and
// subtitle only.)
type organisationsView struct {
	u *UI
	b *browser
}

func newOrganisationsView(u *UI) *organisationsView {
	v := &organisationsView{u: u}
	v.b = newBrowser(u, model.KindOrganisation, v)
	return v
}

func (v *organisationsView) list(ctx context.Context, svc model.Services, query string) (model.Page, error) {
	return listKind(ctx, svc, model.KindOrganisation, model.Filter{Query: query, Limit: pageSize})
}

func (v *organisationsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (model.Record, error) {
		return opsOf(svc, model.KindOrganisation).get(ctx, id)
	}, func(r model.Record) {
		d := newDetails(v.u, r.Title(), r.Subtitle())
		d.actions(model.KindOrganisation, r, nil)
		done(d.content())
	})
}

func (v *organisationsView) edit(id model.ID) *form { return nil }
