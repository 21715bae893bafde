package store

import (
	"encoding/binary"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// exampleDB is the file every fuzz input damages: the example data in a
// database committed as testdata/fuzz-example.db. It is a fixed file, not
// one made at the start of each run, because a new file has new random IDs
// and so a different layout: an input that damaged one run's file at some
// offset would hit other bytes in the next, and a crasher found once could
// not be reproduced. TestFuzzExampleIsCurrent remakes it (-update-example)
// when the schema changes.
var exampleDB = sync.OnceValues(func() ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "fuzz-example.db"))
})

var updateExample = flag.Bool("update-example", false, "write testdata/fuzz-example.db anew")

// TestFuzzExampleIsCurrent checks that the fuzz target's file has this
// program's schema, so that the fuzzer damages what the store writes today
// rather than an old layout the store first migrates.
func TestFuzzExampleIsCurrent(t *testing.T) {
	path := filepath.Join("testdata", "fuzz-example.db")
	if *updateExample {
		tmp := filepath.Join(t.TempDir(), "example.db")
		db, err := Open(tmp, &Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Load(ctx, db.Services()); err != nil {
			t.Fatal(err)
		}
		<-db.SearchReady()
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(tmp)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := exampleDB()
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(copyPath, &Options{NoAutoBackup: true, ReadOnly: true})
	if err != nil {
		t.Fatalf("%s does not open (%v): go test ./store -run TestFuzzExampleIsCurrent -update-example", path, err)
	}
	defer db.Close()
	var schema int
	db.Bolt().View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(metaSchema); len(v) == 4 {
			schema = int(binary.BigEndian.Uint32(v))
		}
		return nil
	})
	if schema != SchemaVersion() {
		t.Fatalf("%s has schema %d, the store writes %d: go test ./store -run TestFuzzExampleIsCurrent -update-example", path, schema, SchemaVersion())
	}
}

// damage applies the edits that a fuzz input encodes to a copy of clean.
// Each edit is four bytes: a big-endian 24-bit offset (taken modulo the
// file's length, which spreads them over the whole file) and a byte that
// is XORed into the file there; a zero byte instead cuts the file off at
// that offset, the way a failed copy or a full disk does. A short input
// keeps the fuzzer's mutations cheap while the file stays a real database.
func damage(clean, edits []byte) []byte {
	b := append([]byte(nil), clean...)
	for ; len(edits) >= 4 && len(b) > 0; edits = edits[4:] {
		off := int(binary.BigEndian.Uint32(append([]byte{0}, edits[:3]...))) % len(b)
		if v := edits[3]; v != 0 {
			b[off] ^= v
		} else {
			b = b[:off]
		}
	}
	return b
}

// edit encodes one edit for damage (seeds).
func edit(off int, v byte) []byte { return []byte{byte(off >> 16), byte(off >> 8), byte(off), v} }

// FuzzOpenDamaged damages the example database and reads it through the
// store the way the commands do: open (with the store's own timeout),
// the contents check, stats and listings with every contact read. bbolt's
// page check is left out: it runs in a child process (pagecheck.go),
// whose crash is an answer and whose code the fuzzer cannot see, and it
// would cut the executions tenfold; TestDamagedPagesAreContained and the
// command line's damaged-file matrix run it. Nothing may panic or fault, and every
// error must be one of the model's codes for a bad file, never an
// internal error carrying bbolt's words. Crashers found become seeds in
// testdata/fuzz/FuzzOpenDamaged.
func FuzzOpenDamaged(f *testing.F) {
	clean, err := exampleDB()
	if err != nil {
		f.Fatal(err)
	}
	const page = 4096
	f.Add([]byte{})                                 // the undamaged file
	f.Add(edit(0, 0))                               // empty
	f.Add(edit(len(clean)/2, 0))                    // cut in half
	f.Add(edit(16, 0xff))                           // first meta page's magic
	f.Add(append(edit(16, 1), edit(page+16, 1)...)) // both meta pages
	f.Add(edit(page+56, 0x40))                      // second meta's root page number
	f.Add(edit(2*page+8, 0x10))                     // a page header's flags
	f.Add(append(edit(3*page+10, 0x7f), edit(5*page+200, 0x01)...))
	f.Add(append(edit(4*page+20, 0xff), edit(len(clean)-page, 0)...))
	f.Fuzz(func(t *testing.T, edits []byte) {
		if len(edits) > 4*64 {
			return
		}
		path := filepath.Join(t.TempDir(), "d.db")
		if err := os.WriteFile(path, damage(clean, edits), 0o600); err != nil {
			t.Fatal(err)
		}
		readDamaged(t, path)
	})
}

// readDamaged runs the reading paths of the commands on the file at path
// and fails t on an error that is not a model error for a bad file.
func readDamaged(t *testing.T, path string) {
	t.Helper()
	want := func(what string, err error) {
		t.Helper()
		switch model.ErrorCode(err) {
		case "", model.EDAMAGED, model.ENEWER, model.ENOTFOUND:
		default:
			t.Errorf("%s: %v (code %s)", what, err, model.ErrorCode(err))
		}
	}
	db, err := Open(path, &Options{NoAutoBackup: true, Timeout: backupOpenLimit})
	if err != nil {
		want("open", err)
		return
	}
	defer db.Close()
	_, err = db.CheckContents(ctx)
	want("check", err)
	_, err = db.Stats(ctx)
	want("stats", err)
	svc := db.Services()
	p, err := svc.Contacts.List(ctx, model.Filter{})
	want("list contacts", err)
	for _, s := range p.Items {
		_, err := svc.Contacts.Get(ctx, s.ID)
		want("get", err)
	}
	_, err = svc.Meetings.List(ctx, model.Filter{})
	want("list meetings", err)
	_, err = svc.Projects.List(ctx, model.Filter{})
	want("list projects", err)
	// The search index loads or rebuilds in the background; Close would
	// stop it early, so wait for it: its reading of the damaged buckets is
	// a reading path too (a damaged document number once grew its table to
	// gigabytes, only when the load won the race against Close).
	db.indexing.Wait()
}
