package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The automatic backup runs in the background after a database opens
// (the day's first open, before a migration). When it fails (a full or
// read-only disk, the disk's own error) nothing stops the user's work, so
// the window says so without a dialog in the way: a bar at the foot of
// the window with the reason, until the user closes it. (The command
// line's `backups` lists the last failure too.)

// backupReporter is a Database that tells how its automatic backup went
// (the store's DB does; BackupError waits for the backup to finish).
type backupReporter interface{ BackupError() error }

// watchBackup shows the backup bar if db's automatic backup fails.
func (u *UI) watchBackup(db Database) {
	br, ok := db.(backupReporter)
	if !ok {
		return
	}
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		err := br.BackupError()
		if err == nil {
			return
		}
		u.post(func() {
			if u.db == db { // not a database closed meanwhile
				u.shell.showBar(T("ui.backup_failed", map[string]any{"Detail": errorClause(err)}))
			}
		})
	}()
}

// noticeBar is the bar at the window's foot.
type noticeBar struct {
	box   *fyne.Container
	label *widget.Label
}

func newNoticeBar() *noticeBar {
	n := &noticeBar{label: widget.NewLabel("")}
	n.label.Wrapping = fyne.TextWrapWord
	closeButton := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { n.box.Hide() })
	closeButton.Importance = widget.LowImportance
	n.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), closeButton, n.label))
	n.box.Hide()
	return n
}

// showBar shows text in the bar at the window's foot.
func (s *shell) showBar(text string) {
	s.bar.label.SetText(text)
	s.bar.box.Show()
	s.content.Refresh()
}
