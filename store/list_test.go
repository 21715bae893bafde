package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"hankekirja/model"
)

// TestOrderKeyOrder: the byte order of bucketOrder's keys is (sort key,
// ID) order, also when one sort key is a prefix of another and when sort
// keys hold zero bytes (collation keys separate their levels with them).
func TestOrderKeyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	key := func() []byte {
		b := make([]byte, r.IntN(5))
		for i := range b {
			b[i] = []byte{0, 1, 0xFE, 0xFF, 'a'}[r.IntN(5)]
		}
		return b
	}
	for range 20000 {
		a := model.Summary{Kind: model.KindContact, SortKey: key(), ID: model.NewID()}
		b := model.Summary{Kind: model.KindContact, SortKey: key(), ID: model.NewID()}
		if r.IntN(2) == 0 {
			a.ID, b.ID = b.ID, a.ID
		}
		if got, want := bytes.Compare(orderKey(&a), orderKey(&b)), lessSummary(a, b); got != want {
			t.Fatalf("keys %x, %x compare %d, summaries %d", a.SortKey, b.SortKey, got, want)
		}
	}
}

// TestListPagesInFinnishOrder pages through contacts while others are
// added, moved to the trash and purged: every page is the slice of the
// whole list in Finnish order (Å, Ä, Ö after Z), and the totals follow.
func TestListPagesInFinnishOrder(t *testing.T) {
	_, svc := openTestDB(t)
	names := []string{"Öhman", "Aalto", "Ärväs", "Zetterberg", "Åberg", "Virtanen", "Mäkinen", "Makkonen", "Castrén", "Aho", "Ahonen", "Öst"}
	var ids []model.ID
	for i, n := range names {
		c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: fmt.Sprint("Etu", i), LastName: n})
		ids = append(ids, c.ID)
	}
	lastNames := func(p model.Page) []string {
		var out []string
		for _, s := range p.Items {
			c, _ := svc.Contacts.Get(ctx, s.ID)
			out = append(out, c.LastName)
		}
		return out
	}
	check := func(want []string) {
		t.Helper()
		all, err := svc.Contacts.List(ctx, model.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := lastNames(all); !slices.Equal(got, want) || all.Total != len(want) {
			t.Fatalf("list = %v (total %d), want %v", got, all.Total, want)
		}
		for size := 1; size <= 5; size++ {
			var paged []string
			for off := 0; off < len(want); off += size {
				p, err := svc.Contacts.List(ctx, model.Filter{Offset: off, Limit: size})
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != len(want) {
					t.Fatalf("page at %d: total %d, want %d", off, p.Total, len(want))
				}
				paged = append(paged, lastNames(p)...)
			}
			if !slices.Equal(paged, want) {
				t.Fatalf("pages of %d = %v, want %v", size, paged, want)
			}
		}
	}
	check([]string{"Aalto", "Aho", "Ahonen", "Castrén", "Makkonen", "Mäkinen", "Virtanen", "Zetterberg", "Åberg", "Ärväs", "Öhman", "Öst"})
	if err := svc.Contacts.Delete(ctx, ids[1], false); err != nil { // Aalto to the trash
		t.Fatal(err)
	}
	mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Uusi", LastName: "Nieminen"})
	c, _ := svc.Contacts.Get(ctx, ids[6]) // Mäkinen becomes Laine: moves in the order
	c.LastName = "Laine"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	check([]string{"Aho", "Ahonen", "Castrén", "Laine", "Makkonen", "Nieminen", "Virtanen", "Zetterberg", "Åberg", "Ärväs", "Öhman", "Öst"})
	trash, _ := svc.Queries.Trash(ctx)
	if len(trash) != 1 || trash[0].ID != ids[1] {
		t.Fatalf("trash = %+v", trash)
	}
	if err := svc.Contacts.Purge(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Restore(ctx, ids[1]); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("restore after purge: %v", err)
	}
	// Reverse lists from the end, also in pages.
	rev, _ := svc.Contacts.List(ctx, model.Filter{Reverse: true, Offset: 1, Limit: 2})
	if got := lastNames(rev); !slices.Equal(got, []string{"Öhman", "Ärväs"}) || rev.Total != 12 {
		t.Errorf("reverse page = %v (total %d)", got, rev.Total)
	}
	// Filtered pages count every match.
	p, _ := svc.Contacts.List(ctx, model.Filter{Query: "ah", Limit: 1})
	if p.Total != 2 || len(p.Items) != 1 {
		t.Errorf("filter ah: %d items of %d", len(p.Items), p.Total)
	}
	p, _ = svc.Contacts.List(ctx, model.Filter{Query: "ah", Offset: 1, Limit: 1})
	if got := lastNames(p); !slices.Equal(got, []string{"Ahonen"}) {
		t.Errorf("second page of ah: %v", got)
	}
}

// TestEachReadsOneKind: Each gives every record of its kind, the trash
// included, and no other kind.
func TestEachReadsOneKind(t *testing.T) {
	db, svc := openTestDB(t)
	a := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Aalto"})
	mustCreate(t, svc.Contacts, &model.Contact{LastName: "Bäck"})
	mustCreate(t, svc.Organisations, &model.Organisation{Name: "Kuntayhtymä"})
	svc.Contacts.Delete(ctx, a.ID, false)
	var names []string
	err := db.Each(ctx, model.KindContact, func(r model.Record) error {
		names = append(names, r.(*model.Contact).LastName)
		return nil
	})
	if err != nil || !slices.Equal(names, []string{"Aalto", "Bäck"}) {
		t.Errorf("Each(contacts) = %v, %v", names, err)
	}
	n := 0
	db.Each(ctx, model.KindMunicipality, func(model.Record) error { n++; return nil })
	if n != 453 {
		t.Errorf("Each(municipalities) gave %d, want 453", n)
	}
}
