package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// groupsView lists groups and shows one. (A minimal view: title and
// subtitle only.)
type groupsView struct {
	u *UI
	b *browser
}

func newGroupsView(u *UI) *groupsView {
	v := &groupsView{u: u}
	v.b = newBrowser(u, model.KindGroup, v)
	return v
}

func (v *groupsView) list(ctx context.Context, svc model.Services, query string) (model.Page, error) {
	return listKind(ctx, svc, model.KindGroup, model.Filter{Query: query, Limit: pageSize})
}

func (v *groupsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (model.Record, error) {
		return opsOf(svc, model.KindGroup).get(ctx, id)
	}, func(r model.Record) {
		d := newDetails(v.u, r.Title(), r.Subtitle())
		d.actions(model.KindGroup, r, nil)
		done(d.content())
	})
}

func (v *groupsView) edit(id model.ID) *form { return nil }
