package minutes

import (
	"context"
	"fmt"
	"io"
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
)

// Doc says which document to print.
type Doc int

// The documents.
const (
	Minutes    Doc = iota // pöytäkirja: what happened and what was decided
	Agenda                // esityslista: what is to be discussed and proposed
	Invitation            // kokouskutsu: the agenda with a letter calling the meeting
)

// ParseDoc reads "minutes" or "agenda" (also Finnish).
func ParseDoc(s string) (Doc, bool) {
	switch strings.ToLower(s) {
	case "minutes", "pöytäkirja", "poytakirja":
		return Minutes, true
	case "agenda", "esityslista":
		return Agenda, true
	case "invitation", "kokouskutsu":
		return Invitation, true
	}
	return 0, false
}

func (d Doc) String() string {
	switch d {
	case Agenda:
		return "agenda"
	case Invitation:
		return "invitation"
	}
	return "minutes"
}

// Formats lists the output formats Write knows.
var Formats = []string{"pdf", "html", "md", "docx"}

// Write writes doc of v in format ("pdf", "html", "md" or "docx") and
// language lang.
func Write(w io.Writer, v *View, doc Doc, format, lang string) error {
	switch strings.ToLower(format) {
	case "pdf":
		return WritePDF(w, v, doc, lang)
	case "html", "htm":
		return WriteHTML(w, v, doc, lang)
	case "md", "markdown":
		return WriteMarkdown(w, v, doc, lang)
	case "docx", "word":
		return WriteDOCX(w, v, doc, lang)
	}
	return fmt.Errorf("minutes: unknown format %q", format)
}

// Person is someone the meeting names, resolved for printing.
type Person struct {
	Contact model.ID
	Name    string
	// Email is the contact's first email address.
	Email string
	// Organisation is whom the person represents in the group on the
	// meeting's date, else the contact's organisation.
	Organisation string
	JobTitle     string
}

// View is a meeting with everything its documents show resolved.
type View struct {
	Meeting *model.Meeting
	// Group is nil when the group cannot be read.
	Group       *model.Group
	GroupName   string
	ProjectName string
	// Revisions is the number of saved revisions of the meeting (0 for a
	// meeting not saved); a calendar invitation's SEQUENCE follows it.
	Revisions int
	people    map[model.ID]Person
}

// Load reads the meeting id and what it refers to. A contact or group that
// has gone (in the trash or purged) is shown by the name the meeting kept.
func Load(ctx context.Context, svc model.Services, id model.ID) (*View, error) {
	m, err := svc.Meetings.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	v, err := LoadMeeting(ctx, svc, m)
	if err != nil {
		return nil, err
	}
	hist, err := svc.Meetings.History(ctx, id)
	if err != nil {
		return nil, err
	}
	v.Revisions = len(hist)
	return v, nil
}

// LoadMeeting resolves a meeting already read (or not yet saved).
func LoadMeeting(ctx context.Context, svc model.Services, m *model.Meeting) (*View, error) {
	v := &View{Meeting: m, GroupName: m.GroupName, people: map[model.ID]Person{}}
	if g, err := svc.Groups.Get(ctx, m.Group); err == nil {
		v.Group, v.GroupName = g, g.Name
		if !g.Project.IsZero() {
			if s, err := svc.Queries.Summary(ctx, g.Project); err == nil {
				v.ProjectName = s.Title
			}
		}
	} else if model.ErrorCode(err) != model.ENOTFOUND {
		return nil, err
	}
	represents := map[model.ID]model.ID{}
	if v.Group != nil {
		for _, mb := range v.Group.MembersOn(m.Date) {
			if !mb.Represents.IsZero() {
				represents[mb.Contact] = mb.Represents
			}
		}
	}
	titles := map[model.ID]string{}
	title := func(id model.ID) string {
		if id.IsZero() {
			return ""
		}
		if t, ok := titles[id]; ok {
			return t
		}
		s, err := svc.Queries.Summary(ctx, id)
		if err != nil {
			titles[id] = ""
			return ""
		}
		titles[id] = s.Title
		return s.Title
	}
	for _, ref := range m.Refs() {
		if ref.Field == "group" || ref.ID.IsZero() {
			continue
		}
		if _, done := v.people[ref.ID]; done {
			continue
		}
		c, err := svc.Contacts.Get(ctx, ref.ID)
		switch {
		case model.ErrorCode(err) == model.ENOTFOUND:
			continue
		case err != nil:
			return nil, err
		}
		p := Person{Contact: c.ID, Name: c.Title(), JobTitle: c.JobTitle}
		if len(c.Emails) > 0 {
			p.Email = c.Emails[0]
		}
		org := represents[c.ID]
		if org.IsZero() {
			org = c.Organisation
		}
		p.Organisation = title(org)
		v.people[c.ID] = p
	}
	return v, nil
}

// Person resolves one of the meeting's Persons: the contact as it is now,
// else the name the meeting kept.
func (v *View) Person(p model.Person) Person {
	if r, ok := v.people[p.Contact]; ok && !p.Contact.IsZero() {
		return r
	}
	return Person{Contact: p.Contact, Name: strings.TrimSpace(p.Name)}
}

