package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// details builds a record's read-only view: a heading, label–value rows,
// sections of links to related records, and the Edit, Delete and History
// actions.
type details struct {
	u       *UI
	rows    *fyne.Container
	top     *fyne.Container
	buttons *fyne.Container // the actions row, once added
	scroll  *container.Scroll
	// itemHeading is the row a meeting opens at (see meetingsView.openAt).
	itemHeading fyne.CanvasObject
}

func newDetails(u *UI, title, subtitle string) *details {
	d := &details{u: u, rows: container.NewVBox()}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	heading.SizeName = theme.SizeNameSubHeadingText
	d.top = container.NewVBox(heading)
	if subtitle != "" {
		sub := widget.NewLabel(subtitle)
		sub.Importance = widget.LowImportance
		sub.Wrapping = fyne.TextWrapWord
		d.top.Add(sub)
	}
	return d
}

// row adds "label: value"; empty values are left out.
func (d *details) row(label, value string) {
	if value == "" {
		return
	}
	v := widget.NewLabel(value)
	v.Wrapping = fyne.TextWrapWord
	d.rowObject(label, v)
}

// rowObject adds a labelled object.
func (d *details) rowObject(label string, o fyne.CanvasObject) {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.rows.Add(container.New(&labelValueLayout{}, l, o))
}

// section starts a titled part ("Osallistuvat kunnat (6)").
func (d *details) section(title string) {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.SizeName = theme.SizeNameSubHeadingText
	d.rows.Add(widget.NewSeparator())
	d.rows.Add(h)
}

// add appends any object.
func (d *details) add(o fyne.CanvasObject) { d.rows.Add(o) }

// note adds a low-key line ("Ei jäseniä").
func (d *details) note(text string) {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	d.rows.Add(l)
}

// link adds a line with a link to a record and an optional note after it.
func (d *details) link(kind model.Kind, id model.ID, text, after string) {
	d.rows.Add(d.linkLine(kind, id, text, after))
}

func (d *details) linkLine(kind model.Kind, id model.ID, text, after string) fyne.CanvasObject {
	h := recordLink(d.u, kind, id, text)
	if after == "" {
		return h
	}
	a := widget.NewLabel(after)
	a.Importance = widget.LowImportance
	a.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, h, nil, a)
}

// recordLink is a hyperlink that opens a record in its view.
func recordLink(u *UI, kind model.Kind, id model.ID, text string) *widget.Hyperlink {
	h := widget.NewHyperlink(localTitle(kind, id, text), nil)
	h.OnTapped = func() { u.navigate(kind, id) }
	return h
}

// actions adds the Edit, Delete and History buttons for a record (edit nil:
// not editable).
func (d *details) actions(kind model.Kind, r model.Record, edit func()) {
	box := container.NewHBox()
	if d.u.readOnly() {
		edit = nil // a database opened for reading only: look, export, no more
	}
	if edit != nil {
		box.Add(widget.NewButtonWithIcon(T("ui.edit"), theme.DocumentCreateIcon(), edit))
	}
	if kind != model.KindMunicipality && !d.u.readOnly() {
		box.Add(widget.NewButtonWithIcon(T("ui.delete"), theme.DeleteIcon(), func() { deleteRecord(d.u, kind, r) }))
	}
	box.Add(widget.NewButtonWithIcon(T("ui.history"), theme.HistoryIcon(), func() { showHistory(d.u, kind, r.GetMeta().ID) }))
	d.buttons = box
	d.top.Add(box)
}

// action adds a button of the view's own to the actions row ("New
// meeting" in a group).
func (d *details) action(label string, icon fyne.Resource, tapped func()) {
	if d.buttons == nil {
		d.buttons = container.NewHBox()
		d.top.Add(d.buttons)
	}
	d.buttons.Add(widget.NewButtonWithIcon(label, icon, tapped))
}

// content returns the finished view.
func (d *details) content() fyne.CanvasObject {
	d.scroll = container.NewVScroll(d.rows)
	return container.NewBorder(d.top, nil, nil, nil, d.scroll)
}

// scrollTo scrolls the shown view so that o, one of its rows, is at the
// top (a search hit in an agenda item).
func (d *details) scrollTo(o fyne.CanvasObject) {
	if d.scroll == nil || o == nil {
		return
	}
	d.scroll.ScrollToOffset(fyne.NewPos(0, o.Position().Y))
}

// labelValueLayout puts a fixed-width label beside a value that takes the
// rest of the width.
type labelValueLayout struct{}

const labelWidth = 170

func (l *labelValueLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	v := objs[1].MinSize()
	return fyne.NewSize(labelWidth+v.Width, max(objs[0].MinSize().Height, v.Height))
}

func (l *labelValueLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(labelWidth, objs[0].MinSize().Height))
	objs[1].Move(fyne.NewPos(labelWidth, 0))
	objs[1].Resize(fyne.NewSize(size.Width-labelWidth, size.Height))
}

// deleteRecord moves a record to the trash after confirmation. When other
// records still refer to it, a second question names them and offers to
// remove the links. Afterwards an Undo restores it.
func deleteRecord(u *UI, kind model.Kind, r model.Record) {
	id, title := r.GetMeta().ID, r.Title()
	var attempt func(unlink bool)
	attempt = func(unlink bool) {
		backgroundErr(u, func(ctx context.Context, svc model.Services) error {
			return opsOf(svc, kind).delete(ctx, id, unlink)
		}, func(err error) {
			switch {
			case err == nil:
				u.recordsChanged(kind)
				u.offerUndo(kind, id, title)
			case !unlink && model.ErrorCode(err) == model.ECONFLICT:
				msg := errorText(err) + "\n\n" + T("ui.delete_unlink_question")
				d := dialog.NewConfirm(T("ui.delete_title", map[string]any{"Name": title}), msg, func(ok bool) {
					if ok {
						attempt(true)
					}
				}, u.win)
				d.SetConfirmText(T("ui.delete_unlink"))
				d.Show()
			default:
				u.showError(err)
			}
		})
	}
	d := dialog.NewConfirm(T("ui.delete_title", map[string]any{"Name": title}),
		T("ui.delete_question", map[string]any{"Name": title}), func(ok bool) {
			if ok {
				attempt(false)
			}
		}, u.win)
	d.SetConfirmText(T("ui.delete"))
	d.Show()
}

// offerUndo shows that a record went to the trash, with a button to bring
// it back.
func (u *UI) offerUndo(kind model.Kind, id model.ID, title string) {
	var d dialog.Dialog
	undo := widget.NewButtonWithIcon(T("ui.undo"), theme.ContentUndoIcon(), func() {
		d.Hide()
		backgroundErr(u, func(ctx context.Context, svc model.Services) error {
			return opsOf(svc, kind).restore(ctx, id)
		}, func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.recordsChanged(kind)
			u.navigate(kind, id)
		})
	})
	msg := widget.NewLabel(T("ui.moved_to_trash", map[string]any{"Name": title}))
	d = dialog.NewCustom(T("ui.deleted"), T("ui.close"), container.NewVBox(msg, undo), u.win)
	u.lastUndo = undo
	d.Show()
}
