package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportICS imports an Outlook invitation into the example data's
// steering group: with --group it becomes a planned meeting, again it
// changes nothing; a calendar whose group cannot be told asks for one.
func TestImportICS(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	ok(t, db, "demo")
	data, err := os.ReadFile(filepath.Join("..", "..", "calendar", "testdata", "outlook-request-fi.ics"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "kutsu.ics")
	os.WriteFile(file, data, 0o644)
	groups := ok(t, db, "list", "groups")
	first := strings.TrimSpace(strings.SplitN(groups, "\n", 2)[0])
	id := strings.Fields(first)[0]
	before := ok(t, db, "list", "meetings")
	out := ok(t, db, "import", file, "--group", id)
	if !strings.Contains(out, "adds “Ohjausryhmän kokous 18.11.2026”") || !strings.Contains(out, "a new contact for the attendee maija.uusi@example.fi") {
		t.Errorf("import:\n%s", out)
	}
	after := ok(t, db, "list", "meetings")
	if strings.Count(after, "\n") != strings.Count(before, "\n")+1 || !strings.Contains(after, "18.11.2026") {
		t.Errorf("meetings before:\n%s\nafter:\n%s", before, after)
	}
	out = ok(t, db, "import", file, "--group", id, "--dry-run")
	if !strings.Contains(out, "to add 0, to update 0") {
		t.Errorf("again:\n%s", out)
	}
	other := filepath.Join(t.TempDir(), "google.ics")
	g, _ := os.ReadFile(filepath.Join("..", "..", "calendar", "testdata", "google-calendar-alarms.ics"))
	os.WriteFile(other, g, 0o644)
	r := hk(t, db, nil, "import", other)
	if r.status != exitFailure || !strings.Contains(r.stderr, "--group") {
		t.Errorf("without a group: status %d, stderr %q", r.status, r.stderr)
	}
}
