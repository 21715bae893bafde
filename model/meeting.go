package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Meeting (kokous) is a meeting of a group and, once held, its minutes
// (pöytäkirja): who attended, the agenda items (asiat) numbered with § and
// what was decided on each, and the tasks that follow.
//
// A meeting goes planned → held → checked. Checked minutes (pöytäkirja
// tarkastettu) are read-only in the store; a correction is an explicit
// Reopen with a reason, kept in Reopenings and in the revision's note.
//
// People are Persons: a contact, with a copy of the name so that the minutes
// still read right when the contact is deleted, or a name only (a guest).
// The rules that span meetings (numbering, the agenda template, attendance
// from the members, open tasks) are in meeting_rules.go.
type Meeting struct {
	Meta
	Group ID `json:"group"`
	// Number runs per group and year: Number/Year reads "3/2019". Year is
	// the year of Date (Normalize sets it).
	Number int   `json:"number,omitempty"`
	Year   int   `json:"year,omitempty"`
	Date   Date  `json:"date,omitzero"`
	Start  Clock `json:"start_time,omitzero"`
	End    Clock `json:"end_time,omitzero"`
	// Place is a room or an address; Link the online meeting's address.
	Place  string        `json:"place,omitempty"`
	Link   string        `json:"link,omitempty"`
	Type   MeetingType   `json:"type,omitempty"`
	Status MeetingStatus `json:"status,omitempty"`
	// GroupName is a copy of the group's name when the meeting was saved,
	// so lists can show it without a lookup.
	GroupName string `json:"group_name,omitempty"`

	Chair     Person `json:"chair,omitzero"`
	Secretary Person `json:"secretary,omitzero"`
	// Checkers are the two minute checkers (pöytäkirjantarkastajat).
	Checkers   []Person     `json:"checkers,omitempty"`
	Attendance []Attendee   `json:"attendance,omitempty"`
	Items      []AgendaItem `json:"items,omitempty"`
	// Reopenings are the corrections of checked minutes, oldest first.
	Reopenings []Reopening `json:"reopenings,omitempty"`

	// The formalities the standard items state (see Formalities).
	// InvitedOn is the day the invitation went out; OpenedAt and ClosedAt
	// the times the chair opened and closed the meeting (the start and end
	// times when unset); CheckOn and CheckPlace when and where the checkers
	// check the minutes.
	InvitedOn  Date   `json:"invited_on,omitzero"`
	OpenedAt   Clock  `json:"opened_at,omitzero"`
	ClosedAt   Clock  `json:"closed_at,omitzero"`
	CheckOn    Date   `json:"check_on,omitzero"`
	CheckPlace string `json:"check_place,omitempty"`
	// Checked records who checked the minutes and when; MarkChecked sets it.
	Checked CheckRecord `json:"checked,omitzero"`
	// CalendarUID is the UID of the calendar invitation the meeting was
	// imported from, so that importing the invitation again updates this
	// meeting instead of adding another.
	CalendarUID string `json:"calendar_uid,omitempty"`
	// Cancelled is set when the meeting was called off, here or by a
	// cancelled invitation (METHOD:CANCEL or STATUS:CANCELLED): the meeting
	// stays, for the record, and its own invitation becomes a cancellation.
	Cancelled bool `json:"cancelled,omitempty"`
}

// CheckRecord is the checking of minutes: the checkers who checked them
// and the day.
type CheckRecord struct {
	By []Person `json:"by,omitempty"`
	On Date     `json:"on,omitzero"`
}

// IsZero reports whether the minutes have no checking recorded.
func (r CheckRecord) IsZero() bool { return len(r.By) == 0 && r.On.IsZero() }

// MeetingType tells a regular meeting from an extra one.
type MeetingType string

// Meeting types.
const (
	MeetingRegular MeetingType = "regular" // varsinainen kokous
	MeetingExtra   MeetingType = "extra"   // ylimääräinen kokous
)

// MeetingTypes lists the meeting types.
var MeetingTypes = []MeetingType{MeetingRegular, MeetingExtra}

// MeetingStatus is where a meeting is in its life.
type MeetingStatus string

