package model_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"hankekirja/model"
)

func TestQuorumRules(t *testing.T) {
	for _, tc := range []struct {
		rule           model.QuorumRule
		present, total int
		want           bool
	}{
		{model.QuorumMoreThanHalf, 5, 9, true},
		{model.QuorumMoreThanHalf, 4, 9, false},
		{model.QuorumMoreThanHalf, 4, 8, false},
		{model.QuorumMoreThanHalf, 5, 8, true},
		{"", 5, 9, true}, // the default is more than half
		{"", 4, 8, false},
		{model.QuorumHalf, 4, 8, true},
		{model.QuorumHalf, 3, 8, false},
		{model.QuorumHalf, 5, 9, true},
		{model.QuorumHalf, 4, 9, false},
		{model.QuorumTwoThirds, 6, 9, true},
		{model.QuorumTwoThirds, 5, 9, false},
		{model.QuorumTwoThirds, 4, 6, true},
		{model.QuorumAll, 9, 9, true},
		{model.QuorumAll, 8, 9, false},
		{model.QuorumNone, 0, 9, true},
		{model.QuorumMoreThanHalf, 0, 0, false},
	} {
		if got := tc.rule.Quorate(tc.present, tc.total); got != tc.want {
			t.Errorf("%q.Quorate(%d, %d) = %v, want %v", tc.rule, tc.present, tc.total, got, tc.want)
		}
	}
	if got := model.QuorumMoreThanHalf.Needed(9); got != 5 {
		t.Errorf("Needed(9) = %d, want 5", got)
	}
	if got := model.QuorumTwoThirds.Needed(9); got != 6 {
		t.Errorf("two thirds Needed(9) = %d, want 6", got)
	}
}

// board is a group of nine voting members, a deputy and a secretary, and a
// meeting of it with present of the nine there.
func board(rules model.MeetingRules, present int) (*model.Group, *model.Meeting) {
	g := &model.Group{Name: "Ohjausryhmä", Rules: rules}
	g.ID = model.NewID()
	m := &model.Meeting{Group: g.ID, Date: day(2026, 3, 10), Start: model.MustClock(9, 0), End: model.MustClock(11, 0)}
	for i := range 9 {
		id := model.NewID()
		role := model.RoleMember
		if i == 0 {
			role = model.RoleChair
		}
		g.Members = append(g.Members, model.Membership{Contact: id, Role: role})
		st := model.AttendancePresent
		if i >= present {
			st = model.AttendanceAbsent
		}
		m.Attendance = append(m.Attendance, model.Attendee{Person: model.Person{Contact: id, Name: "Jäsen " + string(rune('A'+i))}, Status: st, Role: model.AttendeeMember})
	}
	for _, role := range []model.Role{model.RoleDeputy, model.RoleSecretary} {
		id := model.NewID()
		g.Members = append(g.Members, model.Membership{Contact: id, Role: role})
		m.Attendance = append(m.Attendance, model.Attendee{Person: model.Person{Contact: id, Name: string(role)}, Status: model.AttendancePresent, Role: model.AttendeeMember})
	}
	m.Chair = m.Attendance[0].Person
	return g, m
}

func keys(ps []model.Phrase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Key)
	}
	return out
}

