// Package calendar makes iCalendar files (RFC 5545) of meetings: an
// invitation to one meeting and a calendar of all of a group's meetings,
// for Outlook, Google Calendar, Thunderbird and phones.
//
// Each meeting is one event whose UID is derived from the meeting's ID, so
// sending the invitation again after a change updates the same event in the
// recipients' calendars; SEQUENCE counts the meeting's revisions so the
// newer invitation wins. Times are the meeting's wall-clock times in
// Europe/Helsinki (DTSTART;TZID=Europe/Helsinki) with the zone's VTIMEZONE
// in the file, so no calendar has to guess the zone; a meeting without an
// end time ends after the group's default duration. The organiser is the
// group's secretary (or the chair), the attendees are the people invited
// who have an email address, and the description is the agenda. A planned
// meeting invites every member of the group on its day (and the deputy
// members when the group's rules say so) whatever the attendance list
// says yet; a held one is in the calendars of those who attended. A
// cancelled meeting's invitation is METHOD:CANCEL.
//
// Import goes the other way (import.go, parse.go): an invitation from any
// calendar program, one event or many, becomes planned meetings of one
// group, suggested from the titles or the organiser. Times in any zone
// (IANA or Windows names, UTC, or the offsets of the file's own VTIMEZONE)
// become Europe/Helsinki wall-clock times; the place, the online link and
// the description (as the background of an agenda item) come along, and
// attendees are matched to contacts by email, the unknown ones offered as
// new contacts. The meeting keeps the event's UID, so the same invitation
// again updates it, and METHOD:CANCEL (or STATUS:CANCELLED) marks it
// cancelled. A repeating event gives its first occurrence, with a note.
package calendar

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"hankekirja/assets"
	"hankekirja/minutes"
	"hankekirja/model"
)

// TZID is the time zone of every meeting: Hankekirja's meetings are
// Finnish.
const TZID = "Europe/Helsinki"

// ProductID names Hankekirja as the maker of the files.
const ProductID = "-//Hankekirja//Hankekirja meetings//FI"

// UID returns the stable iCalendar UID of a meeting's event.
func UID(id model.ID) string { return id.String() + "@hankekirja" }

// Invitation returns an invitation to one meeting: METHOD:REQUEST with the
// organiser and the attendees, or METHOD:PUBLISH when nobody organising it
// has an email address; for a cancelled meeting METHOD:CANCEL, which
// removes the event from the attendees' calendars.
func Invitation(v *minutes.View, lang string) *ical.Calendar {
	cal := newCalendar()
	ev := event(v, lang)
	switch {
	case ev.Props.Get(ical.PropOrganizer) == nil:
		cal.Props.SetText(ical.PropMethod, "PUBLISH")
	case v.Meeting.Cancelled:
		cal.Props.SetText(ical.PropMethod, "CANCEL")
	default:
		cal.Props.SetText(ical.PropMethod, "REQUEST")
	}
	cal.Children = append(cal.Children, helsinki(), ev.Component)
	return cal
}

// Group returns a calendar of meetings (a group's), one event each, to
// import or publish (METHOD:PUBLISH).
func Group(name string, views []*minutes.View, lang string) *ical.Calendar {
	cal := newCalendar()
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	if name != "" {
		cal.Props.SetText("X-WR-CALNAME", name)
	}
	cal.Props.SetText("X-WR-TIMEZONE", TZID)
	cal.Children = append(cal.Children, helsinki())
	for _, v := range views {
		cal.Children = append(cal.Children, event(v, lang).Component)
	}
	return cal
}

// LoadGroup loads every meeting of a group (not those in the trash), in
// date order, with the group's name.
func LoadGroup(ctx context.Context, svc model.Services, group model.ID) (string, []*minutes.View, error) {
	g, err := svc.Groups.Get(ctx, group)
	if err != nil {
		return "", nil, err
	}
	page, err := svc.Meetings.List(ctx, model.Filter{Facets: []string{"group:" + group.String()}})
	if err != nil {
		return "", nil, err
	}
	var views []*minutes.View
	for _, s := range page.Items {
		v, err := minutes.Load(ctx, svc, s.ID)
		if err != nil {
			return "", nil, err
		}
		views = append(views, v)
	}
	return g.Name, views, nil
}

func newCalendar() *ical.Calendar {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, ProductID)
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	return cal
}

