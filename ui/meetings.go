package ui

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// meetingsView is the Meetings part of the window. Its tabs are the
// meetings themselves (the list-and-detail frame, with the editor where
// the secretary writes the minutes), every task given in any meeting, and
// the register of decisions.
type meetingsView struct {
	u         *UI
	b         *browser
	tabs      *container.AppTabs
	tasks     *tasksView
	decisions *decisionsView
	// preset is the group of the next new meeting (newMeeting).
	preset model.ID
	// lastEditor is the editor opened last, lastReopen the reason field of
	// the last reopening dialog (tests).
	lastEditor *meetingEditor
	lastReopen *widget.Entry
	// lastConfirm is the last confirmation of a status change (tests).
	lastConfirm dialog.Dialog
	// atItem is the agenda item (index plus one) the next shown meeting
	// opens at (a search hit there), 0 for the top; itemShown is its
	// heading once shown.
	atItem    int
	itemShown fyne.CanvasObject
}

func newMeetingsView(u *UI) *meetingsView {
	v := &meetingsView{u: u}
	v.b = newBrowser(u, model.KindMeeting, v)
	v.tasks = newTasksView(u, v)
	v.decisions = newDecisionsView(u, v)
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(kindHeading(model.KindMeeting), theme.CalendarIcon(), v.b.content),
		container.NewTabItemWithIcon(T("meetings_ui.tab_tasks"), theme.CheckButtonCheckedIcon(), v.tasks.content),
		container.NewTabItemWithIcon(T("meetings_ui.tab_decisions"), theme.DocumentIcon(), v.decisions.content),
	)
	v.tabs.OnSelected = func(t *container.TabItem) {
		switch v.tabs.SelectedIndex() {
		case 1:
			v.tasks.reload()
		case 2:
			v.decisions.reload()
		}
	}
	v.b.content = v.tabs
	return v
}

// showMeetingsTab brings the meetings tab to the front.
func (v *meetingsView) showMeetingsTab() {
	if v.tabs.SelectedIndex() != 0 {
		v.tabs.SelectIndex(0)
	}
}

// openEditor returns the editor of meeting id when its minutes are open.
func (v *meetingsView) openEditor(id model.ID) *meetingEditor {
	e := v.lastEditor
	if e == nil || e.m == nil || e.m.ID != id || v.b.editing != e.f {
		return nil
	}
	return e
}

// SaveDrafts stores the minutes being written, if any, and then calls done
// on Fyne's thread, whether or not that succeeded. The command line calls
// it before it quits on a signal, so that a shutdown keeps the last
// seconds of typing too.
func (u *UI) SaveDrafts(done func()) {
	b := u.shell.browsers[model.KindMeeting]
	if b == nil {
		done()
		return
	}
	v, ok := b.view.(*meetingsView)
	if !ok || v.lastEditor == nil || v.lastEditor.auto == nil || b.editing != v.lastEditor.f {
		done()
		return
	}
	v.lastEditor.auto.flush(func(bool) { done() })
}

// openMeeting shows a meeting (a link in the tasks or decisions).
func (v *meetingsView) openMeeting(id model.ID) {
	v.showMeetingsTab()
	v.u.navigate(model.KindMeeting, id)
}

func (v *meetingsView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	// Newest first: the meeting being written is usually the latest.
	p, err := svc.Meetings.List(ctx, model.Filter{Text: query, Offset: offset, Limit: limit, Reverse: true})
	if err != nil {
		return p, err
	}
	for i := range p.Items {
		s := &p.Items[i]
		for _, f := range s.Facets {
			if st, ok := strings.CutPrefix(f, "status:"); ok {
				s.Subtitle = joinNonEmpty(s.Subtitle, T("meetings_ui.status_"+st))
			}
		}
	}
	return p, nil
}

// meetingInfo is everything the meeting view shows, loaded in one go.
type meetingInfo struct {
	m     *model.Meeting
	group *model.Summary
	// contacts holds the contacts the meeting names that still exist.
	contacts map[model.ID]bool
}

func (v *meetingsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	v.showMeetingsTab()
	background(v.u, func(ctx context.Context, svc model.Services) (meetingInfo, error) {
		info := meetingInfo{contacts: map[model.ID]bool{}}
		var err error
		if info.m, err = svc.Meetings.Get(ctx, id); err != nil {
			return info, err
		}
		if s, err := svc.Queries.Summary(ctx, info.m.Group); err == nil {
			info.group = &s
		}
		info.m.EachPerson(func(p *model.Person) {
			if p.Contact.IsZero() {
				return
			}
			if _, ok := info.contacts[p.Contact]; ok {
				return
			}
			s, err := svc.Queries.Summary(ctx, p.Contact)
			info.contacts[p.Contact] = err == nil && s.Deleted == nil
		})
		return info, nil
	}, func(info meetingInfo) {
		item := v.atItem
		v.atItem = 0
		d, o := v.render(info, item)
		done(o)
		if item > 0 {
			v.itemShown = d.itemHeading
			d.scrollTo(d.itemHeading)
		}
	})
}

