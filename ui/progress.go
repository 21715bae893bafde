package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showProgress shows a modal "working…" dialog with an activity bar; the
// caller hides it when the work is done.
func showProgress(u *UI, text string) dialog.Dialog {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(text, container.NewVBox(bar), u.win)
	d.Show()
	return d
}
