package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The rules of meetings that span records: numbering, the agenda template,
// attendance from the group's members, the follow-up of tasks and the
// changes checked minutes allow. They are pure functions of the records
// they are given; the caller loads and saves.

// AgendaSlot marks the place of a meeting's own items in an agenda
// template: the standard items before it open the meeting and the ones
// after it close it.
const AgendaSlot = "…"

// DefaultAgendaTemplate is the standard frame of a Finnish meeting's agenda,
// used for groups that have no AgendaTemplate of their own.
var DefaultAgendaTemplate = []string{
	"Kokouksen avaus",
	"Laillisuus ja päätösvaltaisuus",
	"Pöytäkirjantarkastajien valinta",
	"Esityslistan hyväksyminen",
	AgendaSlot,
	"Muut asiat",
	"Seuraava kokous",
	"Kokouksen päättäminen",
}

// ReviewItemTitle is the title of the item that reviews the group's open
// tasks (see ReviewItem).
const ReviewItemTitle = "Avoimien tehtävien seuranta"

// AgendaTemplate returns the group's agenda template, or the default one
// when the group has none (g may be nil). The result is a copy.
func AgendaTemplate(g *Group) []string {
	if g != nil && len(g.AgendaTemplate) > 0 {
		return slices.Clone(g.AgendaTemplate)
	}
	return slices.Clone(DefaultAgendaTemplate)
}

// NewAgenda builds an agenda from a template and the meeting's own items:
// the template's items before AgendaSlot, the own items, then the rest of
// the template (a template without the slot gets the own items at its end).
// Blank template lines are skipped. The items are not numbered.
func NewAgenda(template []string, own ...AgendaItem) []AgendaItem {
	var out []AgendaItem
	placed := false
	for _, t := range template {
		t = strings.TrimSpace(t)
		switch {
		case t == AgendaSlot || t == "...":
			if !placed {
				out = append(out, own...)
				placed = true
			}
		case t != "":
			it := AgendaItem{Title: t}
			it.Standard = StandardOf(&it)
			out = append(out, it)
		}
	}
	if !placed {
		out = append(out, own...)
	}
	return out
}

// attendanceOrder orders a group's roles in an attendance list: the chair
// first, the secretary last.
var attendanceOrder = []Role{RoleChair, RoleViceChair, RoleMember, RoleStaffRepresent, RoleDeputy, RoleExpert, RoleSecretary}

// PrefillAttendance returns the attendance list of a meeting of g on date
// d: every member whose term covers d, once, chair first and secretary last,
// all present except deputy members, who attend only in someone's place.
// Experts are experts; everyone else is a member.
func PrefillAttendance(g *Group, d Date) []Attendee {
	members := slices.Clone(g.MembersOn(d))
	slices.SortStableFunc(members, func(a, b Membership) int {
		return cmp.Compare(roleRank(a.Role), roleRank(b.Role))
	})
	var out []Attendee
	seen := map[ID]bool{}
	for _, mb := range members {
		if mb.Contact.IsZero() || seen[mb.Contact] {
			continue
		}
		seen[mb.Contact] = true
		a := Attendee{Person: Person{Contact: mb.Contact}, Status: AttendancePresent, Role: AttendeeMember}
		switch mb.Role {
		case RoleExpert:
			a.Role = AttendeeExpert
		case RoleDeputy:
			a.Status = AttendanceAbsent
		}
		out = append(out, a)
	}
	return out
}

func roleRank(r Role) int {
	if i := slices.Index(attendanceOrder, r); i >= 0 {
		return i
	}
	return len(attendanceOrder)
}