// Meeting statuses, in order.
const (
	MeetingPlanned MeetingStatus = "planned" // suunniteltu: the agenda is being prepared
	MeetingHeld    MeetingStatus = "held"    // pidetty: the minutes are being written
	MeetingChecked MeetingStatus = "checked" // pöytäkirja tarkastettu: read-only
)

// MeetingStatuses lists the statuses in their natural order.
var MeetingStatuses = []MeetingStatus{MeetingPlanned, MeetingHeld, MeetingChecked}

// Locked reports whether the meeting's § numbers are fixed: a held or
// checked meeting keeps its numbers whatever happens to other meetings.
func (s MeetingStatus) Locked() bool { return s == MeetingHeld || s == MeetingChecked }

// Person is someone a meeting names: a contact (Name then holds a copy of
// the contact's name, see FillNames) or a name only, for a guest.
type Person struct {
	Contact ID     `json:"contact,omitzero"`
	Name    string `json:"name,omitempty"`
}

// IsZero reports whether nobody is named.
func (p Person) IsZero() bool { return p.Contact.IsZero() && strings.TrimSpace(p.Name) == "" }

// Is reports whether p is the contact id.
func (p Person) Is(id ID) bool { return !id.IsZero() && p.Contact == id }

// Same reports whether p and q name the same person: the same contact,
// or (for names typed without a contact) the same name.
func (p Person) Same(q Person) bool {
	if !p.Contact.IsZero() || !q.Contact.IsZero() {
		return p.Contact == q.Contact
	}
	return p.Name != "" && strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(q.Name))
}

// Attendee is one row of the attendance list.
type Attendee struct {
	Person
	Status AttendanceStatus `json:"status,omitempty"`
	// Deputy is the deputy member who attended in the member's place
	// (Status AttendanceRepresented).
	Deputy Person       `json:"deputy,omitzero"`
	Role   AttendeeRole `json:"role,omitempty"`
	// ArrivedAt and LeftAt are the § numbers of the items during which
	// the person arrived and left; 0 means from the start and to the end.
	ArrivedAt int `json:"arrived_at,omitempty"`
	LeftAt    int `json:"left_at,omitempty"`
}

// AttendanceStatus says whether a person attended.
type AttendanceStatus string

// Attendance statuses.
const (
	AttendancePresent     AttendanceStatus = "present"     // läsnä
	AttendanceAbsent      AttendanceStatus = "absent"      // poissa
	AttendanceRepresented AttendanceStatus = "represented" // varajäsen paikalla
)

// AttendanceStatuses lists the attendance statuses.
var AttendanceStatuses = []AttendanceStatus{AttendancePresent, AttendanceAbsent, AttendanceRepresented}

// AttendeeRole is a person's part in one meeting.
type AttendeeRole string

// Attendee roles.
const (
	AttendeeMember AttendeeRole = "member" // jäsen
	AttendeeGuest  AttendeeRole = "guest"  // muu läsnäolija, vieras
	AttendeeExpert AttendeeRole = "expert" // asiantuntija
)

// AttendeeRoles lists the attendee roles.
var AttendeeRoles = []AttendeeRole{AttendeeMember, AttendeeExpert, AttendeeGuest}

// AgendaItem (asia, pykälä) is one numbered item of the agenda and the
// minutes. Background is Markdown; the other texts are plain paragraphs.
type AgendaItem struct {
	// Number is the § number, running per group and calendar year (see
	// NumberItems); 0 while not numbered.
	Number     int        `json:"number,omitempty"`
	Title      string     `json:"title"`
	Presenter  Person     `json:"presenter,omitzero"`   // esittelijä
	Background string     `json:"background,omitempty"` // asian tausta (Markdown)
	Proposal   string     `json:"proposal,omitempty"`   // päätösehdotus
	Discussion string     `json:"discussion,omitempty"` // keskustelu
	Decision   string     `json:"decision,omitempty"`   // päätös
	Dissents   []Dissent  `json:"dissents,omitempty"`
	Conflicts  []Conflict `json:"conflicts,omitempty"`
	Tasks      []Task     `json:"tasks,omitempty"`
	// Standard marks one of the standard items whose text Formalities
	// writes from the record; empty for the meeting's own items (older
	// items are recognised by their title, see StandardOf).
	Standard StandardItem `json:"standard,omitempty"`
	// CounterProposals, Vote and Elections record how the decision was
	// reached (see meeting_voting.go).
	CounterProposals []CounterProposal `json:"counter_proposals,omitempty"`
	Vote             *Vote             `json:"vote,omitempty"`
	Elections        []Election        `json:"elections,omitempty"`
}

