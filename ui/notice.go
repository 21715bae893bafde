package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Fyne's information and error dialogs close only with the mouse. A user
// who has just read "Export ready" presses Enter, so every such dialog is
// shown through showNotice, and the window's key handler closes the newest
// on Enter or Esc. Confirmations are not notices: Enter must never answer
// "delete?" by accident.

// showNotice shows d and lets Enter or Esc close it.
func (u *UI) showNotice(d dialog.Dialog) {
	u.notices = append(u.notices, d)
	d.SetOnClosed(func() {
		for i, n := range u.notices {
			if n == d {
				u.notices = append(u.notices[:i], u.notices[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// showInfo shows a message with a title; Enter closes it.
func (u *UI) showInfo(title, text string) {
	u.showNotice(dialog.NewInformation(title, text, u.win))
}

// closeNoticeKey closes the newest notice on Enter or Esc and says whether
// it did (then the key means nothing else).
func (u *UI) closeNoticeKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
	default:
		return false
	}
	if len(u.notices) == 0 {
		return false
	}
	u.notices[len(u.notices)-1].Hide()
	return true
}
