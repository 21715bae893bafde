package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hankekirja/model"
)

// TestDamagedDatabaseIsNotBackedUp: a file whose record was damaged on
// disk still opens, but its daily backup fails verification: no backup is
// added, the good one stays, the failure is reported, and restoring the
// damaged file is refused.
func TestDamagedDatabaseIsNotBackedUp(t *testing.T) {
	skipIfEncrypted(t, "it damages a record it finds by its text in the file")
	path := filepath.Join(t.TempDir(), "h.db")
	c := &clock{time.Date(2026, 11, 23, 8, 0, 0, 0, time.Local)}
	db, err := Open(path, &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db.Services().Contacts, &model.Contact{FirstName: "Vahinko", LastName: "Merkkijono"})
	db.Close()
	c.t = c.t.Add(24 * time.Hour)
	db, _ = Open(path, &Options{Now: c.now})
	if err := db.BackupError(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	good := backupFiles(path)
	if len(good) != 1 {
		t.Fatalf("%d backups, want 1", len(good))
	}
	// Damage the record's JSON on disk behind bbolt's back.
	b, _ := os.ReadFile(path)
	i := bytes.Index(b, []byte(`"last_name":"Merkkijono"`))
	if i < 0 {
		t.Fatal("record not found in the file")
	}
	b[i+1] = '\x01'
	os.WriteFile(path, b, 0o600)
	// The next day's work changes the file (so its backup is due) …
	c.t = c.t.Add(24 * time.Hour)
	db, err = Open(path, &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	db.BackupError()
	mustCreate(t, db.Services().Contacts, &model.Contact{LastName: "Seuraava"})
	db.Close()
	// … and the day after, the backup finds the damage.
	c.t = c.t.Add(24 * time.Hour)
	db, err = Open(path, &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BackupError(); model.ErrorCode(err) != model.EDAMAGED {
		t.Errorf("backup of a damaged database: %v, want EDAMAGED", err)
	}
	db.Close()
	if f := LastBackupFailure(path); f == nil || f.Reason != model.BackupDaily || !f.Time.Equal(c.t) {
		t.Errorf("last failure = %+v", f)
	}
	if after := backupFiles(path); len(after) != 1 || after[0].Path != good[0].Path {
		t.Errorf("backups after the failed one: %+v, want only %s", after, good[0].Path)
	}
	// The damaged file cannot be restored over another database.
	other := filepath.Join(t.TempDir(), "other.db")
	if _, err := Restore(other, path, nil); model.ErrorCode(err) != model.EDAMAGED {
		t.Errorf("restoring a damaged file: %v, want EDAMAGED", err)
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("the refused restore made a file")
	}
	if err := Verify(ctx, good[0].Path); err != nil {
		t.Errorf("the good backup: %v", err)
	}
}

// TestRestoreOverADamagedDatabase: a database too damaged to open is what
// a restore is for: the backup takes its place and the damaged file is
// kept beside it, outside the backups.
func TestRestoreOverADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db.Services().Contacts, &model.Contact{LastName: "Talteen"})
	good, err := db.AutoBackup(model.BackupDaily)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, _ := os.ReadFile(path)
	clear(b[:4096]) // the first meta page: bbolt cannot open it
	clear(b[4096:8192])
	os.WriteFile(path, b, 0o600)
	if _, err := Open(path, &Options{NoAutoBackup: true}); model.ErrorCode(err) != model.EDAMAGED {
		t.Fatalf("the damaged file opens: %v", err)
	}
	kept, err := Restore(path, good, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, b) {
		t.Error("the damaged file was not kept as it was")
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p, _ := db.Services().Contacts.List(ctx, model.Filter{Query: "talteen"}); p.Total != 1 {
		t.Errorf("after the restore: %d contacts named Talteen", p.Total)
	}
	for _, f := range backupFiles(path) {
		if f.Path == kept {
			t.Error("the damaged file is among the backups")
		}
	}
}
