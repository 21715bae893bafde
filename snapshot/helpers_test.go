package snapshot

import (
	"context"
	"path/filepath"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

func init() {
	// A quick scrypt for tests; the format is the same.
	workFactor = 10
}

// testDB opens a new database in a temporary directory and checks its
// consistency when the test ends.
func testDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		checkDB(t, db)
		db.Close()
	})
	return db
}

func checkDB(t testing.TB, db *store.DB) {
	t.Helper()
	problems, err := db.Check(ctx)
	if err != nil {
		t.Errorf("Check: %v", err)
	}
	for _, p := range problems {
		t.Errorf("Check: %s", p)
	}
}

func create[T any](t testing.TB, svc model.Service[T], r *T) *T {
	t.Helper()
	if err := svc.Create(ctx, r); err != nil {
		t.Fatalf("Create: %v", err)
	}
	return r
}

func get[T any](t testing.TB, svc model.Service[T], id model.ID) *T {
	t.Helper()
	r, err := svc.Get(ctx, id)
	if err != nil {
		t.Fatalf("Get %s: %v", id, err)
	}
	return r
}

func update[T any](t testing.TB, svc model.Service[T], id model.ID, change func(*T)) {
	t.Helper()
	r := get(t, svc, id)
	change(r)
	if err := svc.Update(ctx, r); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// export writes a plaintext snapshot of everything in db.
func export(t testing.TB, db *store.DB) []byte {
	t.Helper()
	data, _, err := Export(ctx, db, ExportOptions{AppVersion: "test"})
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return data
}

// plan reads data and plans its import into db.
func plan(t testing.TB, db *store.DB, data []byte) *Plan {
	t.Helper()
	s, err := Read(data, "")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	p, err := MakePlan(ctx, db, s, nil)
	if err != nil {
		t.Fatalf("MakePlan: %v", err)
	}
	return p
}

// importAll plans and applies data with the default choices.
func importAll(t testing.TB, db *store.DB, data []byte) (*Plan, Result) {
	t.Helper()
	p := plan(t, db, data)
	if err := p.Check(ctx, db); err != nil {
		t.Fatalf("Check plan: %v", err)
	}
	res, err := Apply(ctx, db, p)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	checkDB(t, db)
	return p, res
}

func titles(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}