// Dissent (eriävä mielipide) is a dissenting opinion left on a decision.
type Dissent struct {
	By   Person `json:"by"`
	Text string `json:"text"`
}

// Conflict (esteellisyys) is a person's disqualification from an item.
type Conflict struct {
	By     Person `json:"by"`
	Reason string `json:"reason,omitempty"`
}

// Task is something a decision gave someone to do.
type Task struct {
	Description string     `json:"description"`
	Owner       Person     `json:"owner,omitzero"`
	Due         Date       `json:"due,omitzero"`
	Status      TaskStatus `json:"status,omitempty"`
	// DoneOn is the day the task was marked done.
	DoneOn Date `json:"done_on,omitzero"`
}

// TaskStatus is open or done.
type TaskStatus string

// Task statuses.
const (
	TaskOpen TaskStatus = "open"
	TaskDone TaskStatus = "done"
)

// TaskStatuses lists the task statuses.
var TaskStatuses = []TaskStatus{TaskOpen, TaskDone}

// IsOpen reports whether the task is still to be done.
func (t Task) IsOpen() bool { return t.Status != TaskDone }

// Overdue reports whether the open task's due date is before today.
func (t Task) Overdue(today Date) bool {
	return t.IsOpen() && !t.Due.IsZero() && t.Due.Before(today)
}

// Reopening is one correction of checked minutes.
type Reopening struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

func (m *Meeting) Kind() Kind { return KindMeeting }

// Title is "3/2019 Ohjausryhmä" ("Ohjausryhmä 16.4.2019" while unnumbered).
func (m *Meeting) Title() string {
	if m.Number == 0 {
		return strings.TrimSpace(m.GroupName + " " + m.Date.String())
	}
	return fmt.Sprintf("%s %s", m.NumberText(), m.GroupName)
}

// NumberText is "3/2019", or "" while the meeting has no number.
func (m *Meeting) NumberText() string {
	if m.Number == 0 {
		return ""
	}
	year := m.Year
	if year == 0 {
		year = m.Date.Year
	}
	return fmt.Sprintf("%d/%d", m.Number, year)
}

// SortName orders meetings by date and time.
func (m *Meeting) SortName() string {
	return joinNonEmpty(" ", m.Date.ISO(), m.Start.ISO(), m.GroupName)
}

// Subtitle is "16.4.2019 9.00–11.00 Hämeenlinna, kaupungintalo".
func (m *Meeting) Subtitle() string {
	return joinNonEmpty(" ", m.Date.String(), m.TimeText(), m.Place)
}

// TimeText is "9.00–11.00", "9.00" or "".
func (m *Meeting) TimeText() string {
	switch {
	case m.Start.IsZero():
		return ""
	case m.End.IsZero():
		return m.Start.String()
	}
	return m.Start.String() + "–" + m.End.String()
}

func (m *Meeting) SearchText() string {
	words := []string{m.GroupName, m.Place, m.Date.String(), m.NumberText()}
	for _, it := range m.Items {
		words = append(words, it.Title)
	}
	return strings.Join(words, " ")
}

// Facets: "group:<id>", "year:2019", "status:checked", "type:regular",
// "open_tasks" when a task is open and "task_owner:<id>" for each contact
// with an open task.
func (m *Meeting) Facets() []string {
	f := []string{"group:" + m.Group.String()}
	if y := m.Date.Year; y != 0 {
		f = append(f, "year:"+strconv.Itoa(y))
	}
	if m.Status != "" {
		f = append(f, "status:"+string(m.Status))
	}
	if m.Type != "" {
		f = append(f, "type:"+string(m.Type))
	}
	seen := map[ID]bool{}
	open := false
	for _, it := range m.Items {
		for _, t := range it.Tasks {
			if !t.IsOpen() {
				continue
			}
			open = true
			if id := t.Owner.Contact; !id.IsZero() && !seen[id] {
				seen[id] = true
				f = append(f, "task_owner:"+id.String())
			}
		}
	}
	if open {
		f = append(f, "open_tasks")
	}
	return f
}

