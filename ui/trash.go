package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// trashView lists deleted records, newest first, to restore or purge.
type trashView struct {
	u        *UI
	items    []model.Summary
	list     *widget.List
	count    *widget.Label
	selected int
	restore  *widget.Button
	purge    *widget.Button
	content  fyne.CanvasObject
}

func newTrashView(u *UI) *trashView {
	v := &trashView{u: u, selected: -1}
	v.count = widget.NewLabel("")
	v.list = widget.NewList(
		func() int { return len(v.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := v.items[i]
			o.(*widget.Label).SetText(s.Title + " · " + kindName(s.Kind) + " · " + T("ui.deleted_at", map[string]any{"When": formatTime(*s.Deleted)}))
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		v.selected = i
		v.restore.Enable()
		v.purge.Enable()
	}
	v.restore = widget.NewButtonWithIcon(T("ui.restore"), theme.ContentUndoIcon(), v.onRestore)
	v.purge = widget.NewButtonWithIcon(T("ui.purge"), theme.DeleteIcon(), v.onPurge)
	v.purge.Importance = widget.DangerImportance
	v.restore.Disable()
	v.purge.Disable()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.restore, v.purge), v.count)
	v.content = container.NewBorder(top, nil, nil, nil, v.list)
	return v
}

func (v *trashView) reload() {
	background(v.u, func(ctx context.Context, svc model.Services) ([]model.Summary, error) {
		return svc.Queries.Trash(ctx)
	}, func(items []model.Summary) {
		v.items = items
		v.selected = -1
		v.list.UnselectAll()
		v.restore.Disable()
		v.purge.Disable()
		v.count.SetText(T("ui.count", map[string]any{"Count": len(items)}))
		v.list.Refresh()
	})
}

func (v *trashView) current() (model.Summary, bool) {
	if v.selected < 0 || v.selected >= len(v.items) {
		return model.Summary{}, false
	}
	return v.items[v.selected], true
}

func (v *trashView) onRestore() {
	s, ok := v.current()
	if !ok {
		return
	}
	backgroundErr(v.u, func(ctx context.Context, svc model.Services) error {
		return opsOf(svc, s.Kind).restore(ctx, s.ID)
	}, func(err error) {
		if err != nil {
			v.u.showError(err)
		}
		v.reload()
	})
}

func (v *trashView) onPurge() {
	s, ok := v.current()
	if !ok {
		return
	}
	d := dialog.NewConfirm(T("ui.purge"), T("ui.purge_question", map[string]any{"Name": s.Title}), func(yes bool) {
		if !yes {
			return
		}
		backgroundErr(v.u, func(ctx context.Context, svc model.Services) error {
			return opsOf(svc, s.Kind).purge(ctx, s.ID)
		}, func(err error) {
			if err != nil {
				v.u.showError(err)
			}
			v.reload()
		})
	}, v.u.win)
	d.SetConfirmText(T("ui.purge"))
	d.Show()
}

// formatTime shows a time the Finnish way: 23.11.2026 9.07.
func formatTime(t time.Time) string {
	t = t.Local()
	return model.DateOf(t).String() + " " + t.Format("15.04")
}
