package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/calendar"
	"hankekirja/importing"
	"hankekirja/model"
)

// Importing a calendar invitation (package calendar): the window asks
// whose meetings the events are, suggesting a group from the titles or
// the organiser, and whether unknown attendees become contacts; then the
// usual preview shows what the import would do.

// calendarGroupChoice is the dialog that asks for the group (tests reach
// it through lastCalendarChoice).
type calendarGroupChoice struct {
	groups      []*model.Group
	group       *widget.Select
	newContacts *widget.Check
	dialog      dialog.Dialog
	// next previews the import with the choices made.
	next func()
}

// lastCalendarChoice is the last group choice shown (tests).
var lastCalendarChoice *calendarGroupChoice

// meetingStatusText is a meeting's status in words, "cancelled" added
// when its invitation was.
func meetingStatusText(m *model.Meeting) string {
	s := T("meetings_ui.status_" + string(m.Status))
	if m.Cancelled {
		s = joinNonEmpty(s, T("ics.cancelled"))
	}
	return s
}

// chooseCalendarGroup reads the calendar's suggestion in the background
// and asks for the group.
func (u *UI) chooseCalendarGroup(name string, data []byte) {
	type result struct {
		suggested model.ID
		groups    []*model.Group
		err       error
	}
	progress := showProgress(u, T("table.ui.reading"))
	background(u, func(ctx context.Context, svc model.Services) (result, error) {
		id, groups, err := calendar.SuggestFor(ctx, svc, data)
		return result{id, groups, err}, nil
	}, func(r result) {
		progress.Hide()
		if r.err != nil {
			u.interchangeError(r.err)
			return
		}
		u.showCalendarGroupChoice(name, data, r.suggested, r.groups)
	})
}

func (u *UI) showCalendarGroupChoice(name string, data []byte, suggested model.ID, groups []*model.Group) {
	if len(groups) == 0 {
		u.showNotice(dialog.NewInformation(T("table.ui.preview_title", map[string]any{"Name": name}), T("ics.ui.no_groups"), u.win))
		return
	}
	slices.SortFunc(groups, func(a, b *model.Group) int { return model.CompareNames(a.Name, b.Name) })
	labels := make([]string, len(groups))
	for i, g := range groups {
		labels[i] = g.Name
	}
	c := &calendarGroupChoice{groups: groups, group: newSelect(labels, nil),
		newContacts: widget.NewCheck(T("ics.ui.new_contacts"), nil)}
	c.newContacts.SetChecked(true)
	for i, g := range groups {
		if g.ID == suggested {
			c.group.SetSelectedIndex(i)
		}
	}
	lastCalendarChoice = c
	c.next = func() {
		i := c.group.SelectedIndex()
		if i < 0 {
			return
		}
		opts := calendar.ImportOptions{Group: groups[i].ID, NewContacts: c.newContacts.Checked}
		u.runPreview(name, data, func(ctx context.Context, svc model.Services, data []byte, o importing.Options) (importing.Report, error) {
			opts.Options = o
			return calendar.Import(ctx, svc, data, opts)
		})
	}
	question := widget.NewLabel(T("ics.ui.choose_group"))
	question.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(question, widget.NewForm(widget.NewFormItem(T("ics.ui.group"), c.group)), c.newContacts)
	d := dialog.NewCustomConfirm(T("table.ui.preview_title", map[string]any{"Name": name}), T("table.ui.next"), T("ui.cancel"), form, func(ok bool) {
		if ok {
			c.next()
		}
	}, u.win)
	c.dialog = d
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}
