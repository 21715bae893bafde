package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// meetingFixture is a project with a steering group of five: a chair, a
// secretary, two members and a deputy, all seated for 2019–2020.
type meetingFixture struct {
	project  *model.Project
	group    *model.Group
	contacts map[string]*model.Contact // by first name
}

func newMeetingFixture(t *testing.T, u *UI) meetingFixture {
	t.Helper()
	fx := meetingFixture{contacts: map[string]*model.Contact{}}
	fx.project = &model.Project{Name: "Pöytäkirjahanke", Status: model.ProjectRunning}
	if err := u.svc.Projects.Create(ctx(), fx.project); err != nil {
		t.Fatal(err)
	}
	term := model.Period{Start: model.MustDate(2019, 1, 1), End: model.MustDate(2020, 12, 31)}
	fx.group = &model.Group{Name: "Testiohjausryhmä", Type: model.GroupSteering, Project: fx.project.ID}
	for _, p := range []struct {
		first string
		role  model.Role
	}{{"Pirkko", model.RoleChair}, {"Sakari", model.RoleSecretary}, {"Jaana", model.RoleMember}, {"Kalle", model.RoleMember}, {"Ville", model.RoleDeputy}} {
		c := &model.Contact{FirstName: p.first, LastName: "Testinen"}
		if err := u.svc.Contacts.Create(ctx(), c); err != nil {
			t.Fatal(err)
		}
		fx.contacts[p.first] = c
		fx.group.Members = append(fx.group.Members, model.Membership{Contact: c.ID, Role: p.role, Term: term})
	}
	if err := u.svc.Groups.Create(ctx(), fx.group); err != nil {
		t.Fatal(err)
	}
	return fx
}

func meetingsOf(u *UI) *meetingsView {
	return browserOf(u, model.KindMeeting).view.(*meetingsView)
}

// createMeetingInUI makes a meeting of group on date through the new
// meeting form and returns its editor.
func createMeetingInUI(t *testing.T, u *UI, group model.ID, date string) *meetingEditor {
	t.Helper()
	v := meetingsOf(u)
	v.lastEditor = nil
	u.newMeeting(group)
	u.Wait()
	f := browserOf(u, model.KindMeeting).editing
	if f == nil {
		t.Fatal("no new meeting form")
	}
	formField(f, "date").SetText(date)
	formField(f, "start_time").SetText("9.00")
	formField(f, "place").SetText("Kaupungintalo, kokoushuone 2")
	f.submit()
	u.Wait()
	e := v.lastEditor
	if e == nil || e.m == nil {
		t.Fatalf("the minutes did not open after creating the meeting: %q", f.problem.Text)
	}
	return e
}

