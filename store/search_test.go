package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

func findIDs(t testing.TB, svc model.Services, q string) map[model.ID]model.SearchHit {
	t.Helper()
	res, err := svc.Queries.Find(context.Background(), model.SearchQuery{Text: q, PerKind: 100})
	if err != nil {
		t.Fatalf("Find(%q): %v", q, err)
	}
	out := map[model.ID]model.SearchHit{}
	for _, h := range res.Hits {
		out[h.Summary.ID] = h
	}
	return out
}

// TestFindFollowsSaves: the index changes in the transaction of each save,
// delete and restore.
func TestFindFollowsSaves(t *testing.T) {
	_, svc := openTestDB(t)
	c := &model.Contact{FirstName: "Kaisa", LastName: "Mäkinen", Phones: []string{"040 123 4567"}, Notes: "Vetää kotihoidon pilottia."}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kotihoito", "pilotti", "mak", "Mäkisen", "0401234567", "+358 40 123 4567", "040 123 4567", "040 123"} {
		if _, ok := findIDs(t, svc, q)[c.ID]; !ok {
			t.Errorf("%q does not find the new contact", q)
		}
	}
	if h := findIDs(t, svc, "kotihoito")[c.ID]; h.Field != "notes" || len(h.Marks) != 1 {
		t.Errorf("kotihoito: field %q, marks %v in %q", h.Field, h.Marks, h.Snippet)
	}
	c.Notes = "Siirtyi talousjohtajaksi."
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, ok := findIDs(t, svc, "pilotti")[c.ID]; ok {
		t.Error("the old notes are still found after the update")
	}
	if _, ok := findIDs(t, svc, "talousjohtaja")[c.ID]; !ok {
		t.Error("the new notes are not found")
	}
	if err := svc.Contacts.Delete(ctx, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, ok := findIDs(t, svc, "Kaisa")[c.ID]; ok {
		t.Error("a contact in the trash is found")
	}
	if err := svc.Contacts.Restore(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := findIDs(t, svc, "Kaisa")[c.ID]; !ok {
		t.Error("a restored contact is not found")
	}
}

// TestSearchRebuild: a file whose index is missing opens at once, answers
// from the names, and has its index rebuilt in the background.
func TestSearchRebuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	for i := range 1000 {
		c := &model.Contact{FirstName: "Ville", LastName: "Virtanen", Notes: "kunnan hyvinvointialueen valmistelu"}
		if i == 999 {
			c.LastName = "Viimeinen"
		}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	<-db.SearchReady()
	// Remove the index as a file from before it would lack it.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for _, b := range searchBuckets() {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Delete(metaSearch)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Saves while the rebuild runs: a new contact, a changed one, one
	// deleted and one purged.
	var added, changed, purged model.ID
	page, err := func() (model.Page, error) {
		db, err := Open(path, &Options{NoAutoBackup: true})
		if err != nil {
			return model.Page{}, err
		}
		defer db.Close()
		<-db.SearchReady()
		return db.Services().Contacts.List(ctx, model.Filter{Limit: 3})
	}()
	if err != nil {
		t.Fatal(err)
	}
	changed, purged = page.Items[1].ID, page.Items[2].ID // [0] is Viimeinen
	// Remove the index again (the open above rebuilt it).
	func() {
		bdb, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer bdb.Close()
		bdb.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(metaSearch) })
	}()
	afterSnapshot = func(db *DB) {
		svc := db.Services()
		c := &model.Contact{FirstName: "Uusi", LastName: "Tulokas", Notes: "pilotti"}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Error(err)
		}
		added = c.ID
		old, err := svc.Contacts.Get(ctx, changed)
		if err != nil {
			t.Error(err)
			return
		}
		old.Notes = "valtionavustus"
		if err := svc.Contacts.Update(ctx, old); err != nil {
			t.Error(err)
		}
		if err := svc.Contacts.Delete(ctx, purged, false); err != nil {
			t.Error(err)
		}
		if err := svc.Contacts.Purge(ctx, purged); err != nil {
			t.Error(err)
		}
	}
	defer func() { afterSnapshot = nil }()

	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	select {
	case <-db.SearchReady():
	case <-time.After(30 * time.Second):
		t.Fatal("the index was not rebuilt")
	}
	res, err := db.Services().Queries.Find(ctx, model.SearchQuery{Text: "hyvinvointialue viimeinen"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Partial || len(res.Hits) != 1 || res.Counts[model.KindContact] != 1 {
		t.Fatalf("after the rebuild: partial %v, %d hits, counts %v", res.Partial, len(res.Hits), res.Counts)
	}
	svc = db.Services()
	if _, ok := findIDs(t, svc, "pilotti")[added]; !ok {
		t.Error("a contact created during the rebuild is not found")
	}
	if _, ok := findIDs(t, svc, "valtionavustus")[changed]; !ok {
		t.Error("a contact changed during the rebuild is not found by its new notes")
	}
	res, err = svc.Queries.Find(ctx, model.SearchQuery{Text: "hyvinvointialue", PerKind: 2000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[model.ID]bool{}
	for _, h := range res.Hits {
		got[h.Summary.ID] = true
	}
	if len(got) != 998 || got[changed] || got[purged] {
		t.Errorf("hyvinvointialue finds %d contacts, want 998: the changed one %v, the purged one %v", len(got), got[changed], got[purged])
	}
}

// BenchmarkIndexMeeting is the index's share of saving a meeting of ten
// items with their texts (the target is under 1 ms a record).
func BenchmarkIndexMeeting(b *testing.B) {
	db, _ := openTestDB(b)
	m := &model.Meeting{GroupName: "Palvelutuotannon työryhmä", Place: "Hyvinkää"}
	for i := range 10 {
		m.Items = append(m.Items, model.AgendaItem{Title: "Kotihoidon pilotti", Number: i + 1,
			Background: "Kuntien sosiaali- ja terveysjohtajat valmistelevat hyvinvointialueen palvelutuotannon rakennetta. Valtionavustuksen haku on käynnissä, ja hankkeen ohjausryhmä linjaa pilotin laajuuden.",
			Proposal:   "Työryhmä merkitsee selvityksen tiedoksi ja esittää ohjausryhmälle kotihoidon yhteistä toimintamallia.",
			Decision:   "Ehdotus hyväksyttiin."})
	}
	// The index's work inside one transaction, without the commit (whose
	// fsync the save pays anyway).
	tx, err := db.bolt.Begin(true)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	b.ResetTimer()
	for b.Loop() {
		m.ID = model.NewID()
		if err := db.indexRecord(tx, m, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDeferSearch: a file written in bulk with DeferSearch has no index
// until BuildSearch, and then the whole of it.
func TestDeferSearch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bulk.db")
	db, err := Open(path, &Options{NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	c := &model.Contact{FirstName: "Kaisa", LastName: "Mäkinen", Notes: "kotihoidon pilotti"}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	res, err := svc.Queries.Find(ctx, model.SearchQuery{Text: "kotihoito"})
	if err != nil || !res.Partial {
		t.Fatalf("before BuildSearch: partial %v, err %v", res.Partial, err)
	}
	if err := db.BuildSearch(); err != nil {
		t.Fatal(err)
	}
	if _, ok := findIDs(t, svc, "kotihoito")[c.ID]; !ok {
		t.Error("kotihoito does not find the contact after BuildSearch")
	}
	if len(findIDs(t, svc, "Hyvinkää")) == 0 {
		t.Error("the registry is not indexed")
	}
}

// TestNoSearchBuild: a command that does not search leaves an incomplete
// index as it is (no background build to abandon at its close, nothing
// written for it), its saves leave the index alone, and the next open
// without the option builds the index whole, those saves included.
func TestNoSearchBuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Aino", LastName: "Virtanen", Notes: "kotihoidon pilotti"})
	db.Close()

	db, err = Open(path, &Options{NoAutoBackup: true, NoSearchBuild: true})
	if err != nil {
		t.Fatal(err)
	}
	c := mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Eino", LastName: "Lahtinen", Notes: "hyvinvointialueen valmistelu"})
	db.indexing.Wait()
	var complete bool
	var postings int
	db.Bolt().View(func(tx *bolt.Tx) error {
		complete = searchComplete(tx, db.search.stamp())
		postings = tx.Bucket(bucketSearchPostings).Stats().KeyN
		return nil
	})
	if complete || postings != 0 {
		t.Errorf("the index was built or written: complete %v, %d postings", complete, postings)
	}
	db.Close()

	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	<-db.SearchReady()
	if hits := findIDs(t, db.Services(), "hyvinvointialue"); hits[c.ID].Summary.ID != c.ID {
		t.Errorf("hyvinvointialue finds %v after the build", hits)
	}
	if hits := findIDs(t, db.Services(), "kotihoito"); len(hits) != 1 {
		t.Errorf("kotihoito finds %v after the build", hits)
	}
}