// Name is the name of one of the meeting's Persons ("" for nobody).
func (v *View) Name(p model.Person) string { return v.Person(p).Name }

// text holds the labels of one language.
type text struct{ lang string }

func newText(lang string) text {
	switch lang {
	case "sv", "en":
		return text{lang}
	}
	return text{"fi"}
}

// t returns the label "minutes."+key.
func (t text) t(key string) string { return assets.Message(t.lang, "minutes."+key, nil) }

// tf returns the label "minutes."+key with arguments.
func (t text) tf(key string, args map[string]any) string {
	return assets.Message(t.lang, "minutes."+key, args)
}

// label translates a choice ("attendance.", "present").
func (t text) label(prefix, value string) string { return assets.Label(t.lang, prefix, value) }

// heading is "PÖYTÄKIRJA", "ESITYSLISTA" or "KOKOUSKUTSU".
func (t text) heading(doc Doc) string {
	switch doc {
	case Agenda:
		return t.t("agenda")
	case Invitation:
		return t.t("invitation")
	}
	return t.t("minutes")
}

// date formats a date, with the weekday: "tiistai 16.4.2019".
func (t text) date(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return t.t("weekday."+strings.ToLower(d.Time().Weekday().String())) + " " + d.String()
}

// clock formats a time of day: "9.00" (fi, sv), "9:00" (en).
func (t text) clock(c model.Clock) string {
	if t.lang == "en" {
		return strings.Replace(c.String(), ".", ":", 1)
	}
	return c.String()
}

// when is the meeting's "Aika" line: "tiistai 16.4.2019 klo 9.00–11.30".
func (t text) when(m *model.Meeting) string {
	s := t.date(m.Date)
	if !m.Start.IsZero() {
		s += " " + t.t("at_clock") + " " + t.clock(m.Start)
		if !m.End.IsZero() {
			s += "–" + t.clock(m.End)
		}
	}
	return s
}

// number is "PÖYTÄKIRJA 3/2019".
func (t text) number(doc Doc, m *model.Meeting) string {
	return strings.TrimSpace(t.heading(doc) + " " + m.NumberText())
}

// section is "5 §", as Finnish and Swedish write it, or "§ 5" in English.
func (t text) section(n int) string {
	switch {
	case n == 0:
		return "§"
	case t.lang == "en":
		return fmt.Sprintf("§ %d", n)
	}
	return fmt.Sprintf("%d §", n)
}

// attendanceRow is one printed row of the attendance: who, whom they
// represent and a note (role, deputy, arrival and departure).
type attendanceRow struct {
	Name, Organisation, Note string
}

// attendanceRows groups the attendance into the members present, the
// others present (experts, guests) and the absent.
func (v *View) attendanceRows(t text, doc Doc) (members, others, absent []attendanceRow) {
	m := v.Meeting
	for _, a := range m.Attendance {
		p := v.Person(a.Person)
		row := attendanceRow{Name: p.Name, Organisation: p.Organisation}
		var notes []string
		switch {
		case p.Contact == m.Chair.Contact && !p.Contact.IsZero():
			notes = append(notes, t.t("chair_lower"))
		case p.Contact == m.Secretary.Contact && !p.Contact.IsZero():
			notes = append(notes, t.t("secretary_lower"))
		}
		if doc == Minutes && a.Status == model.AttendanceRepresented {
			d := v.Person(a.Deputy)
			row.Name = d.Name
			if d.Organisation != "" {
				row.Organisation = d.Organisation
			}
			notes = append(notes, t.tf("deputy_for", map[string]any{"Name": p.Name}))
		}
		if doc == Minutes {
			if a.ArrivedAt != 0 {
				notes = append(notes, t.tf("arrived", map[string]any{"Count": a.ArrivedAt}))
			}
			if a.LeftAt != 0 {
				notes = append(notes, t.tf("left", map[string]any{"Count": a.LeftAt}))
			}
		}
		row.Note = strings.Join(notes, ", ")
		switch {
		case doc == Minutes && a.Status == model.AttendanceAbsent:
			absent = append(absent, row)
		case doc != Minutes && a.Role == model.AttendeeMember:
			// The agenda lists everyone invited.
			members = append(members, row)
		case a.Role == model.AttendeeMember:
			members = append(members, row)
		default:
			row.Note = joinNonEmpty(", ", t.label("attendee_role.", string(a.Role)), row.Note)
			others = append(others, row)
		}
	}
	return members, others, absent
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// conflictText is "Name ilmoitti olevansa esteellinen (syy) eikä
// osallistunut asian käsittelyyn."
func (v *View) conflictText(t text, c model.Conflict) string {
	s := t.tf("conflict_text", map[string]any{"Name": v.Name(c.By)})
	if r := strings.TrimSpace(c.Reason); r != "" {
		s += " (" + r + ")"
	}
	return s + " " + t.t("conflict_left") + "."
}
