package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// TestCompactGivesSpaceBack: after many records are purged the file keeps
// its size; Compact shrinks it, keeps every remaining record and revision,
// takes a backup first, and a cancelled compaction changes nothing.
func TestCompactGivesSpaceBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	var ids []model.ID
	err = svc.Atomic(ctx, func(ctx context.Context) error {
		for i := range 3000 {
			c := &model.Contact{FirstName: "Etu", LastName: fmt.Sprint("Suku", i), Notes: strings.Repeat("pitkä muistiinpano ", 30)}
			if err := svc.Contacts.Create(ctx, c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = svc.Atomic(ctx, func(ctx context.Context) error {
		for _, id := range ids[100:] {
			if err := svc.Contacts.Delete(ctx, id, false); err != nil {
				return err
			}
			if err := svc.Contacts.Purge(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := db.Stats(ctx)
	db.Close()

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Compact(cancelled, path, nil, nil); err == nil {
		t.Fatal("a cancelled compaction succeeded")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".h.db.compact-*")); len(left) > 0 {
		t.Errorf("a cancelled compaction left %v", left)
	}
	var calls int
	res, err := Compact(ctx, path, nil, func(done, total int64) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if res.After >= res.Before/2 || res.Backup == "" || calls == 0 {
		t.Errorf("compacted %d → %d bytes, backup %q, %d progress calls", res.Before, res.After, res.Backup, calls)
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after, _ := db.Stats(ctx)
	if after.Records[model.KindContact] != 100 || after.Revisions != before.Revisions {
		t.Errorf("after compaction: %d contacts, %d revisions; before %d, %d", after.Records[model.KindContact], after.Revisions, before.Records[model.KindContact], before.Revisions)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
	if _, err := db.Services().Contacts.Get(ctx, ids[5]); err != nil {
		t.Error(err)
	}
}

// TestCompactKeepsSearchNumbering: the search index numbers its documents
// from its bucket's sequence. A compacted file that restarted the sequence
// gave the next new record the number of an old one, and search then
// answered the old record's words with the new record.
func TestCompactKeepsSearchNumbering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	old := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Vanhanen"})
	<-db.SearchReady()
	sequence := func(b *bolt.DB) (seq uint64) {
		b.View(func(tx *bolt.Tx) error {
			seq = tx.Bucket(bucketSearchDocs).Sequence()
			return nil
		})
		return seq
	}
	// The index follows the saves (as Close makes it do).
	if err := db.FollowSaves(ctx); err != nil {
		t.Fatal(err)
	}
	before := sequence(db.Bolt())
	db.Close()
	if _, err := Compact(ctx, path, &Options{NoAutoBackup: true}, nil); err != nil {
		t.Fatal(err)
	}
	// Read the copy as compaction left it, before an open could mend it.
	raw, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	after := sequence(raw)
	raw.Close()
	if after != before {
		t.Errorf("the index's sequence is %d after compaction, %d before", after, before)
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	<-db.SearchReady()
	svc = db.Services()
	fresh := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Eino", LastName: "Uusitalo"})
	if hits := findIDs(t, svc, "Vanhanen"); len(hits) != 1 || hits[old.ID].Summary.ID != old.ID {
		t.Errorf("Vanhanen finds %v, want only %s", hits, old.ID)
	}
	if hits := findIDs(t, svc, "Uusitalo"); len(hits) != 1 || hits[fresh.ID].Summary.ID != fresh.ID {
		t.Errorf("Uusitalo finds %v, want only %s", hits, fresh.ID)
	}
	db.search.mu.Lock()
	serr := db.search.err
	db.search.mu.Unlock()
	if serr != nil {
		t.Errorf("the compacted file's index does not load: %v", serr)
	}
	db.Bolt().View(func(tx *bolt.Tx) error {
		ids := bucket(tx, bucketSearchIDs)
		mine := binary.BigEndian.Uint32(ids.Get(fresh.ID[:]))
		return ids.ForEach(func(k, v []byte) error {
			if n := binary.BigEndian.Uint32(v); n >= mine && !bytes.Equal(k, fresh.ID[:]) {
				t.Errorf("the new record has document number %d, %x already had %d", mine, k, n)
			}
			return nil
		})
	})
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
