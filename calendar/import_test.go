package calendar_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/calendar"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// steering is a database with a steering group whose secretary is Aino
// Virtanen and whose member is Eino Korhonen, and another group.
type steering struct {
	svc        model.Services
	group      *model.Group
	other      *model.Group
	aino, eino *model.Contact
	db         *store.DB
}

func newSteering(t *testing.T) *steering {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		db.Close()
	})
	s := &steering{svc: db.Services(), db: db}
	mk := func(first, last, email string) *model.Contact {
		c := &model.Contact{FirstName: first, LastName: last, Emails: []string{email}}
		if err := s.svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	s.aino = mk("Aino", "Virtanen", "aino.virtanen@example.fi")
	s.eino = mk("Eino", "Korhonen", "eino.korhonen@example.fi")
	s.group = &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering,
		Members: []model.Membership{{Contact: s.aino.ID, Role: model.RoleSecretary}, {Contact: s.eino.ID, Role: model.RoleMember}}}
	s.other = &model.Group{Name: "Talousryhmä", Type: model.GroupWorking}
	for _, g := range []*model.Group{s.group, s.other} {
		if err := s.svc.Groups.Create(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func (s *steering) meetings(t *testing.T) []*model.Meeting {
	t.Helper()
	ix, err := importing.LoadIndex(ctx, s.svc)
	if err != nil {
		t.Fatal(err)
	}
	return ix.Meetings
}

// TestImportOutlookRequest: an Outlook meeting request becomes a planned
// meeting of the group its title names, with the time, place, the
// description as background and the attendees; again it changes nothing,
// and its cancellation marks the meeting cancelled.
func TestImportOutlookRequest(t *testing.T) {
	s := newSteering(t)
	data := readTestdata(t, "outlook-request-fi.ics")
	if !calendar.Detect(data) {
		t.Fatal("Detect does not know the file")
	}
	if id, _, err := calendar.SuggestFor(ctx, s.svc, data); err != nil || id != s.group.ID {
		t.Errorf("suggested %v (%v), want the steering group", id, err)
	}
	rep, err := calendar.Import(ctx, s.svc, data, calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, NewContacts: true})
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, rep.String())
	}
	ms := s.meetings(t)
	if len(ms) != 1 {
		t.Fatalf("%d meetings, want 1\n%s", len(ms), rep.String())
	}
	m := ms[0]
	if m.Group != s.group.ID || m.Status != model.MeetingPlanned || m.Date != model.MustDate(2026, time.November, 18) ||
		m.Start.ISO() != "13:00" || m.End.ISO() != "15:00" || m.Place != "Kaupungintalo, kokoushuone Häme" || m.Cancelled {
		t.Errorf("meeting = %+v", m)
	}
	if !strings.HasPrefix(m.CalendarUID, "040000008200E00074C5B7101A82E008") {
		t.Errorf("UID %q", m.CalendarUID)
	}
	var bg string
	for _, it := range m.Items {
		if it.Title == "Ohjausryhmän kokous" {
			bg = it.Background
		}
	}
	if !strings.Contains(bg, "käsitellään talousarvion seuranta ja hyvinvointikertomus.") || !strings.HasPrefix(bg, "Hei,") {
		t.Errorf("background = %q (items %+v)", bg, m.Items)
	}
	ix, _ := importing.LoadIndex(ctx, s.svc)
	byEmail := map[string]*model.Contact{}
	for _, c := range ix.Contacts {
		byEmail[c.Emails[0]] = c
	}
	maija, outi := byEmail["maija.uusi@example.fi"], byEmail["outi.outolintu@example.fi"]
	if maija == nil || maija.FirstName != "Maija" || maija.LastName != "Uusi" || outi == nil || outi.LastName != "Outolintu" {
		t.Fatalf("new contacts: %+v, %+v", maija, outi)
	}
	attends := func(id model.ID) bool {
		for _, a := range m.Attendance {
			if a.Contact == id {
				return true
			}
		}
		return false
	}
	for _, c := range []*model.Contact{s.eino, maija, outi} {
		if !attends(c.ID) {
			t.Errorf("%s is not in the attendance %+v", c.Title(), m.Attendance)
		}
	}

	// The same invitation again: nothing changes.
	rep, err = calendar.Import(ctx, s.svc, data, calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, NewContacts: true})
	if err != nil || rep.Count(importing.Add) != 0 || rep.Count(importing.Update) != 0 {
		t.Errorf("again: %v\n%s", err, rep.String())
	}
	// Its cancellation: the meeting stays, cancelled.
	rep, err = calendar.Import(ctx, s.svc, readTestdata(t, "outlook-cancel-fi.ics"), calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, Group: s.group.ID})
	if err != nil || rep.Count(importing.Update) != 1 {
		t.Fatalf("cancel: %v\n%s", err, rep.String())
	}
	ms = s.meetings(t)
	if len(ms) != 1 || !ms[0].Cancelled || ms[0].Date != m.Date {
		t.Errorf("after the cancellation: %+v", ms)
	}
	if !strings.Contains(rep.String(), "tapahtuma 1: ") && !strings.Contains(rep.String(), "tapahtuma 1") {
		t.Errorf("report does not number events:\n%s", rep.String())
	}
}

