package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// section is one entry of the navigation.
type section struct {
	name string // stable name, kept in preferences
	kind model.Kind
	// icon is a function: theme icons look up the current app, which does
	// not exist yet while package variables are initialised.
	icon func() fyne.Resource
}

// sections in the order the navigation shows them. Trash has no kind.
var sections = []section{
	{"projects", model.KindProject, theme.FolderIcon},
	{"groups", model.KindGroup, theme.AccountIcon},
	{"meetings", model.KindMeeting, theme.CalendarIcon},
	{"contacts", model.KindContact, theme.MailComposeIcon},
	{"municipalities", model.KindMunicipality, theme.HomeIcon},
	{"organisations", model.KindOrganisation, theme.StorageIcon},
	{"trash", 0, theme.DeleteIcon},
}

// shell is the window's frame: the toolbar with global search, the
// navigation on the left and the current view.
type shell struct {
	u        *UI
	content  fyne.CanvasObject
	nav      *widget.List
	main     *fyne.Container
	search   *globalSearch
	browsers map[model.Kind]*browser
	trash    *trashView
	current  int // index into sections; -1 while the welcome view shows
	bar      *noticeBar
}

func newShell(u *UI) *shell {
	s := &shell{u: u, browsers: map[model.Kind]*browser{}, current: -1}
	s.browsers[model.KindProject] = newProjectsView(u).b
	s.browsers[model.KindGroup] = newGroupsView(u).b
	s.browsers[model.KindMeeting] = newMeetingsView(u).b
	s.browsers[model.KindContact] = newContactsView(u).b
	s.browsers[model.KindMunicipality] = newMunicipalitiesView(u).b
	s.browsers[model.KindOrganisation] = newOrganisationsView(u).b
	s.trash = newTrashView(u)

	s.nav = widget.NewList(
		func() int { return len(sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel("Organisaatiot"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(sections[i].icon())
			box.Objects[1].(*widget.Label).SetText(sectionTitle(sections[i]))
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.selectSection(i) }
	s.search = newGlobalSearch(u)
	s.main = container.NewStack()
	toolbar := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Hankekirja", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, s.search.entry)
	split := container.NewHSplit(s.nav, s.main)
	split.Offset = 0.16
	// The search results lie over the content, in the window's own layer.
	body := container.NewStack(split, s.search.layer)
	s.bar = newNoticeBar()
	s.content = container.NewBorder(container.NewVBox(toolbar, widget.NewSeparator()), s.bar.box, nil, nil, body)
	return s
}

func sectionTitle(s section) string {
	if s.kind == 0 {
		return T("ui.trash")
	}
	return kindHeading(s.kind)
}

// sectionIndex finds a section by name or kind.
func sectionIndex(name string, kind model.Kind) int {
	for i, s := range sections {
		if (name != "" && s.name == name) || (name == "" && s.kind == kind) {
			return i
		}
	}
	return 0
}

// selectSection shows section i (asking first if a form has unsaved
// changes).
func (s *shell) selectSection(i int) {
	if i == s.current {
		return
	}
	if b := s.currentBrowser(); b != nil {
		b.guard(func() { s.showSection(i) }, func() { s.nav.Select(s.current) })
		return
	}
	s.showSection(i)
}

func (s *shell) showSection(i int) {
	s.current = i
	sec := sections[i]
	s.u.app.Preferences().SetString(prefLastSection, sec.name)
	var content fyne.CanvasObject
	if sec.kind == 0 {
		content = s.trash.content
		s.trash.reload()
	} else {
		b := s.browsers[sec.kind]
		content = b.content
		b.reload()
	}
	s.main.Objects = []fyne.CanvasObject{content}
	s.main.Refresh()
	s.nav.Select(i)
}

func (s *shell) currentBrowser() *browser {
	if s.current < 0 {
		return nil
	}
	return s.browsers[sections[s.current].kind]
}

// databaseChanged shows the newly opened database: the welcome view when it
// holds nothing of the user's yet, else the last view used.
func (s *shell) databaseChanged() {
	for _, b := range s.browsers {
		b.showNewButton()
		b.selected = model.NilID
		b.editing = nil
		b.total, b.pages = 0, nil
		b.filter.SetText("")
		b.setDetail(placeholder(T("ui.select_record")))
	}
	background(s.u, func(ctx context.Context, svc model.Services) (bool, error) {
		return isEmpty(ctx, svc)
	}, func(empty bool) {
		if empty {
			s.showWelcome()
			return
		}
		s.current = -1
		s.showSection(sectionIndex(s.u.app.Preferences().StringWithFallback(prefLastSection, "projects"), 0))
	})
}

// isEmpty reports whether the database has no records of the user's own
// (municipalities come with every database).
func isEmpty(ctx context.Context, svc model.Services) (bool, error) {
	for _, k := range []model.Kind{model.KindProject, model.KindGroup, model.KindContact, model.KindOrganisation, model.KindMeeting} {
		p, err := listKind(ctx, svc, k, model.Filter{Limit: 1})
		if err != nil || p.Total > 0 {
			return false, err
		}
	}
	return true, nil
}

// showWelcome offers the first steps in an empty database.
func (s *shell) showWelcome() {
	s.current = -1
	s.nav.UnselectAll()
	s.main.Objects = []fyne.CanvasObject{newWelcome(s.u)}
	s.main.Refresh()
}

// navigate shows a record in its view.
func (u *UI) navigate(kind model.Kind, id model.ID) {
	s := u.shell
	i := sectionIndex("", kind)
	open := func() {
		if s.current != i {
			s.showSection(i)
		}
		s.browsers[kind].showRecord(id)
	}
	if b := s.currentBrowser(); b != nil {
		b.guard(open, nil)
		return
	}
	open()
}

// recordsChanged refreshes what shows records of kind (after a delete,
// restore or import).
func (u *UI) recordsChanged(kind model.Kind) {
	s := u.shell
	if b := s.browsers[kind]; b != nil {
		if b.selected.IsZero() || s.currentBrowser() == b {
			b.afterDelete()
		}
	}
	if s.current >= 0 && sections[s.current].kind == 0 {
		s.trash.reload()
	}
}

// registerShortcuts binds Esc to cancelling the open form when no text
// field has the keyboard (Ctrl+N, Ctrl+S and Ctrl+F are in the Edit menu).
func (s *shell) registerShortcuts() {
	s.u.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if s.u.closeNoticeKey(ev) {
			return
		}
		if ev.Name == fyne.KeyEscape {
			if b := s.currentBrowser(); b != nil && b.editing != nil {
				b.editing.cancel()
			}
		}
	})
}

// newInCurrentView opens an empty form in the current view (Ctrl+N).
func (u *UI) newInCurrentView() {
	if b := u.shell.currentBrowser(); b != nil {
		b.newRecord()
	}
}

// saveCurrentForm saves the open form (Ctrl+S).
func (u *UI) saveCurrentForm() {
	if b := u.shell.currentBrowser(); b != nil && b.editing != nil {
		b.editing.submit()
	}
}

// focusSearch puts the cursor in the global search field (Ctrl+F), with
// the last query selected so that typing replaces it.
func (u *UI) focusSearch() {
	e := u.shell.search.entry
	u.win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
}
