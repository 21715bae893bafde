package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/store"
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
			row.status.SetSelected("varajäsen")
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

// TestAutosaveSurvivesACrash types into an item, lets the autosave run and
// then closes the database under the window, as a crash would, without
// saving the form: the typed text is in the database.
func TestAutosaveSurvivesACrash(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	path := u.db.Path()

	// The real timer, shortened.
	e.auto.delay, e.auto.maxWait = 20*time.Millisecond, 100*time.Millisecond
	e.agenda.list.Select(0)
	test.Type(e.agenda.cur.discussion, "Puheenjohtaja avasi kokouksen klo 9.02.")
	if !e.f.dirty {
		t.Fatal("typing did not mark the minutes changed")
	}
	deadline := time.Now().Add(5 * time.Second)
	for e.auto.dirty() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		u.Wait()
	}
	if e.auto.dirty() {
		t.Fatal("the autosave timer did not save")
	}
	if !strings.HasPrefix(e.status.Text, "Tallennettu automaattisesti") {
		t.Errorf("status = %q", e.status.Text)
	}

	// More notes, and an item still without a title; the timer's own
	// function saves them (the model would refuse the untitled item, so
	// the autosave stores a salvaged copy).
	e.auto.delay, e.auto.maxWait = time.Hour, time.Hour
	test.Type(e.agenda.cur.discussion, " Todettiin kokous lailliseksi.")
	test.Tap(e.agenda.add)
	test.Type(e.agenda.cur.discussion, "Muistiinpano ilman otsikkoa")
	e.auto.tick()
	u.Wait()
	if e.auto.dirty() {
		t.Fatal("tick did not save")
	}
	if e.salvaged == nil || !strings.Contains(e.status.Text, "keskeneräisiä") {
		t.Errorf("the untitled item was not reported: status %q", e.status.Text)
	}
	e.auto.stop()

	// Crash: the store goes away without the form being saved.
	if err := u.db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.Services().Meetings.Get(context.Background(), e.m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Items[0].Discussion; got != "Puheenjohtaja avasi kokouksen klo 9.02. Todettiin kokous lailliseksi." {
		t.Errorf("after the crash the notes read %q", got)
	}
	if i := slices.IndexFunc(m.Items, func(it model.AgendaItem) bool { return it.Discussion == "Muistiinpano ilman otsikkoa" }); i != 1 || m.Items[i].Title != "Nimetön asia" {
		t.Errorf("the untitled item's notes were not kept: %+v", m.Items)
	}
	revs, _ := db.Services().Meetings.History(context.Background(), e.m.ID)
	// The two autosaves belong to one editing session: the history keeps
	// the creation and the session's last autosave.
	if len(revs) != 2 || revs[1].Items[0].Discussion != m.Items[0].Discussion {
		t.Errorf("history has %d revisions, want the creation and the editing session's", len(revs))
	}
	db.Close()
	// Reopen in the window so the test's checks run on a live database.
	if err := u.OpenDatabase(path); err != nil {
		t.Fatal(err)
	}
	u.Wait()
}

// TestLeavingTheEditorSaves: switching to another view stores the last
// seconds of typing instead of asking to discard them.
func TestLeavingTheEditorSaves(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	e.auto.delay, e.auto.maxWait = time.Hour, time.Hour // only leaving may save
	e.agenda.list.Select(1)
	test.Type(e.agenda.cur.decision, "Kokous todettiin lailliseksi ja päätösvaltaiseksi.")
	selectSection(u, "contacts")
	t.Logf("changes=%d saved=%d waiters=%d saving=%v", e.auto.changes, e.auto.saved, len(e.auto.waiters), e.auto.saving)
	if sectionIndex("contacts", 0) != u.shell.current {
		t.Fatal("leaving the minutes was refused")
	}
	if got := storedMeeting(t, u, e.m.ID).Items[1].Decision; got != "Kokous todettiin lailliseksi ja päätösvaltaiseksi." {
		t.Fatalf("decision after leaving = %q", got)
	}
	for _, o := range u.win.Canvas().Overlays().List() {
		if strings.Contains(strings.Join(strings.Fields(screenText(u)), " "), T("ui.unsaved_question")) {
			t.Fatalf("a dialog asks to discard: %v", o)
		}
	}
}