func TestLegalityPhrases(t *testing.T) {
	legality := &model.AgendaItem{Title: "Laillisuus ja päätösvaltaisuus"}
	t.Run("OK", func(t *testing.T) {
		g, m := board(model.MeetingRules{InviteMethod: "sähköpostilla"}, 7)
		m.InvitedOn = day(2026, 3, 3)
		got := model.Formalities(g, m, legality)
		if want := []string{"formality.invited_on", "formality.present", "formality.lawful_quorate"}; !slices.Equal(keys(got), want) {
			t.Fatalf("phrases %v, want %v", keys(got), want)
		}
		if a := got[0].Args; a["Date"] != "3.3.2026" || a["Method"] != "sähköpostilla" {
			t.Errorf("invitation args %v", a)
		}
		// The deputy and the secretary do not count.
		if a := got[1].Args; a["Present"] != "7" || a["Total"] != "9" {
			t.Errorf("present %v, want 7/9", a)
		}
	})
	t.Run("NotQuorate", func(t *testing.T) {
		g, m := board(model.MeetingRules{}, 4)
		got := model.Formalities(g, m, legality)
		if want := []string{"formality.present", "formality.not_quorate"}; !slices.Equal(keys(got), want) {
			t.Fatalf("phrases %v, want %v", keys(got), want)
		}
		if a := got[1].Args; a["Needed"] != "5" || a["Total"] != "9" {
			t.Errorf("not quorate args %v", a)
		}
	})
	t.Run("RepresentedCounts", func(t *testing.T) {
		g, m := board(model.MeetingRules{}, 4)
		m.Attendance[4].Status = model.AttendanceRepresented
		m.Attendance[4].Deputy = model.Person{Name: "Varajäsen"}
		got := model.Formalities(g, m, legality)
		if got[0].Args["Present"] != "5" || got[1].Key != "formality.lawful_quorate" {
			t.Errorf("a deputy in a member's place counts: %v", got)
		}
	})
	t.Run("LateInvitation", func(t *testing.T) {
		g, m := board(model.MeetingRules{}, 9)
		m.InvitedOn = day(2026, 3, 6) // four days before; five are asked
		got := model.Formalities(g, m, legality)
		if got[len(got)-1].Key != "formality.late_quorate" {
			t.Errorf("late invitation: %v", keys(got))
		}
		if ws := m.Warnings(g); !slices.ContainsFunc(ws, func(w model.Warning) bool { return w.Key == "warning.invited_late" }) {
			t.Errorf("no late-invitation warning in %v", ws)
		}
		m.InvitedOn = day(2026, 3, 5)
		got = model.Formalities(g, m, legality)
		if got[len(got)-1].Key != "formality.lawful_quorate" {
			t.Errorf("five days ahead is in time: %v", keys(got))
		}
		// No method in the rules: the sentence says only the day.
		if got[0].Key != "formality.invited_on_plain" || got[0].Args["Date"] != "5.3.2026" {
			t.Errorf("invitation without a method: %v", got[0])
		}
	})
	t.Run("EachRule", func(t *testing.T) {
		for _, tc := range []struct {
			rule    model.QuorumRule
			present int
			want    string
		}{
			{model.QuorumHalf, 5, "formality.lawful_quorate"},
			{model.QuorumHalf, 4, "formality.not_quorate"},
			{model.QuorumTwoThirds, 6, "formality.lawful_quorate"},
			{model.QuorumTwoThirds, 5, "formality.not_quorate"},
			{model.QuorumAll, 9, "formality.lawful_quorate"},
			{model.QuorumAll, 8, "formality.not_quorate"},
			{model.QuorumNone, 1, "formality.lawful_quorate"},
		} {
			g, m := board(model.MeetingRules{Quorum: tc.rule}, tc.present)
			got := model.Formalities(g, m, legality)
			if k := got[len(got)-1].Key; k != tc.want {
				t.Errorf("%s with %d/9: %s, want %s", tc.rule, tc.present, k, tc.want)
			}
		}
	})
}

func TestStandardPhrases(t *testing.T) {
	g, m := board(model.MeetingRules{}, 9)
	m.Chair.Name = "Anna Aho"
	m.OpenedAt = model.MustClock(9, 3)
	m.Checkers = []model.Person{m.Attendance[1].Person, m.Attendance[2].Person}
	m.CheckOn, m.CheckPlace = day(2026, 3, 17), "sähköisesti"
	m.Items = model.NewAgenda(model.DefaultAgendaTemplate, model.AgendaItem{Title: "Oma asia"})
	want := map[string][]string{
		"Kokouksen avaus":                 {"formality.opened_at"},
		"Pöytäkirjantarkastajien valinta": {"formality.checkers", "formality.check_when_where"},
		"Esityslistan hyväksyminen":       {"formality.agenda_approved"},
		"Kokouksen päättäminen":           {"formality.closed_at"},
		"Oma asia":                        nil,
		"Muut asiat":                      nil,
	}
	for i := range m.Items {
		it := &m.Items[i]
		w, ok := want[it.Title]
		if !ok {
			continue
		}
		if got := keys(model.Formalities(g, m, it)); !slices.Equal(got, w) {
			t.Errorf("%s: %v, want %v", it.Title, got, w)
		}
	}
	open := model.Formalities(g, m, &model.AgendaItem{Standard: model.StandardOpening, Title: "Avaus"})
	if a := open[0].Args; a["Name"] != "Anna Aho" || a["Time"] != "9.03" {
		t.Errorf("opening args %v", a)
	}
	closing := model.Formalities(g, m, &model.AgendaItem{Title: "kokouksen  PÄÄTTÄMINEN"})
	if closing[0].Args["Time"] != "11.00" {
		t.Errorf("closing falls back on the end time: %v", closing)
	}
}

