package model_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// items makes agenda items with the titles.
func items(titles ...string) []model.AgendaItem {
	out := make([]model.AgendaItem, len(titles))
	for i, t := range titles {
		out[i] = model.AgendaItem{Title: t}
	}
	return out
}

// numbers returns the § numbers of a meeting's items.
func numbers(m *model.Meeting) []int {
	out := make([]int, len(m.Items))
	for i, it := range m.Items {
		out[i] = it.Number
	}
	return out
}

func titles(m *model.Meeting) []string {
	out := make([]string, len(m.Items))
	for i, it := range m.Items {
		out[i] = it.Title
	}
	return out
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestClock(t *testing.T) {
	tests := []struct {
		in        string
		fi, iso   string
		wantError bool
	}{
		{"9.00", "9.00", "09:00", false},
		{"09:30", "9.30", "09:30", false},
		{"klo 13.15", "13.15", "13:15", false},
		{"0.00", "0.00", "00:00", false},
		{"23:59", "23.59", "23:59", false},
		{"9", "9.00", "09:00", false},
		{"", "", "", false},
		{"24.00", "", "", true},
		{"9.5", "", "", true},
		{"9.60", "", "", true},
		{"aamu", "", "", true},
	}
	for _, tt := range tests {
		c, err := model.ParseClock(tt.in)
		if (err != nil) != tt.wantError {
			t.Errorf("ParseClock(%q) error %v, want error %v", tt.in, err, tt.wantError)
			continue
		}
		if c.String() != tt.fi || c.ISO() != tt.iso {
			t.Errorf("ParseClock(%q) = %q / %q, want %q / %q", tt.in, c.String(), c.ISO(), tt.fi, tt.iso)
		}
	}
	if !model.MustClock(0, 0).Before(model.MustClock(0, 1)) || model.MustClock(0, 0).IsZero() {
		t.Error("midnight must be a set time before 0.01")
	}
	// JSON: "09:00", unset left out.
	m := model.Meeting{Start: model.MustClock(9, 0)}
	data, err := json.Marshal(&m)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); !strings.Contains(s, `"start_time":"09:00"`) || strings.Contains(s, "end_time") {
		t.Errorf("JSON %s: want start_time 09:00 and no end_time", s)
	}
	var back model.Meeting
	if err := json.Unmarshal(data, &back); err != nil || back.Start != m.Start || !back.End.IsZero() {
		t.Errorf("round trip: %v, %v, %v", err, back.Start, back.End)
	}
	if at := model.MustClock(9, 5).On(model.MustDate(2019, 4, 16), time.UTC); !at.Equal(time.Date(2019, 4, 16, 9, 5, 0, 0, time.UTC)) {
		t.Errorf("On = %v", at)
	}
}

func TestMeetingTitleAndFacets(t *testing.T) {
	g, owner := model.NewID(), model.NewID()
	m := &model.Meeting{
		Group: g, GroupName: "Ohjausryhmä", Number: 3, Date: day(2019, 4, 16), Year: 2019,
		Start: model.MustClock(9, 0), End: model.MustClock(11, 30), Place: "Kaupungintalo",
		Status: model.MeetingChecked, Type: model.MeetingRegular,
		Items: []model.AgendaItem{{Title: "Asia", Tasks: []model.Task{
			{Description: "a", Owner: model.Person{Contact: owner}, Status: model.TaskOpen},
			{Description: "b", Owner: model.Person{Contact: model.NewID()}, Status: model.TaskDone},
		}}},
	}
	if got, want := m.Title(), "3/2019 Ohjausryhmä"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := m.Subtitle(), "16.4.2019 9.00–11.30 Kaupungintalo"; got != want {
		t.Errorf("Subtitle = %q, want %q", got, want)
	}
	want := []string{"group:" + g.String(), "year:2019", "status:checked", "type:regular", "task_owner:" + owner.String(), "open_tasks"}
	if got := m.Facets(); !slices.Equal(got, want) {
		t.Errorf("Facets = %q, want %q", got, want)
	}
}

