package person

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

const marker = "Zqxmerkki"

// TestCollectHoldsEveryReference: the export of a person holds the marker
// of their notes and every kind of reference the register has to them.
func TestCollectHoldsEveryReference(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c := &model.Contact{FirstName: "Lauri", LastName: "Heikkinen", Emails: []string{"lauri@example.com"}, Notes: "Muistiinpano " + marker}
	must(svc.Contacts.Create(ctx, c))
	c.JobTitle = "kehittäjä"
	must(svc.Contacts.Update(ctx, c))
	p := &model.Project{Name: "Sote-uudistus", Status: model.ProjectRunning, Staff: []model.StaffMember{{Contact: c.ID, Role: model.StaffDirector}}}
	must(svc.Projects.Create(ctx, p))
	g := &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering, Project: p.ID,
		Members: []model.Membership{{Contact: c.ID, Role: model.RoleMember, Represents: model.MunicipalityID("179")}}}
	must(svc.Groups.Create(ctx, g))
	lauri := model.Person{Contact: c.ID}
	m := &model.Meeting{Group: g.ID, GroupName: g.Name, Date: model.DateOf(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)),
		Attendance: []model.Attendee{{Person: lauri}},
		Items: []model.AgendaItem{{
			Title:      "Palveluverkko",
			Presenter:  lauri,
			Background: "Lauri Heikkinen esitteli selvityksen.",
			Dissents:   []model.Dissent{{By: lauri, Text: "Vastustan " + marker}},
			Conflicts:  []model.Conflict{{By: lauri, Reason: "sukulaisuus"}},
			Tasks:      []model.Task{{Description: "Valmistelee esityksen", Owner: lauri}},
		}}}
	must(svc.Meetings.Create(ctx, m))

	r, err := Collect(ctx, svc, c.ID, nil)
	must(err)
	if got := len(r.History); got != 2 {
		t.Errorf("history has %d revisions, want 2", got)
	}
	if len(r.Memberships) != 1 || r.Memberships[0].Represents != "Jyväskylä" {
		t.Errorf("memberships = %+v, want one for Jyväskylä", r.Memberships)
	}
	if len(r.Projects) != 1 {
		t.Errorf("projects = %+v, want one", r.Projects)
	}
	if len(r.Meetings) != 1 {
		t.Fatalf("meetings = %+v, want one", r.Meetings)
	}
	rm := r.Meetings[0]
	if rm.Attendance == nil || len(rm.Dissents) != 1 || len(rm.Conflicts) != 1 || len(rm.Tasks) != 1 || len(rm.Roles) != 1 {
		t.Errorf("meeting = %+v, want attendance, a dissent, a conflict, a task and the presenter's role", rm)
	}
	if len(r.Mentions) != 1 || r.Mentions[0].Field != "background" {
		t.Errorf("mentions = %+v, want the background", r.Mentions)
	}
	var js, html bytes.Buffer
	must(r.WriteJSON(&js))
	must(r.WriteHTML(&html, "fi"))
	for _, want := range []string{marker, "Vastustan", "sukulaisuus", "Valmistelee esityksen", "esitteli selvityksen", "Jyväskylä", "Ohjausryhmä", "Sote-uudistus", "kehittäjä"} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("the JSON lacks %q", want)
		}
		if !strings.Contains(html.String(), want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
}
