package ui

import (
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// writeFile writes a chosen file through Config.WriteFile (all there or
// not changed at all), or plainly when the window runs without one.
func (u *UI) writeFile(path string, write func(w io.Writer) error) error {
	if u.cfg.WriteFile != nil {
		return u.cfg.WriteFile(path, write)
	}
	f, err := os.Create(path)
	if err != nil {
		return model.FileError(path, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return model.FileError(path, err)
}

// showExported says where an export went and offers to open the file or
// the folder it is in, which is what a person does next.
func (u *UI) showExported(title, text, path string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	open := widget.NewButton(T("file.open_file"), func() {
		d.Hide()
		u.openPath(path)
	})
	show := widget.NewButton(T("file.show_in_folder"), func() {
		d.Hide()
		u.openPath(filepath.Dir(path))
	})
	ok := widget.NewButton(T("file.ok"), func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, msg, u.win)
	d.SetButtons([]fyne.CanvasObject{open, show, ok})
	d.Resize(fyne.NewSize(480, 0))
	u.showNotice(d)
}

// openPath hands a file or folder to the desktop's own program for it;
// the desktop saying no is told, not hidden.
func (u *UI) openPath(path string) {
	open := u.openURL
	if open == nil {
		open = u.app.OpenURL
	}
	uri, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = open(uri)
	}
	if err != nil {
		u.showInfo(T("file.open_failed_title"), T("file.open_failed", map[string]any{"Path": path}))
	}
}
