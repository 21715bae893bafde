package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// meetingsView lists meetings and shows one. (A minimal view: title and
// subtitle only.)
type meetingsView struct {
	u *UI
	b *browser
}

func newMeetingsView(u *UI) *meetingsView {
	v := &meetingsView{u: u}
	v.b = newBrowser(u, model.KindMeeting, v)
	return v
}

func (v *meetingsView) list(ctx context.Context, svc model.Services, query string) (model.Page, error) {
	return listKind(ctx, svc, model.KindMeeting, model.Filter{Query: query, Limit: pageSize})
}

func (v *meetingsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (model.Record, error) {
		return opsOf(svc, model.KindMeeting).get(ctx, id)
	}, func(r model.Record) {
		d := newDetails(v.u, r.Title(), r.Subtitle())
		d.actions(model.KindMeeting, r, nil)
		done(d.content())
	})
}

func (v *meetingsView) edit(id model.ID) *form { return nil }
