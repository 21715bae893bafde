package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// TestMarkHeldAsksFirst: marking held waits for the confirmation, and
// dismissing it changes nothing.
func TestMarkHeldAsksFirst(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	if got := e.end.Text; got != "11.00" {
		t.Errorf("end time %q, want 11.00 from the default two hours", got)
	}
	e.done()
	u.Wait()
	test.Tap(findButton(t, u, "Merkitse kokous pidetyksi"))
	test.Tap(findButton(t, u, "Peruuta"))
	u.Wait()
	if got := storedMeeting(t, u, e.m.ID).Status; got != model.MeetingPlanned {
		t.Fatalf("dismissed, status = %s", got)
	}
	test.Tap(findButton(t, u, "Merkitse kokous pidetyksi"))
	test.Tap(findButton(t, u, "Merkitse pidetyksi"))
	u.Wait()
	if got := storedMeeting(t, u, e.m.ID).Status; got != model.MeetingHeld {
		t.Fatalf("confirmed, status = %s", got)
	}
}

// TestDeputyErrorAtItsFieldGoesWhenFixed: in a group without deputy
// members, a member marked represented without a deputy has the error at
// the deputy field, which says to type the name, and the mark goes as
// soon as a name is typed.
func TestDeputyErrorAtItsFieldGoesWhenFixed(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	g := fx.group
	g.Members = g.Members[:4] // no deputy
	if err := u.svc.Groups.Update(ctx(), g); err != nil {
		t.Fatal(err)
	}
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, g.ID, "16.4.2019")
	i := 2
	row := e.attend.rowsShown[i]
	if row.deputy.entry.PlaceHolder != "Kirjoita varajäsenen nimi" {
		t.Errorf("deputy placeholder %q", row.deputy.entry.PlaceHolder)
	}
	var mark error
	row.deputy.entry.SetOnValidationChanged(func(err error) { mark = err })
	row.status.SetSelected("Varajäsen")
	e.done()
	u.Wait()
	if mark == nil {
		t.Fatalf("the deputy field is not marked; problem %q, salvaged %v", e.f.problem.Text, e.salvaged)
	}
	if !e.f.problem.Visible() {
		t.Fatal("no problem line")
	}
	test.Type(row.deputy.entry, "Vara Henkilö")
	if err := mark; err != nil {
		t.Errorf("still marked after the name was typed: %v", err)
	}
	if e.f.problem.Visible() {
		t.Errorf("the problem line stays: %q", e.f.problem.Text)
	}
}

// TestAbsentCheckerWarned: choosing a member marked absent as a checker
// is allowed, and warned about.
func TestAbsentCheckerWarned(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	for i, a := range e.m.Attendance {
		if a.Contact == fx.contacts["Jaana"].ID {
			e.attend.rowsShown[i].status.SetSelected("Poissa")
		}
	}
	if e.warnings.Visible() {
		t.Fatalf("warned before a choice: %q", e.warnings.Text)
	}
	for _, n := range e.checkers[0].offered {
		if n == "Jaana Testinen" {
			t.Errorf("the absent member is offered as a checker: %v", e.checkers[0].offered)
		}
	}
	if got := e.chair.offered; !slices.Equal(got, []string{"Pirkko Testinen"}) {
		t.Errorf("chair offers %v, want the group's chair", got)
	}
	if got := e.secretary.offered; !slices.Equal(got, []string{"Sakari Testinen"}) {
		t.Errorf("secretary offers %v, want the group's secretary", got)
	}
	e.checkers[0].entry.SetText("Jaana Testinen")
	if !e.warnings.Visible() || !strings.Contains(e.warnings.Text, "Jaana Testinen") {
		t.Errorf("no warning of the absent checker: %q", e.warnings.Text)
	}
}

// TestWheelOverTextAreaScrollsThePage: the wheel over a multi-line field
// moves the item's page, not only the field.
func TestWheelOverTextAreaScrollsThePage(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	ie := e.agenda.cur
	ie.scroll.Resize(fyne.NewSize(600, 200))
	var pass *wheelPass
	for _, o := range objects(ie.content) {
		if w, ok := o.(*wheelPass); ok {
			pass = w
			break
		}
	}
	if pass == nil {
		t.Fatal("no wheel pass-through over the text areas")
	}
	for range 20 {
		pass.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -10}})
	}
	if ie.scroll.Offset.Y < 150 {
		t.Errorf("20 wheel clicks scrolled %.0f px", ie.scroll.Offset.Y)
	}
}

// TestVoteRecordedInTheEditor: a counter-proposal, a vote and its counts
// go into the item.
func TestVoteRecordedInTheEditor(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	ie := e.agenda.cur
	ie.item().CounterProposals = []model.CounterProposal{{}}
	ie.voting.fill()
	test.Type(ie.entries["counter_proposals[0].text"], "Palautetaan valmisteluun.")
	ie.voting.voteOn.SetChecked(true)
	test.Type(ie.entries["vote.yes"], "3")
	test.Type(ie.entries["vote.no"], "1")
	it := e.m.Items[ie.index]
	if it.CounterProposals[0].Text != "Palautetaan valmisteluun." || it.Vote == nil || it.Vote.Yes != 3 || it.Vote.No != 1 {
		t.Errorf("item %+v, vote %+v", it.CounterProposals, it.Vote)
	}
}

// TestVoteByName: a vote by name has a ballot for each member present at
// the item, and the model counts them.
func TestVoteByName(t *testing.T) {
	u := newTestUI(t)
	fx := newMeetingFixture(t, u)
	selectSection(u, "meetings")
	e := createMeetingInUI(t, u, fx.group.ID, "16.4.2019")
	ie := e.agenda.cur
	ie.item().CounterProposals = []model.CounterProposal{{By: model.Person{Name: "Jaana Testinen"}, SecondedBy: model.Person{Name: "Kalle Testinen"}, Text: "Toisin."}}
	ie.voting.fill()
	ie.voting.voteOn.SetChecked(true)
	var byName *widget.Check
	for _, o := range objects(ie.voting.vote) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Nimenhuutoäänestys" {
			byName = c
		}
	}
	if byName == nil {
		t.Fatal("no vote by name")
	}
	byName.SetChecked(true)
	vote := e.m.Items[ie.index].Vote
	// Pirkko, Jaana and Kalle vote; the secretary does not, Ville is a
	// deputy not standing in.
	if len(vote.Ballots) != 3 {
		t.Fatalf("ballots %+v, want the three members present", vote.Ballots)
	}
	if err := e.m.Validate(); err != nil {
		t.Errorf("the vote by name does not add up: %v", err)
	}
}

// TestCheckingRecordShown: the meeting's view says who checked the
// minutes and when.
func TestCheckingRecordShown(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "meetings")
	b := browserOf(u, model.KindMeeting)
	selectTitle(t, u, b, "1/2019 Sote-selvityksen ohjausryhmä")
	if screen := screenText(u); !strings.Contains(screen, "24.4.2019 Tuula Saarinen, Harri Salonen") {
		t.Errorf("no checking record on screen:\n%s", screen)
	}
}