// Normalize fills in what follows from other fields: the year from the
// date, the default type and status, attendance and task statuses, and
// trims names. The store calls it before saving.
func (m *Meeting) Normalize() {
	if !m.Date.IsZero() {
		m.Year = m.Date.Year
	}
	if m.Type == "" {
		m.Type = MeetingRegular
	}
	if m.Status == "" {
		m.Status = MeetingPlanned
	}
	m.Place = strings.TrimSpace(m.Place)
	m.Link = strings.TrimSpace(m.Link)
	m.eachPerson(func(_ string, p *Person) { p.Name = strings.TrimSpace(p.Name) })
	for i := range m.Attendance {
		a := &m.Attendance[i]
		if a.Status == "" {
			a.Status = AttendancePresent
		}
		if a.Role == "" {
			a.Role = AttendeeMember
		}
	}
	for i := range m.Items {
		for j := range m.Items[i].Tasks {
			if m.Items[i].Tasks[j].Status == "" {
				m.Items[i].Tasks[j].Status = TaskOpen
			}
		}
	}
}

// FillNames copies contacts' names into the Persons that name them, so that
// the minutes still show the names should a contact be deleted. name
// returns "" for an unknown contact, which leaves the Person as it is.
func (m *Meeting) FillNames(name func(ID) string) {
	m.eachPerson(func(_ string, p *Person) {
		if p.Contact.IsZero() {
			return
		}
		if n := name(p.Contact); n != "" {
			p.Name = n
		}
	})
}

// eachPerson calls fn with every Person of the meeting and its field path
// ("attendance[2].deputy").
func (m *Meeting) eachPerson(fn func(field string, p *Person)) {
	fn("chair", &m.Chair)
	fn("secretary", &m.Secretary)
	for i := range m.Checkers {
		fn(fmt.Sprintf("checkers[%d]", i), &m.Checkers[i])
	}
	for i := range m.Checked.By {
		fn(fmt.Sprintf("checked.by[%d]", i), &m.Checked.By[i])
	}
	for i := range m.Attendance {
		a := &m.Attendance[i]
		fn(fmt.Sprintf("attendance[%d].contact", i), &a.Person)
		fn(fmt.Sprintf("attendance[%d].deputy", i), &a.Deputy)
	}
	for i := range m.Items {
		it := &m.Items[i]
		fn(fmt.Sprintf("items[%d].presenter", i), &it.Presenter)
		for j := range it.Dissents {
			fn(fmt.Sprintf("items[%d].dissents[%d].by", i, j), &it.Dissents[j].By)
		}
		for j := range it.Conflicts {
			fn(fmt.Sprintf("items[%d].conflicts[%d].by", i, j), &it.Conflicts[j].By)
		}
		for j := range it.Tasks {
			fn(fmt.Sprintf("items[%d].tasks[%d].owner", i, j), &it.Tasks[j].Owner)
		}
		it.eachVotingPerson(func(f string, p *Person) { fn(fmt.Sprintf("items[%d].%s", i, f), p) })
	}
}

// Item returns the agenda item numbered § n, or nil.
func (m *Meeting) Item(n int) *AgendaItem {
	for i := range m.Items {
		if m.Items[i].Number == n && n != 0 {
			return &m.Items[i]
		}
	}
	return nil
}

// Present returns the attendance rows of the people who attended (a
// represented member's row stands for the deputy).
func (m *Meeting) Present() []Attendee {
	var out []Attendee
	for _, a := range m.Attendance {
		if a.Status != AttendanceAbsent {
			out = append(out, a)
		}
	}
	return out
}