func TestSalvageKeepsEverythingTyped(t *testing.T) {
	c := model.Person{Contact: model.NewID(), Name: "Pirkko"}
	m := &model.Meeting{
		Group: model.NewID(), Date: model.MustDate(2019, 4, 16), Number: 1, Year: 2019,
		Type: model.MeetingRegular, Status: model.MeetingPlanned, Chair: c, Link: "ei osoite",
		Checkers:   []model.Person{c, {Name: "Vieras"}},
		Attendance: []model.Attendee{{Person: c, Status: model.AttendanceRepresented}, {}, {Person: c}},
		Items: []model.AgendaItem{{Number: 1, Discussion: "tärkeä muistiinpano",
			Dissents:  []model.Dissent{{Text: "vastustan"}, {}},
			Conflicts: []model.Conflict{{Reason: "jäävi"}},
			Tasks:     []model.Task{{Owner: c, Status: model.TaskOpen}, {}}}},
	}
	m.Normalize()
	if m.Validate() == nil {
		t.Fatal("the sample should be invalid")
	}
	s := model.Salvage(m, nil, "Nimetön asia")
	if err := s.Validate(); err != nil {
		t.Fatalf("salvaged copy is invalid: %v", err)
	}
	it := s.Items[0]
	if it.Title != "Nimetön asia" || it.Discussion != "tärkeä muistiinpano" || len(it.Dissents) != 1 || len(it.Conflicts) != 1 || len(it.Tasks) != 1 {
		t.Fatalf("salvaged item = %+v", it)
	}
	if m.Items[0].Title != "" {
		t.Fatal("salvage changed the working copy")
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

// TestTaskDoneWhileMinutesAreOpen: marking a task done in the tasks view
// while its minutes are open in the editor goes through the editor, so the
// next autosave does not undo it and nothing typed is lost.
func TestTaskDoneWhileMinutesAreOpen(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	m := addMeeting(t, u, fx, model.MustDate(2019, 4, 16), model.Task{Description: "Kootaan palvelutiedot"})
	selectSection(u, "meetings")
	v := meetingsOf(u)
	b := browserOf(u, model.KindMeeting)
	b.showRecord(m.ID)
	u.Wait()
	b.editRecord(m.ID)
	u.Wait()
	e := v.lastEditor
	e.auto.delay, e.auto.maxWait = time.Hour, time.Hour
	e.agenda.list.Select(0)
	test.Type(e.agenda.cur.discussion, "Kesken kirjoitettu muistiinpano")

	v.tabs.SelectIndex(1)
	u.Wait()
	if len(v.tasks.shown) != 1 {
		t.Fatalf("tasks: %d", len(v.tasks.shown))
	}
	for _, o := range objects(v.tasks.rows) {
		if c, ok := o.(*widget.Check); ok {
			c.SetChecked(true)
			break
		}
	}
	u.Wait()
	got := storedMeeting(t, u, m.ID)
	if task := got.Items[len(got.Items)-1].Tasks[0]; task.IsOpen() {
		t.Fatalf("task after marking done: %+v", task)
	}
	if got.Items[0].Discussion != "Kesken kirjoitettu muistiinpano" {
		t.Fatalf("the notes typed meanwhile: %q", got.Items[0].Discussion)
	}
	if e.m.Items[len(e.m.Items)-1].Tasks[0].IsOpen() {
		t.Fatal("the editor's copy still has the task open")
	}
	if len(v.tasks.shown) != 0 {
		t.Fatalf("the done task is still listed as open: %d", len(v.tasks.shown))
	}
}

// TestAutosaveAfterAChangeElsewhere: a revision stored by someone else
// while the minutes are open does not stop the autosave; the typed notes
// win and the other revision stays in the history.
func TestAutosaveAfterAChangeElsewhere(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	e.auto.delay, e.auto.maxWait = time.Hour, time.Hour
	other := storedMeeting(t, u, e.m.ID)
	other.Link = "https://example.com/kokous"
	if err := u.svc.Meetings.Update(ctx(), other); err != nil {
		t.Fatal(err)
	}
	test.Type(e.agenda.cur.discussion, "Muistiinpano")
	e.auto.tick()
	u.Wait()
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog opened: %s", screenText(u))
	}
	if got := storedMeeting(t, u, e.m.ID).Items[0].Discussion; got != "Muistiinpano" {
		t.Fatalf("notes = %q", got)
	}
}

// TestSaveDraftsBeforeQuitting: the command line's quit on a signal saves
// the minutes first.
func TestSaveDraftsBeforeQuitting(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	e.auto.delay, e.auto.maxWait = time.Hour, time.Hour
	test.Type(e.agenda.cur.discussion, "Viimeiset sekunnit")
	done := false
	u.SaveDrafts(func() { done = true })
	u.Wait()
	if !done {
		t.Fatal("SaveDrafts did not finish")
	}
	if got := storedMeeting(t, u, e.m.ID).Items[0].Discussion; got != "Viimeiset sekunnit" {
		t.Fatalf("notes = %q", got)
	}
}

// TestReorderItemsWhilePlanned: items move up and down while the meeting
// is planned, the § numbers following; once held, the numbers are fixed
// and the move buttons go.
func TestReorderItemsWhilePlanned(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	a := e.agenda
	a.list.Select(3) // Esityslistan hyväksyminen
	first := e.m.Items[0].Number
	test.Tap(a.up)
	if e.m.Items[2].Title != "Esityslistan hyväksyminen" || e.m.Items[2].Number != first+2 || a.selected != 2 {
		t.Fatalf("after moving up: %+v", e.m.Items[:4])
	}
	test.Tap(a.down)
	test.Tap(a.down)
	if e.m.Items[4].Title != "Esityslistan hyväksyminen" || e.m.Items[4].Number != first+4 {
		t.Fatalf("after moving down: %+v", e.m.Items)
	}
	e.done()
	u.Wait()
	if got := storedMeeting(t, u, e.m.ID).Items[4]; got.Title != "Esityslistan hyväksyminen" || got.Number != first+4 {
		t.Fatalf("stored: %+v", got)
	}
	test.Tap(findButton(t, u, "Merkitse kokous pidetyksi"))
	u.Wait()
	test.Tap(findButton(t, u, "Kirjoita pöytäkirjaa"))
	u.Wait()
	e = meetingsOf(u).lastEditor
	if e.agenda.up.Visible() || e.agenda.down.Visible() {
		t.Fatal("a held meeting's items can still be moved")
	}
	// A new item in a held meeting gets the next number after its own.
	n := len(e.m.Items)
	last := e.m.Items[n-1].Number
	e.agenda.list.Select(n - 1)
	test.Tap(e.agenda.add)
	test.Type(e.agenda.cur.title, "Lisäasia")
	e.done()
	u.Wait()
	m := storedMeeting(t, u, e.m.ID)
	if got := m.Items[n]; got.Title != "Lisäasia" || got.Number != last+1 {
		t.Fatalf("new item of a held meeting: %+v", got)
	}
}