// TestNumberItemsAcrossYear: § numbering runs per group and calendar year
// across the year's meetings, starts again at 1 in a new year and is kept
// apart per group.
func TestNumberItemsAcrossYear(t *testing.T) {
	g, other := model.NewID(), model.NewID()
	m1 := &model.Meeting{Group: g, Date: day(2019, 2, 1), Items: items("a", "b", "c")}
	m2 := &model.Meeting{Group: g, Date: day(2019, 4, 16), Items: items("d", "e")}
	m3 := &model.Meeting{Group: g, Date: day(2019, 9, 3), Items: items("f", "g", "h", "i")}
	next := &model.Meeting{Group: g, Date: day(2020, 1, 15), Items: items("j", "k")}
	foreign := &model.Meeting{Group: other, Date: day(2019, 3, 1), Items: items("x", "y")}
	// Given in any order.
	changed := model.NumberItems([]*model.Meeting{m3, next, foreign, m1, m2})
	if len(changed) != 5 {
		t.Errorf("%d changed, want 5", len(changed))
	}
	for _, tt := range []struct {
		m    *model.Meeting
		want []int
	}{{m1, seq(1, 3)}, {m2, seq(4, 5)}, {m3, seq(6, 9)}, {next, seq(1, 2)}, {foreign, seq(1, 2)}} {
		if got := numbers(tt.m); !slices.Equal(got, tt.want) {
			t.Errorf("%s %v: § %v, want %v", tt.m.Date, titles(tt.m), got, tt.want)
		}
	}
	// Numbering again changes nothing.
	if changed := model.NumberItems([]*model.Meeting{m1, m2, m3, next}); len(changed) != 0 {
		t.Errorf("renumbering changed %d meetings", len(changed))
	}
}

// TestNumberItemsAfterReorderAndDelete: a planned meeting's items follow
// their new order and close the gap of a deleted one; the items of held and
// checked meetings keep their numbers.
func TestNumberItemsAfterReorderAndDelete(t *testing.T) {
	g := model.NewID()
	held := &model.Meeting{Group: g, Date: day(2019, 2, 1), Status: model.MeetingHeld, Items: items("a", "b", "c")}
	for i := range held.Items {
		held.Items[i].Number = i + 1 // numbered while it was planned
	}
	planned := &model.Meeting{Group: g, Date: day(2019, 4, 16), Status: model.MeetingPlanned, Items: items("avaus", "talous", "hankinnat", "päättäminen")}
	later := &model.Meeting{Group: g, Date: day(2019, 6, 1), Status: model.MeetingPlanned, Items: items("x", "y")}
	all := []*model.Meeting{held, planned, later}
	model.NumberItems(all)
	if !slices.Equal(numbers(held), seq(1, 3)) || !slices.Equal(numbers(planned), seq(4, 7)) || !slices.Equal(numbers(later), seq(8, 9)) {
		t.Fatalf("§ %v %v %v", numbers(held), numbers(planned), numbers(later))
	}

	// Reorder: hankinnat before talous.
	planned.MoveItem(2, 1)
	changed := model.NumberItems(all)
	if got, want := titles(planned), []string{"avaus", "hankinnat", "talous", "päättäminen"}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if !slices.Equal(numbers(planned), seq(4, 7)) {
		t.Errorf("after reorder § %v, want 4–7", numbers(planned))
	}
	if !slices.Contains(changed, planned) || slices.Contains(changed, held) {
		t.Errorf("changed %d meetings; want the planned one, not the held one", len(changed))
	}

	// Delete: the gap closes, the next meeting follows.
	planned.RemoveItem(1)
	model.NumberItems(all)
	if !slices.Equal(numbers(planned), seq(4, 6)) || !slices.Equal(numbers(later), seq(7, 8)) {
		t.Errorf("after delete § %v %v, want 4–6 and 7–8", numbers(planned), numbers(later))
	}

	// A held meeting's numbers never change, even when an item is deleted
	// or a meeting is added before it.
	held.RemoveItem(0)
	early := &model.Meeting{Group: g, Date: day(2019, 1, 10), Items: items("p", "q")}
	all = append(all, early)
	model.NumberItems(all)
	if !slices.Equal(numbers(held), []int{2, 3}) {
		t.Errorf("held meeting renumbered: § %v, want [2 3]", numbers(held))
	}
	// The early planned meeting may not reuse the held one's numbers.
	if got := numbers(early); !slices.Equal(got, []int{1, 4}) {
		t.Errorf("early planned meeting § %v, want [1 4]", got)
	}
	if got := numbers(planned); !slices.Equal(got, seq(5, 7)) {
		t.Errorf("planned § %v, want 5–7", got)
	}
}

