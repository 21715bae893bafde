package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// showDamaged is what the window says when the database it opens is
// damaged: that it was not changed, and the way out: restore the newest
// readable backup (with its date), open another file, or quit. The dialog
// shows at once; the restore button joins it when the backups have been
// read, off Fyne's thread.
func (u *UI) showDamaged(path string) {
	text := widget.NewLabel(T("ui.damaged.text", map[string]any{"Path": path}))
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	buttons := container.NewHBox(
		widget.NewButton(T("ui.damaged.open_other"), func() {
			d.Hide()
			u.openDatabaseDialog()
		}),
		widget.NewButton(T("ui.quit"), func() {
			d.Hide()
			u.onClose()
		}))
	d = dialog.NewCustomWithoutButtons(T("ui.damaged.title"), container.NewBorder(nil, container.NewCenter(buttons), nil, nil, text), u.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
	u.lastDamaged = d

	backups := u.cfg.Backups
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		var newest *model.BackupInfo
		if list, err := backups.List(path); err == nil {
			for i := range list {
				if list[i].Err == nil {
					newest = &list[i]
					break
				}
			}
		}
		u.post(func() {
			if newest == nil {
				text.SetText(text.Text + "\n\n" + T("ui.damaged.no_backup"))
				return
			}
			b := *newest
			restore := widget.NewButton(T("ui.damaged.restore", map[string]any{"When": formatWhen(b.Time)}), func() {
				d.Hide()
				u.restoreDamaged(path, b)
			})
			restore.Importance = widget.HighImportance
			buttons.Objects = append([]fyne.CanvasObject{restore}, buttons.Objects...)
			buttons.Refresh()
		})
	}()
}

// restoreDamaged puts backup b in place of the damaged database (which is
// kept beside it) and opens it.
func (u *UI) restoreDamaged(path string, b model.BackupInfo) {
	backups, open := u.cfg.Backups, u.cfg.Open
	progress := showProgress(u, T("ui.snapshot.restoring"))
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		kept, err := backups.Restore(path, b.Path)
		var db Database
		if err == nil {
			db, err = open(path)
		}
		u.post(func() {
			progress.Hide()
			if err != nil {
				u.showError(err)
				return
			}
			u.useDatabase(db)
			u.showInfo(T("ui.damaged.title"), T("ui.damaged.restored", map[string]any{
				"When": formatWhen(b.Time), "Path": kept}))
		})
	}()
}
