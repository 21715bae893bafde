package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// projectsView lists projects and shows one. (A minimal view: title and
// subtitle only.)
type projectsView struct {
	u *UI
	b *browser
}

func newProjectsView(u *UI) *projectsView {
	v := &projectsView{u: u}
	v.b = newBrowser(u, model.KindProject, v)
	return v
}

func (v *projectsView) list(ctx context.Context, svc model.Services, query string) (model.Page, error) {
	return listKind(ctx, svc, model.KindProject, model.Filter{Query: query, Limit: pageSize})
}

func (v *projectsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (model.Record, error) {
		return opsOf(svc, model.KindProject).get(ctx, id)
	}, func(r model.Record) {
		d := newDetails(v.u, r.Title(), r.Subtitle())
		d.actions(model.KindProject, r, nil)
		done(d.content())
	})
}

func (v *projectsView) edit(id model.ID) *form { return nil }
