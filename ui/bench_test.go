package ui

import (
	"fmt"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

// BenchmarkFilterContacts is filter-as-you-type in the contacts view at
// 50 000 contacts: setting the filter's text, the list query off Fyne's
// thread, and the list refresh that follows. Run it with
//
//	go test -tags migrated_fynedo -run '^$' -bench FilterContacts ./ui
func BenchmarkFilterContacts(b *testing.B) {
	u := newBenchUI(b)
	db := u.db.(*store.DB)
	for start := 0; start < 50000; start += 5000 {
		var recs []model.Record
		for i := start; i < start+5000; i++ {
			recs = append(recs, &model.Contact{FirstName: "Aino", LastName: fmt.Sprintf("Mäkinen%d", i)})
		}
		if err := db.CreateAll(ctx(), recs); err != nil {
			b.Fatal(err)
		}
	}
	selectSection(u, "contacts")
	br := browserOf(u, model.KindContact)
	if br.total != 50000 {
		b.Fatalf("%d contacts listed", br.total)
	}
	queries := []string{"m", "mä", "mäk", "mäki", "mäkinen1", "mäkinen12", "mäkinen123", ""}
	i := 0
	for b.Loop() {
		br.filter.SetText(queries[i%len(queries)])
		u.Wait()
		i++
	}
}
