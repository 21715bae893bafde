package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// agendaEditor is the agenda and minutes tab: the § items on the left
// (added, removed, and moved up and down while the meeting is planned) and
// the chosen item on the right, laid out like the minutes read: title,
// presenter, background (Markdown, with a preview), proposal, discussion,
// decision, dissenting opinions, conflicts of interest and tasks.
type agendaEditor struct {
	e        *meetingEditor
	list     *widget.List
	selected int
	pane     *fyne.Container
	content  fyne.CanvasObject
	add      *widget.Button
	remove   *widget.Button
	up       *widget.Button
	down     *widget.Button
	// cur is the editor of the selected item.
	cur *itemEditor
}

func newAgendaEditor(e *meetingEditor) *agendaEditor {
	a := &agendaEditor{e: e, selected: -1}
	a.list = widget.NewList(
		func() int { return len(e.m.Items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(e.m.Items) {
				o.(*widget.Label).SetText(itemHeading(e.m.Items[i]))
			}
		})
	a.list.OnSelected = func(i widget.ListItemID) { a.show(i) }
	a.add = widget.NewButtonWithIcon(T("meetings_ui.add_item"), theme.ContentAddIcon(), a.addItem)
	a.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), a.removeItem)
	a.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { a.move(-1) })
	a.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { a.move(1) })
	tools := container.NewHBox(a.add, a.up, a.down, a.remove)
	a.pane = container.NewStack(placeholder(T("meetings_ui.choose_item")))
	split := container.NewHSplit(container.NewBorder(tools, nil, nil, nil, a.list), a.pane)
	split.Offset = 0.26
	a.content = split
	if len(e.m.Items) > 0 {
		a.list.Select(0)
	}
	a.updateButtons()
	return a
}

// itemHeading is "§ 12 Kokouksen avaus" ("§ – …" while unnumbered).
func itemHeading(it model.AgendaItem) string {
	title := it.Title
	if strings.TrimSpace(title) == "" {
		title = T("meetings_ui.untitled_item")
	}
	return itemNumber(it.Number) + " " + title
}

func itemNumber(n int) string {
	if n == 0 {
		return "§ –"
	}
	return fmt.Sprintf("%d §", n)
}

// canMove reports whether items may be reordered: only while the meeting
// is planned, since the numbers of held minutes are fixed.
func (a *agendaEditor) canMove() bool {
	return !a.e.readOnly && a.e.m.Status == model.MeetingPlanned
}

func (a *agendaEditor) updateButtons() {
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	n := len(a.e.m.Items)
	set(a.add, !a.e.readOnly)
	set(a.remove, !a.e.readOnly && a.selected >= 0 && a.selected < n)
	set(a.up, a.canMove() && a.selected > 0 && a.selected < n)
	set(a.down, a.canMove() && a.selected >= 0 && a.selected < n-1)
	if !a.canMove() {
		a.up.Hide()
		a.down.Hide()
	}
}

// show puts item i in the pane.
func (a *agendaEditor) show(i int) {
	if i < 0 || i >= len(a.e.m.Items) {
		a.selected = -1
		a.cur = nil
		a.pane.Objects = []fyne.CanvasObject{placeholder(T("meetings_ui.choose_item"))}
		a.pane.Refresh()
		a.updateButtons()
		return
	}
	a.selected = i
	a.cur = newItemEditor(a, i)
	a.pane.Objects = []fyne.CanvasObject{a.cur.content}
	a.pane.Refresh()
	if a.e.readOnly {
		disableAll(a.cur.content)
	}
	a.updateButtons()
}

// focus puts the cursor where the secretary writes: the discussion of the
// selected item.
func (a *agendaEditor) focus() {
	if a.cur != nil && a.e.u.win != nil {
		a.e.u.win.Canvas().Focus(a.cur.discussion)
	}
}

// renumber numbers the items locally so the screen shows the numbers the
// save will give: a planned meeting's items run on from its first number;
// new items of a held meeting get the numbers after its own.
func (a *agendaEditor) renumber() {
	m := a.e.m
	if m.Status == model.MeetingPlanned {
		first := 0
		for _, it := range m.Items {
			if it.Number > 0 && (first == 0 || it.Number < first) {
				first = it.Number
			}
		}
		first = max(first, 1)
		for i := range m.Items {
			m.Items[i].Number = first + i
		}
		return
	}
	model.NumberNewItems(m, []*model.Meeting{m})
}