// NewMeeting prepares the next meeting of g on date d: numbered after the
// group's other meetings of that year (others may hold any of the group's
// meetings), of the regular type and planned, with the chair and the
// secretary of d, attendance from the members on d, and the agenda from
// the group's template, with a review of the group's open tasks when there
// are any, its items numbered on from the year's earlier meetings. Persons
// carry contact IDs only: call FillNames to copy names. others are not
// changed: when the new meeting comes before planned ones, NumberMeetings
// and NumberItems over all of them renumber those.
func NewMeeting(g *Group, d Date, others []*Meeting) *Meeting {
	m := &Meeting{
		Group:      g.ID,
		GroupName:  g.Name,
		Date:       d,
		Year:       d.Year,
		Type:       MeetingRegular,
		Status:     MeetingPlanned,
		Chair:      Person{Contact: g.MemberWithRole(RoleChair, d)},
		Secretary:  Person{Contact: g.MemberWithRole(RoleSecretary, d)},
		Attendance: PrefillAttendance(g, d),
	}
	var own []AgendaItem
	var earlier []*Meeting
	for _, o := range others {
		if o.Group == g.ID && o.Date.Before(d) {
			earlier = append(earlier, o)
		}
	}
	if open := OpenTasks(earlier); len(open) > 0 {
		own = append(own, ReviewItem(open))
	}
	m.Items = NewAgenda(AgendaTemplate(g), own...)
	m.Number = NextMeetingNumber(others, g.ID, d.Year)
	last := 0
	for _, o := range earlier {
		if o.Date.Year == d.Year {
			for _, it := range o.Items {
				last = max(last, it.Number)
			}
		}
	}
	for i := range m.Items {
		m.Items[i].Number = last + 1 + i
	}
	return m
}

// NextMeetingNumber returns the number the group's next meeting in year
// gets: one more than the highest number among ms of that group and year.
func NextMeetingNumber(ms []*Meeting, group ID, year int) int {
	n := 0
	for _, m := range ms {
		if m.Group == group && m.Date.Year == year {
			n = max(n, m.Number)
		}
	}
	return n + 1
}

// groupYear is the key numbering runs under.
type groupYear struct {
	group ID
	year  int
}

// byGroupYear splits meetings by group and calendar year, each part in the
// order the meetings were held (date, start time, number).
func byGroupYear(ms []*Meeting) [][]*Meeting {
	parts := map[groupYear][]*Meeting{}
	var keys []groupYear
	for _, m := range ms {
		if m == nil {
			continue
		}
		k := groupYear{m.Group, m.Date.Year}
		if _, ok := parts[k]; !ok {
			keys = append(keys, k)
		}
		parts[k] = append(parts[k], m)
	}
	out := make([][]*Meeting, 0, len(keys))
	for _, k := range keys {
		part := parts[k]
		slices.SortStableFunc(part, func(a, b *Meeting) int {
			return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Start.Minutes(), b.Start.Minutes()), cmp.Compare(a.Number, b.Number))
		})
		out = append(out, part)
	}
	return out
}

// NumberMeetings numbers meetings per group and calendar year in the order
// they are held: a held or checked meeting keeps its number, and each
// planned one gets the next number not taken. It returns the meetings whose
// Number (or Year) changed, for the caller to save.
func NumberMeetings(ms []*Meeting) []*Meeting {
	var changed []*Meeting
	for _, part := range byGroupYear(ms) {
		taken := map[int]bool{}
		for _, m := range part {
			if m.Status.Locked() {
				taken[m.Number] = true
			}
		}
		last := 0
		for _, m := range part {
			number, year := m.Number, m.Year
			if m.Status.Locked() && m.Number > 0 {
				last = max(last, m.Number)
			} else {
				next := last + 1
				for taken[next] {
					next++
				}
				m.Number, last = next, next
			}
			m.Year = m.Date.Year
			if m.Number != number || m.Year != year {
				changed = append(changed, m)
			}
		}
	}
	return changed
}

// NumberItems numbers the agenda items (§) of meetings. Numbering runs per
// group and calendar year across the year's meetings in the order they are
// held: the first item of the year's first meeting is 1 §, and each meeting
// continues from the previous one. The items of a held or checked meeting
// keep their numbers (they are in the minutes); the items of a planned
// meeting are renumbered in their order, so reordering or deleting items,
// or a meeting added before, is followed. A planned meeting's numbers never
// reuse those of a held one. It returns the meetings whose numbers changed.
func NumberItems(ms []*Meeting) []*Meeting {
	var changed []*Meeting
	for _, part := range byGroupYear(ms) {
		taken := map[int]bool{}
		for _, m := range part {
			if m.Status.Locked() {
				for _, it := range m.Items {
					taken[it.Number] = true
				}
			}
		}
		last := 0
		for _, m := range part {
			if m.Status.Locked() {
				for _, it := range m.Items {
					last = max(last, it.Number)
				}
				continue
			}
			moved := false
			for i := range m.Items {
				next := last + 1
				for taken[next] {
					next++
				}
				if m.Items[i].Number != next {
					m.Items[i].Number = next
					moved = true
				}
				last = next
			}
			if moved {
				changed = append(changed, m)
			}
		}
	}
	return changed
}