func TestNumberMeetings(t *testing.T) {
	g := model.NewID()
	a := &model.Meeting{Group: g, Date: day(2019, 2, 1), Year: 2019, Status: model.MeetingChecked, Number: 1}
	b := &model.Meeting{Group: g, Date: day(2019, 4, 16)}
	c := &model.Meeting{Group: g, Date: day(2019, 3, 1)}
	d := &model.Meeting{Group: g, Date: day(2020, 1, 1)}
	changed := model.NumberMeetings([]*model.Meeting{a, b, c, d})
	if a.Number != 1 || c.Number != 2 || b.Number != 3 || d.Number != 1 {
		t.Errorf("numbers %d %d %d %d, want 1 2 3 1", a.Number, c.Number, b.Number, d.Number)
	}
	if len(changed) != 3 || b.NumberText() != "3/2019" || d.NumberText() != "1/2020" {
		t.Errorf("changed %d; %q %q", len(changed), b.NumberText(), d.NumberText())
	}
	if n := model.NextMeetingNumber([]*model.Meeting{a, b, c, d}, g, 2019); n != 4 {
		t.Errorf("NextMeetingNumber = %d, want 4", n)
	}
	if n := model.NextMeetingNumber([]*model.Meeting{a, b, c, d}, g, 2021); n != 1 {
		t.Errorf("NextMeetingNumber in a new year = %d, want 1", n)
	}
}

func TestAgendaTemplate(t *testing.T) {
	got := model.NewAgenda(model.AgendaTemplate(nil), items("Talousarvio")...)
	want := []string{"Kokouksen avaus", "Laillisuus ja päätösvaltaisuus", "Pöytäkirjantarkastajien valinta",
		"Esityslistan hyväksyminen", "Talousarvio", "Muut asiat", "Seuraava kokous", "Kokouksen päättäminen"}
	m := &model.Meeting{Items: got}
	if !slices.Equal(titles(m), want) {
		t.Errorf("agenda %q, want %q", titles(m), want)
	}
	// The group's own template; without the slot own items go last.
	g := &model.Group{AgendaTemplate: []string{"Avaus", "", "Päättäminen"}}
	m.Items = model.NewAgenda(model.AgendaTemplate(g), items("Asia")...)
	if want := []string{"Avaus", "Päättäminen", "Asia"}; !slices.Equal(titles(m), want) {
		t.Errorf("own template %q, want %q", titles(m), want)
	}
	g.AgendaTemplate = []string{"Avaus", model.AgendaSlot, "Päättäminen"}
	m.Items = model.NewAgenda(model.AgendaTemplate(g), items("Asia")...)
	if want := []string{"Avaus", "Asia", "Päättäminen"}; !slices.Equal(titles(m), want) {
		t.Errorf("own template with slot %q, want %q", titles(m), want)
	}
	// AgendaTemplate returns a copy.
	model.AgendaTemplate(nil)[0] = "x"
	if model.DefaultAgendaTemplate[0] != "Kokouksen avaus" {
		t.Error("AgendaTemplate let the default be changed")
	}
}