// numbersChanged refreshes the numbers after a save.
func (a *agendaEditor) numbersChanged() {
	a.list.Refresh()
	if a.cur != nil && a.cur.index < len(a.e.m.Items) {
		a.cur.number.SetText(itemNumber(a.e.m.Items[a.cur.index].Number))
	}
}

// addItem adds an item after the selected one (at the end when none is).
func (a *agendaEditor) addItem() {
	m := a.e.m
	at := len(m.Items)
	if a.selected >= 0 && a.selected < len(m.Items) {
		at = a.selected + 1
	}
	m.Items = slices.Insert(m.Items, at, model.AgendaItem{})
	a.renumber()
	a.e.changed()
	a.list.Refresh()
	a.list.Select(at)
	a.list.ScrollTo(at)
	if a.cur != nil && a.e.u.win != nil {
		a.e.u.win.Canvas().Focus(a.cur.title)
	}
}

// removeItem deletes the selected item, asking first when it holds text.
func (a *agendaEditor) removeItem() {
	i := a.selected
	m := a.e.m
	if i < 0 || i >= len(m.Items) {
		return
	}
	drop := func() {
		m.RemoveItem(i)
		a.renumber()
		a.e.changed()
		a.list.UnselectAll()
		a.list.Refresh()
		if len(m.Items) > 0 {
			a.list.Select(min(i, len(m.Items)-1))
		} else {
			a.show(-1)
		}
	}
	it := m.Items[i]
	if it.Background == "" && it.Proposal == "" && it.Discussion == "" && it.Decision == "" &&
		len(it.Dissents)+len(it.Conflicts)+len(it.Tasks) == 0 {
		drop()
		return
	}
	d := dialog.NewConfirm(T("meetings_ui.remove_item_title"),
		T("meetings_ui.remove_item_question", map[string]any{"Name": itemHeading(it)}), func(ok bool) {
			if ok {
				drop()
			}
		}, a.e.u.win)
	d.SetConfirmText(T("ui.delete"))
	d.Show()
}

// move moves the selected item up (-1) or down (1).
func (a *agendaEditor) move(by int) {
	i := a.selected
	if !a.canMove() || i < 0 || i+by < 0 || i+by >= len(a.e.m.Items) {
		return
	}
	a.e.m.MoveItem(i, i+by)
	a.renumber()
	a.e.changed()
	a.list.Refresh()
	a.list.Select(i + by)
}

// entryFor returns the entry on screen for a model field path
// ("items[3].decision"), or nil.
func (a *agendaEditor) entryFor(field string) *widget.Entry {
	if a.cur == nil {
		return nil
	}
	prefix := fmt.Sprintf("items[%d].", a.cur.index)
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return nil
	}
	return a.cur.entries[rest]
}

// itemEditor edits one item. Its widgets write into the working copy's
// item at index.
type itemEditor struct {
	a       *agendaEditor
	index   int
	content fyne.CanvasObject

	number     *widget.Label
	title      *widget.Entry
	presenter  *personField
	background *widget.Entry
	preview    *widget.RichText
	proposal   *widget.Entry
	discussion *widget.Entry
	decision   *widget.Entry
	dissents   *fyne.Container
	conflicts  *fyne.Container
	tasks      *fyne.Container
	addTask    *widget.Button
	voting     *votingEditor
	scroll     *container.Scroll
	// entries are by field path within the item ("title",
	// "tasks[0].description"), for marking errors.
	entries map[string]*widget.Entry
}

func (ie *itemEditor) item() *model.AgendaItem { return &ie.a.e.m.Items[ie.index] }

