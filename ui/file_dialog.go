package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window's own file dialog replaces Fyne's, which took a typed path
// as a file name inside the current folder (and then failed with an
// internal error naming a path that never existed), always started in the
// home folder and showed its places in English. This one takes a name or
// any path in the name field, starts in the folder last used for that kind
// of file, says at the field what is wrong (a folder that does not exist,
// a folder where a file was meant) and asks before replacing a file.

// fileKind groups files whose folder is remembered together: exports go
// to one place, snapshots to another, the database files to a third.
type fileKind string

const (
	fileExport   fileKind = "export"
	fileMinutes  fileKind = "minutes"
	fileSnapshot fileKind = "snapshot"
	fileDatabase fileKind = "database"
	fileImport   fileKind = "import"
)

// prefLastFolder is the preference holding the last folder of a kind.
func prefLastFolder(kind fileKind) string { return "last_folder." + string(kind) }

// fileRequest is what a file dialog is asked for.
type fileRequest struct {
	kind  fileKind
	title string
	save  bool
	// name is the suggested file name (save only).
	name string
	// exts lists the extensions shown (".csv"); the first is added to a
	// saved name that has none. Empty shows every file.
	exts []string
	// folder is where to start when no folder of this kind is remembered.
	folder string
}

// fileDialog is one open file dialog.
type fileDialog struct {
	u    *UI
	req  fileRequest
	done func(path string)

	folder  string
	entries []os.DirEntry

	folderLabel *widget.Label
	list        *widget.List
	name        *formEntry
	errLine     *widget.Label
	dlg         *dialog.CustomDialog
}

