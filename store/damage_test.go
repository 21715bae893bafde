package store

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// TestDamagedPagesAreContained flips bytes in the data pages of a database
// (the example data with history), zeroes whole pages and truncates it, and
// reads everything through the store: whatever the damage, every call
// returns (no panic, no fault reaches the test) and every error is
// EDAMAGED, never an internal error with bbolt's words.
func TestDamagedPagesAreContained(t *testing.T) {
	src, err := os.ReadFile("testdata/schema1.db")
	if err != nil {
		t.Fatal(err)
	}
	// Migrate once, so the damage hits today's layout.
	good := filepath.Join(t.TempDir(), "good.db")
	os.WriteFile(good, src, 0o600)
	db, err := Open(good, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	clean, _ := os.ReadFile(good)
	const page = 4096
	damages := map[string]func(b []byte, r *rand.Rand) []byte{
		"flipped bytes": func(b []byte, r *rand.Rand) []byte {
			for range 1 + r.IntN(8) {
				i := 2*page + r.IntN(len(b)-2*page)
				b[i] ^= byte(1 + r.IntN(255))
			}
			return b
		},
		"zeroed page": func(b []byte, r *rand.Rand) []byte {
			p := 2 + r.IntN(len(b)/page-2)
			clear(b[p*page : (p+1)*page])
			return b
		},
		"page header garbage": func(b []byte, r *rand.Rand) []byte {
			p := 2 + r.IntN(len(b)/page-2)
			for i := range 16 {
				b[p*page+i] = byte(r.Uint32())
			}
			return b
		},
	}
	dir := t.TempDir()
	for name, damage := range damages {
		for seed := range uint64(40) {
			r := rand.New(rand.NewPCG(seed, 7))
			b := damage(append([]byte(nil), clean...), r)
			path := filepath.Join(dir, "d.db")
			os.Remove(path)
			os.WriteFile(path, b, 0o600)
			readEverything(t, name, seed, path)
		}
	}
}

// readEverything opens path and calls every reading method of the store,
// failing the test on any error that is not EDAMAGED.
func readEverything(t *testing.T, damage string, seed uint64, path string) {
	t.Helper()
	want := func(what string, err error) {
		t.Helper()
		if err != nil && model.ErrorCode(err) != model.EDAMAGED && model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("%s (seed %d): %s: %v (code %s)", damage, seed, what, err, model.ErrorCode(err))
		}
	}
	_, err := CheckPages(path)
	want("check pages", err)
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		want("open", err)
		return
	}
	defer db.Close()
	svc := db.Services()
	_, err = db.CheckContents(ctx)
	want("check", err)
	_, err = db.Stats(ctx)
	want("stats", err)
	_, err = svc.Queries.Trash(ctx)
	want("trash", err)
	_, err = svc.Queries.Search(ctx, "hämeenlinna", 10)
	want("search", err)
	p, err := svc.Contacts.List(ctx, model.Filter{})
	want("list", err)
	for _, s := range p.Items {
		_, err := svc.Contacts.Get(ctx, s.ID)
		want("get", err)
		_, err = svc.Contacts.History(ctx, s.ID)
		want("history", err)
	}
	_, err = svc.Meetings.List(ctx, model.Filter{Query: "kokous"})
	want("filter", err)
	err = db.ReadChains(ctx, nil, func(*model.Chain) error { return nil })
	want("chains", err)
}

// TestDamagedSearchDocumentNumber: a document number in the search index
// far beyond the bucket's sequence (a flipped byte in a key) makes the
// index be built again when it loads, instead of growing the in-memory
// document table to that size (at the top of the range, gigabytes: the
// fuzzer's worker was killed for it).
func TestDamagedSearchDocumentNumber(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, db.Services()); err != nil {
		t.Fatal(err)
	}
	<-db.SearchReady()
	db.Bolt().Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSearchDocs).Put(binary.BigEndian.AppendUint32(nil, 1<<26), make([]byte, 21))
	})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.indexing.Wait()
	db.search.mu.Lock()
	n, serr, ready := len(db.search.docs), db.search.err, db.search.ready
	db.search.mu.Unlock()
	if n > 1000 {
		t.Errorf("document table has %d entries for the example data", n)
	}
	if serr != nil || !ready {
		t.Errorf("index not built again: ready %v, error %v", ready, serr)
	}
	if hits := findIDs(t, db.Services(), "kotihoito"); len(hits) == 0 {
		t.Error("the rebuilt index finds nothing for kotihoito")
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