func TestVotesAddUp(t *testing.T) {
	_, m := board(model.MeetingRules{}, 7)
	m.Checkers = nil
	// The deputy-role and secretary rows of board are present members
	// too: mark them guests so seven members are present.
	m.Attendance[9].Role, m.Attendance[10].Role = model.AttendeeGuest, model.AttendeeGuest
	m.Items = []model.AgendaItem{{Number: 5, Title: "Palveluverkko", Proposal: "Hyväksytään.",
		CounterProposals: []model.CounterProposal{{By: m.Attendance[1].Person, SecondedBy: m.Attendance[2].Person, Text: "Palautetaan valmisteluun."}},
		Vote:             &model.Vote{Yes: 4, No: 2, Blank: 1, Absent: 2}}}
	if err := m.Validate(); err != nil {
		t.Fatalf("OK: %v", err)
	}
	m.Items[0].Vote.Yes = 5
	err := m.Validate()
	if err == nil || !strings.Contains(err.Error(), "8 votes were cast but 7 members") {
		t.Errorf("ErrVotesAddUp: %v", err)
	}
	// A member who left before the item does not vote.
	m.Items[0].Vote.Yes = 3
	m.Attendance[3].LeftAt = 5
	m.Items = append(m.Items, model.AgendaItem{Number: 4, Title: "Edellinen"})
	if err := m.Validate(); err != nil {
		t.Errorf("left during § 5: %v", err)
	}
	m.Attendance[3].LeftAt = 0
	m.Items = m.Items[:1]
	m.Items[0].Vote = &model.Vote{Ballots: []model.Ballot{}}
	for i := range 7 {
		ch := model.VoteYes
		if i >= 5 {
			ch = model.VoteNo
		}
		m.Items[0].Vote.Ballots = append(m.Items[0].Vote.Ballots, model.Ballot{Voter: m.Attendance[i].Person, Choice: ch})
	}
	if err := m.Validate(); err != nil {
		t.Errorf("ballots: %v", err)
	}
	m.Items[0].Vote.Yes = 6
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "do not agree") {
		t.Errorf("ErrVotesBallots: %v", err)
	}
	m.Items[0].Vote.Yes = 0
	m.Items[0].CounterProposals[0].SecondedBy = model.Person{}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "seconded") {
		t.Errorf("ErrVoteNotSeconded: %v", err)
	}
}

func TestHowDecided(t *testing.T) {
	_, m := board(model.MeetingRules{}, 9)
	it := &model.AgendaItem{Number: 3, Title: "Asia",
		CounterProposals: []model.CounterProposal{{By: model.Person{Name: "Eero"}, Text: "Hylätään."}}}
	if got := keys(m.HowDecided(it)); !slices.Equal(got, []string{"how.counter_lapsed", "how.proposal_unanimous"}) {
		t.Errorf("lapsed: %v", got)
	}
	it.CounterProposals[0].SecondedBy = model.Person{Name: "Liisa"}
	it.Vote = &model.Vote{Yes: 3, No: 6}
	got := m.HowDecided(it)
	if !slices.Equal(keys(got), []string{"how.counter_seconded", "how.vote", "how.counter_won"}) {
		t.Errorf("vote lost: %v", keys(got))
	}
	if a := got[1].Args; a["Yes"] != "3" || a["No"] != "6" {
		t.Errorf("vote args %v", a)
	}
	// A tie goes the way the chair voted.
	it.Vote = &model.Vote{Ballots: []model.Ballot{{Voter: m.Chair, Choice: model.VoteNo}, {Voter: model.Person{Name: "X"}, Choice: model.VoteYes}}}
	if got := keys(m.HowDecided(it)); got[len(got)-1] != "how.counter_won" {
		t.Errorf("tie with the chair voting no: %v", got)
	}
}