func newItemEditor(a *agendaEditor, index int) *itemEditor {
	e := a.e
	ie := &itemEditor{a: a, index: index, entries: map[string]*widget.Entry{}}
	it := ie.item()

	ie.number = widget.NewLabelWithStyle(itemNumber(it.Number), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ie.number.SizeName = theme.SizeNameSubHeadingText
	ie.title = widget.NewEntry()
	ie.title.SetText(it.Title)
	ie.title.SetPlaceHolder(fieldLabel("title"))
	ie.title.OnChanged = func(s string) {
		ie.item().Title = s
		e.changed()
		a.list.RefreshItem(ie.index)
	}
	ie.entries["title"] = ie.title
	ie.presenter = newPersonField(e.people, it.Presenter, func(p model.Person) { ie.item().Presenter = p; e.changed() })

	ie.background = ie.text("background", it.Background, 4, func(s string) {
		ie.item().Background = s
		if ie.preview.Visible() {
			ie.preview.ParseMarkdown(s)
		}
	})
	ie.background.Wrapping = fyne.TextWrapWord
	ie.preview = widget.NewRichTextFromMarkdown(it.Background)
	ie.preview.Wrapping = fyne.TextWrapWord
	ie.preview.Hide()
	previewCheck := widget.NewCheck(T("meetings_ui.preview"), func(on bool) {
		if on {
			ie.preview.ParseMarkdown(ie.item().Background)
			ie.preview.Show()
		} else {
			ie.preview.Hide()
		}
	})
	ie.proposal = ie.text("proposal", it.Proposal, 3, func(s string) { ie.item().Proposal = s })
	ie.discussion = ie.text("discussion", it.Discussion, 6, func(s string) { ie.item().Discussion = s })
	ie.decision = ie.text("decision", it.Decision, 3, func(s string) { ie.item().Decision = s })
	accept := widget.NewButtonWithIcon(T("meetings_ui.accept_proposal"), theme.ConfirmIcon(), func() {
		if p := strings.TrimSpace(ie.item().Proposal); p != "" {
			ie.decision.SetText(p)
		}
	})

	ie.dissents = container.NewVBox()
	ie.conflicts = container.NewVBox()
	ie.tasks = container.NewVBox()
	ie.fillDissents()
	ie.fillConflicts()
	ie.fillTasks()
	ie.voting = newVotingEditor(ie)
	addDissent := widget.NewButtonWithIcon(T("meetings_ui.add_row"), theme.ContentAddIcon(), func() {
		ie.item().Dissents = append(ie.item().Dissents, model.Dissent{})
		e.changed()
		ie.fillDissents()
	})
	addConflict := widget.NewButtonWithIcon(T("meetings_ui.add_row"), theme.ContentAddIcon(), func() {
		ie.item().Conflicts = append(ie.item().Conflicts, model.Conflict{})
		e.changed()
		ie.fillConflicts()
	})
	ie.addTask = widget.NewButtonWithIcon(T("meetings_ui.add_row"), theme.ContentAddIcon(), func() {
		ie.item().Tasks = append(ie.item().Tasks, model.Task{Status: model.TaskOpen})
		e.changed()
		ie.fillTasks()
	})

	rows := container.NewVBox(
		container.NewBorder(nil, nil, ie.number, nil, ie.title),
		labelled(fieldLabel("presenter"), ie.presenter.entry),
		container.NewBorder(nil, nil, heading(fieldLabel("background")), previewCheck),
		ie.wrap(ie.background), ie.preview,
		heading(fieldLabel("proposal")), ie.wrap(ie.proposal),
		heading(fieldLabel("discussion")), ie.wrap(ie.discussion),
		container.NewBorder(nil, nil, heading(fieldLabel("decision")), accept), ie.wrap(ie.decision),
		ie.voting.content,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, heading(fieldLabel("dissents")), addDissent), ie.dissents,
		container.NewBorder(nil, nil, heading(fieldLabel("conflicts")), addConflict), ie.conflicts,
		container.NewBorder(nil, nil, heading(fieldLabel("tasks")), ie.addTask), ie.tasks,
	)
	ie.scroll = container.NewVScroll(rows)
	ie.content = ie.scroll
	ie.formalityHint()
	return ie
}

// text makes a multi-line entry for one of the item's texts.
func (ie *itemEditor) text(field, value string, rows int, set func(string)) *widget.Entry {
	en := widget.NewMultiLineEntry()
	en.Wrapping = fyne.TextWrapWord
	en.SetText(value)
	growRows(en, rows)
	en.SetPlaceHolder(fieldLabel(field))
	en.OnChanged = func(s string) {
		set(s)
		growRows(en, rows)
		ie.a.e.changed()
	}
	ie.entries[field] = en
	return en
}

// wrap passes the wheel over a text area on to the item's scroller.
func (ie *itemEditor) wrap(en *widget.Entry) fyne.CanvasObject {
	return passWheel(en, func() *container.Scroll { return ie.scroll })
}

// heading is a bold label above a text.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// labelled puts a bold label before a field.
func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, heading(label), nil, o)
}

// removeButton is a row's delete button.
func removeButton(fn func()) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), fn)
	b.Importance = widget.LowImportance
	return b
}

