package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"hankekirja/model"
)

// TestAReadOnlyDatabaseCanBeReadNotChanged: opened for reading only, the
// records list and read as usual, a save says the file is read-only
// (not a disk error), and the file is not changed by any of it.
func TestAReadOnlyDatabaseCanBeReadNotChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	c := mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Aino", LastName: "Mäkinen"})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	db, err = Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open read-only: %v", err)
	}
	if !db.ReadOnly() {
		t.Fatal("ReadOnly() is false")
	}
	svc := db.Services()
	got, err := svc.Contacts.Get(ctx, c.ID)
	if err != nil || got.LastName != "Mäkinen" {
		t.Fatalf("Get: %+v %v", got, err)
	}
	if page, err := svc.Contacts.List(ctx, model.Filter{Query: "mäk"}); err != nil || page.Total != 1 {
		t.Fatalf("List: %+v %v", page, err)
	}
	err = svc.Contacts.Create(ctx, &model.Contact{LastName: "Virtanen"})
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.EREADONLY || me.Key != "error.database_read_only" {
		t.Fatalf("a save into a read-only database gives %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if sha256.Sum256(before) != sha256.Sum256(after) || !bytes.Equal(before, after) {
		t.Fatal("opening read-only changed the file")
	}
	if entries, _ := os.ReadDir(BackupDir(path)); len(entries) > 0 {
		t.Fatalf("a read-only open made backups: %v", entries)
	}
}

// TestReadOnlyFallback: Open falls back to reading only for the errors
// that mean "you may not write here", not for others.
func TestReadOnlyFallback(t *testing.T) {
	for _, err := range []error{syscall.EACCES, syscall.EPERM, syscall.EROFS, &os.PathError{Op: "open", Err: syscall.EROFS}} {
		if !cannotWrite(err) {
			t.Errorf("%v does not lead to a read-only open", err)
		}
	}
	for _, err := range []error{syscall.ENOSPC, syscall.EIO, errors.New("timeout")} {
		if cannotWrite(err) {
			t.Errorf("%v leads to a read-only open", err)
		}
	}
}
