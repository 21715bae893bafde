package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGen(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "archive.db")
	r := hk(t, "", nil, "gen", "--contacts", "100", "--meetings", "20", "--seed", "3", "--out", out)
	if r.status != exitOK {
		t.Fatalf("gen: status %d, stderr %q", r.status, r.stderr)
	}
	if !strings.Contains(r.stderr, "gen: ") || !strings.Contains(r.stderr, "(100 %)") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}
	for _, want := range []string{"Archive written to " + out, "Contacts:", "100", "Meetings:", "20", "File size:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	if got := strings.TrimSpace(ok(t, out, "check")); got != "OK" {
		t.Errorf("check: %q", got)
	}
	var contacts, meetings []map[string]any
	json.Unmarshal([]byte(ok(t, out, "list", "contacts", "--json")), &contacts)
	json.Unmarshal([]byte(ok(t, out, "list", "meetings", "--json")), &meetings)
	if len(contacts) != 100 || len(meetings) != 20 {
		t.Errorf("%d contacts and %d meetings, want 100 and 20", len(contacts), len(meetings))
	}

	// An existing file is never overwritten.
	before, _ := os.Stat(out)
	r = hk(t, "", nil, "gen", "--contacts", "100", "--meetings", "20", "--out", out)
	wantFailure(t, r, "exists already")
	if after, _ := os.Stat(out); after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("gen changed the existing file")
	}
	if r := hk(t, "", nil, "gen", "--contacts", "100"); r.status != exitUsage {
		t.Errorf("gen without --out: status %d", r.status)
	}
}

func TestHelpListsGen(t *testing.T) {
	t.Parallel()
	r := hk(t, tempDB(t), nil, "help")
	i, j := strings.Index(r.stdout, "gen [--contacts N]"), strings.Index(r.stdout, "KIND: projects")
	if i < 0 || j < i {
		t.Errorf("help lists no gen before the closing paragraph:\n%s", r.stdout)
	}
}