func (ie *itemEditor) fillDissents() {
	e := ie.a.e
	ie.dissents.Objects = nil
	for j := range ie.item().Dissents {
		d := ie.item().Dissents[j]
		by := newPersonField(e.people, d.By, func(p model.Person) { ie.item().Dissents[j].By = p; e.changed() })
		e.offerPresent(by)
		text := widget.NewMultiLineEntry()
		text.Wrapping = fyne.TextWrapWord
		text.SetMinRowsVisible(2)
		text.SetText(d.Text)
		text.SetPlaceHolder(fieldLabel("dissents_item"))
		text.OnChanged = func(s string) { ie.item().Dissents[j].Text = s; e.changed() }
		ie.entries[fmt.Sprintf("dissents[%d].text", j)] = text
		del := removeButton(func() {
			ie.item().Dissents = slices.Delete(ie.item().Dissents, j, j+1)
			e.changed()
			ie.fillDissents()
		})
		ie.dissents.Add(container.NewBorder(nil, nil, nil, del,
			container.New(&columnsLayout{shares: []float32{0.3}}, by.entry, ie.wrap(text))))
	}
	ie.dissents.Refresh()
}

func (ie *itemEditor) fillConflicts() {
	e := ie.a.e
	ie.conflicts.Objects = nil
	for j := range ie.item().Conflicts {
		c := ie.item().Conflicts[j]
		by := newPersonField(e.people, c.By, func(p model.Person) { ie.item().Conflicts[j].By = p; e.changed() })
		reason := widget.NewEntry()
		reason.SetText(c.Reason)
		reason.SetPlaceHolder(fieldLabel("reason"))
		reason.OnChanged = func(s string) { ie.item().Conflicts[j].Reason = s; e.changed() }
		ie.entries[fmt.Sprintf("conflicts[%d].reason", j)] = reason
		del := removeButton(func() {
			ie.item().Conflicts = slices.Delete(ie.item().Conflicts, j, j+1)
			e.changed()
			ie.fillConflicts()
		})
		ie.conflicts.Add(container.NewBorder(nil, nil, nil, del,
			container.New(&columnsLayout{shares: []float32{0.3}}, by.entry, reason)))
	}
	ie.conflicts.Refresh()
}

// dueWidth fits a date such as 30.12.2026 in a task's due field.
const dueWidth = 130

func (ie *itemEditor) fillTasks() {
	e := ie.a.e
	ie.tasks.Objects = nil
	for j := range ie.item().Tasks {
		t := ie.item().Tasks[j]
		desc := widget.NewEntry()
		desc.SetText(t.Description)
		desc.SetPlaceHolder(fieldLabel("tasks_item"))
		desc.OnChanged = func(s string) { ie.item().Tasks[j].Description = s; e.changed() }
		ie.entries[fmt.Sprintf("tasks[%d].description", j)] = desc
		owner := newPersonField(e.people, t.Owner, func(p model.Person) { ie.item().Tasks[j].Owner = p; e.changed() })
		e.offerPresent(owner)
		due := widget.NewEntry()
		due.SetText(t.Due.String())
		due.SetPlaceHolder(fieldLabel("due"))
		due.OnChanged = func(s string) {
			d, err := model.ParseDate(s)
			if err != nil {
				due.SetValidationError(fmt.Errorf("%s", messageText(model.Invalid("due", "error.date"))))
				return
			}
			due.SetValidationError(nil)
			ie.item().Tasks[j].Due = d
			e.changed()
		}
		ie.entries[fmt.Sprintf("tasks[%d].due", j)] = due
		done := widget.NewCheck(T("meetings_ui.task_done"), nil)
		done.SetChecked(!t.IsOpen())
		done.OnChanged = func(on bool) {
			tk := &ie.item().Tasks[j]
			if on {
				tk.Status, tk.DoneOn = model.TaskDone, model.Today()
			} else {
				tk.Status, tk.DoneOn = model.TaskOpen, model.Date{}
			}
			e.changed()
		}
		del := removeButton(func() {
			ie.item().Tasks = slices.Delete(ie.item().Tasks, j, j+1)
			e.changed()
			ie.fillTasks()
		})
		// The description on a line of its own, so that the owner's name
		// and the due date below it show in full.
		dueBox := container.NewGridWrap(fyne.NewSize(dueWidth, due.MinSize().Height), due)
		ie.tasks.Add(container.NewVBox(container.NewBorder(nil, nil, nil, del, desc),
			container.NewBorder(nil, nil, nil, container.NewHBox(dueBox, done), owner.entry)))
	}
	ie.tasks.Refresh()
}
