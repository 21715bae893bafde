package calendar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/calendar"
	"hankekirja/minutes"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

func demoServices(t *testing.T) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

// pythonICalendar returns a Python 3 with the icalendar package (Debian:
// python3-icalendar). Without one the test is skipped, except on CI
// (CI=true), where it fails.
func pythonICalendar(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err == nil && exec.Command(path, "-c", "import icalendar").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no python3 with icalendar (python3-icalendar, see .ci/install-deps)")
	}
	t.Skip("no python3 with icalendar")
	return ""
}

// parsed is what Python's icalendar reads from a file.
type parsed struct {
	Method    string `json:"method"`
	Timezones []string
	Events    []struct {
		UID, Summary, Location, Description, URL string
		Sequence                                 int
		Start, End                               string // ISO 8601 with the offset
		StartZone                                string
		Organizer, OrganizerCN                   string
		Attendees                                []struct{ Address, CN, Role string }
	}
}

const reader = `
import json, sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
out = {"method": str(cal.get("METHOD", "")), "Timezones": [], "Events": []}
for c in cal.walk():
    if c.name == "VTIMEZONE":
        out["Timezones"].append(str(c["TZID"]))
    if c.name != "VEVENT":
        continue
    start = c.decoded("DTSTART")
    end = c.decoded("DTEND") if "DTEND" in c else None
    atts = c.get("ATTENDEE", [])
    if not isinstance(atts, list):
        atts = [atts]
    org = c.get("ORGANIZER")
    out["Events"].append({
        "UID": str(c["UID"]), "Summary": str(c.get("SUMMARY", "")),
        "Location": str(c.get("LOCATION", "")), "Description": str(c.get("DESCRIPTION", "")),
        "URL": str(c.get("URL", "")), "Sequence": int(c.get("SEQUENCE", 0)),
        "Start": start.isoformat(), "End": end.isoformat() if end is not None else "",
        "StartZone": str(getattr(getattr(start, "tzinfo", None), "zone", "") or ""),
        "Organizer": str(org) if org is not None else "",
        "OrganizerCN": str(org.params.get("CN", "")) if org is not None else "",
        "Attendees": [{"Address": str(a), "CN": str(a.params.get("CN", "")), "Role": str(a.params.get("ROLE", ""))} for a in atts],
    })
print(json.dumps(out))
`

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	py := pythonICalendar(t)
	path := filepath.Join(t.TempDir(), "meeting.ics")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, "-c", reader, path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("icalendar could not read the file: %v\n%s\n%s", err, stderr.String(), data)
	}
	var p parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return p
}