func (m *Meeting) Validate() error {
	var c errs
	if m.Group.IsZero() {
		c.add(Invalid("group", "error.required"))
	}
	if m.Date.IsZero() {
		c.add(Invalid("date", "error.required"))
	}
	if m.Number < 0 {
		c.add(Invalid("number", "error.negative_amount"))
	}
	if m.Number > 0 && !m.Date.IsZero() && m.Year != 0 && m.Year != m.Date.Year {
		c.add(Invalid("year", "error.meeting_year"))
	}
	c.add(oneOf("type", m.Type, MeetingTypes))
	c.add(oneOf("status", m.Status, MeetingStatuses))
	if !m.Start.valid() {
		c.add(Invalid("start_time", "error.clock"))
	}
	if !m.End.valid() {
		c.add(Invalid("end_time", "error.clock"))
	}
	if !m.Start.IsZero() && !m.End.IsZero() && m.End.Before(m.Start) {
		c.add(Invalid("end_time", "error.end_before_start"))
	}
	if m.Link != "" && !ValidURL(m.Link) {
		c.add(Invalid("link", "error.url"))
	}
	m.validatePeople(&c)
	numbers := map[int]bool{}
	for i, it := range m.Items {
		field := fmt.Sprintf("items[%d]", i)
		c.add(required(field+".title", it.Title))
		switch {
		case it.Number < 0:
			c.add(Invalid(field+".number", "error.negative_amount"))
		case it.Number > 0 && numbers[it.Number]:
			c.add(Invalid(field+".number", "error.duplicate"))
		}
		numbers[it.Number] = true
		for j, d := range it.Dissents {
			f := fmt.Sprintf("%s.dissents[%d]", field, j)
			if d.By.IsZero() {
				c.add(Invalid(f+".by", "error.required"))
			}
			c.add(required(f+".text", d.Text))
		}
		for j, x := range it.Conflicts {
			if x.By.IsZero() {
				c.add(Invalid(fmt.Sprintf("%s.conflicts[%d].by", field, j), "error.required"))
			}
		}
		for j, t := range it.Tasks {
			f := fmt.Sprintf("%s.tasks[%d]", field, j)
			c.add(required(f+".description", t.Description))
			c.add(oneOf(f+".status", t.Status, TaskStatuses))
		}
		c.add(oneOf(field+".standard", it.Standard, StandardItems))
		m.validateVoting(&c, field, &it)
	}
	if !m.OpenedAt.valid() {
		c.add(Invalid("opened_at", "error.clock"))
	}
	if !m.ClosedAt.valid() {
		c.add(Invalid("closed_at", "error.clock"))
	}
	for i, a := range m.Attendance {
		field := fmt.Sprintf("attendance[%d]", i)
		for _, x := range []struct {
			name string
			n    int
		}{{"arrived_at", a.ArrivedAt}, {"left_at", a.LeftAt}} {
			if x.n != 0 && !numbers[x.n] {
				c.add(Invalid(field+"."+x.name, "error.no_such_item"))
			}
		}
		if a.ArrivedAt != 0 && a.LeftAt != 0 && a.LeftAt < a.ArrivedAt {
			c.add(Invalid(field+".left_at", "error.left_before_arrived"))
		}
	}
	return c.err()
}

// validatePeople checks the attendance list, the chair, the secretary and
// the minute checkers.
func (m *Meeting) validatePeople(c *errs) {
	for i, a := range m.Attendance {
		field := fmt.Sprintf("attendance[%d]", i)
		if a.IsZero() {
			c.add(Invalid(field+".name", "error.required"))
		}
		c.add(oneOf(field+".status", a.Status, AttendanceStatuses))
		c.add(oneOf(field+".role", a.Role, AttendeeRoles))
		switch {
		case a.Status == AttendanceRepresented && a.Deputy.IsZero():
			c.add(Invalid(field+".deputy", "error.required"))
		case a.Status != AttendanceRepresented && !a.Deputy.IsZero():
			c.add(Invalid(field+".deputy", "error.deputy_not_represented"))
		}
		for j := range i {
			if !a.IsZero() && m.Attendance[j].Same(a.Person) {
				c.add(Invalid(field+".contact", "error.duplicate"))
				break
			}
		}
	}
	if len(m.Checkers) > 2 {
		c.add(Invalid("checkers", "error.too_many_checkers"))
	}
	for i, p := range m.Checkers {
		field := fmt.Sprintf("checkers[%d]", i)
		switch {
		case p.IsZero():
			c.add(Invalid(field, "error.required"))
		case p.Contact.IsZero() && m.Status != MeetingChecked:
			// Checked minutes keep the name of a checker whose contact
			// was deleted since.
			c.add(Invalid(field, "error.checker_contact"))
		case p.Same(m.Chair) || p.Same(m.Secretary):
			c.add(Invalid(field, "error.checker_signs"))
		case i == 1 && p.Same(m.Checkers[0]):
			c.add(Invalid(field, "error.duplicate"))
		}
	}
	if m.Status == MeetingChecked {
		if m.Chair.IsZero() {
			c.add(Invalid("chair", "error.required"))
		}
		if m.Secretary.IsZero() {
			c.add(Invalid("secretary", "error.required"))
		}
		if len(m.Checkers) < 2 {
			c.add(Invalid("checkers", "error.checkers_needed"))
		}
	}
}