// TestPrefillAttendance: the members whose term covers the meeting's date,
// chair first and secretary last.
func TestPrefillAttendance(t *testing.T) {
	chair, left, joined, sec, expert, deputy := model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID()
	g := &model.Group{Name: "Ohjausryhmä", Members: []model.Membership{
		{Contact: sec, Role: model.RoleSecretary},
		{Contact: left, Role: model.RoleMember, Term: model.Period{End: day(2019, 8, 31)}},
		{Contact: joined, Role: model.RoleMember, Term: model.Period{Start: day(2019, 9, 1)}},
		{Contact: expert, Role: model.RoleExpert},
		{Contact: chair, Role: model.RoleChair},
		{Contact: deputy, Role: model.RoleDeputy},
	}}
	contacts := func(as []model.Attendee) []model.ID {
		var out []model.ID
		for _, a := range as {
			out = append(out, a.Contact)
		}
		return out
	}
	spring := model.PrefillAttendance(g, day(2019, 4, 16))
	if got, want := contacts(spring), []model.ID{chair, left, deputy, expert, sec}; !slices.Equal(got, want) {
		t.Errorf("spring attendance %v, want chair, the member who left later, deputy, expert, secretary", got)
	}
	autumn := model.PrefillAttendance(g, day(2019, 9, 1))
	if got, want := contacts(autumn), []model.ID{chair, joined, deputy, expert, sec}; !slices.Equal(got, want) {
		t.Errorf("autumn attendance %v, want the new member instead", got)
	}
	for _, a := range autumn {
		wantStatus, wantRole := model.AttendancePresent, model.AttendeeMember
		if a.Contact == deputy {
			wantStatus = model.AttendanceAbsent
		}
		if a.Contact == expert {
			wantRole = model.AttendeeExpert
		}
		if a.Status != wantStatus || a.Role != wantRole {
			t.Errorf("%v: %s %s, want %s %s", a.Contact, a.Status, a.Role, wantStatus, wantRole)
		}
	}
	// On the last day of the term the member is still there.
	if got := contacts(model.PrefillAttendance(g, day(2019, 8, 31))); !slices.Contains(got, left) || slices.Contains(got, joined) {
		t.Errorf("31.8.2019: %v", got)
	}
}

// TestTasks: open and overdue tasks across meetings, and the review item
// NewMeeting offers for them.
func TestTasks(t *testing.T) {
	g := &model.Group{Meta: model.Meta{ID: model.NewID()}, Name: "Työryhmä", Members: []model.Membership{
		{Contact: model.NewID(), Role: model.RoleChair}, {Contact: model.NewID(), Role: model.RoleSecretary},
	}}
	owner := model.NewID()
	first := &model.Meeting{Group: g.ID, Number: 1, Date: day(2016, 9, 22), Status: model.MeetingChecked, Items: []model.AgendaItem{
		{Number: 5, Title: "Koordinaattori", Tasks: []model.Task{
			{Description: "Hakuilmoitus", Owner: model.Person{Contact: owner, Name: "Noora Jokela"}, Due: day(2016, 10, 15), Status: model.TaskOpen},
			{Description: "Rahoitus", Due: day(2016, 10, 1), Status: model.TaskDone},
			{Description: "Myöhemmin", Due: day(2017, 3, 1), Status: model.TaskOpen},
			{Description: "Ei määräaikaa", Status: model.TaskOpen},
		}},
	}}
	today := day(2016, 11, 1)
	open := model.OpenTasks([]*model.Meeting{first})
	var got []string
	for _, r := range open {
		got = append(got, r.Task.Description)
	}
	if want := []string{"Hakuilmoitus", "Myöhemmin", "Ei määräaikaa"}; !slices.Equal(got, want) {
		t.Errorf("open tasks %q, want %q", got, want)
	}
	overdue := model.OverdueTasks([]*model.Meeting{first}, today)
	if len(overdue) != 1 || overdue[0].Task.Description != "Hakuilmoitus" || overdue[0].Source() != "§ 5, kokous 1/2016" {
		t.Errorf("overdue %+v", overdue)
	}
	// Due today is not overdue yet.
	if len(model.OverdueTasks([]*model.Meeting{first}, day(2016, 10, 15))) != 0 {
		t.Error("a task due today is overdue")
	}
	// A TaskRef points into the meeting.
	overdue[0].Task.Status = model.TaskDone
	if first.Items[0].Tasks[0].Status != model.TaskDone {
		t.Error("the change through TaskRef did not reach the meeting")
	}
	overdue[0].Task.Status = model.TaskOpen

	next := model.NewMeeting(g, day(2016, 11, 10), []*model.Meeting{first})
	if next.Number != 2 || next.Year != 2016 || next.Status != model.MeetingPlanned || next.Type != model.MeetingRegular {
		t.Errorf("new meeting %d/%d %s %s", next.Number, next.Year, next.Status, next.Type)
	}
	if next.Chair.Contact != g.Members[0].Contact || next.Secretary.Contact != g.Members[1].Contact || len(next.Attendance) != 2 {
		t.Errorf("chair %v secretary %v attendance %d", next.Chair, next.Secretary, len(next.Attendance))
	}
	review := -1
	for i, it := range next.Items {
		if it.Title == model.ReviewItemTitle {
			review = i
		}
	}
	if review != 4 {
		t.Fatalf("review item at %d in %q, want 4 (after the opening items)", review, titles(next))
	}
	bg := next.Items[review].Background
	if !strings.Contains(bg, "- Hakuilmoitus (Noora Jokela, määräaika 15.10.2016, § 5, kokous 1/2016)") || strings.Contains(bg, "Rahoitus") {
		t.Errorf("review background:\n%s", bg)
	}
	// § numbering continues from the first meeting.
	if next.Items[0].Number != 6 || next.Items[len(next.Items)-1].Number != 6+len(next.Items)-1 {
		t.Errorf("§ %v, want from 6 on", numbers(next))
	}
	// Without open tasks there is no review item.
	for i := range first.Items[0].Tasks {
		first.Items[0].Tasks[i].Status = model.TaskDone
	}
	if plain := model.NewMeeting(g, day(2016, 11, 10), []*model.Meeting{first}); len(plain.Items) != len(model.DefaultAgendaTemplate)-1 {
		t.Errorf("%d items without open tasks, want %d", len(plain.Items), len(model.DefaultAgendaTemplate)-1)
	}
}

