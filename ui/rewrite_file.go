package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Compaction and encryption rewrite the whole database file, which must
// be closed meanwhile: the window closes it, shows the work's progress
// with a Cancel that stops it (leaving the old file), and opens the file
// again whatever happened.

// rewriteTexts are what rewriteFile shows: the progress dialog's title,
// the title of the result, and the text when the user cancelled.
type rewriteTexts struct{ working, title, cancelled string }

// rewriteFile closes the database, runs work on its file off Fyne's
// thread behind a progress bar whose Cancel stops it, opens the file again
// and says done's text, or the error.
func (u *UI) rewriteFile(texts rewriteTexts, work func(ctx context.Context, path string, progress func(done, total int64)) error, done func() string) {
	open := u.cfg.Open
	path := u.db.Path()
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	d := dialog.NewCustom(texts.working, T("ui.cancel"), container.NewVBox(widget.NewLabel(path), bar), u.win)
	d.SetOnClosed(cancel) // the Cancel button
	d.Show()
	u.pending.Wait() // work already started finishes on the database it started on
	old := u.db
	u.db = nil
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		defer cancel()
		old.Close()
		err := work(ctx, path, func(done, total int64) {
			if total > 0 {
				u.post(func() { bar.SetValue(float64(done) / float64(total)) })
			}
		})
		db, openErr := open(path)
		u.post(func() {
			d.Hide() // its cancel, called on closing, has nothing left to stop
			if openErr != nil {
				u.showError(openErr)
			} else {
				u.useDatabase(db)
			}
			switch {
			case errors.Is(err, context.Canceled):
				u.showInfo(texts.title, texts.cancelled)
			case err != nil:
				u.showError(err)
			default:
				u.showInfo(texts.title, done())
			}
		})
	}()
}
