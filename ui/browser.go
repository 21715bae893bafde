package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// listPage is how many summaries the browser asks for at once. The list
// widget draws only the rows on screen and the browser loads the pages
// they fall on, so a list of 500 000 contacts holds a few hundred of them
// in memory, not all.
const listPage = 200

// maxListPages is how many pages the browser keeps; scrolling past them
// drops the ones farthest away.
const maxListPages = 32

// recordView is what a kind's view supplies to the browser frame.
type recordView interface {
	// list returns a page of the kind's records that search finds for
	// the query (model.Filter.Text), in the order the view shows them,
	// and the count of all matches.
	list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error)
	// detail loads a record and builds its read-only view (on Fyne's thread
	// via done).
	detail(id model.ID, done func(fyne.CanvasObject))
	// edit opens the record's form; a zero id creates a new record.
	edit(id model.ID) *form
}

// browser is the frame every record view uses: a filter field, a count and
// a virtualised list on the left, the selected record on the right.
type browser struct {
	u    *UI
	kind model.Kind
	view recordView

	filter *widget.Entry
	count  *widget.Label
	// newButton makes a record; hidden for the official registry and in
	// a database opened for reading only.
	newButton *widget.Button
	list      *widget.List
	detail    *fyne.Container
	content   fyne.CanvasObject

	// total is the number of records the list shows; pages holds the
	// loaded pages of them by page number, loading the pages on their way.
	total    int
	pages    map[int][]model.Summary
	loading  map[int]bool
	query    string
	selected model.ID
	// generation drops list results that arrive after a newer request.
	generation int
	// editing is the open form, if any (for the unsaved-changes guard).
	editing *form
}

func newBrowser(u *UI, kind model.Kind, view recordView) *browser {
	b := &browser{u: u, kind: kind, view: view}
	b.filter = widget.NewEntry()
	b.filter.SetPlaceHolder(T("ui.filter"))
	b.filter.OnChanged = func(string) { b.reload() }
	b.count = widget.NewLabel("")
	b.list = widget.NewList(
		func() int { return b.total },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			sub.Importance = widget.LowImportance
			sub.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(title, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			s, ok := b.item(i)
			if !ok {
				b.fetch(i / listPage) // the row fills in when its page comes
			}
			box.Objects[0].(*widget.Label).SetText(summaryTitle(s))
			box.Objects[1].(*widget.Label).SetText(s.Subtitle)
		},
	)
	b.list.OnSelected = b.onSelected
	newButton := widget.NewButtonWithIcon(T("ui.new"), theme.ContentAddIcon(), b.newRecord)
	b.newButton = newButton
	b.showNewButton()
	left := container.NewBorder(
		container.NewVBox(b.filter, container.NewBorder(nil, nil, nil, newButton, b.count)),
		nil, nil, nil, b.list)
	b.detail = container.NewStack(placeholder(T("ui.select_record")))
	split := container.NewHSplit(left, container.NewPadded(b.detail))
	split.Offset = 0.3
	b.content = split
	return b
}

// placeholder is a centred hint for an empty area.
func placeholder(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(l)
}

// reload fetches the list for the current filter off Fyne's thread.
func (b *browser) reload() {
	if b.u.svc.Queries == nil {
		return
	}
	b.generation++
	gen := b.generation
	query := b.filter.Text
	background(b.u, func(ctx context.Context, svc model.Services) (model.Page, error) {
		return b.view.list(ctx, svc, query, 0, listPage)
	}, func(p model.Page) {
		if gen != b.generation {
			return
		}
		b.setItems(query, p)
	})
}

// setItems shows the first page of a new list and keeps the selection
// when it is on that page.
func (b *browser) setItems(query string, p model.Page) {
	b.query = query
	b.total = p.Total
	b.pages = map[int][]model.Summary{0: p.Items}
	b.loading = map[int]bool{}
	b.count.SetText(T("ui.count", map[string]any{"Count": p.Total}))
	b.list.UnselectAll()
	b.list.Refresh()
	if i, ok := b.indexOf(b.selected); ok {
		b.list.Select(i)
		b.list.ScrollTo(i)
	}
}

// item returns the summary at row i when its page is loaded.
func (b *browser) item(i int) (model.Summary, bool) {
	page, ok := b.pages[i/listPage]
	if !ok || i%listPage >= len(page) {
		return model.Summary{}, false
	}
	return page[i%listPage], true
}

// indexOf finds a record's row among the loaded pages.
func (b *browser) indexOf(id model.ID) (int, bool) {
	if id.IsZero() {
		return 0, false
	}
	for n, page := range b.pages {
		for i, s := range page {
			if s.ID == id {
				return n*listPage + i, true
			}
		}
	}
	return 0, false
}

