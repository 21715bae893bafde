package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets"
)

// maxRecent is how many databases File → Open recent remembers.
const maxRecent = 8

// fileMenuExtensions add items to the File menu after Load example data
// (export, import, backups), each from its own file's init function.
var fileMenuExtensions []func(u *UI) []*fyne.MenuItem

// mainMenu builds File, Settings and Help.
func (u *UI) mainMenu() *fyne.MainMenu {
	recent := fyne.NewMenuItem(T("ui.open_recent"), nil)
	recent.ChildMenu = fyne.NewMenu("")
	u.recentMenu = recent
	u.refreshRecentMenu()
	file := fyne.NewMenu(T("ui.file"),
		fyne.NewMenuItem(T("ui.new_database"), u.newDatabaseDialog),
		fyne.NewMenuItem(T("ui.open_database"), u.openDatabaseDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(T("ui.load_demo"), u.loadDemo),
	)
	for _, ext := range fileMenuExtensions {
		file.Items = append(file.Items, fyne.NewMenuItemSeparator())
		file.Items = append(file.Items, ext(u)...)
	}
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(T("ui.settings"), u.showSettings))
	quit := fyne.NewMenuItem(T("ui.quit"), u.onClose)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	file.Items = append(file.Items, quit)
	return fyne.NewMainMenu(file, u.editMenu(), u.helpMenu())
}

// editMenu holds the keyboard shortcuts Ctrl+N (new), Ctrl+S (save) and
// Ctrl+F (search). Shortcuts of the main menu reach the window even while
// the cursor is in a text field, which takes every other key.
func (u *UI) editMenu() *fyne.Menu {
	item := func(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
		i := fyne.NewMenuItem(label, action)
		i.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		return i
	}
	return fyne.NewMenu(T("ui.edit_menu"),
		item(T("ui.new"), fyne.KeyN, u.newInCurrentView),
		item(T("ui.save"), fyne.KeyS, u.saveCurrentForm),
		item(T("ui.search"), fyne.KeyF, u.focusSearch),
	)
}

func (u *UI) refreshRecentMenu() {
	if u.recentMenu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range recentDatabases(u.app.Preferences()) {
		items = append(items, fyne.NewMenuItem(p, func() { u.switchDatabase(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(T("ui.none"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	u.recentMenu.ChildMenu.Items = items
}

// switchDatabase opens another database after any unsaved changes are
// settled.
func (u *UI) switchDatabase(path string) {
	open := func() {
		u.OpenDatabase(path)
		u.refreshRecentMenu()
		if m := u.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	if b := u.shell.currentBrowser(); b != nil {
		b.guard(open, nil)
		return
	}
	open()
}

func (u *UI) newDatabaseDialog() {
	req := fileRequest{kind: fileDatabase, title: T("ui.new_database_title"), save: true, name: "hankekirja.db", exts: []string{".db", ".hankekirja"}}
	u.chooseFile(req, u.switchDatabase)
}

func (u *UI) openDatabaseDialog() {
	req := fileRequest{kind: fileDatabase, title: T("ui.open_database_title"), exts: []string{".db", ".hankekirja"}}
	u.chooseFile(req, u.switchDatabase)
}

func (u *UI) showAbout() {
	path := ""
	if u.db != nil {
		path = u.db.Path()
	}
	text := widget.NewLabel(T("ui.about_text", map[string]any{"Version": u.cfg.Version, "Path": path}))
	text.Wrapping = fyne.TextWrapWord
	var content fyne.CanvasObject = text
	if icon := u.app.Icon(); icon != nil {
		img := canvas.NewImageFromResource(icon)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(64, 64))
		content = container.NewBorder(nil, nil, container.NewVBox(img), nil, text)
	}
	d := dialog.NewCustom(T("ui.about"), T("ui.close"), content, u.win)
	d.Resize(fyne.NewSize(540, 240))
	u.showNotice(d) // Enter closes it, as every notice
}

// searchAnalyser is what a database that indexes Finnish words says of
// the analyser it uses (Voikko, or the Snowball stemmer without it).
type searchAnalyser interface{ SearchAnalyser() string }

// showSettings lets the user pick the language (the system's, or one of
// ours); the window is rebuilt in it at once.
func (u *UI) showSettings() {
	codes := append([]string{""}, assets.Languages...)
	labels := []string{T("ui.language_system")}
	for _, l := range assets.Languages {
		// Each language also by its own name: a Swedish speaker looking
		// at a Finnish window looks for "svenska", not "ruotsi".
		label := T("language_name." + l)
		if own := languageEndonyms[l]; own != "" && own != label {
			label += " – " + own
		}
		labels = append(labels, label)
	}
	sel := newSelect(labels, nil)
	cur := u.app.Preferences().String(prefLanguage)
	for i, c := range codes {
		if c == cur {
			sel.SetSelectedIndex(i)
		}
	}
	form := widget.NewForm(widget.NewFormItem(T("ui.language"), sel))
	if a, ok := u.db.(searchAnalyser); ok {
		form.Append(T("ui.search_analyser"), widget.NewLabel(a.SearchAnalyser()))
	}
	d := dialog.NewCustomConfirm(dialogTitle(T("ui.settings")), T("ui.save"), T("ui.cancel"), form, func(ok bool) {
		if !ok || sel.SelectedIndex() < 0 {
			return
		}
		u.app.Preferences().SetString(prefLanguage, codes[sel.SelectedIndex()])
		u.rebuild()
	}, u.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// languageEndonyms are the languages by their own names.
var languageEndonyms = map[string]string{"fi": "suomi", "sv": "svenska", "en": "English"}

// dialogTitle is a menu item's label as a dialog's title: without the
// "…" that says, in the menu, that a dialog follows.
func dialogTitle(label string) string { return strings.TrimSuffix(label, "…") }

// rebuild recreates the window's content in the current language.
func (u *UI) rebuild() {
	setLanguage(languagePreference(u.app.Preferences()))
	u.win.SetMainMenu(u.mainMenu())
	u.shell = newShell(u)
	u.win.SetContent(u.shell.content)
	u.shell.registerShortcuts()
	if u.db != nil {
		u.shell.databaseChanged()
	}
}

// recentDatabases returns the remembered paths, newest first.
func recentDatabases(p fyne.Preferences) []string {
	var out []string
	for _, s := range strings.Split(p.String(prefRecent), "\n") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// addRecent puts path first in the recent list.
func addRecent(p fyne.Preferences, path string) {
	list := []string{path}
	for _, s := range recentDatabases(p) {
		if s != path && len(list) < maxRecent {
			list = append(list, s)
		}
	}
	p.SetString(prefRecent, strings.Join(list, "\n"))
}