func TestMeetingValidate(t *testing.T) {
	g, a, b, c, d := model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID()
	base := func() model.Meeting {
		return model.Meeting{
			Group: g, Date: day(2019, 4, 16), Year: 2019, Number: 1,
			Start: model.MustClock(9, 0), End: model.MustClock(11, 0),
			Type: model.MeetingRegular, Status: model.MeetingHeld,
			Chair: model.Person{Contact: a}, Secretary: model.Person{Contact: b},
			Checkers:   []model.Person{{Contact: c}, {Contact: d}},
			Attendance: []model.Attendee{{Person: model.Person{Contact: a}, Status: model.AttendancePresent, Role: model.AttendeeMember}},
			Items:      []model.AgendaItem{{Number: 1, Title: "Avaus"}, {Number: 2, Title: "Päätös"}},
		}
	}
	tests := []struct {
		name   string
		change func(m *model.Meeting)
		want   []string
	}{
		{"OK", func(m *model.Meeting) {}, nil},
		{"EndBeforeStart", func(m *model.Meeting) { m.End = model.MustClock(8, 30) }, []string{"end_time: error.end_before_start"}},
		{"CheckerNotAContact", func(m *model.Meeting) { m.Checkers[1] = model.Person{Name: "Vieras Henkilö"} }, []string{"checkers[1]: error.checker_contact"}},
		{"CheckerIsChair", func(m *model.Meeting) { m.Checkers[0] = m.Chair }, []string{"checkers[0]: error.checker_signs"}},
		{"SameCheckerTwice", func(m *model.Meeting) { m.Checkers[1] = m.Checkers[0] }, []string{"checkers[1]: error.duplicate"}},
		{"ThreeCheckers", func(m *model.Meeting) { m.Checkers = append(m.Checkers, model.Person{Contact: model.NewID()}) }, []string{"checkers: error.too_many_checkers"}},
		{"CheckedNeedsCheckers", func(m *model.Meeting) { m.Status, m.Checkers = model.MeetingChecked, m.Checkers[:1] }, []string{"checkers: error.checkers_needed"}},
		{"WrongYear", func(m *model.Meeting) { m.Year = 2018 }, []string{"year: error.meeting_year"}},
		{"BadStatus", func(m *model.Meeting) { m.Status = "done" }, []string{"status: error.choice"}},
		{"ItemTitle", func(m *model.Meeting) { m.Items[1].Title = " " }, []string{"items[1].title: error.required"}},
		{"DuplicateNumber", func(m *model.Meeting) { m.Items[1].Number = 1 }, []string{"items[1].number: error.duplicate"}},
		{"Represented", func(m *model.Meeting) { m.Attendance[0].Status = model.AttendanceRepresented }, []string{"attendance[0].deputy: error.required"}},
		{"DeputyWhenPresent", func(m *model.Meeting) { m.Attendance[0].Deputy = model.Person{Name: "Varajäsen"} }, []string{"attendance[0].deputy: error.deputy_not_represented"}},
		{"NoSuchItem", func(m *model.Meeting) { m.Attendance[0].LeftAt = 7 }, []string{"attendance[0].left_at: error.no_such_item"}},
		{"LeftBeforeArrived", func(m *model.Meeting) { m.Attendance[0].ArrivedAt, m.Attendance[0].LeftAt = 2, 1 }, []string{"attendance[0].left_at: error.left_before_arrived"}},
		{"GuestRow", func(m *model.Meeting) {
			m.Attendance = append(m.Attendance, model.Attendee{Person: model.Person{Name: "Vieras"}, Status: model.AttendancePresent, Role: model.AttendeeGuest})
		}, nil},
		{"EmptyRow", func(m *model.Meeting) { m.Attendance = append(m.Attendance, model.Attendee{}) }, []string{"attendance[1].name: error.required"}},
		{"TwiceInAttendance", func(m *model.Meeting) { m.Attendance = append(m.Attendance, m.Attendance[0]) }, []string{"attendance[1].contact: error.duplicate"}},
		{"DissentWithoutText", func(m *model.Meeting) {
			m.Items[1].Dissents = []model.Dissent{{By: model.Person{Contact: a}}}
		}, []string{"items[1].dissents[0].text: error.required"}},
		{"TaskWithoutDescription", func(m *model.Meeting) { m.Items[1].Tasks = []model.Task{{Owner: model.Person{Contact: a}}} }, []string{"items[1].tasks[0].description: error.required"}},
		{"Link", func(m *model.Meeting) { m.Link = "teams" }, []string{"link: error.url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			tt.change(&m)
			assertFieldErrors(t, m.Validate(), tt.want...)
		})
	}
}

