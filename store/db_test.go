package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

func TestOpenNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	dev := db.Device()
	if dev.IsZero() {
		t.Fatal("no device ID")
	}
	db.Close()
	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Device() != dev {
		t.Fatal("device ID changed on reopen")
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	_, err = Open(path, &Options{Timeout: 200 * time.Millisecond})
	wantCode(t, err, model.ELOCKED)
	if time.Since(start) > 10*time.Second {
		t.Fatal("Open hung on a locked file")
	}
}

// refused checks that opening path fails with code and leaves the file as
// it was.
func refused(t *testing.T, path, code string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	_, err := Open(path, nil)
	wantCode(t, err, code)
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("file was changed")
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	t.Run("Empty", func(t *testing.T) {
		path := filepath.Join(dir, "empty.db")
		os.WriteFile(path, nil, 0o600)
		refused(t, path, model.EDAMAGED)
	})
	t.Run("NotADatabase", func(t *testing.T) {
		path := filepath.Join(dir, "text.db")
		os.WriteFile(path, bytes.Repeat([]byte("pöytäkirja\n"), 2000), 0o600)
		refused(t, path, model.EDAMAGED)
	})
	t.Run("Directory", func(t *testing.T) {
		_, err := Open(dir, nil)
		wantCode(t, err, model.EDAMAGED)
	})
	good := filepath.Join(dir, "good.db")
	db, err := Open(good, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, _ := os.ReadFile(good)
	t.Run("Truncated", func(t *testing.T) {
		path := filepath.Join(dir, "truncated.db")
		os.WriteFile(path, data[:len(data)/2], 0o600)
		refused(t, path, model.EDAMAGED)
	})
	t.Run("DamagedMeta", func(t *testing.T) {
		path := filepath.Join(dir, "damaged.db")
		bad := append([]byte(nil), data...)
		for i := 16; i < 200; i++ {
			bad[i] ^= 0x5a
		}
		os.WriteFile(path, bad, 0o600)
		refused(t, path, model.EDAMAGED)
	})
	t.Run("ForeignBolt", func(t *testing.T) {
		path := filepath.Join(dir, "foreign.db")
		b, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
		b.Close()
		refused(t, path, model.EDAMAGED)
	})
}

func TestSchemaVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	setSchema := func(v int) {
		db.bolt.Update(func(tx *bolt.Tx) error { return putSchema(tx, v) })
	}
	t.Run("ErrNewer", func(t *testing.T) {
		setSchema(SchemaVersion() + 1)
		db.Close()
		refused(t, path, model.ENEWER)
	})
	t.Run("MigrateWithBackup", func(t *testing.T) {
		db, err = Open(path+"x", nil) // keep db non-nil for the cleanup below
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		b, _ := bolt.Open(path, 0o600, nil)
		b.Update(func(tx *bolt.Tx) error { return putSchema(tx, SchemaVersion()) })
		b.Close()

		// Pretend this program knows one more migration.
		ran := 0
		saved := migrations
		migrations = append(append([]migration(nil), saved...), migration{name: "test", fn: func(tx *bolt.Tx) error {
			ran++
			return tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte("yes"))
		}})
		defer func() { migrations = saved }()

		db, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if ran != 1 {
			t.Fatalf("migration ran %d times", ran)
		}
		backups, _ := filepath.Glob(filepath.Join(BackupDir(path), "h-*-migration.bak"))
		if len(backups) != 1 {
			t.Fatalf("backups = %v", backups)
		}
		// The backup is the database as it was before the migration.
		bk, err := bolt.Open(backups[0], 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer bk.Close()
		bk.View(func(tx *bolt.Tx) error {
			if tx.Bucket(bucketMeta).Get([]byte("migrated")) != nil {
				t.Error("backup was taken after the migration")
			}
			return nil
		})
	})
}

func TestCheckFindsBrokenIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	c := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Lindqvist", Organisation: model.MunicipalityID("091")})
	if problems, _ := db.Check(ctx); len(problems) != 0 {
		t.Fatalf("clean database reported: %v", problems)
	}
	// Drop the reverse reference and damage the summary behind the store's back.
	db.bolt.Update(func(tx *bolt.Tx) error {
		bucket(tx, bucketRefs).Delete(refKey(model.MunicipalityID("091"), c.ID, "organisation"))
		return bucket(tx, bucketOrder).Put(bucket(tx, bucketSummaries).Get(c.ID[:]), encodeSummary(model.Summary{ID: c.ID, Kind: model.KindContact, Title: "Väärä"}))
	})
	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	joined := fmt.Sprint(problems)
	if len(problems) != 2 || !strings.Contains(joined, "reference index") || !strings.Contains(joined, "stale") {
		t.Fatalf("problems = %v", problems)
	}
}
