package store

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"hankekirja/model"
)

// TestReadAllChainsInOrder: reading every record, decoded on every core
// in blocks, hands each record over once, in ID order across the kinds,
// with the same chain a read of that one record gives; an error from fn
// stops the read with that error.
func TestReadAllChainsInOrder(t *testing.T) {
	db, svc := openTestDB(t)
	var recs []model.Record
	for i := range 700 { // many blocks of 64, the last one partial
		recs = append(recs, &model.Contact{FirstName: "Aino", LastName: fmt.Sprintf("Virtanen %d", i)})
		if i%7 == 0 {
			recs = append(recs, &model.Organisation{Name: fmt.Sprintf("Kuntayhtymä %d", i)})
		}
	}
	if err := db.CreateAll(ctx, recs); err != nil {
		t.Fatal(err)
	}
	// Some records have older revisions, whose metadata the chain holds.
	for i := 0; i < 700; i += 50 {
		c, err := svc.Contacts.Get(ctx, recs[i].GetMeta().ID)
		if err != nil {
			t.Fatal(err)
		}
		c.JobTitle = "valmistelija"
		if err := svc.Contacts.Update(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	var got []*model.Chain
	if err := db.ReadChains(ctx, nil, func(c *model.Chain) error {
		got = append(got, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The registry's municipalities are in the file too.
	if len(got) < len(recs) {
		t.Fatalf("read %d chains, want at least %d", len(got), len(recs))
	}
	seen := map[model.ID]bool{}
	withHistory := 0
	for i, c := range got {
		id := c.Current.GetMeta().ID
		if i > 0 {
			prev := got[i-1].Current.GetMeta().ID
			if bytes.Compare(prev[:], id[:]) >= 0 {
				t.Fatalf("chain %d (%s) comes after %s", i, id, prev)
			}
		}
		seen[id] = true
		if len(c.Older) > 0 {
			withHistory++
		}
		var one *model.Chain
		if err := db.ReadChains(ctx, []model.ID{id}, func(c *model.Chain) error { one = c; return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, c) {
			t.Fatalf("chain of %s read whole differs from its own read:\n%+v\n%+v", id, c, one)
		}
	}
	for _, r := range recs {
		if !seen[r.GetMeta().ID] {
			t.Fatalf("%s was not read", r.GetMeta().ID)
		}
	}
	if withHistory != 14 {
		t.Errorf("%d chains have older revisions, want 14", withHistory)
	}

	stop := errors.New("stop")
	n := 0
	err := db.ReadChains(ctx, nil, func(*model.Chain) error {
		if n++; n == 200 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 200 {
		t.Fatalf("read went on to %d records and returned %v, want to stop at 200 with fn's error", n, err)
	}
}