func TestMeetingRefsAndUnlink(t *testing.T) {
	g, chair, sec, c1, c2, guest, dep, pres, diss, conf, owner := model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID(), model.NewID()
	m := &model.Meeting{
		Group: g, Chair: model.Person{Contact: chair, Name: "Pj"}, Secretary: model.Person{Contact: sec},
		Checkers: []model.Person{{Contact: c1}, {Contact: c2}},
		Attendance: []model.Attendee{
			{Person: model.Person{Contact: guest}},
			{Person: model.Person{Name: "Vieras"}, Status: model.AttendanceRepresented, Deputy: model.Person{Contact: dep}},
		},
		Items: []model.AgendaItem{{Title: "x", Presenter: model.Person{Contact: pres},
			Dissents:  []model.Dissent{{By: model.Person{Contact: diss}, Text: "eri mieltä"}},
			Conflicts: []model.Conflict{{By: model.Person{Contact: conf}}},
			Tasks:     []model.Task{{Description: "t", Owner: model.Person{Contact: owner}}},
		}},
	}
	got := map[model.ID]string{}
	for _, r := range m.Refs() {
		got[r.ID] = string(r.Field)
		if r.ID != g && !slices.Equal(r.Kinds, []model.Kind{model.KindContact}) {
			t.Errorf("%s may point at %v, want contacts", r.Field, r.Kinds)
		}
	}
	want := map[model.ID]string{
		g: "group", chair: "chair", sec: "secretary", c1: "checkers[0]", c2: "checkers[1]",
		guest: "attendance[0].contact", dep: "attendance[1].deputy", pres: "items[0].presenter",
		diss: "items[0].dissents[0].by", conf: "items[0].conflicts[0].by", owner: "items[0].tasks[0].owner",
	}
	if len(got) != len(want) {
		t.Errorf("Refs = %v, want %v", got, want)
	}
	for id, f := range want {
		if got[id] != f {
			t.Errorf("ref %s: field %q", f, got[id])
		}
	}
	// Unlinking a contact keeps the copy of the name.
	if !m.Unlink(chair) || !m.Chair.Contact.IsZero() || m.Chair.Name != "Pj" {
		t.Errorf("chair after Unlink: %+v", m.Chair)
	}
	if !m.Unlink(owner) || !m.Items[0].Tasks[0].Owner.Contact.IsZero() {
		t.Error("task owner not unlinked")
	}
	if m.Unlink(model.NewID()) {
		t.Error("Unlink of an unknown ID reported a change")
	}
	m.FillNames(func(id model.ID) string {
		if id == sec {
			return "Sihteeri Sanna"
		}
		return ""
	})
	if m.Secretary.Name != "Sihteeri Sanna" || m.Checkers[0].Name != "" {
		t.Errorf("FillNames: %+v %+v", m.Secretary, m.Checkers[0])
	}
}

