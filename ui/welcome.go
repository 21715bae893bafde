package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// newWelcome is the first view of an empty database. It offers the four
// ways people start: look at the example data, create the first project,
// bring in an address book or spreadsheet they already have, or open a
// colleague's snapshot; and the quick guide.
func newWelcome(u *UI) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("ui.welcome_title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabel(T("ui.welcome_text"))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	create := widget.NewButtonWithIcon(T("ui.create_project"), theme.ContentAddIcon(), func() {
		u.shell.showSection(sectionIndex("projects", 0))
		u.shell.browsers[model.KindProject].newRecord()
	})
	create.Importance = widget.HighImportance
	demo := widget.NewButtonWithIcon(T("ui.load_demo"), theme.DownloadIcon(), u.loadDemo)
	importFile := widget.NewButtonWithIcon(T("ui.welcome_import"), theme.FolderOpenIcon(), u.importFileDialog)
	snapshot := widget.NewButtonWithIcon(T("ui.welcome_snapshot"), theme.MailAttachmentIcon(), u.importSnapshotDialog)
	guide := widget.NewButtonWithIcon(T("ui.welcome_guide"), theme.HelpIcon(), u.showGuide)
	guide.Importance = widget.LowImportance
	buttons := container.NewGridWithColumns(2, create, demo, importFile, snapshot)
	box := container.NewVBox(title, text, buttons, container.NewCenter(guide))
	return container.NewCenter(container.New(&maxWidthLayout{width: 560}, box))
}

// loadDemo loads the example data and shows the projects.
func (u *UI) loadDemo() {
	if u.cfg.LoadDemo == nil {
		return
	}
	progress := showProgress(u, T("ui.loading_demo"))
	backgroundErr(u, func(ctx context.Context, svc model.Services) error {
		return u.cfg.LoadDemo(ctx, svc)
	}, func(err error) {
		progress.Hide()
		if err != nil {
			u.showError(err)
			return
		}
		u.shell.current = -1
		u.shell.showSection(sectionIndex("projects", 0))
	})
}

// maxWidthLayout limits its content's width (a readable column).
type maxWidthLayout struct{ width float32 }

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(m.Width, l.width), m.Height)
}

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(fyne.NewSize(min(size.Width, max(l.width, objs[0].MinSize().Width)), size.Height))
}
