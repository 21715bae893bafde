package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/model"
)

var ctx = context.Background()

// testKDF is a cheap Argon2id setting, for tests only: a real file uses
// DefaultKDF.
var testKDF = KDFParams{Time: 1, Memory: 64, Threads: 1}

// HANKEKIRJA_TEST_ENCRYPT=1 runs the whole suite against encrypted
// stores: every new file gets a data key (make test does this once).
func init() {
	if os.Getenv("HANKEKIRJA_TEST_ENCRYPT") == "1" {
		testEncryption = &Encryption{Passphrase: []byte("test passphrase"), KDF: testKDF}
	}
}

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

// skipIfEncrypted skips a test that reads or changes the file's bytes
// where only a plain file has them in the clear.
func skipIfEncrypted(t testing.TB, why string) {
	t.Helper()
	if testEncryption != nil {
		t.Skip("encrypted store: " + why)
	}
}