// openAt shows meeting id scrolled to its agenda item (index plus one).
func (v *meetingsView) openAt(id model.ID, item int) {
	v.atItem = item
	v.openMeeting(id)
}

// person shows a Person: a link to the contact, or the name.
func (v *meetingsView) person(info meetingInfo, p model.Person) fyne.CanvasObject {
	if !p.Contact.IsZero() && info.contacts[p.Contact] {
		h := recordLink(v.u, model.KindContact, p.Contact, p.Name)
		h.Truncation = fyne.TextTruncateEllipsis
		return h
	}
	l := widget.NewLabel(p.Name)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (v *meetingsView) render(info meetingInfo, atItem int) (*details, fyne.CanvasObject) {
	m := info.m
	d := newDetails(v.u, m.Title(), joinNonEmpty(T("meetings_ui.type_"+string(m.Type)), meetingStatusText(m)))
	v.actions(d, m)

	if info.group != nil {
		d.rowObject(fieldLabel("group"), recordLink(v.u, model.KindGroup, info.group.ID, info.group.Title))
	} else {
		d.row(fieldLabel("group"), m.GroupName)
	}
	d.row(fieldLabel("number"), m.NumberText())
	d.row(fieldLabel("date"), m.Date.String())
	d.row(T("meetings_ui.time"), m.TimeText())
	d.row(fieldLabel("place"), m.Place)
	if m.Link != "" {
		if u, err := url.Parse(m.Link); err == nil {
			h := widget.NewHyperlink(m.Link, u)
			h.Truncation = fyne.TextTruncateEllipsis
			d.rowObject(T("meetings_ui.online"), h)
		} else {
			d.row(T("meetings_ui.online"), m.Link)
		}
	}
	d.row(fieldLabel("type"), T("meetings_ui.type_"+string(m.Type)))
	d.row(fieldLabel("status"), meetingStatusText(m))
	if m.Cancelled {
		d.row("", T("meetings_ui.cancelled_note"))
	}
	if c := m.Checked; m.Status == model.MeetingChecked && !c.IsZero() {
		// Who checked the minutes, and when.
		var names []string
		for _, p := range c.By {
			names = append(names, p.Name)
		}
		d.row(fieldLabel("checked"), strings.TrimSpace(c.On.String()+" "+strings.Join(names, ", ")))
	}
	if !m.Chair.IsZero() {
		d.rowObject(fieldLabel("chair"), v.person(info, m.Chair))
	}
	if !m.Secretary.IsZero() {
		d.rowObject(fieldLabel("secretary"), v.person(info, m.Secretary))
	}
	if len(m.Checkers) > 0 {
		box := container.NewVBox()
		for _, p := range m.Checkers {
			box.Add(v.person(info, p))
		}
		d.rowObject(fieldLabel("checkers"), box)
	}

	v.renderAttendance(d, info)
	v.renderItems(d, info, atItem)

	if len(m.Reopenings) > 0 {
		d.section(T("meetings_ui.corrections"))
		for _, r := range m.Reopenings {
			d.note(T("meetings_ui.reopened_on", map[string]any{"When": r.At.Local().Format("2.1.2006 15.04"), "Text": r.Reason}))
		}
	}
	return d, d.content()
}

// attendanceViewColumns: name, attendance, role, arrival and departure.
var attendanceViewColumns = []float32{0.3, 0.35, 0.15}

func (v *meetingsView) renderAttendance(d *details, info meetingInfo) {
	m := info.m
	present := len(m.Present())
	d.section(T("meetings_ui.attendance_heading", map[string]any{"Count": present}))
	if len(m.Attendance) == 0 {
		d.note(T("meetings_ui.no_attendance"))
		return
	}
	for _, a := range m.Attendance {
		status := T("meetings_ui.attendance_" + string(a.Status))
		var statusObj fyne.CanvasObject = lowLabel(status)
		if a.Status == model.AttendanceRepresented && !a.Deputy.IsZero() {
			statusObj = container.NewBorder(nil, nil, lowLabel(status+":"), nil, v.person(info, a.Deputy))
		}
		var when []string
		if a.ArrivedAt != 0 {
			when = append(when, T("meetings_ui.arrived_at", map[string]any{"Count": a.ArrivedAt}))
		}
		if a.LeftAt != 0 {
			when = append(when, T("meetings_ui.left_at", map[string]any{"Count": a.LeftAt}))
		}
		d.add(container.New(&columnsLayout{shares: attendanceViewColumns},
			v.person(info, a.Person), statusObj,
			lowLabel(T("meetings_ui.attendee_"+string(a.Role))),
			lowLabel(strings.Join(when, ", "))))
	}
}

func lowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// truncated is a one-line label that shortens with an ellipsis.
func truncated(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// wrapped is a label that wraps.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (v *meetingsView) renderItems(d *details, info meetingInfo, atItem int) {
	m := info.m
	d.section(T("meetings_ui.items_heading", map[string]any{"Count": len(m.Items)}))
	if len(m.Items) == 0 {
		d.note(T("meetings_ui.no_items"))
	}
	for i, it := range m.Items {
		h := widget.NewLabelWithStyle(itemHeading(it), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.Wrapping = fyne.TextWrapWord
		d.add(widget.NewSeparator())
		d.add(h)
		if i+1 == atItem {
			d.itemHeading = h
		}
		if it.Confidential != nil {
			d.row(fieldLabel("confidential"), confidentialMark(it.Confidential))
		}
		if !it.Presenter.IsZero() {
			d.rowObject(fieldLabel("presenter"), v.person(info, it.Presenter))
		}
		if strings.TrimSpace(it.Background) != "" {
			rt := widget.NewRichTextFromMarkdown(it.Background)
			rt.Wrapping = fyne.TextWrapWord
			d.rowObject(fieldLabel("background"), rt)
		}
		d.row(fieldLabel("proposal"), it.Proposal)
		d.row(fieldLabel("discussion"), it.Discussion)
		if it.Decision != "" {
			dec := wrapped(it.Decision)
			dec.TextStyle = fyne.TextStyle{Bold: true}
			d.rowObject(fieldLabel("decision"), dec)
		}
		for _, ds := range it.Dissents {
			d.rowObject(fieldLabel("dissents_item"), container.NewVBox(v.person(info, ds.By), wrapped(ds.Text)))
		}
		for _, c := range it.Conflicts {
			text := T("meetings_ui.conflict_text", map[string]any{"Name": c.By.Name})
			if c.Reason != "" {
				text += " (" + c.Reason + ")"
			}
			d.row(fieldLabel("conflicts_item"), text)
		}
		for _, t := range it.Tasks {
			label := fieldLabel("tasks_item")
			if t.Confidential != nil {
				label += "\n" + confidentialMark(t.Confidential)
			}
			d.rowObject(label, v.taskLine(info, t))
		}
	}
}

// taskLine is a task in the meeting view: what, who, when, its state.
func (v *meetingsView) taskLine(info meetingInfo, t model.Task) fyne.CanvasObject {
	var about []string
	if !t.Due.IsZero() {
		about = append(about, T("meetings_ui.due_on", map[string]any{"When": t.Due.String()}))
	}
	state := T("meetings_ui.task_" + string(t.Status))
	if t.Overdue(model.Today()) {
		state = T("meetings_ui.overdue")
	}
	about = append(about, state)
	desc := wrapped(t.Description)
	info2 := lowLabel(strings.Join(about, " · "))
	if t.Overdue(model.Today()) {
		info2.Importance = widget.DangerImportance
	}
	line := container.NewVBox(desc)
	if !t.Owner.IsZero() {
		line.Add(container.NewBorder(nil, nil, v.person(info, t.Owner), nil, info2))
	} else {
		line.Add(info2)
	}
	return line
}

// itemRef is "12 § · 3/2019 Ohjausryhmä", where a task or decision came
// from, with the meeting's date after it when withDate is set.
func itemRef(m *model.Meeting, it *model.AgendaItem, withDate bool) string {
	parts := []string{}
	if it != nil && it.Number > 0 {
		parts = append(parts, strconv.Itoa(it.Number)+" §")
	}
	parts = append(parts, m.Title())
	if m.Number > 0 && withDate {
		parts = append(parts, m.Date.String())
	}
	return strings.Join(parts, " · ")
}

// loadAllMeetings reads every meeting not in the trash.
func loadAllMeetings(ctx context.Context, svc model.Services) ([]*model.Meeting, error) {
	page, err := svc.Meetings.List(ctx, model.Filter{})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Meeting, 0, len(page.Items))
	for _, s := range page.Items {
		m, err := svc.Meetings.Get(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", s.ID, err)
		}
		out = append(out, m)
	}
	return out, nil
}