// fetch loads page n of the current list in the background, once; the
// list redraws when it comes. Far pages are dropped to keep memory flat.
func (b *browser) fetch(n int) {
	if b.loading[n] || b.pages == nil {
		return
	}
	b.loading[n] = true
	gen, query := b.generation, b.query
	background(b.u, func(ctx context.Context, svc model.Services) (model.Page, error) {
		return b.view.list(ctx, svc, query, n*listPage, listPage)
	}, func(p model.Page) {
		if gen != b.generation {
			return
		}
		delete(b.loading, n)
		for len(b.pages) >= maxListPages {
			far := n
			for m := range b.pages {
				if abs(m-n) > abs(far-n) {
					far = m
				}
			}
			delete(b.pages, far)
		}
		b.pages[n] = p.Items
		if p.Total != b.total { // the list changed under us: start over
			b.reload()
			return
		}
		b.list.Refresh()
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (b *browser) onSelected(i widget.ListItemID) {
	s, ok := b.item(i)
	if !ok {
		return
	}
	id := s.ID
	if id == b.selected && b.editing == nil && len(b.detail.Objects) > 0 {
		return
	}
	b.guard(func() { b.show(id) }, func() { b.reselect() })
}

// reselect puts the list's selection back on the shown record.
func (b *browser) reselect() {
	if i, ok := b.indexOf(b.selected); ok {
		b.list.Select(i)
		return
	}
	b.list.UnselectAll()
}

// show displays a record's detail.
func (b *browser) show(id model.ID) {
	b.selected = id
	b.editing = nil
	b.view.detail(id, func(o fyne.CanvasObject) {
		if b.selected != id || b.editing != nil {
			return
		}
		b.setDetail(o)
	})
}

// showRecord selects and shows a record (following a link).
func (b *browser) showRecord(id model.ID) {
	b.selected = id
	b.show(id)
	if b.filter.Text != "" {
		b.filter.SetText("") // reloads, then selects
		return
	}
	if i, ok := b.indexOf(id); ok {
		b.list.Select(i)
		b.list.ScrollTo(i)
		return
	}
	b.reload()
}

func (b *browser) setDetail(o fyne.CanvasObject) {
	b.detail.Objects = []fyne.CanvasObject{o}
	b.detail.Refresh()
}

// newRecord opens an empty form (Ctrl+N).
// showNewButton shows the New button where records can be made.
func (b *browser) showNewButton() {
	if b.kind == model.KindMunicipality || b.u.readOnly() {
		b.newButton.Hide() // the registry is official data
	} else {
		b.newButton.Show()
	}
}

func (b *browser) newRecord() {
	if b.kind == model.KindMunicipality || b.u.readOnly() {
		return
	}
	b.guard(func() {
		b.list.UnselectAll()
		b.selected = model.NilID
		b.openForm(model.NilID)
	}, nil)
}

// editRecord opens the form of the shown record.
func (b *browser) editRecord(id model.ID) {
	b.guard(func() { b.openForm(id) }, nil)
}

func (b *browser) openForm(id model.ID) {
	if b.u.readOnly() {
		return // nothing could be saved; the window said so when it opened
	}
	f := b.view.edit(id)
	if f == nil {
		return
	}
	f.onDone = func(saved model.ID) {
		b.editing = nil
		if !saved.IsZero() {
			b.selected = saved
			b.reload()
			b.show(saved)
			return
		}
		if !b.selected.IsZero() {
			b.show(b.selected)
		} else {
			b.setDetail(placeholder(T("ui.select_record")))
		}
	}
	// Filling a new form with its defaults is not a change of the user's:
	// Cancel on an untouched form must not ask to discard anything.
	f.dirty = false
	b.editing = f
	b.setDetail(f.content)
	f.shown()
	f.focusFirst(b.u.win.Canvas())
}

// guard runs proceed at once when nothing is being edited or the form has
// no changes; otherwise it asks whether to discard them, calling cancel
// when the user keeps editing.
func (b *browser) guard(proceed func(), cancel func()) {
	if f := b.editing; f != nil && f.keep != nil {
		f.keep(func() {
			if b.editing == f {
				b.editing = nil
			}
			proceed()
		})
		return
	}
	if b.editing == nil || !b.editing.dirty {
		b.editing = nil
		proceed()
		return
	}
	confirmDiscard(b.u, func(discard bool) {
		if discard {
			b.editing = nil
			proceed()
		} else if cancel != nil {
			cancel()
		}
	})
}

// afterDelete refreshes the list and clears the detail.
func (b *browser) afterDelete() {
	b.selected = model.NilID
	b.setDetail(placeholder(T("ui.select_record")))
	b.reload()
}

func (b *browser) String() string { return fmt.Sprintf("browser(%s)", b.kind) }
