package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/store"
)

// TestOpenProblemsShowADialog: a database that is open elsewhere or damaged
// is explained in a dialog, the window keeps the database it had, and the
// damaged file is left as it was.
func TestOpenProblemsShowADialog(t *testing.T) {
	u := newTestUI(t)
	before := u.db.Path()

	locked := filepath.Join(t.TempDir(), "toinen.db")
	other, err := store.Open(locked, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := u.OpenDatabase(locked); err == nil {
		t.Fatal("a locked database opened")
	}
	if text := screenText(u); !strings.Contains(text, "on jo auki") {
		t.Fatalf("no 'already open' dialog:\n%s", text)
	}
	if u.db.Path() != before {
		t.Fatal("the window let go of its database")
	}

	damaged := filepath.Join(t.TempDir(), "rikki.db")
	junk := []byte(strings.Repeat("ei tietokanta\n", 500))
	os.WriteFile(damaged, junk, 0o600)
	if err := u.OpenDatabase(damaged); err == nil {
		t.Fatal("a damaged file opened")
	}
	if got, _ := os.ReadFile(damaged); string(got) != string(junk) {
		t.Fatal("the damaged file was changed")
	}
	if text := screenText(u); !strings.Contains(text, "rikki.db") {
		t.Fatalf("no dialog naming the damaged file:\n%s", text)
	}
}