func TestAttendanceWarnings(t *testing.T) {
	g, m := board(model.MeetingRules{}, 7)
	m.Status = model.MeetingHeld
	absent := m.Attendance[8].Person
	m.Checkers = []model.Person{m.Attendance[1].Person, absent}
	m.Items = []model.AgendaItem{{Number: 2, Title: "Asia",
		Dissents:         []model.Dissent{{By: absent, Text: "Vastustan."}},
		Tasks:            []model.Task{{Description: "Selvitä", Owner: absent}},
		CounterProposals: []model.CounterProposal{{By: m.Attendance[1].Person, SecondedBy: absent, Text: "Toisin."}},
		Vote:             &model.Vote{Ballots: []model.Ballot{{Voter: absent, Choice: model.VoteYes}}}}}
	var got []string
	for _, w := range m.Warnings(g) {
		got = append(got, w.Field+" "+w.Key)
		if w.Args["Name"] != absent.Name {
			t.Errorf("%s names %q", w.Key, w.Args["Name"])
		}
	}
	want := []string{
		"checkers[1] warning.checker_absent",
		"items[0].dissents[0].by warning.dissenter_absent",
		"items[0].counter_proposals[0].seconded_by warning.proposer_absent",
		"items[0].vote.ballots[0].voter warning.voter_absent",
		"items[0].tasks[0].owner warning.owner_absent",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n%v\nwant\n%v", got, want)
	}
	// Gone before the item is absent from it too.
	m.Checkers = nil
	m.Items[0] = model.AgendaItem{Number: 2, Title: "Asia", Dissents: []model.Dissent{{By: m.Attendance[1].Person, Text: "Ei."}}}
	m.Attendance[1].LeftAt = 1
	m.Items = append([]model.AgendaItem{{Number: 1, Title: "Avaus"}}, m.Items...)
	if ws := m.Warnings(g); len(ws) != 1 || ws[0].Key != "warning.dissenter_absent" {
		t.Errorf("left at § 1: %v", ws)
	}
}

// TestMarkCheckedRecords goes through the store: SetStatus to checked
// records the checkers and the day.
func TestMarkCheckedRecords(t *testing.T) {
	ctx := context.Background()
	svc := testStore(t)
	var ids []model.ID
	for _, n := range []string{"Puheenjohtaja", "Sihteeri", "Tarkastaja", "Toinen"} {
		c := &model.Contact{FirstName: "Testi", LastName: n}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	g := &model.Group{Name: "Työryhmä", Type: model.GroupWorking, Rules: model.MeetingRules{DurationMinutes: 90}}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	w := model.NewMeetingWork(svc)
	m, err := w.Create(ctx, g.ID, day(2026, 2, 3), model.MustClock(13, 0), "Kokoushuone", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.End.String(); got != "14.30" {
		t.Errorf("end from the group's duration = %q, want 14.30", got)
	}
	if m.Items[0].Standard != model.StandardOpening {
		t.Errorf("first template item standard = %q", m.Items[0].Standard)
	}
	m.Chair, m.Secretary = model.Person{Contact: ids[0]}, model.Person{Contact: ids[1]}
	m.Checkers = []model.Person{{Contact: ids[2]}, {Contact: ids[3]}}
	if _, err := w.Save(ctx, m, m, "?"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetStatus(ctx, m.ID, model.MeetingChecked); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Meetings.Get(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Checked.On != model.Today() || len(got.Checked.By) != 2 || got.Checked.By[0].Name != "Testi Tarkastaja" {
		t.Errorf("checked record %+v", got.Checked)
	}
}

// TestSalvageKeepsVoting: an incomplete record of proposals and elections
// is kept with "?" for what is missing; a vote that does not add up stays
// out of the salvaged copy (the editor keeps it until it is fixed), and a
// clone shares nothing with the meeting it copies.
func TestSalvageKeepsVoting(t *testing.T) {
	_, m := board(model.MeetingRules{}, 7)
	m.Items = []model.AgendaItem{{Number: 1, Title: "Asia",
		CounterProposals: []model.CounterProposal{{By: m.Attendance[1].Person}, {}},
		Elections:        []model.Election{{Office: "Varapuheenjohtaja"}},
		Vote:             &model.Vote{Yes: 50}}}
	c := model.CloneMeeting(m)
	c.Items[0].Vote.Yes = 1
	if m.Items[0].Vote.Yes != 50 {
		t.Fatal("the clone shares the vote with the original")
	}
	s := model.Salvage(m, nil, "?")
	it := s.Items[0]
	if len(it.CounterProposals) != 1 || it.CounterProposals[0].Text != "?" || it.Elections[0].Elected.Name != "?" {
		t.Errorf("salvaged proposals %+v, elections %+v", it.CounterProposals, it.Elections)
	}
	if it.Vote != nil {
		t.Errorf("a vote that does not add up was kept: %+v", it.Vote)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("salvaged copy refused: %v", err)
	}
}