// event is a meeting as a VEVENT.
func event(v *minutes.View, lang string) *ical.Event {
	m := v.Meeting
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, UID(m.ID))
	stamp := m.Updated
	if stamp.IsZero() {
		stamp = time.Now()
	}
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC().Truncate(time.Second))
	if !m.Created.IsZero() {
		ev.Props.SetDateTime(ical.PropCreated, m.Created.UTC().Truncate(time.Second))
		ev.Props.SetDateTime(ical.PropLastModified, stamp.UTC().Truncate(time.Second))
	}
	seq := ical.NewProp(ical.PropSequence)
	seq.Value = strconv.Itoa(max(v.Revisions-1, 0))
	ev.Props.Set(seq)

	summary := strings.TrimSpace(v.GroupName + ": " + strings.ToLower(msg(lang, "minutes.meeting")) + " " + m.NumberText())
	summary = strings.TrimSpace(strings.TrimSuffix(summary, ":"))
	if m.Cancelled {
		summary = msg(lang, "calendar.cancelled") + ": " + summary
	}
	ev.Props.SetText(ical.PropSummary, summary)
	rules := model.MeetingRules{}
	if v.Group != nil {
		rules = v.Group.Rules
	}
	setTimes(ev, m, rules)
	switch {
	case m.Place != "":
		ev.Props.SetText(ical.PropLocation, m.Place)
	case m.Link != "":
		ev.Props.SetText(ical.PropLocation, m.Link)
	}
	if m.Link != "" {
		u := ical.NewProp(ical.PropURL)
		u.Value = m.Link
		ev.Props.Set(u)
	}
	ev.Props.SetText(ical.PropDescription, description(v, lang))
	if m.Cancelled {
		ev.Props.SetText(ical.PropStatus, "CANCELLED")
	} else {
		ev.Props.SetText(ical.PropStatus, "CONFIRMED")
	}
	ev.Props.SetText(ical.PropTransparency, "OPAQUE")

	organiser := v.Person(m.Secretary)
	if organiser.Email == "" {
		organiser = v.Person(m.Chair)
	}
	if organiser.Email != "" {
		ev.Props.Set(address(ical.PropOrganizer, organiser))
	}
	seen := map[string]bool{}
	attend := func(p minutes.Person, role string) {
		if p.Email == "" || seen[strings.ToLower(p.Email)] {
			return
		}
		seen[strings.ToLower(p.Email)] = true
		a := address(ical.PropAttendee, p)
		a.Params.Set(ical.ParamRole, role)
		a.Params.Set(ical.ParamParticipationStatus, "NEEDS-ACTION")
		a.Params.Set(ical.ParamRSVP, "TRUE")
		a.Params.Set(ical.ParamCalendarUserType, "INDIVIDUAL")
		ev.Props.Add(a)
	}
	if !m.Chair.IsZero() {
		attend(v.Person(m.Chair), "CHAIR")
	}
	if m.Status == model.MeetingPlanned && v.Group != nil {
		// Before the meeting, everyone with a seat is invited: a mark of
		// absence is a regret sent, and they still get the updates.
		for _, mb := range v.Group.MembersOn(m.Date) {
			switch mb.Role {
			case model.RoleDeputy:
				if rules.InviteDeputies {
					attend(v.Person(model.Person{Contact: mb.Contact}), "OPT-PARTICIPANT")
				}
			case model.RoleExpert:
				attend(v.Person(model.Person{Contact: mb.Contact}), "OPT-PARTICIPANT")
			case model.RoleChair:
				attend(v.Person(model.Person{Contact: mb.Contact}), "CHAIR")
			default:
				attend(v.Person(model.Person{Contact: mb.Contact}), "REQ-PARTICIPANT")
			}
		}
	}
	for _, a := range m.Attendance {
		if a.Status == model.AttendanceAbsent {
			continue
		}
		p := a.Person
		if a.Status == model.AttendanceRepresented {
			p = a.Deputy
		}
		role := "REQ-PARTICIPANT"
		if a.Role != model.AttendeeMember {
			role = "OPT-PARTICIPANT"
		}
		attend(v.Person(p), role)
	}
	if !m.Secretary.IsZero() {
		attend(v.Person(m.Secretary), "REQ-PARTICIPANT")
	}
	return ev
}

