package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/model"
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