// TestImportCorpus reads the invitations other calendar programs wrote
// (testdata/SOURCES.md) and checks what came through: dates and times in
// Europe/Helsinki from UTC, IANA and Windows zones, all-day events,
// repeating events noted, attendees.
func TestImportCorpus(t *testing.T) {
	type want struct {
		summary, date, start, end string
		notes                     []string
		attendees                 []string
	}
	for file, wants := range map[string][]want{
		"exchange-2010-publish.ics": {
			{"test123", "1.7.2024", "", "", []string{"ics.note.recurring"}, nil},
			{"test123 - edited event!!!!", "1.7.2024", "", "", []string{"ics.note.recurring"}, nil},
			{"outlook event with alarm", "4.10.2024", "20:30", "21:00", nil, nil}, // GMT Standard Time in summer: +01:00
		},
		"google-calendar-alarms.ics": {{"event with alarms", "4.10.2024", "21:15", "22:00", nil, nil}},
		"thunderbird-alarms.ics":     {{"event with alarms", "23.10.2024", "17:00", "18:00", nil, nil}},
		"etar-android-alarms.ics":    {{"event with alarms android", "5.10.2024", "15:00", "16:00", nil, nil}},
		"khal-rdate-period.ics":      {{"Event", "27.3.2018", "16:00", "17:00", []string{"ics.note.recurring"}, []string{"xyz@xyz.com XYZ"}}},
		"google-birthdays-icaljs.ics": {
			{"PErson #2's birthday", "10.12.2014", "", "", []string{"ics.note.recurring"}, []string{"4dhmurjkc5hn8sq0ctp6utbg5pr2sor1dhimsp31e8n6errfctm6abj3dtmg@virtual Contacts"}},
			{"PErson #2's birthday", "10.12.2012", "", "", nil, []string{"4dhmurjkc5hn8sq0ctp6utbg5pr2sor1dhimsp31e8n6errfctm6abj3dtmg@virtual Contacts"}},
		},
		"outlook-request-fi.ics": {{"Ohjausryhmän kokous", "18.11.2026", "13:00", "15:00", nil,
			[]string{"eino.korhonen@example.fi Korhonen Eino", "maija.uusi@example.fi Maija Uusi", "outi.outolintu@example.fi "}}},
	} {
		t.Run(file, func(t *testing.T) {
			evs, err := calendar.Parse(readTestdata(t, file))
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != len(wants) {
				t.Fatalf("%d events, want %d: %+v", len(evs), len(wants), evs)
			}
			for i, w := range wants {
				ev := evs[i]
				var atts []string
				for _, a := range ev.Attendees {
					atts = append(atts, a.Email+" "+a.Name)
				}
				if ev.Summary != w.summary || ev.Date.String() != w.date || ev.Start.ISO() != w.start || ev.End.ISO() != w.end ||
					strings.Join(ev.Notes, ",") != strings.Join(w.notes, ",") || strings.Join(atts, ";") != strings.Join(w.attendees, ";") {
					t.Errorf("event %d = %q %s %s–%s notes %v attendees %q\nwant %+v", i+1, ev.Summary, ev.Date, ev.Start.ISO(), ev.End.ISO(), ev.Notes, atts, w)
				}
			}
			// Every file imports into a group, and then again changes
			// nothing.
			s := newSteering(t)
			opts := calendar.ImportOptions{Options: importing.Options{Lang: "en"}, Group: s.other.ID, NewContacts: true}
			rep, err := calendar.Import(ctx, s.svc, readTestdata(t, file), opts)
			if err != nil {
				t.Fatalf("Import: %v\n%s", err, rep.String())
			}
			if got := len(s.meetings(t)); got != len(wants) {
				t.Errorf("%d meetings, want %d\n%s", got, len(wants), rep.String())
			}
			rep, err = calendar.Import(ctx, s.svc, readTestdata(t, file), opts)
			if err != nil || rep.Count(importing.Add)+rep.Count(importing.Update) != 0 {
				t.Errorf("again: %v\n%s", err, rep.String())
			}
		})
	}
}

