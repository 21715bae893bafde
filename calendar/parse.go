package calendar

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	// Time zones by name on every system, Windows included.
	_ "time/tzdata"

	"hankekirja/model"
)

// MaxFileSize bounds an .ics file to import: a calendar of years of a
// group's meetings is a few hundred kilobytes.
const MaxFileSize = 32 << 20

// Address is an organiser or an attendee of an event.
type Address struct {
	Email string
	Name  string
}

// Event is what one VEVENT of an invitation says about a meeting, its
// times in Europe/Helsinki.
type Event struct {
	UID         string
	Summary     string
	Description string
	Place       string
	Link        string
	Date        model.Date
	Start, End  model.Clock
	Organizer   Address
	Attendees   []Address
	// Cancelled is set by METHOD:CANCEL or STATUS:CANCELLED.
	Cancelled bool
	// Notes are message keys (ics.note.*) of what did not come through
	// as it was: a repeating event's later dates, an unknown time zone.
	Notes []string
}

// helsinkiZone is Europe/Helsinki, where every meeting's times are.
var helsinkiZone = func() *time.Location {
	loc, err := time.LoadLocation(TZID)
	if err != nil {
		panic(err) // time/tzdata is linked in
	}
	return loc
}()

// windowsZones are the Windows names Outlook and Exchange give time
// zones, for the zones a Finnish project meets people in.
var windowsZones = map[string]string{
	"FLE Standard Time":              "Europe/Helsinki",
	"E. Europe Standard Time":        "Europe/Chisinau",
	"GTB Standard Time":              "Europe/Bucharest",
	"W. Europe Standard Time":        "Europe/Berlin",
	"Romance Standard Time":          "Europe/Paris",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"GMT Standard Time":              "Europe/London",
	"Greenwich Standard Time":        "Atlantic/Reykjavik",
	"Russian Standard Time":          "Europe/Moscow",
	"UTC":                            "UTC",
	"Eastern Standard Time":          "America/New_York",
	"Central Standard Time":          "America/Chicago",
	"Mountain Standard Time":         "America/Denver",
	"Pacific Standard Time":          "America/Los_Angeles",
}

// zone returns the location a TZID names: an IANA name, a Windows name,
// or (a zone only the file defines) the offsets its VTIMEZONE gives.
func zone(tzid string, defined map[string]*ical.Component) (*time.Location, bool) {
	tzid = strings.Trim(strings.TrimSpace(tzid), `"`)
	name := strings.TrimPrefix(tzid, "/")
	if loc, err := time.LoadLocation(name); err == nil && name != "" && name != "Local" {
		return loc, true
	}
	if iana, ok := windowsZones[name]; ok {
		if loc, err := time.LoadLocation(iana); err == nil {
			return loc, true
		}
	}
	// "(UTC+02:00) Helsinki, Kyiv, ..." and the like: a known city.
	for _, city := range []string{"Helsinki", "Stockholm", "Berlin", "London", "Paris", "Tallinn"} {
		if strings.Contains(name, city) {
			if loc, err := time.LoadLocation(map[string]string{"Helsinki": "Europe/Helsinki", "Stockholm": "Europe/Stockholm",
				"Berlin": "Europe/Berlin", "London": "Europe/London", "Paris": "Europe/Paris", "Tallinn": "Europe/Tallinn"}[city]); err == nil {
				return loc, true
			}
		}
	}
	if c := defined[tzid]; c != nil {
		for _, part := range c.Children {
			if part.Name != ical.CompTimezoneStandard {
				continue
			}
			if off, ok := parseOffset(part.Props.Get(ical.PropTimezoneOffsetTo)); ok {
				return time.FixedZone(tzid, off), false
			}
		}
	}
	return nil, false
}

// parseOffset reads a UTC offset, "+0200" or "-000115".
func parseOffset(p *ical.Prop) (int, bool) {
	if p == nil {
		return 0, false
	}
	v := strings.TrimSpace(p.Value)
	if len(v) < 5 || (v[0] != '+' && v[0] != '-') {
		return 0, false
	}
	h, err1 := strconv.Atoi(v[1:3])
	m, err2 := strconv.Atoi(v[3:5])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	off := h*3600 + m*60
	if v[0] == '-' {
		off = -off
	}
	return off, true
}

// Parse reads the events of an iCalendar file. An event's problems are in
// its Notes (one without a start has a zero Date and ics.note.no_start).
func Parse(data []byte) ([]Event, error) {
	if len(data) > MaxFileSize {
		return nil, formatError("ics.error.too_large", nil)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cal, err := decode(data)
	if err != nil {
		return nil, formatError("ics.error.unreadable", err)
	}
	method := strings.ToUpper(propText(cal.Props.Get(ical.PropMethod)))
	defined := map[string]*ical.Component{}
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			defined[propText(c.Props.Get(ical.PropTimezoneID))] = c
		}
	}
	var out []Event
	seen := map[string]int{}
	for _, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		ev, ok := readEvent(c, defined)
		if !ok {
			continue
		}
		ev.Cancelled = ev.Cancelled || method == "CANCEL"
		// A changed occurrence of a repeating event (RECURRENCE-ID) has
		// the series' UID: the series stands for the meeting.
		if c.Props.Get(ical.PropRecurrenceID) != nil && ev.UID != "" {
			if _, dup := seen[ev.UID]; dup {
				continue
			}
		}
		if i, dup := seen[ev.UID]; dup && ev.UID != "" {
			out[i] = ev // the later one is the newer
			continue
		}
		if ev.UID != "" {
			seen[ev.UID] = len(out)
		}
		out = append(out, ev)
	}
	return out, nil
}

