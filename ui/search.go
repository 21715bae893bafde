package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// searchPerKind is how many results of each kind global search shows.
const searchPerKind = 8

// globalSearch is the toolbar's search field (Ctrl+F): results of every
// kind, grouped by kind, appear below it as the user types; Enter or a
// click opens one.
type globalSearch struct {
	u       *UI
	entry   *widget.Entry
	results []searchRow
	list    *widget.List
	popup   *widget.PopUp
	// generation drops results of an older query.
	generation int
}

// searchRow is a kind heading (summary zero) or a result.
type searchRow struct {
	heading string
	summary model.Summary
}

func newGlobalSearch(u *UI) *globalSearch {
	g := &globalSearch{u: u}
	g.entry = widget.NewEntry()
	g.entry.SetPlaceHolder(T("ui.search_all"))
	g.entry.OnChanged = g.search
	g.entry.OnSubmitted = func(string) { g.open(g.firstResult()) }
	g.list = widget.NewList(
		func() int { return len(g.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r := g.results[i]
			if r.heading != "" {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(r.heading)
				return
			}
			l.TextStyle = fyne.TextStyle{}
			text := "   " + r.summary.Title
			if r.summary.Subtitle != "" {
				text += " · " + r.summary.Subtitle
			}
			l.SetText(text)
		})
	g.list.OnSelected = func(i widget.ListItemID) {
		g.list.UnselectAll()
		g.open(i)
	}
	return g
}

// search runs the query off Fyne's thread.
func (g *globalSearch) search(query string) {
	g.generation++
	gen := g.generation
	if len(model.SearchWords(query)) == 0 {
		g.show(nil)
		return
	}
	background(g.u, func(ctx context.Context, svc model.Services) ([]model.Summary, error) {
		return svc.Queries.Search(ctx, query, searchPerKind)
	}, func(res []model.Summary) {
		if gen == g.generation {
			g.show(res)
		}
	})
}

// show groups results by kind and shows them under the field.
func (g *globalSearch) show(res []model.Summary) {
	g.results = g.results[:0]
	var last model.Kind
	for _, s := range res {
		if s.Kind != last {
			g.results = append(g.results, searchRow{heading: kindHeading(s.Kind)})
			last = s.Kind
		}
		g.results = append(g.results, searchRow{summary: s})
	}
	if len(res) == 0 && g.entry.Text != "" {
		g.results = append(g.results, searchRow{heading: T("ui.no_results")})
	}
	g.list.Refresh()
	if len(g.results) == 0 {
		if g.popup != nil {
			g.popup.Hide()
		}
		return
	}
	c := g.u.win.Canvas()
	if g.popup == nil {
		g.popup = widget.NewPopUp(container.NewStack(g.list), c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(g.entry)
	pos.Y += g.entry.Size().Height
	rows := min(len(g.results), 14)
	g.popup.Resize(fyne.NewSize(max(g.entry.Size().Width, 420), float32(rows)*g.rowHeight()))
	g.popup.ShowAtPosition(pos)
	c.Focus(g.entry)
}

func (g *globalSearch) rowHeight() float32 {
	return widget.NewLabel("Ag").MinSize().Height + 4
}

// firstResult is the row Enter opens.
func (g *globalSearch) firstResult() int {
	for i, r := range g.results {
		if r.heading == "" {
			return i
		}
	}
	return -1
}

// open shows result i in its view.
func (g *globalSearch) open(i int) {
	if i < 0 || i >= len(g.results) || g.results[i].heading != "" {
		return
	}
	s := g.results[i].summary
	if g.popup != nil {
		g.popup.Hide()
	}
	g.u.navigate(s.Kind, s.ID)
}
