package demo

import (
	"slices"
	"strings"
	"testing"

	"hankekirja/model"
)

func TestMeetings(t *testing.T) {
	svc := loaded(t)
	if n := list(t, svc.Meetings).Total; n != len(meetings()) || n != 2 {
		t.Fatalf("%d meetings, want the 2 examples", n)
	}

	kh := get(t, svc.Meetings, "meeting/kh/ohjausryhma/2019-1")
	if kh.Title() != "1/2019 Sote-selvityksen ohjausryhmä" || kh.Status != model.MeetingChecked || kh.Date != date(16, 4, 2019) {
		t.Errorf("Kanta-Häme: %s %s %s", kh.Title(), kh.Status, kh.Date)
	}
	var who []model.ID
	for _, a := range kh.Attendance {
		who = append(who, a.Contact)
	}
	// Membership on 16.4.2019: Lahtinen sat in the group until 31.8.2019,
	// Mattila from 1.9.2019.
	if !slices.Contains(who, ID("contact/lahtinen-kimmo")) || slices.Contains(who, ID("contact/mattila-heli")) {
		t.Errorf("Kanta-Häme attendance %v", who)
	}
	var decisions strings.Builder
	for _, it := range kh.Items {
		decisions.WriteString(it.Decision + "\n")
	}
	for _, point := range []string{"tavoitteista ja asiakkaista, ei rakenteista", "Rahoitusmallin", "omistajaohjaukseen",
		"Sosiaalihuollon roolia", "Perusterveydenhuolto, erikoissairaanhoito ja sosiaalihuolto", "Forssan seudun",
		"Oma Hämeen", "Tavoitetaso asetetaan korkealle", "yksimielisesti"} {
		if !strings.Contains(decisions.String(), point) {
			t.Errorf("the Kanta-Häme decisions lack %q", point)
		}
	}

	ks := get(t, svc.Meetings, "meeting/ks/palvelutuotanto/2016-1")
	if ks.Place != "Viitasaari, kaupungintalo" || ks.Date != date(22, 9, 2016) || ks.Chair.Name != "Tapio Hirvonen" {
		t.Errorf("Keski-Suomi: %s %s chair %+v", ks.Place, ks.Date, ks.Chair)
	}
	g := get(t, svc.Groups, "group/ks/palvelutuotanto")
	members := map[model.ID]bool{}
	for _, m := range g.MembersOn(ks.Date) {
		members[m.Contact] = true
	}
	open := model.OpenTasks([]*model.Meeting{ks})
	if len(open) == 0 || len(model.OverdueTasks([]*model.Meeting{ks}, model.Today())) == 0 {
		t.Error("the Keski-Suomi meeting has no open and overdue tasks")
	}
	for _, r := range model.AllTasks([]*model.Meeting{ks}) {
		if !members[r.Task.Owner.Contact] {
			t.Errorf("task %q: owner %v is not a member of the group", r.Task.Description, r.Task.Owner)
		}
	}
	var text strings.Builder
	for _, it := range ks.Items {
		text.WriteString(it.Proposal + " " + it.Decision + "\n")
	}
	for _, want := range []string{"määräaikainen koordinaattori", "kokoontuvat säännöllisesti"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the Keski-Suomi proposals lack %q", want)
		}
	}
	// The § numbers run from 1 within each meeting's year.
	for _, m := range []*model.Meeting{kh, ks} {
		for i, it := range m.Items {
			if it.Number != i+1 {
				t.Errorf("%s: item %d is § %d", m.Title(), i, it.Number)
			}
		}
	}
}

// TestMeetingOfGroupInTrash: a meeting whose group is in the trash is
// skipped, not an error.
func TestMeetingOfGroupInTrash(t *testing.T) {
	_, svc := openDB(t)
	if _, err := Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	for _, id := range []model.ID{ID("meeting/ks/palvelutuotanto/2016-1")} {
		// Checked minutes are reopened before they can go.
		m, err := svc.Meetings.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Reopen("poistetaan", m.Updated); err != nil {
			t.Fatal(err)
		}
		if err := svc.Meetings.Update(ctx, m); err != nil {
			t.Fatal(err)
		}
		if err := svc.Meetings.Delete(ctx, id, false); err != nil {
			t.Fatal(err)
		}
		if err := svc.Meetings.Purge(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Groups.Delete(ctx, ID("group/ks/palvelutuotanto"), true); err != nil {
		t.Fatal(err)
	}
	res, err := Load(ctx, svc)
	if err != nil {
		t.Fatalf("Load with the group in the trash: %v", err)
	}
	if res.Added[model.KindMeeting] != 0 || res.Skipped[model.KindMeeting] != 2 {
		t.Errorf("meetings added %d, skipped %d; want 0 and 2", res.Added[model.KindMeeting], res.Skipped[model.KindMeeting])
	}
}