// chooseFile shows the file dialog; done gets the chosen full path.
func (u *UI) chooseFile(req fileRequest, done func(path string)) *fileDialog {
	f := &fileDialog{u: u, req: req, done: done}
	u.lastFileDialog = f
	start := u.app.Preferences().String(prefLastFolder(req.kind))
	if start == "" {
		start = req.folder
	}
	if start == "" && u.db != nil && req.kind == fileDatabase {
		start = filepath.Dir(u.db.Path())
	}
	f.folder = existingFolder(start)

	f.folderLabel = widget.NewLabel("")
	f.folderLabel.Truncation = fyne.TextTruncateEllipsis
	up := widget.NewButtonWithIcon(T("file.up"), theme.MoveUpIcon(), func() { f.navigate(filepath.Dir(f.folder)) })
	f.list = widget.NewList(func() int { return len(f.entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FileIcon()), widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			e := f.entries[id]
			icon := theme.FileIcon()
			if e.IsDir() {
				icon = theme.FolderIcon()
			}
			row.Objects[0].(*widget.Icon).SetResource(icon)
			row.Objects[1].(*widget.Label).SetText(e.Name())
		})
	f.list.OnSelected = f.selected

	f.name = newFormEntry(false, f.cancel)
	f.name.SetText(req.name)
	f.name.OnChanged = func(string) { f.setError("") }
	f.name.OnSubmitted = func(string) { f.accept() }
	f.errLine = widget.NewLabel(" ") // keeps its line so nothing jumps
	f.errLine.Importance = widget.DangerImportance
	f.errLine.Wrapping = fyne.TextWrapWord

	nameLabel := T("file.name_or_path")
	if !req.save {
		nameLabel = T("file.path")
	}
	places := container.NewVBox(widget.NewLabelWithStyle(T("file.places"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, p := range f.places() {
		places.Add(widget.NewButtonWithIcon(p.label, p.icon, func() { f.navigate(p.path) }))
	}
	top := container.NewBorder(nil, nil, nil, up, f.folderLabel)
	bottom := container.NewVBox(widget.NewLabel(nameLabel), f.name, f.errLine)
	body := container.NewBorder(top, bottom, places, nil, f.list)

	okLabel := T("file.open")
	if req.save {
		okLabel = T("file.save")
	}
	ok := widget.NewButtonWithIcon(okLabel, theme.ConfirmIcon(), f.accept)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(T("ui.cancel"), theme.CancelIcon(), f.cancel)
	f.dlg = dialog.NewCustomWithoutButtons(req.title, body, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	f.dlg.Resize(fyne.NewSize(720, 520))
	f.navigate(f.folder)
	f.dlg.Show()
	u.win.Canvas().Focus(f.name)
	if req.save {
		// The cursor waits before the extension, where a name is changed.
		f.name.CursorColumn = len([]rune(strings.TrimSuffix(req.name, filepath.Ext(req.name))))
	}
	return f
}

// place is a folder offered at the dialog's side.
type place struct {
	label string
	icon  fyne.Resource
	path  string
}

// places are the folders a person most often wants: home, documents,
// the desktop, the database's own folder and the whole computer.
func (f *fileDialog) places() []place {
	home := homeDir()
	ps := []place{{T("file.home"), theme.HomeIcon(), home}}
	for _, d := range []struct{ key, name string }{
		{"file.documents", "Documents"}, {"file.documents", "Asiakirjat"}, {"file.documents", "Dokument"},
		{"file.desktop", "Desktop"}, {"file.desktop", "Työpöytä"}, {"file.downloads", "Downloads"}, {"file.downloads", "Lataukset"},
	} {
		p := filepath.Join(home, d.name)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			ps = append(ps, place{T(d.key), theme.FolderIcon(), p})
		}
	}
	if f.u.db != nil {
		ps = append(ps, place{T("file.database_folder"), theme.StorageIcon(), filepath.Dir(f.u.db.Path())})
	}
	root := filepath.VolumeName(home) + string(filepath.Separator)
	return append(ps, place{T("file.computer"), theme.ComputerIcon(), root})
}

// navigate shows a folder's contents: folders first, then the files of
// the asked kinds, each by name; hidden ones are left out.
func (f *fileDialog) navigate(folder string) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		f.setError(T("file.cannot_read_folder", map[string]any{"Path": folder}))
		return
	}
	f.folder = folder
	f.entries = f.entries[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() || f.wanted(e.Name()) {
			f.entries = append(f.entries, e)
		}
	}
	slices.SortFunc(f.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	f.folderLabel.SetText(T("file.folder", map[string]any{"Path": folder}))
	f.list.UnselectAll()
	f.list.Refresh()
	f.list.ScrollToTop()
	f.setError("")
}

// wanted reports whether a file is of a kind the dialog lists.
func (f *fileDialog) wanted(name string) bool {
	if len(f.req.exts) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	return slices.Contains(f.req.exts, ext)
}

// selected opens a chosen folder, or takes a chosen file's name.
func (f *fileDialog) selected(id widget.ListItemID) {
	if id < 0 || id >= len(f.entries) {
		return
	}
	e := f.entries[id]
	if e.IsDir() {
		f.navigate(filepath.Join(f.folder, e.Name()))
		return
	}
	f.name.SetText(e.Name())
	f.u.win.Canvas().Focus(f.name)
}

// setError shows text under the name field ("" clears it).
func (f *fileDialog) setError(text string) {
	if text == "" {
		text = " "
	}
	if f.errLine.Text != text {
		f.errLine.SetText(text)
	}
}

// accept checks what was typed and, when it names a usable file, closes
// the dialog with it. A typed folder is opened instead.
func (f *fileDialog) accept() {
	ext := ""
	if f.req.save && len(f.req.exts) > 0 {
		ext = f.req.exts[0]
	}
	path := localPaths.resolve(f.name.Text, f.folder, homeDir(), "")
	if path == "" {
		f.setError(T("file.no_name"))
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		f.navigate(path)
		f.name.SetText(f.req.name)
		return
	}
	if ext != "" && !strings.Contains(localPaths.base(path), ".") {
		path += ext
	}
	dir := localPaths.dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		f.setError(T("file.no_folder", map[string]any{"Path": dir}))
		return
	}
	fi, err := os.Stat(path)
	switch {
	case !f.req.save && err != nil:
		f.setError(T("file.not_found", map[string]any{"Path": path}))
		return
	case f.req.save && f.hitsDatabase(path):
		f.setError(T("error.output_is_database", map[string]any{"Path": path}))
		return
	case f.req.save && err == nil && f.req.kind == fileDatabase:
		// A new database cannot replace a file; opening it is File → Open.
		f.setError(T("file.database_exists", map[string]any{"Name": localPaths.base(path)}))
		return
	case f.req.save && err == nil && fi.Mode().IsRegular():
		dialog.ShowConfirm(T("file.replace_title"), T("file.replace", map[string]any{"Name": localPaths.base(path)}),
			func(yes bool) {
				if yes {
					f.finish(path)
				}
			}, f.u.win)
		return
	}
	f.finish(path)
}

// hitsDatabase reports whether path is the open database or lies in its
// backups folder: an export must never overwrite what it came from.
func (f *fileDialog) hitsDatabase(path string) bool {
	if f.u.db == nil {
		return false
	}
	db := filepath.Clean(f.u.db.Path())
	if filepath.Clean(path) == db {
		return true
	}
	if f.u.cfg.Backups != nil {
		dir := filepath.Clean(f.u.cfg.Backups.Dir(db))
		if p := filepath.Clean(path); filepath.Dir(p) == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// finish remembers the folder and hands the path on.
func (f *fileDialog) finish(path string) {
	f.u.app.Preferences().SetString(prefLastFolder(f.req.kind), localPaths.dir(path))
	f.dlg.Hide()
	f.done(path)
}

func (f *fileDialog) cancel() { f.dlg.Hide() }