// MoveItem moves the agenda item at index from to index to (the items
// between shift by one). Renumber with NumberItems afterwards.
func (m *Meeting) MoveItem(from, to int) {
	if from < 0 || from >= len(m.Items) || to < 0 || to >= len(m.Items) || from == to {
		return
	}
	it := m.Items[from]
	m.Items = slices.Delete(m.Items, from, from+1)
	m.Items = slices.Insert(m.Items, to, it)
}

// RemoveItem deletes the agenda item at index i. Renumber with NumberItems
// afterwards.
func (m *Meeting) RemoveItem(i int) {
	if i >= 0 && i < len(m.Items) {
		m.Items = slices.Delete(m.Items, i, i+1)
	}
}

// TaskRef is one task in its meeting and agenda item. Task points into the
// meeting, so a change through it is saved with the meeting.
type TaskRef struct {
	Meeting *Meeting
	Item    *AgendaItem
	Task    *Task
}

// AllTasks returns the tasks of the meetings, by due date (tasks without
// one last), then by meeting date and § number.
func AllTasks(ms []*Meeting) []TaskRef {
	var out []TaskRef
	for _, m := range ms {
		for i := range m.Items {
			it := &m.Items[i]
			for j := range it.Tasks {
				out = append(out, TaskRef{Meeting: m, Item: it, Task: &it.Tasks[j]})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b TaskRef) int {
		ad, bd := a.Task.Due, b.Task.Due
		switch {
		case ad.IsZero() && !bd.IsZero():
			return 1
		case !ad.IsZero() && bd.IsZero():
			return -1
		}
		return cmp.Or(ad.Compare(bd), a.Meeting.Date.Compare(b.Meeting.Date), cmp.Compare(a.Item.Number, b.Item.Number))
	})
	return out
}

// OpenTasks returns the open tasks of the meetings (see AllTasks for the
// order).
func OpenTasks(ms []*Meeting) []TaskRef {
	return slices.DeleteFunc(AllTasks(ms), func(t TaskRef) bool { return !t.Task.IsOpen() })
}

// OverdueTasks returns the open tasks whose due date is before today.
func OverdueTasks(ms []*Meeting, today Date) []TaskRef {
	return slices.DeleteFunc(AllTasks(ms), func(t TaskRef) bool { return !t.Task.Overdue(today) })
}

// ReviewItem returns the agenda item that reviews open tasks at a group's
// next meeting: its background lists the tasks as Markdown, each with its
// owner, due date and the item it came from.
func ReviewItem(open []TaskRef) AgendaItem {
	var b strings.Builder
	b.WriteString("Edellisissä kokouksissa annetut tehtävät, joita ei ole merkitty tehdyiksi:\n\n")
	for _, t := range open {
		b.WriteString("- " + oneLine(t.Task.Description))
		var about []string
		if t.Task.Owner.Name != "" {
			about = append(about, t.Task.Owner.Name)
		}
		if !t.Task.Due.IsZero() {
			about = append(about, "määräaika "+t.Task.Due.String())
		}
		if src := t.Source(); src != "" {
			about = append(about, src)
		}
		if len(about) > 0 {
			b.WriteString(" (" + strings.Join(about, ", ") + ")")
		}
		b.WriteString("\n")
	}
	return AgendaItem{
		Title:      ReviewItemTitle,
		Background: b.String(),
		Proposal:   "Merkitään tehtävien tilanne tiedoksi.",
	}
}

// Source says where the task was given: "§ 5, kokous 2/2019".
func (t TaskRef) Source() string {
	var parts []string
	if t.Item != nil && t.Item.Number > 0 {
		parts = append(parts, fmt.Sprintf("§ %d", t.Item.Number))
	}
	if t.Meeting != nil {
		if n := t.Meeting.NumberText(); n != "" {
			parts = append(parts, "kokous "+n)
		} else if !t.Meeting.Date.IsZero() {
			parts = append(parts, "kokous "+t.Meeting.Date.String())
		}
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// CanChangeStatus reports whether a meeting may go from status from to
// status to by an ordinary edit: planned → held → checked forwards (a
// meeting recorded afterwards may go from planned to checked at once), and
// held back to planned. Checked minutes go back to held only by Reopen.
func CanChangeStatus(from, to MeetingStatus) bool {
	if from == to || from == "" {
		return true
	}
	switch from {
	case MeetingPlanned:
		return to == MeetingHeld || to == MeetingChecked
	case MeetingHeld:
		return to == MeetingPlanned || to == MeetingChecked
	}
	return false
}

// ReopenNotePrefix begins the English text of a reopening's revision note
// (Note.String of a NoteReopened note).
const ReopenNotePrefix = "reopened: "

// Reopen makes checked minutes editable again (status held) for a
// correction, recording the reason. It is the only way out of the checked
// status; the store keeps the reason in the revision's note too.
func (m *Meeting) Reopen(reason string, at time.Time) error {
	if m.Status != MeetingChecked {
		return Invalid("status", "error.not_checked")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Invalid("reason", "error.reopen_reason")
	}
	m.Status = MeetingHeld
	m.Reopenings = append(m.Reopenings, Reopening{At: at.UTC().Truncate(time.Second), Reason: reason})
	return nil
}

// CheckChange checks an edit of a meeting against its stored revision old:
// the status may change only as CanChangeStatus allows; checked minutes are
// read-only (EREADONLY, error.minutes_checked) except for the reopening
// (status back to held with one more Reopening that gives a reason) and for
// the follow-up of their tasks (a task's status and done date). It returns
// the note the new revision should carry (NoteReopened with the reason),
// or a zero Note.
func CheckChange(old, m *Meeting) (note Note, err error) {
	if old.Status != MeetingChecked {
		if !CanChangeStatus(old.Status, m.Status) {
			return Note{}, Invalid("status", "error.status_change")
		}
		return Note{}, nil
	}
	readOnly := &Error{Code: EREADONLY, Key: "error.minutes_checked"}
	if m.Status == MeetingChecked {
		if sameMeeting(old, m, false) {
			return Note{}, nil
		}
		return Note{}, readOnly
	}
	if m.Status != MeetingHeld || len(m.Reopenings) != len(old.Reopenings)+1 ||
		!slices.EqualFunc(m.Reopenings[:len(old.Reopenings)], old.Reopenings, func(a, b Reopening) bool {
			return a.At.Equal(b.At) && a.Reason == b.Reason
		}) {
		return Note{}, readOnly
	}
	reason := strings.TrimSpace(m.Reopenings[len(old.Reopenings)].Reason)
	if reason == "" {
		return Note{}, Invalid("reason", "error.reopen_reason")
	}
	if !sameMeeting(old, m, true) {
		return Note{}, readOnly
	}
	return NewNote(NoteReopened, NoteArgReason, reason), nil
}

// sameMeeting reports whether a and b hold the same minutes, apart from
// the metadata, the follow-up of tasks and, with reopening, the status and
// the reopenings.
func sameMeeting(a, b *Meeting, reopening bool) bool {
	strip := func(m *Meeting) []byte {
		c := *m
		c.Meta = Meta{}
		c.Items = slices.Clone(m.Items)
		for i := range c.Items {
			c.Items[i].Tasks = slices.Clone(c.Items[i].Tasks)
			for j := range c.Items[i].Tasks {
				c.Items[i].Tasks[j].Status, c.Items[i].Tasks[j].DoneOn = "", Date{}
			}
		}
		if reopening {
			c.Status, c.Reopenings = "", nil
		}
		data, err := json.Marshal(&c)
		if err != nil {
			return nil
		}
		return data
	}
	x, y := strip(a), strip(b)
	return x != nil && string(x) == string(y)
}

// joinNonEmpty joins the non-blank parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