// Refs lists the group and every contact the meeting names, field by field
// ("attendance[2].deputy"), so that the store indexes them and a contact
// cannot be deleted from under the minutes unnoticed.
func (m *Meeting) Refs() []Ref {
	refs := refIf(nil, RefGroup, m.Group, KindGroup)
	m.eachPerson(func(field string, p *Person) {
		refs = refIf(refs, field, p.Contact, KindContact)
	})
	return refs
}

// Unlink removes a reference to id. A contact's Persons keep the copy of
// the name, so the minutes still say who was there; the group cannot be
// removed (a meeting needs one, so Validate then refuses the change).
func (m *Meeting) Unlink(id ID) bool {
	changed := unlinkID(&m.Group, id)
	m.eachPerson(func(_ string, p *Person) {
		if p.Contact == id {
			p.Contact = NilID
			changed = true
		}
	})
	return changed
}

// Clock is a time of day to the minute, without a date or a time zone (a
// meeting's start). The zero Clock means "not set". It shows as "9.00", the
// Finnish way, and its JSON form is "09:00".
type Clock struct {
	// m is minutes since midnight plus one, so that midnight is set.
	m int
}

// NewClock returns the time of day h:m, or the zero Clock and false when
// there is no such time.
func NewClock(h, m int) (Clock, bool) {
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return Clock{}, false
	}
	return Clock{h*60 + m + 1}, true
}

// MustClock is NewClock for literals known to be valid.
func MustClock(h, m int) Clock {
	c, ok := NewClock(h, m)
	if !ok {
		panic(fmt.Sprintf("model: invalid time of day %d:%d", h, m))
	}
	return c
}

// IsZero reports whether the time is unset.
func (c Clock) IsZero() bool { return c.m == 0 }

// Hour and Minute return the parts of the time (0 when unset).
func (c Clock) Hour() int { return max(c.m-1, 0) / 60 }

// Minute returns the minute of the hour.
func (c Clock) Minute() int { return max(c.m-1, 0) % 60 }

// Minutes returns the minutes since midnight.
func (c Clock) Minutes() int { return max(c.m-1, 0) }

// Before reports whether c is earlier in the day than d.
func (c Clock) Before(d Clock) bool { return c.m < d.m }

// On returns the moment the time of day falls on date d in loc.
func (c Clock) On(d Date, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, c.Hour(), c.Minute(), 0, 0, loc)
}

func (c Clock) valid() bool { return c.m >= 0 && c.m <= 24*60 }

// String formats the time the Finnish way, "9.00"; unset is "".
func (c Clock) String() string { return c.text(".", false) }

// ISO formats the time as "09:00"; unset is "".
func (c Clock) ISO() string { return c.text(":", true) }

func (c Clock) text(sep string, pad bool) string {
	if c.IsZero() {
		return ""
	}
	if pad {
		return fmt.Sprintf("%02d%s%02d", c.Hour(), sep, c.Minute())
	}
	return fmt.Sprintf("%d%s%02d", c.Hour(), sep, c.Minute())
}

// ParseClock reads a time of day as users type it: "9.00", "9:00", "09.30",
// "9" or "klo 9.15". "" is the zero Clock.
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "klo"))
	if s == "" {
		return Clock{}, nil
	}
	h, m, found := strings.Cut(strings.ReplaceAll(s, ":", "."), ".")
	if !found {
		m = "0"
	}
	hi, err1 := strconv.Atoi(h)
	mi, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || len(h) > 2 || (found && len(m) != 2) {
		return Clock{}, fmt.Errorf("not a time of day: %q", s)
	}
	c, ok := NewClock(hi, mi)
	if !ok {
		return Clock{}, fmt.Errorf("no such time of day: %q", s)
	}
	return c, nil
}

// MarshalText encodes the time as "09:00" ("" when unset).
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.ISO()), nil }

// UnmarshalText decodes "09:00" (or "9.00").
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
