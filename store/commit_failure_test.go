package store

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// TestACommitThatMayBeOnDiskSaysSo: when the disk fails after the meta
// page reached the file, the error says the change may have been saved,
// nothing more is saved until the database is reopened, and after the
// reopen the change is there exactly once.
func TestACommitThatMayBeOnDiskSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unsure.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	var txid uint64
	c := &model.Contact{FirstName: "Aino", LastName: "Mäkinen"}
	if err := db.Atomic(ctx, func(ctx2 context.Context) error { return svc.Contacts.Create(ctx2, c) }); err != nil {
		t.Fatal(err)
	}
	if err := db.viewTx(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil }); err != nil {
		t.Fatal(err)
	}
	// The commit of transaction txid reached the file; pretend its last
	// sync failed.
	err = db.commitFailed(txid, syscall.EIO)
	if model.ErrorCode(err) != model.EUNSURE {
		t.Fatalf("a commit found in the file after a disk error gives %v, want EUNSURE", err)
	}
	if !errors.Is(err, syscall.EIO) {
		t.Errorf("the disk's error is not kept as the cause: %v", err)
	}
	err = svc.Contacts.Create(ctx, &model.Contact{LastName: "Virtanen"})
	if model.ErrorCode(err) != model.EUNSURE {
		t.Fatalf("saving after an unsure commit gives %v, want a request to reopen", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.Services().Contacts.List(ctx, model.Filter{})
	if err != nil || page.Total != 1 || page.Items[0].ID != c.ID {
		t.Fatalf("after reopening: %+v, %v; want Aino once", page, err)
	}
	if err := db.Services().Contacts.Create(ctx, &model.Contact{LastName: "Virtanen"}); err != nil {
		t.Fatalf("the reopened database does not save: %v", err)
	}
}

// TestACommitThatDidNotHappenSaysNothingChanged: a commit whose meta page
// is not in the file is reported as a failure that changed nothing, in
// the user's words for the disk's error, and saving goes on.
func TestACommitThatDidNotHappenSaysNothingChanged(t *testing.T) {
	db, svc := openTestDB(t)
	mustCreate(t, svc.Contacts, &model.Contact{LastName: "Mäkinen"})
	var txid uint64
	if err := db.viewTx(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil }); err != nil {
		t.Fatal(err)
	}
	err := db.commitFailed(txid+1, syscall.ENOSPC)
	if model.ErrorCode(err) != model.EFULL {
		t.Fatalf("a full disk before the meta page gives %v, want EFULL (nothing changed)", err)
	}
	err = db.commitFailed(txid+1, syscall.EIO)
	if me := (*model.Error)(nil); !errors.As(err, &me) || me.Key != "error.commit_failed" {
		t.Fatalf("an I/O error before the meta page gives %v, want error.commit_failed", err)
	}
	mustCreate(t, svc.Contacts, &model.Contact{LastName: "Virtanen"})
}
