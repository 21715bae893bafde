package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/assets/demo"
	"hankekirja/model"
)

// indexContents is what the full-text index holds, with document numbers
// turned into record IDs (an index built whole numbers the records
// otherwise than one that followed saves): key | record → posting.
func indexContents(t *testing.T, db *DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.viewTx(func(tx *bolt.Tx) error {
		docs := bucket(tx, bucketSearchDocs)
		if err := bucket(tx, bucketSearchPostings).ForEach(func(k, v []byte) error {
			for i := 0; i+postingSize <= len(v); i += postingSize {
				doc := v[i : i+4]
				d := docs.Get(doc)
				if len(d) != 21 {
					return fmt.Errorf("posting of document %d, which has no record", binary.BigEndian.Uint32(doc))
				}
				id := idFrom(d[5:])
				out[fmt.Sprintf("%x|%s", k[:8], id)] = fmt.Sprintf("%x", v[i+4:i+postingSize])
			}
			return nil
		}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rebuiltContents is indexContents of a copy of db's file whose index is
// built whole from its records.
func rebuiltContents(t *testing.T, db *DB) map[string]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rebuilt.db")
	if err := db.viewTx(func(tx *bolt.Tx) error { return tx.CopyFile(path, 0o600) }); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(metaSearch) })
	b.Close()
	copy, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	<-copy.SearchReady()
	return indexContents(t, copy)
}

// openReady opens path (with pass, when encrypted) for the test, its
// index loaded or built.
func openReady(t *testing.T, path string, pass []byte) *DB {
	t.Helper()
	db, err := Open(path, &Options{NoAutoBackup: true, Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	<-db.SearchReady()
	return db
}

// crashCopy copies db's file to dst as a kill -9 would leave it: what is
// committed, and nothing Close would still write.
func crashCopy(t *testing.T, db *DB, dst string) string {
	t.Helper()
	if err := db.viewTx(func(tx *bolt.Tx) error { return tx.CopyFile(dst, 0o600) }); err != nil {
		t.Fatal(err)
	}
	return dst
}

// holdIndex keeps the index from following saves by itself during the
// test: only a read of it or Close makes it follow.
func holdIndex(t *testing.T) {
	d := indexDelay
	indexDelay = time.Hour
	t.Cleanup(func() { indexDelay = d })
}

// wantIndexAsBuilt fails the test unless db's index holds what building
// it whole from the records gives.
func wantIndexAsBuilt(t *testing.T, db *DB) {
	t.Helper()
	if got, want := indexContents(t, db), rebuiltContents(t, db); !maps.Equal(got, want) {
		t.Errorf("the index holds %d postings, one built whole from the same records %d", len(got), len(want))
	}
}

// pendingKeys counts the records pending in the file.
func pendingKeys(t *testing.T, db *DB) int {
	t.Helper()
	n := 0
	db.viewTx(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSearchPending); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n
}

// TestSaveLeavesIndexToFollow: a save writes no postings; the index
// follows before a search reads it, so search finds what was just saved
// and no longer finds what an edit took away, and what the index then
// holds is what building it from the records gives.
func TestSaveLeavesIndexToFollow(t *testing.T) {
	db, svc := openTestDB(t)
	<-db.SearchReady()
	if err := db.FollowSaves(ctx); err != nil { // the registry's
		t.Fatal(err)
	}
	before := indexContents(t, db)
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Kuntayhtymäinen", JobTitle: "palvelupäällikkö"})
	if got := indexContents(t, db); !maps.Equal(got, before) {
		t.Fatalf("the save wrote %d postings in its own transaction", len(got)-len(before))
	}
	if n := pendingKeys(t, db); n != 1 {
		t.Fatalf("%d records pending in the file, want 1", n)
	}
	// Two edits before the index follows: it takes away what the first
	// revision gave, not what the second did.
	c.LastName = "Virtanen"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	c.JobTitle = "hankepäällikkö"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, ok := findIDs(t, svc, "hankepäällikkö")[c.ID]; !ok {
		t.Error("search does not find the job title just saved")
	}
	for _, gone := range []string{"Kuntayhtymäinen", "palvelupäällikkö"} {
		if _, ok := findIDs(t, svc, gone)[c.ID]; ok {
			t.Errorf("search still finds %q, which the edits took away", gone)
		}
	}
	if n := pendingKeys(t, db); n != 0 {
		t.Errorf("%d records still pending after a search", n)
	}
	wantIndexAsBuilt(t, db)
}

// TestIndexFollowsByItself: without a search the index follows a moment
// after the saves, in one transaction, and a list filtered by text sees
// a save at once.
func TestIndexFollowsByItself(t *testing.T) {
	defer func(d time.Duration) { indexDelay = d }(indexDelay)
	indexDelay = 50 * time.Millisecond
	db, svc := openTestDB(t)
	<-db.SearchReady()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Eino", LastName: "Lahtinen", Notes: "kotihoidon pilotti"})
	deadline := time.Now().Add(10 * time.Second)
	for pendingKeys(t, db) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := pendingKeys(t, db); n != 0 {
		t.Fatalf("%d records pending 10 s after the save", n)
	}
	wantIndexAsBuilt(t, db)
	indexDelay = time.Hour
	c.Notes = "hyvinvointialueen valmistelu"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Contacts.List(ctx, model.Filter{Text: "hyvinvointialue"})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != c.ID {
		t.Errorf("a list filtered by the words just saved gives %+v, %v", page.Items, err)
	}
}

// TestPendingAcrossRollbackAndPurge: a save rolled back leaves the index
// as it was; a record purged while pending leaves no postings behind.
func TestPendingAcrossRollbackAndPurge(t *testing.T) {
	holdIndex(t)
	db, svc := openTestDB(t)
	<-db.SearchReady()
	stop := errors.New("stop")
	var rolled model.ID
	err := db.Atomic(ctx, func(ctx context.Context) error {
		c := &model.Contact{FirstName: "Peruttu", LastName: "Tallennus"}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			return err
		}
		rolled = c.ID
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("Atomic: %v", err)
	}
	if len(findIDs(t, svc, "Tallennus")) != 0 {
		t.Error("search finds the record of a save that was rolled back")
	}

	gone := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Poistettava", LastName: "Henkilö", Notes: "sijaishuolto"})
	// Indexed, then moved to the trash and purged before the index
	// follows the move.
	if _, ok := findIDs(t, svc, "sijaishuolto")[gone.ID]; !ok {
		t.Fatal("the record to purge is not found")
	}
	if err := svc.Contacts.Delete(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Purge(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"sijaishuolto", "Poistettava"} {
		if len(findIDs(t, svc, w)) != 0 {
			t.Errorf("search finds %q of a record purged or erased", w)
		}
	}
	wantIndexAsBuilt(t, db)
	if _, err := svc.Contacts.Get(ctx, rolled); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("the rolled-back record: %v", err)
	}
}

// TestErasedPersonLeavesIndex: erasing a person rewrites the records that
// named them (their saves pending in the erasure's transaction) and takes
// the person out of the index: nothing finds the name afterwards.
func TestErasedPersonLeavesIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Unohdettava", LastName: "Ihminen", Notes: "perhekeskus"})
	o := mustCreate(t, svc.Groups, &model.Group{Name: "Perhekeskusryhmä", Members: []model.Membership{{Contact: c.ID, Role: model.RoleMember}}})
	<-db.SearchReady()
	db.Close()
	if _, err := ErasePerson(ctx, path, &Options{NoAutoBackup: true}, c.ID, model.EraseOptions{}); err != nil {
		t.Fatal(err)
	}
	db = openReady(t, path, nil)
	for _, w := range []string{"Unohdettava", "Ihminen"} {
		if hits := findIDs(t, db.Services(), w); len(hits) != 0 {
			t.Errorf("search finds %q after the erasure: %v", w, hits)
		}
	}
	if _, ok := findIDs(t, db.Services(), "Perhekeskusryhmä")[o.ID]; !ok {
		t.Error("the group that named the person is not found by its own name")
	}
	wantIndexAsBuilt(t, db)
	// The folded words of names are the one place the index keeps text
	// as written.
	db.viewTx(func(tx *bolt.Tx) error {
		return bucket(tx, bucketSearchTerms).ForEach(func(k, v []byte) error {
			if w := string(v); w == "unohdettava" || w == "ihminen" {
				t.Errorf("the index keeps the erased name's word %q", w)
			}
			return nil
		})
	})
}

// TestPendingAfterCrash: a file left with records pending (the process
// ended before its index followed them) gets its index built again at
// the next open, and search finds those records.
func TestPendingAfterCrash(t *testing.T) {
	holdIndex(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	db := openReady(t, path, nil)
	if _, err := demo.Load(ctx, db.Services()); err != nil {
		t.Fatal(err)
	}
	db.FollowSaves(ctx)
	c := mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Kaatuneen", LastName: "Koneenkäyttäjä"})
	// Copied while the save is pending.
	crashed := crashCopy(t, db, filepath.Join(dir, "crashed.db"))
	db.Close()
	os.Remove(path)

	db = openReady(t, crashed, nil)
	if _, ok := findIDs(t, db.Services(), "Koneenkäyttäjä")[c.ID]; !ok {
		t.Error("search does not find the record that was pending at the crash")
	}
	if n := pendingKeys(t, db); n != 0 {
		t.Errorf("%d records pending after the index was built again", n)
	}
	wantIndexAsBuilt(t, db)
}

// TestPendingEncrypted: the pending records of an encrypted file are kept
// as its other values are, and a file left with records pending is
// encrypted like any other, its index built again at the next open.
func TestPendingEncrypted(t *testing.T) {
	holdIndex(t)
	// The file starts plain, also when the suite runs encrypted.
	saved := testEncryption
	testEncryption = nil
	t.Cleanup(func() { testEncryption = saved })
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	db := openReady(t, path, nil)
	c := mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Salattu", LastName: "Sijaishoitaja"})
	crashed := crashCopy(t, db, filepath.Join(dir, "crashed.db"))
	db.Close()
	pass := []byte("oikea tunnuslause")
	if _, err := Encrypt(ctx, crashed, Encryption{Passphrase: pass, KDF: testKDF}, nil, nil); err != nil {
		t.Fatal(err)
	}
	db = openReady(t, crashed, pass)
	if _, ok := findIDs(t, db.Services(), "Sijaishoitaja")[c.ID]; !ok {
		t.Error("search does not find the record pending before the encryption")
	}
	// Saves of the encrypted file are pending as sealed values.
	d := mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Toinen", LastName: "Perhehoitaja"})
	if _, ok := findIDs(t, db.Services(), "Perhehoitaja")[d.ID]; !ok {
		t.Error("search does not find a record saved in the encrypted file")
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