// storedMeeting reads a meeting from the database.
func storedMeeting(t *testing.T, u *UI, id model.ID) *model.Meeting {
	t.Helper()
	m, err := u.svc.Meetings.Get(ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func itemIndex(m *model.Meeting, title string) int {
	return slices.IndexFunc(m.Items, func(it model.AgendaItem) bool { return it.Title == title })
}

func TestRecordMeetingEndToEnd(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	v := meetingsOf(u)
	b := browserOf(u, model.KindMeeting)

	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	m := e.m
	if m.NumberText() != "1/2019" {
		t.Fatalf("number = %q, want 1/2019", m.NumberText())
	}
	// Attendance from the members on the day: everyone, the deputy absent.
	if len(m.Attendance) != 5 {
		t.Fatalf("attendance = %+v, want the five members", m.Attendance)
	}
	for _, a := range m.Attendance {
		want := model.AttendancePresent
		if a.Contact == fx.contacts["Ville"].ID {
			want = model.AttendanceAbsent
		}
		if a.Status != want || a.Name == "" {
			t.Errorf("attendee %+v: want %s with a name", a, want)
		}
	}
	if m.Chair.Name != "Pirkko Testinen" || m.Secretary.Name != "Sakari Testinen" {
		t.Errorf("chair %q, secretary %q", m.Chair.Name, m.Secretary.Name)
	}
	// The agenda starts from the standard frame, numbered from 1 §.
	if len(m.Items) == 0 || m.Items[0].Title != "Kokouksen avaus" || m.Items[0].Number != 1 {
		t.Fatalf("agenda = %+v", m.Items)
	}

	// The deputy stands in for Kalle.
	for i, a := range m.Attendance {
		if a.Contact == fx.contacts["Kalle"].ID {
			row := e.attend.rowsShown[i]
			row.status.SetSelected("Varajäsen")
			row.deputy.entry.SetText("Ville Testinen")
		}
	}
	e.attend.addPerson(model.Person{Name: "Vieras Asiantuntija"})

	// A new item after "Esityslistan hyväksyminen", with a decision and a
	// task.
	a := e.agenda
	a.list.Select(itemIndex(m, "Esityslistan hyväksyminen"))
	test.Tap(a.add)
	ie := a.cur
	test.Type(ie.title, "Selvityksen käynnistäminen")
	test.Type(ie.proposal, "Ohjausryhmä käynnistää selvityksen.")
	test.Type(ie.discussion, "Keskusteltiin aikataulusta.")
	test.Tap(findButton(t, u, "Päätösehdotus hyväksyttiin"))
	if ie.decision.Text != "Ohjausryhmä käynnistää selvityksen." {
		t.Fatalf("decision = %q", ie.decision.Text)
	}
	test.Tap(ie.addTask)
	taskRow := ie.tasks.Objects[0]
	// Description, owner (a select entry's entry) and due date.
	test.Type(ie.entries["tasks[0].description"], "Laaditaan selvityssuunnitelma")
	ie.entries["tasks[0].due"].SetText("30.5.2019")
	for _, o := range objects(taskRow) {
		if se, ok := o.(*widget.SelectEntry); ok {
			se.SetText("Jaana Testinen")
		}
	}
	test.Tap(findButton(t, u, "Valmis"))
	u.Wait()
	if b.editing != nil {
		t.Fatalf("the editor stayed open: %q", e.f.problem.Text)
	}

	m = storedMeeting(t, u, m.ID)
	i := itemIndex(m, "Selvityksen käynnistäminen")
	if i < 0 {
		t.Fatalf("item not saved: %+v", m.Items)
	}
	it := m.Items[i]
	if it.Number != i+1 || it.Decision != "Ohjausryhmä käynnistää selvityksen." || it.Discussion != "Keskusteltiin aikataulusta." {
		t.Fatalf("item = %+v", it)
	}
	if len(it.Tasks) != 1 || it.Tasks[0].Owner.Contact != fx.contacts["Jaana"].ID || it.Tasks[0].Due != model.MustDate(2019, 5, 30) {
		t.Fatalf("tasks = %+v", it.Tasks)
	}
	for _, a := range m.Attendance {
		if a.Contact == fx.contacts["Kalle"].ID && (a.Status != model.AttendanceRepresented || a.Deputy.Contact != fx.contacts["Ville"].ID) {
			t.Errorf("Kalle's row = %+v", a)
		}
	}
	if !slices.ContainsFunc(m.Attendance, func(a model.Attendee) bool { return a.Name == "Vieras Asiantuntija" && a.Role == model.AttendeeGuest }) {
		t.Errorf("the guest is missing: %+v", m.Attendance)
	}
	screen := screenText(u)
	for _, want := range []string{"1/2019 Testiohjausryhmä", "Selvityksen käynnistäminen", "Laaditaan selvityssuunnitelma", "Ohjausryhmä käynnistää selvityksen."} {
		if !strings.Contains(screen, want) {
			t.Errorf("the meeting view lacks %q:\n%s", want, screen)
		}
	}

	// Held, then the minute checkers, then checked.
	test.Tap(findButton(t, u, "Merkitse kokous pidetyksi"))
	test.Tap(findButton(t, u, "Merkitse pidetyksi")) // the confirmation
	u.Wait()
	if got := storedMeeting(t, u, m.ID).Status; got != model.MeetingHeld {
		t.Fatalf("status = %s, want held", got)
	}
	test.Tap(findButton(t, u, "Kirjoita pöytäkirjaa"))
	u.Wait()
	e = v.lastEditor
	e.checkers[0].entry.SetText("Jaana Testinen")
	e.checkers[1].entry.SetText("Kalle Testinen")
	test.Tap(findButton(t, u, "Valmis"))
	u.Wait()
	test.Tap(findButton(t, u, "Merkitse pöytäkirja tarkastetuksi"))
	test.Tap(findButton(t, u, "Merkitse tarkastetuksi")) // the confirmation
	u.Wait()
	m = storedMeeting(t, u, m.ID)
	if m.Status != model.MeetingChecked {
		t.Fatalf("status = %s, want checked", m.Status)
	}

	// Checked minutes are read-only: no editing on screen, and the
	// editor, if opened, has everything disabled.
	for _, o := range allObjects(u) {
		if bt, ok := o.(*widget.Button); ok && bt.Text == "Kirjoita pöytäkirjaa" {
			t.Fatal("checked minutes offer editing")
		}
	}
	b.openForm(m.ID)
	u.Wait()
	ro := v.lastEditor
	if !ro.readOnly || !ro.agenda.cur.discussion.Disabled() || !ro.date.Disabled() || ro.f.keep != nil {
		t.Fatal("the editor of checked minutes is not read-only")
	}
	ro.f.cancel()
	u.Wait()

	// Reopening needs a reason, which stays in the history.
	test.Tap(findButton(t, u, "Avaa uudelleen korjattavaksi"))
	v.lastReopen.SetText("Päätöksen sanamuoto korjattu")
	test.Tap(findButton(t, u, "Avaa uudelleen"))
	u.Wait()
	m = storedMeeting(t, u, m.ID)
	if m.Status != model.MeetingHeld || len(m.Reopenings) != 1 {
		t.Fatalf("after reopening: status %s, reopenings %+v", m.Status, m.Reopenings)
	}
	revs, _ := u.svc.Meetings.History(ctx(), m.ID)
	if note := revs[len(revs)-1].Note.String(); !strings.Contains(note, "Päätöksen sanamuoto korjattu") {
		t.Fatalf("last revision's note = %q", note)
	}
	if !strings.Contains(screenText(u), "Päätöksen sanamuoto korjattu") {
		t.Errorf("the reason is not shown:\n%s", screenText(u))
	}
	test.Tap(findButton(t, u, "Kirjoita pöytäkirjaa"))
	u.Wait()
	if e := v.lastEditor; e.readOnly || e.agenda.cur.discussion.Disabled() {
		t.Fatal("reopened minutes are still read-only")
	}

	// The decision is in the register and the task in the tasks view.
	v.tabs.SelectIndex(2)
	u.Wait()
	v.decisions.setProject(fx.project.ID)
	v.decisions.search.SetText("selvityksen käynn")
	if len(v.decisions.shown) != 1 || v.decisions.shown[0].item.Number != i+1 {
		t.Fatalf("decisions found: %+v", v.decisions.shown)
	}
	v.decisions.search.SetText("ei tällaista päätöstä")
	if len(v.decisions.shown) != 0 {
		t.Fatalf("search found %d decisions", len(v.decisions.shown))
	}
}

func TestItemNumbersContinueAcrossTheYear(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	b := browserOf(u, model.KindMeeting)

	first := createMeetingInUI(t, u, fx.group.ID, "12.2.2019")
	// One more item in the first meeting.
	first.agenda.list.Select(2)
	test.Tap(first.agenda.add)
	test.Type(first.agenda.cur.title, "Viestintäsuunnitelma")
	first.done()
	u.Wait()
	m1 := storedMeeting(t, u, first.m.ID)
	last := m1.Items[len(m1.Items)-1].Number
	if last != len(m1.Items) {
		t.Fatalf("first meeting's items end at %d §, want %d", last, len(m1.Items))
	}

	second := createMeetingInUI(t, u, fx.group.ID, "12.3.2019")
	m2 := second.m
	if m2.NumberText() != "2/2019" || m2.Items[0].Number != last+1 {
		t.Fatalf("second meeting %s starts at %d §, want 2/2019 from %d §", m2.NumberText(), m2.Items[0].Number, last+1)
	}
	// The editor shows the numbers.
	if got := second.agenda.cur.number.Text; got != itemNumber(last+1) {
		t.Errorf("the editor shows %q", got)
	}
	second.done()
	u.Wait()
	if !strings.Contains(screenText(u), itemNumber(last+1)+" Kokouksen avaus") {
		t.Errorf("the meeting view lacks the § number:\n%s", screenText(u))
	}

	// A meeting added between them, in February, takes number 2 and the
	// § numbers after the first one; the planned March meeting moves on.
	mid := createMeetingInUI(t, u, fx.group.ID, "26.2.2019")
	if mid.m.NumberText() != "2/2019" || mid.m.Items[0].Number != last+1 {
		t.Fatalf("the meeting in between is %s from %d §", mid.m.NumberText(), mid.m.Items[0].Number)
	}
	mid.done()
	u.Wait()
	m2 = storedMeeting(t, u, m2.ID)
	midItems := len(storedMeeting(t, u, mid.m.ID).Items)
	if m2.NumberText() != "3/2019" || m2.Items[0].Number != last+midItems+1 {
		t.Fatalf("March meeting is now %s from %d §, want 3/2019 from %d §", m2.NumberText(), m2.Items[0].Number, last+midItems+1)
	}

	// A new year starts again from 1/2020 and 1 §.
	next := createMeetingInUI(t, u, fx.group.ID, "14.1.2020")
	if next.m.NumberText() != "1/2020" || next.m.Items[0].Number != 1 {
		t.Fatalf("the first meeting of 2020 is %s from %d §", next.m.NumberText(), next.m.Items[0].Number)
	}
	next.done()
	u.Wait()
	if b.editing != nil {
		t.Fatal("editor still open")
	}
}

// addMeeting stores a meeting of the fixture's group with one item that
// gives a task.
func addMeeting(t *testing.T, u *UI, fx meetingFixture, d model.Date, task model.Task) *model.Meeting {
	t.Helper()
	m := model.NewMeeting(fx.group, d, nil)
	m.Items = append(m.Items, model.AgendaItem{Title: "Tehtävien jako", Decision: "Tehtävät jaettiin.", Tasks: []model.Task{task}})
	model.NumberItems([]*model.Meeting{m})
	if err := u.svc.Meetings.Create(ctx(), m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTasksViewShowsOverdueTasks(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	jaana, kalle := fx.contacts["Jaana"], fx.contacts["Kalle"]
	late := addMeeting(t, u, fx, model.MustDate(2019, 4, 16), model.Task{
		Description: "Kootaan kuntien palvelutiedot", Owner: model.Person{Contact: jaana.ID, Name: jaana.Title()},
		Due: model.MustDate(2019, 6, 30)})
	addMeeting(t, u, fx, model.MustDate(2020, 4, 16), model.Task{
		Description: "Valmistellaan loppuraportti", Owner: model.Person{Contact: kalle.ID, Name: kalle.Title()},
		Due: model.DateOf(time.Now().AddDate(0, 1, 0))})
	selectSection(u, "meetings")
	v := meetingsOf(u)
	v.tabs.SelectIndex(1)
	u.Wait()
	tv := v.tasks
	if len(tv.shown) != 2 {
		t.Fatalf("tasks shown: %d, want 2", len(tv.shown))
	}
	screen := screenText(u)
	if !strings.Contains(screen, "Kootaan kuntien palvelutiedot") || !strings.Contains(screen, "myöhässä (30.6.2019)") {
		t.Fatalf("the overdue task is not shown as overdue:\n%s", screen)
	}
	tv.overdue.SetChecked(true)
	if len(tv.shown) != 1 || tv.shown[0].ref.Task.Description != "Kootaan kuntien palvelutiedot" {
		t.Fatalf("overdue filter: %+v", tv.shown)
	}
	tv.overdue.SetChecked(false)
	tv.setOwner(ownerKey(model.Person{Contact: kalle.ID}))
	if len(tv.shown) != 1 || tv.shown[0].ref.Task.Description != "Valmistellaan loppuraportti" {
		t.Fatalf("owner filter: %+v", tv.shown)
	}
	tv.setOwner("")
	tv.setProject(fx.project.ID)
	if len(tv.shown) != 2 {
		t.Fatalf("project filter: %d tasks", len(tv.shown))
	}
	// The link opens the meeting at its §.
	tv.setOwner(ownerKey(model.Person{Contact: jaana.ID}))
	// (OnTapped: the rows were just rebuilt and have no size to tap yet.)
	findHyperlink(t, u, itemRef(late, &late.Items[len(late.Items)-1], false)).OnTapped()
	u.Wait()
	if v.tabs.SelectedIndex() != 0 || browserOf(u, model.KindMeeting).selected != late.ID {
		t.Fatalf("the task's link did not open its meeting: tab %d", v.tabs.SelectedIndex())
	}
	// Marking it done in the tasks view stores it.
	v.tabs.SelectIndex(1)
	u.Wait()
	tv.setOwner(ownerKey(model.Person{Contact: jaana.ID}))
	for _, o := range objects(tv.rows) {
		if c, ok := o.(*widget.Check); ok {
			c.SetChecked(true)
			break
		}
	}
	u.Wait()
	if got := storedMeeting(t, u, late.ID).Items[len(late.Items)-1].Tasks[0]; got.IsOpen() || got.DoneOn.IsZero() {
		t.Fatalf("task after marking done: %+v", got)
	}
}

// TestMeetingsTabsAndListOrder: the list shows the newest meeting first
// with its status, and the tabs reach the tasks and the decisions.
func TestMeetingsListNewestFirst(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	addMeeting(t, u, fx, model.MustDate(2019, 2, 1), model.Task{Description: "a"})
	addMeeting(t, u, fx, model.MustDate(2019, 9, 1), model.Task{Description: "b"})
	selectSection(u, "meetings")
	b := browserOf(u, model.KindMeeting)
	if b.total < 2 || !strings.HasPrefix(loadedItems(b)[0].Subtitle, "1.9.2019") || !strings.Contains(loadedItems(b)[0].Subtitle, "Suunniteltu") {
		t.Fatalf("list = %+v", loadedItems(b))
	}
}

// TestMeetingExports writes the minutes, the agenda and the invitation the
// way the Export button does, without the file dialog.
func TestMeetingExports(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	m := addMeeting(t, u, fx, model.MustDate(2019, 4, 16), model.Task{Description: "Kootaan palvelutiedot"})
	selectSection(u, "meetings")
	browserOf(u, model.KindMeeting).showRecord(m.ID)
	u.Wait()
	findButton(t, u, "Vie…")
	for _, x := range meetingExportChoices {
		var b strings.Builder
		if err := writeMeetingExport(ctx(), u.svc, m.ID, x, "fi", &b); err != nil {
			t.Fatalf("%s: %v", x.label, err)
		}
		out := b.String()
		want := map[string]string{"pdf": "%PDF", "html": "Testiohjausryhmä", "md": "Tehtävien jako", "ics": "BEGIN:VCALENDAR"}[x.format]
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q", x.label, want)
		}
	}
	if got := exportFileName(m, meetingExportChoices[0]); got != "poytakirja-1-2019-testiohjausryhma.pdf" {
		t.Errorf("file name = %q", got)
	}
}
