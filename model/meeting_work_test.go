package model_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

// failingMeetings is the meetings service with a failure injected: its
// Update fails on call number failAt (counting from 1).
type failingMeetings struct {
	model.Service[model.Meeting]
	calls, failAt int
}

var errInjected = errors.New("injected failure")

func (f *failingMeetings) Update(ctx context.Context, m *model.Meeting) error {
	f.calls++
	if f.calls == f.failAt {
		return errInjected
	}
	return f.Service.Update(ctx, m)
}

// workFixture is a group with three planned meetings of 2019.
func workFixture(t *testing.T) (model.Services, *model.Group) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "work.db"), &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if problems, err := db.Check(context.Background()); err != nil || len(problems) > 0 {
			t.Errorf("check: %v %v", problems, err)
		}
		db.Close()
	})
	svc := db.Services()
	ctx := context.Background()
	g := &model.Group{Name: "Palvelutuotannon työryhmä", Type: model.GroupWorking}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	w := model.NewMeetingWork(svc)
	for _, d := range []model.Date{day(2019, 2, 12), day(2019, 4, 16), day(2019, 9, 3)} {
		if _, err := w.Create(ctx, g.ID, d, model.Clock{}, "Kunnantalo", false); err != nil {
			t.Fatal(err)
		}
	}
	return svc, g
}

// numbering is every meeting's number and § numbers, by date.
func numbering(t *testing.T, svc model.Services, g model.ID) map[string][]int {
	t.Helper()
	page, err := svc.Meetings.List(context.Background(), model.Filter{Facets: []string{"group:" + g.String()}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]int{}
	for _, s := range page.Items {
		m, err := svc.Meetings.Get(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[m.Date.String()] = append([]int{m.Number}, numbers(m)...)
	}
	return out
}

// TestMeetingWorkIsAllOrNothing: a meeting created between two others
// renumbers the later ones; with a failure injected at each of the saves
// that renumbering makes, nothing changes at all: no new meeting, every
// number and § as it was. Without a failure the numbers follow the dates.
func TestMeetingWorkIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	for failAt := 1; failAt <= 2; failAt++ {
		svc, g := workFixture(t)
		before := numbering(t, svc, g.ID)
		broken := svc
		broken.Meetings = &failingMeetings{Service: svc.Meetings, failAt: failAt}
		if _, err := model.NewMeetingWork(broken).Create(ctx, g.ID, day(2019, 3, 5), model.Clock{}, "", false); !errors.Is(err, errInjected) {
			t.Fatalf("failing at update %d: err = %v", failAt, err)
		}
		if after := numbering(t, svc, g.ID); !mapsEqual(after, before) {
			t.Errorf("failing at update %d changed the numbers:\nbefore %v\nafter  %v", failAt, before, after)
		}
	}
	svc, g := workFixture(t)
	m, err := model.NewMeetingWork(svc).Create(ctx, g.ID, day(2019, 3, 5), model.Clock{}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	got := numbering(t, svc, g.ID)
	var order []int
	for _, d := range []string{"12.2.2019", "5.3.2019", "16.4.2019", "3.9.2019"} {
		order = append(order, got[d][0])
	}
	if !slices.Equal(order, []int{1, 2, 3, 4}) || got["5.3.2019"][0] != m.Number {
		t.Errorf("meeting numbers by date = %v (%v)", order, got)
	}
	if first, next := got["12.2.2019"], got["5.3.2019"]; next[1] != first[len(first)-1]+1 {
		t.Errorf("§ numbers do not run on: %v then %v", first, next)
	}
}

// TestMeetingWorkSaveFailureLeavesNumbers: saving a meeting whose new
// item renumbers the later meetings is all or nothing too.
func TestMeetingWorkSaveFailureLeavesNumbers(t *testing.T) {
	ctx := context.Background()
	svc, g := workFixture(t)
	page, _ := svc.Meetings.List(ctx, model.Filter{Facets: []string{"group:" + g.ID.String()}})
	var first *model.Meeting
	for _, s := range page.Items {
		m, _ := svc.Meetings.Get(ctx, s.ID)
		if m.Date == day(2019, 2, 12) {
			first = m
		}
	}
	before := numbering(t, svc, g.ID)
	edited := model.CloneMeeting(first)
	edited.Items = append(edited.Items, model.AgendaItem{Title: "Lisäasia"})
	broken := svc
	broken.Meetings = &failingMeetings{Service: svc.Meetings, failAt: 2}
	if _, err := model.NewMeetingWork(broken).Save(ctx, edited, first, "Nimetön"); !errors.Is(err, errInjected) {
		t.Fatalf("err = %v", err)
	}
	if after := numbering(t, svc, g.ID); !mapsEqual(after, before) {
		t.Errorf("a failed save changed the numbers:\nbefore %v\nafter  %v", before, after)
	}
	res, err := model.NewMeetingWork(svc).Save(ctx, edited, first, "Nimetön")
	if err != nil || res.Salvaged != nil {
		t.Fatalf("save: %v (salvaged %v)", err, res.Salvaged)
	}
	after := numbering(t, svc, g.ID)
	if len(after["12.2.2019"]) != len(before["12.2.2019"])+1 || after["16.4.2019"][1] != before["16.4.2019"][1]+1 {
		t.Errorf("after the save: %v, before %v", after, before)
	}
}

func mapsEqual(a, b map[string][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
