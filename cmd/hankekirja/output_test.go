package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportsNeverHitTheDatabase: every export refuses the open database
// and its backups folder as --out, leaving the file as it was; a missing
// folder is an error; what is written is readable by its owner only.
func TestExportsNeverHitTheDatabase(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	ok(t, path, "backup", filepath.Join(filepath.Dir(path), "copy.bak"))
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := sum()
	backups := filepath.Join(filepath.Dir(path), "backups")
	os.MkdirAll(backups, 0o700)
	for _, out := range []string{path, filepath.Join(backups, "contacts.csv")} {
		for _, args := range [][]string{
			{"export", "csv", "contacts", "--out", out},
			{"export", "vcard", "--out", out},
		} {
			r := hk(t, path, nil, args...)
			wantFailure(t, r, "is the database or one of its backups")
		}
	}
	if sum() != before {
		t.Fatal("an export changed the database")
	}
	r := hk(t, path, nil, "export", "csv", "contacts", "--out", filepath.Join(t.TempDir(), "missing", "c.csv"))
	wantFailure(t, r, "does not exist")
	out := filepath.Join(t.TempDir(), "c.csv")
	if got := ok(t, path, "export", "csv", "contacts", "--out", out); !strings.Contains(got, out) {
		t.Errorf("export printed %q", got)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("exported file: %v, %v", fi, err)
	}
}

// TestCounterAcrossWrites counts a token split between two writes once.
func TestCounterAcrossWrites(t *testing.T) {
	var buf bytes.Buffer
	c := &counter{w: &buf, token: []byte("BEGIN:VCARD\r\n")}
	text := strings.Repeat("BEGIN:VCARD\r\nFN:X\r\nEND:VCARD\r\n", 5)
	for i := 0; i < len(text); i += 7 {
		c.Write([]byte(text[i:min(i+7, len(text))]))
	}
	if c.n != 5 || buf.String() != text {
		t.Errorf("counted %d, want 5", c.n)
	}
}

// TestBackupOfADamagedDatabase: backup refuses to copy a damaged database
// (the copy would be no backup) unless --force, and says so.
func TestBackupOfADamagedDatabase(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`"last_name":"`))
	if i < 0 {
		t.Fatal("no contact in the file")
	}
	b[i+1] = 0x01 // the record's JSON no longer reads
	os.WriteFile(path, b, 0o600)
	out := filepath.Join(t.TempDir(), "copy.bak")
	r := hk(t, path, nil, "backup", out)
	if r.status != exitFailure || !strings.Contains(r.stderr, "is damaged, so its copy would be no backup") {
		t.Errorf("backup of a damaged database: status %d, stderr %q", r.status, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the refused backup left a file")
	}
	r = hk(t, path, nil, "backup", "--force", out)
	if r.status != exitOK || !strings.Contains(r.stderr, "copy of a damaged database") {
		t.Errorf("backup --force: status %d, stderr %q", r.status, r.stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error("backup --force wrote nothing")
	}
}
