package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/search"
)

// searchPerKind is how many results of each kind global search shows.
const searchPerKind = 8

// globalSearch is the toolbar's search field (Ctrl+F): results of every
// kind, grouped by kind, appear below it as the user types; the arrow keys
// choose one, Enter or a click opens it, Esc closes the results and a
// second Esc clears the field.
//
// The results are a panel in the window's own layer (see shell), not a
// pop-up: a pop-up takes the keyboard, and typing "Hyvinkää" left "H" in
// the field.
type globalSearch struct {
	u       *UI
	entry   *searchEntry
	results []searchRow
	list    *widget.List
	// panel holds the list; layer places it under the field.
	panel *fyne.Container
	layer *fyne.Container
	// chosen is the row the arrow keys are on (-1: none).
	chosen int
	// generation drops results of an older query.
	generation int
}

// searchEntry is the search field: it passes the arrow keys, Enter and
// Esc to the search.
type searchEntry struct {
	widget.Entry
	g *globalSearch
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.g.move(1)
	case fyne.KeyUp:
		e.g.move(-1)
	case fyne.KeyEscape:
		if e.g.panel.Visible() {
			e.g.hide()
		} else {
			e.SetText("")
		}
	default:
		e.Entry.TypedKey(k)
	}
}

// searchRow is a kind heading (summary zero) or a result.
type searchRow struct {
	heading string
	// count is how many records of the heading's kind match in all.
	count   int
	summary model.Summary
	hit     model.SearchHit
}

func newGlobalSearch(u *UI) *globalSearch {
	g := &globalSearch{u: u, chosen: -1}
	g.entry = &searchEntry{g: g}
	g.entry.ExtendBaseWidget(g.entry)
	g.entry.SetPlaceHolder(T("ui.search_all"))
	g.entry.OnChanged = g.search
	g.entry.OnSubmitted = func(string) {
		if g.chosen >= 0 {
			g.open(g.chosen)
			return
		}
		g.open(g.firstResult())
	}
	g.list = widget.NewList(
		func() int { return len(g.results) },
		func() fyne.CanvasObject {
			rt := widget.NewRichText()
			rt.Truncation = fyne.TextTruncateEllipsis
			return rt
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			rt := o.(*widget.RichText)
			rt.Segments = g.rowSegments(i)
			rt.Refresh()
		})
	g.list.OnSelected = func(i widget.ListItemID) {
		g.list.UnselectAll()
		g.open(i)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	g.panel = container.NewStack(bg, container.NewPadded(g.list))
	g.panel.Hide()
	g.layer = container.New(&searchPanelLayout{g: g}, g.panel)
	return g
}

// searchPanelLayout places the results panel right under the search
// field, as wide as the field (at least 420) and as tall as its rows (at
// most 14), over the window's content.
type searchPanelLayout struct{ g *globalSearch }

func (l *searchPanelLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (l *searchPanelLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	g := l.g
	d := fyne.CurrentApp().Driver()
	entry, layer := d.AbsolutePositionForObject(g.entry), d.AbsolutePositionForObject(g.layer)
	x := max(0, entry.X-layer.X)
	w := min(max(g.entry.Size().Width, 420), size.Width-x)
	rows := min(max(len(g.results), 1), 14)
	h := min(float32(rows)*g.rowHeight()+2*theme.Padding(), size.Height)
	for _, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, h))
	}
}

// search runs the query off Fyne's thread.
func (g *globalSearch) search(query string) {
	g.generation++
	gen := g.generation
	if len(model.SearchWords(query)) == 0 {
		g.show(model.SearchResult{})
		return
	}
	background(g.u, func(ctx context.Context, svc model.Services) (model.SearchResult, error) {
		return svc.Queries.Find(ctx, model.SearchQuery{Text: query, PerKind: searchPerKind})
	}, func(res model.SearchResult) {
		if gen == g.generation {
			g.show(res)
		}
	})
}

// show lists the hits under the field, under a heading with the count of
// each kind.
func (g *globalSearch) show(res model.SearchResult) {
	g.results = g.results[:0]
	var last model.Kind
	for _, h := range res.Hits {
		if k := h.Summary.Kind; k != last {
			g.results = append(g.results, searchRow{heading: kindHeading(k), count: res.Counts[k]})
			last = k
		}
		g.results = append(g.results, searchRow{summary: h.Summary, hit: h})
	}
	if len(res.Hits) == 0 && g.entry.Text != "" {
		g.results = append(g.results, searchRow{heading: T("ui.no_results")})
	}
	g.chosen = -1
	g.list.Refresh()
	if len(g.results) == 0 {
		g.hide()
		return
	}
	g.panel.Show()
	g.layer.Refresh()
}

// hide closes the results.
func (g *globalSearch) hide() {
	g.chosen = -1
	g.panel.Hide()
	g.layer.Refresh()
}

// move puts the choice on the next (+1) or previous (-1) result,
// stepping over the kind headings.
func (g *globalSearch) move(step int) {
	if !g.panel.Visible() {
		return
	}
	for i := g.chosen + step; i >= 0 && i < len(g.results); i += step {
		if g.results[i].heading == "" {
			g.chosen = i
			g.list.ScrollTo(i)
			g.list.Refresh()
			return
		}
	}
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
	r := g.results[i]
	g.hide()
	if r.summary.Kind == model.KindMeeting && r.hit.Item > 0 {
		if v, ok := g.u.shell.browsers[model.KindMeeting].view.(*meetingsView); ok {
			v.openAt(r.summary.ID, r.hit.Item)
			return
		}
	}
	g.u.navigate(r.summary.Kind, r.summary.ID)
}

// rowSegments draws row i: a heading, or a hit's title, the place of the
// match and the snippet with the matched words in bold.
func (g *globalSearch) rowSegments(i int) []widget.RichTextSegment {
	r := g.results[i]
	plain := func(text string, bold bool) *widget.TextSegment {
		st := widget.RichTextStyleInline
		st.TextStyle.Bold = bold
		return &widget.TextSegment{Text: text, Style: st}
	}
	if r.heading != "" && r.count > 0 {
		return []widget.RichTextSegment{plain(T("search.count", map[string]any{"Kind": r.heading, "Count": r.count}), true)}
	}
	if r.heading != "" {
		return []widget.RichTextSegment{plain(r.heading, true)}
	}
	lead := "   "
	if i == g.chosen {
		lead = "▸  "
	}
	segs := []widget.RichTextSegment{plain(lead+r.summary.Title, i == g.chosen)}
	if r.hit.Snippet == "" || r.hit.Field == search.FieldName.String() && r.hit.Snippet == r.summary.Title {
		if r.summary.Subtitle != "" {
			segs = append(segs, plain(" · "+r.summary.Subtitle, false))
		}
		return segs
	}
	segs = append(segs, plain(" · "+search.Place(r.hit, func(key string, args map[string]any) string { return T(key, args) })+": ", false))
	last := 0
	for _, m := range r.hit.Marks {
		if m[0] < last || m[1] > len(r.hit.Snippet) {
			continue
		}
		segs = append(segs, plain(r.hit.Snippet[last:m[0]], false), plain(r.hit.Snippet[m[0]:m[1]], true))
		last = m[1]
	}
	return append(segs, plain(r.hit.Snippet[last:], false))
}
