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
	test.Tap(findButton(t, u, "Merkitse pidetyksi")) // the confirmation
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
