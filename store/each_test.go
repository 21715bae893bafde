package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"hankekirja/model"
)

// TestEachInListOrder checks that Each hands over the records List
// lists, in its order, without those in the trash, inside the caller's
// transaction too, and stops at fn's error.
func TestEachInListOrder(t *testing.T) {
	db, svc := openTestDB(t)
	for _, n := range []string{"Öhman", "Aalto", "Ärväs", "Zetterberg", "Åberg", "Virtanen", "Mäkinen", "Makkonen", "Castrén", "Aho"} {
		mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Etu", LastName: n})
	}
	trashed := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Roskis", LastName: "Aaltonen"})
	if err := svc.Contacts.Delete(ctx, trashed.ID, false); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Contacts.List(ctx, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []model.ID
	for _, s := range page.Items {
		want = append(want, s.ID)
	}
	each := func(ctx context.Context) ([]string, []model.ID) {
		var names []string
		var ids []model.ID
		if err := svc.Contacts.Each(ctx, func(c *model.Contact) error {
			names, ids = append(names, c.LastName), append(ids, c.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return names, ids
	}
	names, ids := each(ctx)
	if !slices.Equal(ids, want) {
		t.Fatalf("Each gave %v, List %v", names, want)
	}
	if wantNames := []string{"Aalto", "Aho", "Castrén", "Makkonen", "Mäkinen", "Virtanen", "Zetterberg", "Åberg", "Ärväs", "Öhman"}; !slices.Equal(names, wantNames) {
		t.Fatalf("Each gave %v, want %v", names, wantNames)
	}
	if err := db.Atomic(ctx, func(ctx context.Context) error {
		if err := svc.Contacts.Create(ctx, &model.Contact{FirstName: "Uusi", LastName: "Aaltola"}); err != nil {
			return err
		}
		if names, _ := each(ctx); len(names) != 11 || names[1] != "Aaltola" {
			t.Errorf("inside the transaction Each gave %v", names)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("enough")
	n := 0
	err = svc.Contacts.Each(ctx, func(*model.Contact) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("Each after fn's error: %v, %d records", err, n)
	}
	var meetings int
	if err := svc.Meetings.Each(ctx, func(*model.Meeting) error { meetings++; return nil }); err != nil || meetings != 0 {
		t.Fatalf("meetings: %d, %v", meetings, err)
	}
}