func write(t *testing.T, v *minutes.View) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := calendar.Write(&b, calendar.Invitation(v, "fi")); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestInvitation(t *testing.T) {
	svc := demoServices(t)
	id := demo.ID("meeting/ks/palvelutuotanto/2016-1")
	v, err := minutes.Load(ctx, svc, id)
	if err != nil {
		t.Fatal(err)
	}
	data := write(t, v)
	for _, line := range strings.SplitAfter(string(data), "\r\n") {
		if len(strings.TrimSuffix(line, "\r\n")) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
	p := parse(t, data)
	if p.Method != "REQUEST" || !slices.Contains(p.Timezones, "Europe/Helsinki") || len(p.Events) != 1 {
		t.Fatalf("method %q, time zones %v, %d events", p.Method, p.Timezones, len(p.Events))
	}
	ev := p.Events[0]
	if ev.UID != id.String()+"@hankekirja" {
		t.Errorf("UID %q", ev.UID)
	}
	// 22.9.2016 10.00–14.30 Finnish summer time.
	if ev.Start != "2016-09-22T10:00:00+03:00" || ev.End != "2016-09-22T14:30:00+03:00" || ev.StartZone != "Europe/Helsinki" {
		t.Errorf("start %s (%s), end %s", ev.Start, ev.StartZone, ev.End)
	}
	if ev.Summary != "Palvelutuotannon työryhmä: kokous 1/2016" || ev.Location != "Viitasaari, kaupungintalo" {
		t.Errorf("summary %q, location %q", ev.Summary, ev.Location)
	}
	for _, want := range []string{"Esityslista:", "1 § Kokouksen avaus", "6 § Valmistelun koordinaattori", "11 § Kokouksen päättäminen"} {
		if !strings.Contains(ev.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, ev.Description)
		}
	}
	if ev.Organizer != "mailto:noora.jokela@example.com" || ev.OrganizerCN != "Noora Jokela" {
		t.Errorf("organizer %q %q", ev.Organizer, ev.OrganizerCN)
	}
	got := map[string]string{}
	for _, a := range ev.Attendees {
		got[a.CN] = a.Address + " " + a.Role
	}
	want := map[string]string{
		"Tapio Hirvonen":   "mailto:tapio.hirvonen@example.com CHAIR",
		"Kirsi Manninen":   "mailto:kirsi.manninen@example.com REQ-PARTICIPANT",
		"Marika Toivonen":  "mailto:marika.toivonen@example.com REQ-PARTICIPANT",
		"Esa Karppinen":    "mailto:esa.karppinen@example.com REQ-PARTICIPANT",
		"Heidi Lampinen":   "mailto:heidi.lampinen@example.com REQ-PARTICIPANT",
		"Noora Jokela":     "mailto:noora.jokela@example.com REQ-PARTICIPANT",
		"Anneli Hyvärinen": "mailto:anneli.hyvarinen@example.com OPT-PARTICIPANT",
	}
	for cn, w := range want {
		if got[cn] != w {
			t.Errorf("attendee %s: %q, want %q", cn, got[cn], w)
		}
	}
	// Jouni Puranen was absent.
	if len(got) != len(want) {
		t.Errorf("attendees %v, want %d", got, len(want))
	}

	// Sending again after a change updates the same event: the same UID, a
	// higher SEQUENCE.
	m, _ := svc.Meetings.Get(ctx, id)
	if err := m.Reopen("Aika korjattu", m.Updated); err != nil {
		t.Fatal(err)
	}
	if err := svc.Meetings.Update(ctx, m); err != nil {
		t.Fatal(err)
	}
	m.End = model.MustClock(15, 0)
	if err := svc.Meetings.Update(ctx, m); err != nil {
		t.Fatal(err)
	}
	v2, err := minutes.Load(ctx, svc, id)
	if err != nil {
		t.Fatal(err)
	}
	ev2 := parse(t, write(t, v2)).Events[0]
	if ev2.UID != ev.UID || ev2.Sequence <= ev.Sequence || ev2.End != "2016-09-22T15:00:00+03:00" {
		t.Errorf("after the change: UID %q sequence %d (was %d) end %s", ev2.UID, ev2.Sequence, ev.Sequence, ev2.End)
	}
}