// TestTimeZones: a Windows zone name, an offset-only zone of the file and
// a floating time.
func TestTimeZones(t *testing.T) {
	cal := func(start string) []byte {
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n" +
			"BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:x\r\n" + start + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	}
	for start, want := range map[string]string{
		"DTSTART;TZID=W. Europe Standard Time:20260115T100000": "15.1.2026 11:00",
		"DTSTART;TZID=\"Europe/Stockholm\":20260715T100000":    "15.7.2026 11:00",
		"DTSTART;TZID=Custom Zone:20260115T100000":             "15.1.2026 11:00",
		"DTSTART:20260115T100000":                              "15.1.2026 10:00",
		"DTSTART:20261231T230000Z":                             "1.1.2027 01:00",
		"DTSTART;TZID=Mars/Olympus:20260115T100000":            "15.1.2026 10:00",
	} {
		evs, err := calendar.Parse(cal(start))
		if err != nil || len(evs) != 1 {
			t.Fatalf("%s: %v %v", start, evs, err)
		}
		if got := evs[0].Date.String() + " " + evs[0].Start.ISO(); got != want {
			t.Errorf("%s: %s, want %s", start, got, want)
		}
	}
}

func TestImportRefusals(t *testing.T) {
	s := newSteering(t)
	for name, tc := range map[string]struct {
		data string
		key  string
	}{
		"NotICS":   {"hello", "ics.error.unreadable"},
		"NoEvents": {"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", "ics.error.no_events"},
		"NoGroup":  {string(readTestdata(t, "google-calendar-alarms.ics")), "ics.error.no_group"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := calendar.Import(ctx, s.svc, []byte(tc.data), calendar.ImportOptions{Options: importing.Options{Lang: "fi"}})
			var fe *importing.FormatError
			if !errors.As(err, &fe) || fe.Key != tc.key {
				t.Fatalf("error = %v, want %s", err, tc.key)
			}
			for _, lang := range []string{"fi", "sv", "en"} {
				if text := importing.ErrorText(lang, err); text == "" || strings.Contains(text, "ics.") {
					t.Errorf("%s: %q", lang, text)
				}
			}
		})
	}
	// An event without a start is refused by row, and skipped with
	// SkipInvalid.
	data := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Ilman aikaa\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Aikainen\r\nDTSTART:20261201T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	rep, err := calendar.Import(ctx, s.svc, data, calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, Group: s.group.ID})
	if !errors.Is(err, importing.ErrRejected) || !strings.Contains(rep.String(), "tapahtuma 1: tapahtumalla ei ole alkamisaikaa") {
		t.Errorf("%v\n%s", err, rep.String())
	}
	if _, err := calendar.Import(ctx, s.svc, data, calendar.ImportOptions{Options: importing.Options{Lang: "fi", SkipInvalid: true}, Group: s.group.ID}); err != nil {
		t.Fatal(err)
	}
	if n := len(s.meetings(t)); n != 1 {
		t.Errorf("%d meetings, want 1", n)
	}
}

// TestImportOwnInvitation: this database's own invitation, imported back,
// is the meeting it came from.
func TestImportOwnInvitation(t *testing.T) {
	svc := demoServices(t)
	ix, _ := importing.LoadIndex(ctx, svc)
	var m *model.Meeting
	for _, x := range ix.Meetings {
		if x.Status == model.MeetingPlanned {
			m = x
		}
	}
	if m == nil {
		t.Skip("no planned meeting in the example data")
	}
	var buf strings.Builder
	if err := calendar.ExportInvitation(ctx, svc, m.ID, "fi", &buf); err != nil {
		t.Fatal(err)
	}
	rep, err := calendar.Import(ctx, svc, []byte(buf.String()), calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, Group: m.Group})
	if err != nil || rep.Count(importing.Add) != 0 || rep.Count(importing.Update) != 0 {
		t.Errorf("own invitation: %v\n%s", err, rep.String())
	}
}

// TestNewContactNames: an attendee's name as the programs write it.
func TestNewContactNames(t *testing.T) {
	s := newSteering(t)
	data := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:n\r\nSUMMARY:Nimet\r\nDTSTART:20261201T090000\r\n" +
		"ATTENDEE;CN=Laine Onni:mailto:onni.laine@example.fi\r\n" +
		"ATTENDEE;CN=\"Mäkinen, Helmi\":mailto:helmi@example.fi\r\n" +
		"ATTENDEE:mailto:kerttu.koskinen@example.fi\r\n" +
		"ATTENDEE;CN=Lauri Heikkinen:mailto:lh@example.fi\r\n" +
		"END:VEVENT\r\nEND:VCALENDAR\r\n")
	if _, err := calendar.Import(ctx, s.svc, data, calendar.ImportOptions{Options: importing.Options{Lang: "fi"}, Group: s.group.ID, NewContacts: true}); err != nil {
		t.Fatal(err)
	}
	ix, _ := importing.LoadIndex(ctx, s.svc)
	got := map[string]string{}
	for _, c := range ix.Contacts {
		got[c.Emails[0]] = c.FirstName + "|" + c.LastName
	}
	for email, want := range map[string]string{
		"onni.laine@example.fi": "Onni|Laine", "helmi@example.fi": "Helmi|Mäkinen",
		"kerttu.koskinen@example.fi": "Kerttu|Koskinen", "lh@example.fi": "Lauri|Heikkinen",
	} {
		if got[email] != want {
			t.Errorf("%s: %q, want %q", email, got[email], want)
		}
	}
}
