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

// pageSize is how many summaries a list asks for at once. The list widget
// only draws the rows on screen, so the limit keeps memory, not speed, in
// check; 50 000 contacts still filter in a few milliseconds.
const pageSize = 100000

// recordView is what a kind's view supplies to the browser frame.
type recordView interface {
	// list returns the kind's records matching the query.
	list(ctx context.Context, svc model.Services, query string) (model.Page, error)
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

	filter  *widget.Entry
	count   *widget.Label
	list    *widget.List
	detail  *fyne.Container
	content fyne.CanvasObject

	items    []model.Summary
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
		func() int { return len(b.items) },
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
			if i >= len(b.items) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(b.items[i].Title)
			box.Objects[1].(*widget.Label).SetText(b.items[i].Subtitle)
		},
	)
	b.list.OnSelected = b.onSelected
	newButton := widget.NewButtonWithIcon(T("ui.new"), theme.ContentAddIcon(), b.newRecord)
	if kind == model.KindMunicipality {
		newButton.Hide() // the registry is official data
	}
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
		return b.view.list(ctx, svc, query)
	}, func(p model.Page) {
		if gen != b.generation {
			return
		}
		b.setItems(p)
	})
}

// setItems shows a page of summaries and keeps the selection when it is
// still there.
func (b *browser) setItems(p model.Page) {
	b.items = p.Items
	b.count.SetText(T("ui.count", map[string]any{"Count": p.Total}))
	b.list.UnselectAll()
	b.list.Refresh()
	for i, s := range b.items {
		if s.ID == b.selected {
			b.list.Select(i)
			b.list.ScrollTo(i)
			break
		}
	}
}

func (b *browser) onSelected(i widget.ListItemID) {
	if i >= len(b.items) {
		return
	}
	id := b.items[i].ID
	if id == b.selected && b.editing == nil && len(b.detail.Objects) > 0 {
		return
	}
	b.guard(func() { b.show(id) }, func() { b.reselect() })
}

// reselect puts the list's selection back on the shown record.
func (b *browser) reselect() {
	for i, s := range b.items {
		if s.ID == b.selected {
			b.list.Select(i)
			return
		}
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
	for i, s := range b.items {
		if s.ID == id {
			b.list.Select(i)
			b.list.ScrollTo(i)
			return
		}
	}
	b.reload()
}

func (b *browser) setDetail(o fyne.CanvasObject) {
	b.detail.Objects = []fyne.CanvasObject{o}
	b.detail.Refresh()
}

// newRecord opens an empty form (Ctrl+N).
func (b *browser) newRecord() {
	if b.kind == model.KindMunicipality {
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