// setTimes sets DTSTART and DTEND in Europe/Helsinki wall-clock time (the
// end after the rules' default duration when the meeting has none), or the
// day as an all-day event when the meeting has no start time.
func setTimes(ev *ical.Event, m *model.Meeting, rules model.MeetingRules) {
	if m.Start.IsZero() {
		start := ical.NewProp(ical.PropDateTimeStart)
		start.SetDate(m.Date.Time())
		ev.Props.Set(start)
		end := ical.NewProp(ical.PropDateTimeEnd)
		end.SetDate(m.Date.Time().AddDate(0, 0, 1))
		ev.Props.Set(end)
		return
	}
	local := func(name string, c model.Clock) {
		p := ical.NewProp(name)
		p.Params.Set(ical.PropTimezoneID, TZID)
		p.Value = fmt.Sprintf("%04d%02d%02dT%02d%02d00", m.Date.Year, int(m.Date.Month), m.Date.Day, c.Hour(), c.Minute())
		ev.Props.Set(p)
	}
	local(ical.PropDateTimeStart, m.Start)
	end := m.End
	if end.IsZero() || !m.Start.Before(end) {
		end = model.DefaultEnd(rules, m.Start)
	}
	local(ical.PropDateTimeEnd, end)
}

// description is the agenda: "Esityslista:" and a line "5 § Title" an item.
func description(v *minutes.View, lang string) string {
	m := v.Meeting
	var b strings.Builder
	b.WriteString(msg(lang, "calendar.agenda") + ":\n")
	for _, it := range m.Items {
		n := ""
		if it.Number != 0 {
			n = strconv.Itoa(it.Number) + " § "
			if lang == "en" {
				n = "§ " + strconv.Itoa(it.Number) + " "
			}
		}
		b.WriteString(n + strings.Join(strings.Fields(it.Title), " ") + "\n")
	}
	if m.Link != "" {
		b.WriteString("\n" + msg(lang, "minutes.online") + ": " + m.Link + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// address is an ORGANIZER or ATTENDEE: mailto: with the name as CN.
func address(name string, p minutes.Person) *ical.Prop {
	prop := ical.NewProp(name)
	prop.Value = "mailto:" + p.Email
	if cn := strings.ReplaceAll(p.Name, `"`, "'"); cn != "" {
		prop.Params.Set(ical.ParamCommonName, cn)
	}
	return prop
}

func msg(lang, key string) string { return assets.Message(lang, key, nil) }

// helsinki is the VTIMEZONE of Europe/Helsinki: EET (+02:00) and, from
// the last Sunday of March to the last Sunday of October, EEST (+03:00), as
// in the whole EU since 1996.
func helsinki() *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, TZID)
	part := func(name, start, from, to, abbr, rule string) *ical.Component {
		c := ical.NewComponent(name)
		for _, p := range []struct{ k, v string }{
			{ical.PropDateTimeStart, start},
			{ical.PropTimezoneOffsetFrom, from},
			{ical.PropTimezoneOffsetTo, to},
			{ical.PropTimezoneName, abbr},
			{ical.PropRecurrenceRule, rule},
		} {
			prop := ical.NewProp(p.k)
			prop.Value = p.v
			c.Props.Set(prop)
		}
		return c
	}
	tz.Children = []*ical.Component{
		part(ical.CompTimezoneDaylight, "19810329T030000", "+0200", "+0300", "EEST", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
		part(ical.CompTimezoneStandard, "19961027T040000", "+0300", "+0200", "EET", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
	}
	return tz
}

// Write encodes the calendar with its lines folded at 75 octets, as RFC
// 5545 asks (the encoder leaves them long).
func Write(w io.Writer, cal *ical.Calendar) error {
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(b.String(), "\r\n") {
		if line == "" {
			continue
		}
		if _, err := io.WriteString(w, fold(strings.TrimSuffix(line, "\r\n"))+"\r\n"); err != nil {
			return err
		}
	}
	return nil
}

// fold splits a content line into lines of at most 75 octets, each
// continuation beginning with a space, never inside a UTF-8 character.
func fold(line string) string {
	const limit = 75
	if len(line) <= limit {
		return line
	}
	var b strings.Builder
	n := 0
	room := limit
	for len(line) > 0 {
		_, size := utf8.DecodeRuneInString(line)
		if n+size > room {
			b.WriteString("\r\n ")
			n = 0
			room = limit - 1
		}
		b.WriteString(line[:size])
		n += size
		line = line[size:]
	}
	return b.String()
}

// ExportInvitation reads meeting id and writes its invitation: the one
// path the window and the command line both take.
func ExportInvitation(ctx context.Context, svc model.Services, id model.ID, lang string, w io.Writer) error {
	v, err := minutes.Load(ctx, svc, id)
	if err != nil {
		return err
	}
	return Write(w, Invitation(v, lang))
}
