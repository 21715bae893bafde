package ui

import (
	"fyne.io/fyne/v2"
)

// defaultSize fits a 1366×768 laptop screen with room for the panel.
var defaultSize = fyne.NewSize(1280, 720)

// restoreWindowSize gives the window the size it had when it was closed.
func (u *UI) restoreWindowSize() {
	p := u.app.Preferences()
	w := float32(p.FloatWithFallback(prefWidth, float64(defaultSize.Width)))
	h := float32(p.FloatWithFallback(prefHeight, float64(defaultSize.Height)))
	u.win.Resize(fyne.NewSize(max(w, 800), max(h, 500)))
}

// onClose closes the window, asking first about unsaved changes, and
// remembers its size.
func (u *UI) onClose() {
	closeNow := func() {
		size := u.win.Canvas().Size()
		p := u.app.Preferences()
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
		u.Close()
		u.win.Close()
	}
	if b := u.shell.currentBrowser(); b != nil {
		b.guard(closeNow, nil)
		return
	}
	closeNow()
}
