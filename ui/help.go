package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets"
)

// helpMenu holds the quick guide, the keyboard shortcuts and About.
func (u *UI) helpMenu() *fyne.Menu {
	return fyne.NewMenu(T("ui.help"),
		fyne.NewMenuItem(T("ui.guide"), u.showGuide),
		fyne.NewMenuItem(T("ui.shortcuts"), u.showShortcuts),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(T("ui.about"), u.showAbout),
	)
}

// showGuide shows the quick guide in the interface's language, rendered
// from the Markdown in assets/guide. It is sized to fit a 1366×768 screen
// and scrolls.
func (u *UI) showGuide() {
	text := widget.NewRichTextFromMarkdown(assets.Guide(currentLanguage))
	text.Wrapping = fyne.TextWrapWord
	// Fyne's scroll bar lies over the content: keep the text out from
	// under it.
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize()+theme.Padding(), 0))
	body := container.NewBorder(nil, nil, nil, gutter, text)
	d := dialog.NewCustom(T("ui.guide"), T("ui.close"), container.NewVScroll(body), u.win)
	d.Resize(guideSize(u.win.Canvas().Size()))
	u.lastGuide = text
	u.showNotice(d)
}

// guideSize is a readable column that fits inside the window.
func guideSize(win fyne.Size) fyne.Size {
	w, h := float32(720), float32(620)
	if win.Width > 0 {
		w = min(w, win.Width-40)
		h = min(h, win.Height-40)
	}
	return fyne.NewSize(w, h)
}

// shortcuts are the keys the window answers, in the order a newcomer
// needs them: the catalogue key of what each does, and the key.
var shortcuts = []struct{ action, keys string }{
	{"ui.shortcut.search", "Ctrl+F"},
	{"ui.shortcut.search_keys", "↑/↓, Enter"},
	{"ui.shortcut.search_close", "Esc, Esc"},
	{"ui.shortcut.new", "Ctrl+N"},
	{"ui.shortcut.save", "Ctrl+S"},
	{"ui.shortcut.cancel", "Esc"},
	{"ui.shortcut.next_field", "Tab, Shift+Tab"},
	{"ui.shortcut.close_notice", "Enter"},
	{"ui.shortcut.quit", "Ctrl+Q"},
}

// showShortcuts lists the keyboard shortcuts.
func (u *UI) showShortcuts() {
	rows := container.New(layout.NewFormLayout())
	for _, s := range shortcuts {
		key := widget.NewLabelWithStyle(s.keys, fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
		rows.Add(key)
		rows.Add(widget.NewLabel(T(s.action)))
	}
	u.showNotice(dialog.NewCustom(T("ui.shortcuts"), T("ui.close"), rows, u.win))
}
