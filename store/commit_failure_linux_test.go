package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// fillTheDisk points the open database file's descriptor at /dev/full,
// where every write fails with ENOSPC: a disk that filled up under a
// running program.
func fillTheDisk(t *testing.T, path string) {
	t.Helper()
	abs, _ := filepath.Abs(path)
	full, err := os.OpenFile("/dev/full", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	for _, e := range entries {
		link, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err != nil || link != abs {
			continue
		}
		fd, _ := strconv.Atoi(e.Name())
		if err := syscall.Dup3(int(full.Fd()), fd, 0); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("the database's descriptor was not found")
}

// roomInTheFile grows the database file by a megabyte of free pages. On a
// real full disk a save fails in its writes: growing the file first
// (ftruncate) makes it sparse and succeeds. /dev/full, which stands for
// the disk here, has no size, and bbolt's growing stats it and fails with
// "file size too small 0": a disk error, not a full disk. A save into free
// pages grows nothing. (An encrypted record is larger, and about one save
// in ten crossed the file's end: that was the encrypted run's flake.)
func roomInTheFile(t *testing.T, db *DB) {
	t.Helper()
	scratch := []byte("test.room")
	steps := []func(tx *bolt.Tx) error{
		func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket(scratch)
			if err != nil {
				return err
			}
			for i := range 256 {
				if err := b.Put([]byte{byte(i)}, make([]byte, 4096)); err != nil {
					return err
				}
			}
			return nil
		},
		func(tx *bolt.Tx) error { return tx.DeleteBucket(scratch) },
		// Freed pages are reused once no transaction can still see them.
		func(tx *bolt.Tx) error { return nil },
		func(tx *bolt.Tx) error { return nil },
	}
	for _, step := range steps {
		if err := db.bolt.Update(step); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAFullDiskWhileSavingChangesNothing: the disk fills while a contact
// is saved; the error says the disk is full and nothing changed, and
// after reopening the database holds what it held before.
func TestAFullDiskWhileSavingChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	mustCreate(t, svc.Contacts, &model.Contact{LastName: "Mäkinen"})
	roomInTheFile(t, db)
	fillTheDisk(t, path)
	err = svc.Contacts.Create(ctx, &model.Contact{LastName: "Virtanen"})
	if model.ErrorCode(err) != model.EFULL {
		t.Fatalf("saving on a full disk gives %v (%v), want EFULL", err, errors.Unwrap(err))
	}
	db.Close() // its descriptor is /dev/full now; closing may fail
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.Services().Contacts.List(ctx, model.Filter{})
	if err != nil || page.Total != 1 || page.Items[0].Title != "Mäkinen" {
		t.Fatalf("after the full disk: %+v, %v; want Mäkinen alone", page, err)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after the full disk: %v %v", problems, err)
	}
}
