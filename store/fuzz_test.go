package store

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/model"
)

// exampleDB is a database holding the example data, made once per test
// process: the file every fuzz input damages.
var exampleDB = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "hankekirja-fuzz")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "example.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		return nil, err
	}
	if _, err := demo.Load(ctx, db.Services()); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

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
}
