package store

import (
	"context"
	"path/filepath"
	"testing"

	"hankekirja/model"
)

var ctx = context.Background()

// openTestDB opens a new database in a temporary directory and, when the
// test ends, checks it for consistency and closes it.
func openTestDB(t testing.TB) (*DB, model.Services) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db, db.Services()
}

func mustCreate[T any](t testing.TB, svc model.Service[T], r *T) *T {
	t.Helper()
	if err := svc.Create(ctx, r); err != nil {
		t.Fatalf("Create: %v", err)
	}
	return r
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := model.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}