func TestStatusChanges(t *testing.T) {
	for _, tt := range []struct {
		from, to model.MeetingStatus
		ok       bool
	}{
		{model.MeetingPlanned, model.MeetingHeld, true},
		{model.MeetingHeld, model.MeetingChecked, true},
		{model.MeetingPlanned, model.MeetingChecked, true},
		{model.MeetingHeld, model.MeetingPlanned, true},
		{model.MeetingChecked, model.MeetingHeld, false},
		{model.MeetingChecked, model.MeetingPlanned, false},
	} {
		if got := model.CanChangeStatus(tt.from, tt.to); got != tt.ok {
			t.Errorf("%s → %s: %v, want %v", tt.from, tt.to, got, tt.ok)
		}
	}
	m := &model.Meeting{Status: model.MeetingHeld}
	if err := m.Reopen("korjaus", time.Now()); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("Reopen of held minutes: %v", err)
	}
	m.Status = model.MeetingChecked
	if err := m.Reopen("  ", time.Now()); model.ErrorCode(err) != model.EINVALID || m.Status != model.MeetingChecked {
		t.Errorf("Reopen without a reason: %v, status %s", err, m.Status)
	}
}

// testStore opens a real database in a temporary directory.
func testStore(t *testing.T) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.Services()
}

// TestCheckedMinutesAreReadOnly goes through the real store: checked
// minutes refuse edits and deletion, reopening needs a reason and leaves it
// in the history, and task follow-up stays possible.
func TestCheckedMinutesAreReadOnly(t *testing.T) {
	ctx := context.Background()
	svc := testStore(t)
	var people []*model.Contact
	for _, n := range []string{"Puheenjohtaja", "Sihteeri", "Tarkastaja", "Toinen"} {
		c := &model.Contact{FirstName: "Testi", LastName: n}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		people = append(people, c)
	}
	g := &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	m := &model.Meeting{
		Group: g.ID, GroupName: g.Name, Number: 1, Date: day(2019, 4, 16),
		Chair: model.Person{Contact: people[0].ID}, Secretary: model.Person{Contact: people[1].ID},
		Checkers: []model.Person{{Contact: people[2].ID}, {Contact: people[3].ID}},
		Items: []model.AgendaItem{{Number: 1, Title: "Avaus", Decision: "Avattiin.",
			Tasks: []model.Task{{Description: "Tiedote", Owner: model.Person{Contact: people[1].ID}}}}},
	}
	if err := svc.Meetings.Create(ctx, m); err != nil {
		t.Fatal(err)
	}
	if m.Year != 2019 || m.Status != model.MeetingPlanned || m.Items[0].Tasks[0].Status != model.TaskOpen {
		t.Errorf("not normalised: year %d status %s task %s", m.Year, m.Status, m.Items[0].Tasks[0].Status)
	}
	// The store indexes the contacts the meeting names.
	refs, err := svc.Queries.ReferencesTo(ctx, people[2].ID)
	if err != nil || len(refs) != 1 || refs[0].From.ID != m.ID || refs[0].Field != "checkers[0]" {
		t.Errorf("ReferencesTo checker = %+v, %v", refs, err)
	}
	update := func(change func(*model.Meeting)) error {
		t.Helper()
		cur, err := svc.Meetings.Get(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		change(cur)
		return svc.Meetings.Update(ctx, cur)
	}
	// Held, then checked.
	if err := update(func(m *model.Meeting) { m.Status = model.MeetingHeld }); err != nil {
		t.Fatal(err)
	}
	if err := update(func(m *model.Meeting) { m.Status = model.MeetingChecked }); err != nil {
		t.Fatal(err)
	}
	// Read-only now.
	err = update(func(m *model.Meeting) { m.Items[0].Decision = "Muutettu jälkikäteen." })
	if model.ErrorCode(err) != model.EREADONLY || model.FieldErrors(err)[0].Key != "error.minutes_checked" {
		t.Errorf("editing checked minutes: %v", err)
	}
	if err := update(func(m *model.Meeting) { m.Status = model.MeetingHeld }); model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("back to held without reopening: %v", err)
	}
	if err := svc.Meetings.Delete(ctx, m.ID, false); model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("deleting checked minutes: %v", err)
	}
	// Task follow-up is allowed.
	if err := update(func(m *model.Meeting) {
		m.Items[0].Tasks[0].Status, m.Items[0].Tasks[0].DoneOn = model.TaskDone, day(2019, 5, 1)
	}); err != nil {
		t.Errorf("marking a task of checked minutes done: %v", err)
	}
	// Reopening without a reason is refused; a reopening that also edits
	// is refused.
	err = update(func(m *model.Meeting) {
		m.Status = model.MeetingHeld
		m.Reopenings = append(m.Reopenings, model.Reopening{At: time.Now()})
	})
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("reopening without a reason: %v", err)
	}
	err = update(func(m *model.Meeting) {
		if err := m.Reopen("Päätöksen kirjoitusvirhe", time.Now()); err != nil {
			t.Fatal(err)
		}
		m.Items[0].Decision = "Muutettu samalla."
	})
	if model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("reopening and editing at once: %v", err)
	}
	// The reopening with a reason.
	reason := "Päätöksen kirjoitusvirhe korjataan"
	if err := update(func(m *model.Meeting) {
		if err := m.Reopen(reason, time.Now()); err != nil {
			t.Fatal(err)
		}
	}); err != nil {
		t.Fatalf("reopening: %v", err)
	}
	// Now editable; check again.
	if err := update(func(m *model.Meeting) { m.Items[0].Decision = "Avattiin klo 9.02." }); err != nil {
		t.Fatalf("editing reopened minutes: %v", err)
	}
	if err := update(func(m *model.Meeting) { m.Status = model.MeetingChecked }); err != nil {
		t.Fatal(err)
	}
	hist, err := svc.Meetings.History(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, h := range hist {
		notes = append(notes, h.Note.String())
	}
	if !slices.Contains(notes, model.ReopenNotePrefix+reason) {
		t.Errorf("history notes %q lack the reopening's reason", notes)
	}
	cur, _ := svc.Meetings.Get(ctx, m.ID)
	if len(cur.Reopenings) != 1 || cur.Reopenings[0].Reason != reason || cur.Items[0].Decision != "Avattiin klo 9.02." || cur.Status != model.MeetingChecked {
		t.Errorf("current: %+v %q %s", cur.Reopenings, cur.Items[0].Decision, cur.Status)
	}
	// Restoring an old revision of checked minutes is an edit too.
	if err := svc.Meetings.RestoreRevision(ctx, m.ID, hist[0].Rev); model.ErrorCode(err) != model.EREADONLY {
		t.Errorf("restoring a revision of checked minutes: %v", err)
	}
	// Deleting a contact the minutes name: refused while referred to; with
	// unlink the minutes keep the name.
	if err := svc.Contacts.Delete(ctx, people[3].ID, false); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("deleting a checker: %v", err)
	}
}

// TestContactDeletedFromMinutes: unlinking keeps the name the minutes
// recorded.
func TestContactDeletedFromMinutes(t *testing.T) {
	ctx := context.Background()
	svc := testStore(t)
	guest := &model.Contact{FirstName: "Ville", LastName: "Vieras"}
	if err := svc.Contacts.Create(ctx, guest); err != nil {
		t.Fatal(err)
	}
	g := &model.Group{Name: "Työryhmä", Type: model.GroupWorking}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	m := &model.Meeting{Group: g.ID, Date: day(2016, 9, 22), Status: model.MeetingHeld,
		Attendance: []model.Attendee{{Person: model.Person{Contact: guest.ID}, Role: model.AttendeeGuest}}}
	m.FillNames(func(id model.ID) string { return guest.Title() })
	if err := svc.Meetings.Create(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Delete(ctx, guest.ID, true); err != nil {
		t.Fatal(err)
	}
	cur, err := svc.Meetings.Get(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := cur.Attendance[0]; !a.Contact.IsZero() || a.Name != "Ville Vieras" {
		t.Errorf("attendance row after the contact was deleted: %+v", a)
	}
}
