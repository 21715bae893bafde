package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// File → Backups…: the automatic backups of the open database's file, each
// with a Restore button.

// Backups lists and restores the automatic backups of database files (see
// Config.Backups).
type Backups interface {
	// List lists the backups of the database at dbPath, newest first, a
	// backup that cannot be read with Err set.
	List(dbPath string) ([]model.BackupInfo, error)
	// Dir is the directory the backups of the database at dbPath are in.
	Dir(dbPath string) string
	// Restore replaces the database at dbPath, which must be closed, with
	// the backup at backupPath, and returns where the file it replaced was
	// kept ("" when there was none).
	Restore(dbPath, backupPath string) (replaced string, err error)
}

// backupsView is the Backups dialog (tests reach it through lastBackups).
type backupsView struct {
	list    []model.BackupInfo
	dialog  dialog.Dialog
	restore func(i int) // asks, then restores list[i]
	// restored is the file a restore replaced, once done.
	restored string
}

var lastBackups *backupsView

// backupsDialog lists the automatic backups with their dates and counts,
// each with a Restore button that asks first.
func (u *UI) backupsDialog() {
	backups := u.cfg.Backups
	if backups == nil {
		return // the menu item is disabled
	}
	if u.db == nil {
		u.showMessage(T("ui.snapshot.no_database"))
		return
	}
	path := u.db.Path()
	type listed struct {
		list []model.BackupInfo
		dir  string
	}
	background(u, func(ctx context.Context, svc model.Services) (listed, error) {
		list, err := backups.List(path)
		return listed{list, backups.Dir(path)}, err
	}, func(l listed) {
		list := l.list
		bv := &backupsView{list: list}
		lastBackups = bv
		rows := container.NewVBox()
		if len(list) == 0 {
			rows.Add(widget.NewLabel(T("ui.snapshot.backups_none")))
		}
		bv.restore = func(i int) {
			b := list[i]
			dialog.ShowConfirm(T("ui.snapshot.restore"), T("ui.snapshot.restore_question", map[string]any{
				"When": formatWhen(b.Time), "Count": b.Total()}), func(ok bool) {
				if ok {
					bv.dialog.Hide()
					u.restoreBackup(path, b, bv)
				}
			}, u.win)
		}
		for i, b := range list {
			args := map[string]any{"When": formatWhen(b.Time), "Text": backupReason(b.Reason), "Count": b.Total()}
			text := T("ui.snapshot.backup_row", args)
			if b.Err != nil {
				text = T("ui.snapshot.backup_unreadable", args)
			}
			button := widget.NewButton(T("ui.snapshot.restore"), func() { bv.restore(i) })
			if b.Err != nil {
				button.Disable()
			}
			rows.Add(container.NewBorder(nil, nil, nil, button, widget.NewLabel(text)))
		}
		scroll := container.NewVScroll(rows)
		scroll.SetMinSize(fyne.NewSize(560, 320))
		dir := widget.NewLabel(l.dir)
		dir.Wrapping = fyne.TextWrapBreak
		bv.dialog = dialog.NewCustom(T("ui.snapshot.backups_title"), T("ui.close"), container.NewBorder(nil, dir, nil, nil, scroll), u.win)
		bv.dialog.Show()
	})
}

// backupReason says why a backup was made, in the current language.
func backupReason(reason string) string {
	key := "cli.backup.reason." + reason
	if s := T(key); s != key {
		return s
	}
	return reason
}

// restoreBackup closes the database, replaces its file with the backup and
// opens it again. When the restore fails, the database it left is opened
// again all the same. Closing (which waits for the day's backup), the
// restore and the opening all run off Fyne's thread.
func (u *UI) restoreBackup(path string, b model.BackupInfo, bv *backupsView) {
	backups, open := u.cfg.Backups, u.cfg.Open
	progress := showProgress(u, T("ui.snapshot.restoring"))
	// Work already started finishes on the database it started on.
	u.pending.Wait()
	old := u.db
	u.db = nil
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		if old != nil {
			old.Close()
		}
		replaced, err := backups.Restore(path, b.Path)
		db, openErr := open(path)
		u.post(func() {
			progress.Hide()
			if openErr != nil {
				u.showError(openErr)
			} else {
				u.useDatabase(db)
			}
			if err != nil {
				u.showError(err)
				return
			}
			bv.restored = replaced
			u.showInfo(T("ui.snapshot.backups_title"), T("ui.snapshot.restored", map[string]any{
				"When": formatWhen(b.Time), "Path": replaced}))
		})
	}()
}