// TestWinterTimeAndGroupCalendar: a group's calendar has each meeting once
// with its own UID, and a winter meeting is at +02:00.
func TestWinterTimeAndGroupCalendar(t *testing.T) {
	svc := demoServices(t)
	group := demo.ID("group/ks/palvelutuotanto")
	g, err := svc.Groups.Get(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	first, err := svc.Meetings.Get(ctx, demo.ID("meeting/ks/palvelutuotanto/2016-1"))
	if err != nil {
		t.Fatal(err)
	}
	next := model.NewMeeting(g, model.MustDate(2016, 12, 1), []*model.Meeting{first})
	next.Start, next.End = model.MustClock(9, 0), model.MustClock(11, 0)
	next.Link = "https://meet.example.com/palvelutuotanto"
	if err := svc.Meetings.Create(ctx, next); err != nil {
		t.Fatal(err)
	}
	name, views, err := calendar.LoadGroup(ctx, svc, group)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := calendar.Write(&b, calendar.Group(name, views, "fi")); err != nil {
		t.Fatal(err)
	}
	p := parse(t, b.Bytes())
	if p.Method != "PUBLISH" || len(p.Events) != 2 {
		t.Fatalf("method %q, %d events", p.Method, len(p.Events))
	}
	byUID := map[string]int{}
	for i, ev := range p.Events {
		byUID[ev.UID] = i
	}
	ev, ok := byUID[next.ID.String()+"@hankekirja"]
	if !ok || len(byUID) != 2 {
		t.Fatalf("UIDs %v", byUID)
	}
	e := p.Events[ev]
	if e.Start != "2016-12-01T09:00:00+02:00" || e.End != "2016-12-01T11:00:00+02:00" {
		t.Errorf("winter meeting %s–%s, want +02:00", e.Start, e.End)
	}
	if e.Location != next.Link || e.URL != next.Link || !strings.Contains(e.Description, "Etäyhteys: "+next.Link) {
		t.Errorf("online meeting: location %q url %q", e.Location, e.URL)
	}
	// The open tasks of the first meeting are reviewed.
	if !strings.Contains(e.Description, model.ReviewItemTitle) {
		t.Errorf("description lacks the review of open tasks:\n%s", e.Description)
	}
}

// TestInvitationToEveryMember: a planned meeting without an end time ends
// after the group's default duration; every member is invited whatever
// the attendance says yet, the deputies when the group wants them; a
// re-send increments SEQUENCE on the same UID, and cancelling sends
// METHOD:CANCEL.
func TestInvitationToEveryMember(t *testing.T) {
	svc := demoServices(t)
	var ids []model.ID
	for _, n := range []string{"Aino", "Bertta", "Cecilia", "Dan", "Eino"} {
		c := &model.Contact{FirstName: n, LastName: "Ärväs", Emails: []string{strings.ToLower(n) + "@example.com"}}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	g := &model.Group{Name: "Työryhmä", Type: model.GroupWorking, Rules: model.MeetingRules{DurationMinutes: 90, InviteDeputies: true},
		Members: []model.Membership{{Contact: ids[0], Role: model.RoleChair}, {Contact: ids[1], Role: model.RoleSecretary},
			{Contact: ids[2], Role: model.RoleMember}, {Contact: ids[3], Role: model.RoleMember}, {Contact: ids[4], Role: model.RoleDeputy}}}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	w := model.NewMeetingWork(svc)
	m, err := w.Create(ctx, g.ID, model.MustDate(2026, 5, 4), model.MustClock(13, 0), "Sali", false)
	if err != nil {
		t.Fatal(err)
	}
	// Dan sent his regrets; the end time is cleared by hand.
	m.Attendance[2].Status, m.End = model.AttendanceAbsent, model.Clock{}
	if m.Attendance[2].Contact != ids[3] {
		t.Fatalf("attendance order: %+v", m.Attendance)
	}
	if _, err := w.Save(ctx, m, m, "?"); err != nil {
		t.Fatal(err)
	}
	load := func() parsed {
		v, err := minutes.Load(ctx, svc, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return parse(t, write(t, v))
	}
	p := load()
	ev := p.Events[0]
	if p.Method != "REQUEST" || ev.End != "2026-05-04T14:30:00+03:00" {
		t.Errorf("method %s, end %q, want 14.30 from the group's 90 minutes", p.Method, ev.End)
	}
	roles := map[string]string{}
	for _, a := range ev.Attendees {
		roles[a.Address] = a.Role
	}
	want := map[string]string{
		"mailto:aino@example.com": "CHAIR", "mailto:bertta@example.com": "REQ-PARTICIPANT",
		"mailto:cecilia@example.com": "REQ-PARTICIPANT", "mailto:dan@example.com": "REQ-PARTICIPANT",
		"mailto:eino@example.com": "OPT-PARTICIPANT",
	}
	if len(roles) != len(want) {
		t.Errorf("attendees %v, want one each of %v", roles, want)
	}
	for a, r := range want {
		if roles[a] != r {
			t.Errorf("%s: role %q, want %q", a, roles[a], r)
		}
	}
	data := string(write(t, mustLoad(t, svc, m.ID)))
	if n := strings.Count(data, "RSVP=TRUE"); n != len(want) {
		t.Errorf("%d attendees with RSVP=TRUE, want %d", n, len(want))
	}
	// A change and a re-send: the same UID, a higher SEQUENCE.
	cur, _ := svc.Meetings.Get(ctx, m.ID)
	cur.Place = "Iso sali"
	if err := svc.Meetings.Update(ctx, cur); err != nil {
		t.Fatal(err)
	}
	again := load().Events[0]
	if again.UID != ev.UID || again.Sequence != ev.Sequence+1 {
		t.Errorf("re-sent: UID %q sequence %d, want %q and %d", again.UID, again.Sequence, ev.UID, ev.Sequence+1)
	}
	if err := w.Cancel(ctx, m.ID, true); err != nil {
		t.Fatal(err)
	}
	cancel := load()
	if cancel.Method != "CANCEL" || cancel.Events[0].UID != ev.UID || cancel.Events[0].Sequence != again.Sequence+1 {
		t.Errorf("cancelled: method %q UID %q sequence %d", cancel.Method, cancel.Events[0].UID, cancel.Events[0].Sequence)
	}
	if err := w.SetStatus(ctx, m.ID, model.MeetingHeld); err == nil {
		if err := w.Cancel(ctx, m.ID, true); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("cancelling a held meeting: %v", err)
		}
	}
}

func mustLoad(t *testing.T, svc model.Services, id model.ID) *minutes.View {
	t.Helper()
	v, err := minutes.Load(ctx, svc, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