// decode parses a calendar. go-ical panics on some broken lines (a
// parameter cut short at the end of its line): that is a file it cannot
// read, not a crash of the window.
func decode(data []byte) (cal *ical.Calendar, err error) {
	defer func() {
		if p := recover(); p != nil {
			cal, err = nil, errors.New("a line that is not an iCalendar content line")
		}
	}()
	return ical.NewDecoder(bytes.NewReader(data)).Decode()
}

func propText(p *ical.Prop) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(p.Value)
}

// readEvent reads one VEVENT.
func readEvent(c *ical.Component, defined map[string]*ical.Component) (Event, bool) {
	ev := Event{
		UID:         propText(c.Props.Get(ical.PropUID)),
		Summary:     oneLine(text(c, ical.PropSummary)),
		Description: strings.TrimSpace(text(c, ical.PropDescription)),
		Place:       oneLine(text(c, ical.PropLocation)),
		Link:        propText(c.Props.Get(ical.PropURL)),
	}
	if strings.EqualFold(propText(c.Props.Get(ical.PropStatus)), "CANCELLED") {
		ev.Cancelled = true
	}
	start := c.Props.Get(ical.PropDateTimeStart)
	if ev.UID == "" {
		// UID is required, but not every program writes one: the same
		// title at the same start is the same event.
		key := ev.Summary + "\x00"
		if start != nil {
			key += start.Params.Get(ical.PropTimezoneID) + "\x00" + start.Value
		}
		sum := sha256.Sum256([]byte(key))
		ev.UID = "no-uid-" + hex.EncodeToString(sum[:12])
	}
	if start == nil {
		ev.Notes = append(ev.Notes, "ics.note.no_start")
		return ev, true
	}
	st, allDay, note := when(start, defined)
	if st.IsZero() {
		ev.Notes = append(ev.Notes, "ics.note.no_start")
		return ev, true
	}
	if note != "" {
		ev.Notes = append(ev.Notes, note)
	}
	ev.Date = model.DateOf(st)
	if !allDay {
		ev.Start, _ = model.NewClock(st.Hour(), st.Minute())
		var et time.Time
		if end := c.Props.Get(ical.PropDateTimeEnd); end != nil {
			et, _, _ = when(end, defined)
		} else if d := c.Props.Get(ical.PropDuration); d != nil {
			if dur, err := d.Duration(); err == nil {
				et = st.Add(dur)
			}
		}
		if !et.IsZero() && et.After(st) {
			if model.DateOf(et) == ev.Date {
				ev.End, _ = model.NewClock(et.Hour(), et.Minute())
			} else {
				ev.Notes = append(ev.Notes, "ics.note.ends_later")
			}
		}
	}
	if c.Props.Get(ical.PropRecurrenceRule) != nil || c.Props.Get(ical.PropRecurrenceDates) != nil {
		ev.Notes = append(ev.Notes, "ics.note.recurring")
	}
	if p := c.Props.Get(ical.PropOrganizer); p != nil {
		ev.Organizer = readAddress(p)
	}
	for _, p := range c.Props.Values(ical.PropAttendee) {
		if a := readAddress(&p); a.Email != "" || a.Name != "" {
			ev.Attendees = append(ev.Attendees, a)
		}
	}
	if ev.Link == "" {
		if u := onlineLink(ev.Place); u != "" {
			ev.Link = u
		}
	}
	return ev, true
}

// text is a TEXT property's value with its escapes read.
func text(c *ical.Component, name string) string {
	p := c.Props.Get(name)
	if p == nil {
		return ""
	}
	s, err := c.Props.Text(name)
	if err != nil {
		return p.Value
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// onlineLink is a place that is an online meeting's address.
func onlineLink(place string) string {
	if strings.HasPrefix(place, "https://") && !strings.ContainsAny(place, " \t") {
		return place
	}
	return ""
}

// when reads a DTSTART or DTEND as a time in Europe/Helsinki; allDay is
// set for a date without a time. note is a message key when the time
// zone was not known.
func when(p *ical.Prop, defined map[string]*ical.Component) (t time.Time, allDay bool, note string) {
	v := strings.TrimSpace(p.Value)
	if p.ValueType() == ical.ValueDate || len(v) == len("20060102") {
		d, err := time.ParseInLocation("20060102", v, helsinkiZone)
		if err != nil {
			return time.Time{}, false, ""
		}
		return d, true, ""
	}
	if strings.HasSuffix(v, "Z") {
		u, err := time.ParseInLocation("20060102T150405Z", v, time.UTC)
		if err != nil {
			return time.Time{}, false, ""
		}
		return u.In(helsinkiZone), false, ""
	}
	loc := helsinkiZone
	if tzid := p.Params.Get(ical.PropTimezoneID); tzid != "" {
		z, exact := zone(tzid, defined)
		switch {
		case z == nil:
			note = "ics.note.unknown_zone"
		case !exact:
			loc, note = z, "ics.note.approximate_zone"
		default:
			loc = z
		}
	}
	lt, err := time.ParseInLocation("20060102T150405", v, loc)
	if err != nil {
		return time.Time{}, false, ""
	}
	return lt.In(helsinkiZone), false, note
}

// readAddress reads an ORGANIZER or ATTENDEE: its mailto: address and CN.
func readAddress(p *ical.Prop) Address {
	v := strings.TrimSpace(p.Value)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	a := Address{Name: strings.Trim(strings.TrimSpace(p.Params.Get(ical.ParamCommonName)), `"`)}
	if strings.Contains(v, "@") && !strings.ContainsAny(v, " \t") {
		a.Email = strings.ToLower(v)
	}
	if a.Name == a.Email {
		a.Name = ""
	}
	return a
}
