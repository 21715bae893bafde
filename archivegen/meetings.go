package archivegen

import (
	"fmt"
	"strings"

	"hankekirja/model"
)

// Meetings: spread over the groups in proportion to how often each kind
// of group meets and how long it exists, on weekdays, numbered per group
// and year by the model's own rules. Meetings after Today are planned
// (an agenda, no minutes), those of the last weeks before it held, the
// rest checked.

// meetsPerYear is how often each kind of group meets.
var meetsPerYear = map[model.GroupType]float64{
	model.GroupSteering: 5, model.GroupManagement: 9, model.GroupWorking: 10,
	model.GroupSubgroup: 8, model.GroupExpert: 4, model.GroupOther: 4,
}

// heldDays is how long minutes stay unchecked after the meeting.
const heldDays = 21

// horizon is how far past Today meetings are planned.
const horizon = 120

func (g *generator) meetings() {
	if g.cfg.Meetings == 0 {
		return
	}
	r := newRNG(g.cfg.Seed, streamMeetings)
	last := addDays(g.cfg.Today, horizon)
	spans := make([]model.Period, len(g.grps))
	weights := make([]float64, len(g.grps))
	for i, gr := range g.grps {
		p := gr.rec.Period
		if p.Start.Before(g.cfg.From) {
			p.Start = g.cfg.From
		}
		if last.Before(p.End) {
			p.End = last
		}
		spans[i] = p
		if days := daysBetween(p.Start, p.End); days > 0 {
			weights[i] = meetsPerYear[gr.rec.Type] * float64(days) / 365
		}
	}
	if sum(weights) == 0 {
		// No group exists within the archive's years: meet anyway.
		for i := range weights {
			weights[i], spans[i] = 1, model.Period{Start: g.cfg.From, End: g.cfg.Today}
		}
	}
	counts := apportion(g.cfg.Meetings, weights)
	for i, gr := range g.grps {
		if counts[i] > 0 {
			g.groupMeetings(r, gr, spans[i], counts[i])
		}
	}
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// groupMeetings builds a group's n meetings in date order, numbers them
// and their items, then writes them.
func (g *generator) groupMeetings(r *rng, gr *group, span model.Period, n int) {
	days := daysBetween(span.Start, span.End)
	ms := make([]*model.Meeting, 0, n)
	reviews := map[*model.Meeting][]model.TaskRef{}
	for i := range n {
		// One meeting in each of n equal slots: a steady rhythm.
		lo, hi := days*i/n, days*(i+1)/n-1
		d := weekday(addDays(span.Start, r.between(lo, max(lo, hi))))
		if d.Month == 7 { // summer holidays
			d = weekday(model.MustDate(d.Year, 8, r.between(3, 20)))
		}
		m, open := g.meeting(r, gr, d, ms)
		if len(open) > 0 {
			reviews[m] = open
		}
		ms = append(ms, m)
	}
	// All are planned while numbered, so the numbers run in date order.
	model.NumberMeetings(ms)
	model.NumberItems(ms)
	for i, m := range ms {
		var next *model.Meeting
		if i+1 < len(ms) {
			next = ms[i+1]
		}
		g.finish(r, gr, m, next, reviews[m])
		g.w.add(m)
	}
}

// meeting builds the meeting of gr on d: attendance, agenda and, unless it
// is still to be held, its minutes. earlier are the group's meetings
// before it; open returns the tasks still open on d, which the meeting
// reviews.
func (g *generator) meeting(r *rng, gr *group, d model.Date, earlier []*model.Meeting) (*model.Meeting, []model.TaskRef) {
	m := model.NewMeeting(gr.rec, d, nil)
	m.ID = model.NewID()
	planned := g.cfg.Today.Before(d)
	start := pick(r, []model.Clock{model.MustClock(8, 30), model.MustClock(9, 0), model.MustClock(9, 0), model.MustClock(10, 0),
		model.MustClock(12, 30), model.MustClock(13, 0), model.MustClock(14, 0)})
	m.Start = start
	end := start.Minutes() + 15*r.between(4, 12) // one to three hours
	m.End = model.MustClock(end/60, end%60)
	if r.chance(0.05) {
		m.Type = model.MeetingExtra
	}
	g.place(r, gr, m)
	g.attendance(r, m, planned)
	m.FillNames(func(id model.ID) string { return g.names[id] })

	present := presentNames(m)
	s := &scene{r: r, places: placeNames(gr.project.places), county: gr.project.county.name, body: gr.body, people: present, year: d.Year}
	var own []model.AgendaItem
	open := openTasks(earlier, d)
	if len(open) > 0 {
		// The background is written once the earlier items are numbered.
		own = append(own, model.AgendaItem{Title: model.ReviewItemTitle, Proposal: "Merkitään tehtävien tilanne tiedoksi.", Presenter: m.Secretary})
	}
	for i := range max(1, r.between(1, 8)-len(own)) {
		own = append(own, g.item(r, s, gr, m, planned, i == 0))
	}
	m.Items = model.NewAgenda(model.AgendaTemplate(gr.rec), own...)
	return m, open
}

// openTasks returns the tasks of earlier meetings (of the last two years)
// still open on d, by due date.
func openTasks(earlier []*model.Meeting, d model.Date) []model.TaskRef {
	var recent []*model.Meeting
	from := addDays(d, -730)
	for _, m := range earlier {
		if from.Before(m.Date) {
			recent = append(recent, m)
		}
	}
	var out []model.TaskRef
	for _, t := range model.AllTasks(recent) {
		if t.Task.IsOpen() || !t.Task.DoneOn.Before(d) {
			out = append(out, t)
		}
	}
	return out
}

var rooms = []string{"kaupungintalo, valtuustosali", "kunnantalo, kokoushuone", "virastotalo, neuvotteluhuone 2",
	"sairaala, hallintorakennuksen kokoushuone", "terveyskeskus, kokoustila", "hyvinvointikeskus, auditorio",
	"kaupungintalo, kokoushuone Aulis", "sosiaalitoimisto, neuvotteluhuone"}

// place: a room in the project's towns; since spring 2020 mostly online or
// hybrid.
func (g *generator) place(r *rng, gr *group, m *model.Meeting) {
	town := pick(r, gr.project.places[:min(3, len(gr.project.places))]).name
	room := town + ", " + pick(r, rooms)
	online := m.Date.Year > 2020 || (m.Date.Year == 2020 && m.Date.Month >= 3)
	link := fmt.Sprintf("https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%016x%%40thread.v2/0", r.Uint64())
	switch {
	case online && r.chance(0.45):
		m.Place, m.Link = "Teams-kokous", link
	case online && r.chance(0.5):
		m.Place, m.Link = room+" ja Teams", link
	default:
		m.Place = room
	}
}

// attendance: the members on the day, some absent, some in their place a
// deputy, now and then a guest or someone arriving late (set in finish).
func (g *generator) attendance(r *rng, m *model.Meeting, planned bool) {
	if planned {
		return // the prefilled list stands until the meeting
	}
	var deputies []int
	for i, a := range m.Attendance {
		if a.Status == model.AttendanceAbsent {
			deputies = append(deputies, i)
		}
	}
	drop := map[int]bool{}
	for i := range m.Attendance {
		a := &m.Attendance[i]
		if a.Status != model.AttendancePresent || a.Role != model.AttendeeMember || a.Is(m.Chair.Contact) || a.Is(m.Secretary.Contact) {
			continue
		}
		if r.chance(0.12) {
			a.Status = model.AttendanceAbsent
			if len(deputies) > 0 && r.chance(0.5) {
				k := deputies[0]
				deputies = deputies[1:]
				a.Status, a.Deputy = model.AttendanceRepresented, m.Attendance[k].Person
				drop[k] = true
			}
		}
	}
	kept := m.Attendance[:0]
	for i, a := range m.Attendance {
		if !drop[i] {
			kept = append(kept, a)
		}
	}
	m.Attendance = kept
	if r.chance(0.2) {
		first, last := personName(r, false)
		org := pick(r, []string{"THL", "Kuntaliitto", "sosiaali- ja terveysministeriö", "Sotekonsultit Oy", "Kela"})
		m.Attendance = append(m.Attendance, model.Attendee{Person: model.Person{Name: first + " " + last + ", " + org}, Status: model.AttendancePresent, Role: model.AttendeeGuest})
	}
}

func presentNames(m *model.Meeting) []string {
	var out []string
	for _, a := range m.Present() {
		switch {
		case a.Status == model.AttendanceRepresented && a.Deputy.Name != "":
			out = append(out, a.Deputy.Name)
		case a.Name != "" && a.Role != model.AttendeeGuest:
			out = append(out, a.Name)
		}
	}
	if len(out) == 0 {
		out = []string{"puheenjohtaja"}
	}
	return out
}

// presentMembers returns the contacts of the members present, without the
// chair and the secretary: the people who check the minutes, dissent and
// take on tasks.
func presentMembers(m *model.Meeting) []model.Person {
	var out []model.Person
	for _, a := range m.Present() {
		p := a.Person
		if a.Status == model.AttendanceRepresented {
			p = a.Deputy
		}
		if a.Role != model.AttendeeMember || p.Contact.IsZero() || p.Is(m.Chair.Contact) || p.Is(m.Secretary.Contact) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// item composes a substantive agenda item.
func (g *generator) item(r *rng, s *scene, gr *group, m *model.Meeting, planned, first bool) model.AgendaItem {
	s.topic = newPhrase(r, true)
	if first && r.chance(0.4) {
		s.topic = gr.project.topic
	}
	it := model.AgendaItem{Title: s.itemTitle(), Presenter: m.Secretary}
	members := presentMembers(m)
	if len(members) > 0 && r.chance(0.3) {
		it.Presenter = pick(r, members)
	}
	var bg []string
	for range r.between(1, 3) {
		bg = append(bg, s.paragraph(backgroundTemplates, r.between(2, 4)))
	}
	it.Background = strings.Join(bg, "\n\n")
	it.Proposal = s.paragraph(proposalTemplates, r.between(1, 2))
	if planned {
		return it
	}
	if r.chance(0.55) {
		it.Discussion = s.paragraph(discussionTemplates, r.between(1, 3))
	}
	it.Decision = s.expand(pick(r, decisionTemplates))
	if len(members) > 2 && r.chance(0.03) {
		against := r.between(1, min(2, len(members)-1))
		it.Decision = fmt.Sprintf("%s hyväksyi esityksen äänin %d–%d.", gr.body, len(members)+1-against, against)
		for k := range against {
			it.Dissents = append(it.Dissents, model.Dissent{By: members[k], Text: s.expand(pick(r, dissentTemplates))})
		}
	}
	if len(members) > 0 && r.chance(0.01) {
		it.Conflicts = []model.Conflict{{By: pick(r, members), Reason: "Esteellinen hallintolain 28 §:n perusteella; ei osallistunut asian käsittelyyn."}}
	}
	if r.chance(0.4) {
		owners := append([]model.Person{m.Secretary}, members...)
		for range r.between(1, 3) {
			due := addDays(m.Date, r.between(14, 90))
			t := model.Task{Description: s.expand(pick(r, taskTemplates)), Owner: pick(r, owners), Due: due, Status: model.TaskOpen}
			doneP := 0.85
			if due.Before(addDays(g.cfg.Today, -365)) {
				doneP = 0.97
			}
			if due.Before(g.cfg.Today) && r.chance(doneP) {
				t.Status = model.TaskDone
				t.DoneOn = addDays(m.Date, r.between(3, daysBetween(m.Date, due)+14))
				if g.cfg.Today.Before(t.DoneOn) {
					t.DoneOn = g.cfg.Today
				}
			}
			it.Tasks = append(it.Tasks, t)
		}
	}
	return it
}

// finish writes what needs the numbers: the review of open tasks, the
// standard items' decisions, late arrivals, the checkers and the status.
func (g *generator) finish(r *rng, gr *group, m, next *model.Meeting, open []model.TaskRef) {
	planned := g.cfg.Today.Before(m.Date)
	for i := range m.Items {
		if m.Items[i].Title == model.ReviewItemTitle && len(open) > 0 {
			m.Items[i].Background = model.ReviewItem(open).Background
			if !planned {
				m.Items[i].Decision = "Merkittiin tiedoksi."
			}
		}
	}
	if planned {
		return
	}
	members := presentMembers(m)
	if len(members) >= 2 {
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		m.Checkers = []model.Person{members[0], members[1]}
	}
	present := len(m.Present())
	for i := range m.Items {
		it := &m.Items[i]
		switch it.Title {
		case "Kokouksen avaus":
			it.Decision = fmt.Sprintf("Puheenjohtaja avasi kokouksen klo %s.", m.Start)
		case "Laillisuus ja päätösvaltaisuus":
			it.Decision = pick(r, []string{
				"Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi.",
				fmt.Sprintf("Todettiin, että kokous on laillinen ja päätösvaltainen. Paikalla oli %d osallistujaa.", present),
				"Kokous todettiin lailliseksi ja päätösvaltaiseksi.",
			})
		case "Pöytäkirjantarkastajien valinta":
			it.Proposal = "Valitaan kaksi pöytäkirjantarkastajaa."
			if len(m.Checkers) == 2 {
				it.Decision = fmt.Sprintf("Pöytäkirjantarkastajiksi valittiin %s ja %s.", m.Checkers[0].Name, m.Checkers[1].Name)
			}
		case "Esityslistan hyväksyminen":
			it.Decision = pick(r, []string{"Esityslista hyväksyttiin kokouksen työjärjestykseksi.", "Hyväksyttiin esityslista.",
				"Esityslista hyväksyttiin sillä muutoksella, että muut asiat käsitellään ennen seuraavasta kokouksesta sopimista."})
		case "Muut asiat":
			it.Decision = pick(r, []string{"Ei muita asioita.", "Ei muita asioita.", "Keskusteltiin ajankohtaisista asioista kunnissa. Merkittiin tiedoksi."})
		case "Seuraava kokous":
			if next != nil {
				it.Decision = fmt.Sprintf("Seuraava kokous pidetään %s klo %s.", next.Date, next.Start)
			} else {
				it.Decision = "Seuraavan kokouksen ajankohdasta sovitaan myöhemmin."
			}
		case "Kokouksen päättäminen":
			it.Decision = fmt.Sprintf("Puheenjohtaja päätti kokouksen klo %s.", m.End)
		}
	}
	if len(m.Items) > 4 && r.chance(0.08) {
		for i := range m.Attendance {
			a := &m.Attendance[i]
			if a.Status == model.AttendancePresent && a.Role == model.AttendeeMember && !a.Is(m.Chair.Contact) && !a.Is(m.Secretary.Contact) && !isChecker(m, a.Person) {
				if r.chance(0.5) {
					a.ArrivedAt = m.Items[2].Number
				} else {
					a.LeftAt = m.Items[len(m.Items)-2].Number
				}
				break
			}
		}
	}
	m.Status = model.MeetingChecked
	if addDays(g.cfg.Today, -heldDays).Before(m.Date) || len(m.Checkers) < 2 || m.Chair.IsZero() || m.Secretary.IsZero() {
		m.Status = model.MeetingHeld
	}
}

func isChecker(m *model.Meeting, p model.Person) bool {
	for _, c := range m.Checkers {
		if c.Contact == p.Contact {
			return true
		}
	}
	return false
}
