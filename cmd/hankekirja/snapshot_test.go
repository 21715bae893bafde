package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

func init() {
	// A test must never wait for a person at the terminal.
	openTerminal = func() (*os.File, error) { return nil, errors.New("no terminal in tests") }
}

// runIn runs the command line with stdin and the environment env.
func runIn(t *testing.T, path, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	getenv := func(name string) string {
		if name == "HANKEKIRJA_DB" {
			return path
		}
		return env[name]
	}
	var stdout, stderr bytes.Buffer
	status := run(args, strings.NewReader(stdin), &stdout, &stderr, getenv)
	return result{status, stdout.String(), stderr.String()}
}

// statsOf returns the stats of a database as printed by stats --json.
func statsOf(t *testing.T, path string) string {
	t.Helper()
	out := ok(t, path, "stats", "--json")
	// The path and the size differ between copies.
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.Contains(l, `"path"`) && !strings.Contains(l, `"size_bytes"`) && !strings.Contains(l, `"device"`) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ok(t, a, "demo")
	file := filepath.Join(dir, "kaikki.hankekirja")
	out := ok(t, a, "export", "snapshot", "--out", file)
	if !strings.Contains(out, "Snapshot written to "+file) {
		t.Errorf("export said %q", out)
	}
	out = ok(t, b, "import", file, "--dry-run")
	for _, want := range []string{"To add (", "Dry run: nothing was changed."} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if list, _ := store.ListBackups(b); len(list) != 0 {
		t.Errorf("a dry run made a backup: %v", list)
	}
	if got := ok(t, b, "list", "projects"); strings.Contains(got, "KUUMA") {
		t.Errorf("the dry run imported projects:\n%s", got)
	}
	out = ok(t, b, "import", file)
	if !strings.Contains(out, "Imported. A backup from before the import is at ") {
		t.Errorf("import said %q", out)
	}
	if sa, sb := statsOf(t, a), statsOf(t, b); sa != sb {
		t.Errorf("stats differ after import:\nA %s\nB %s", sa, sb)
	}
	out = ok(t, b, "import", file)
	if !strings.Contains(out, "Nothing to import") {
		t.Errorf("second import said %q", out)
	}
	ok(t, b, "check")
	// Exported again from B, the content is the same.
	again := filepath.Join(dir, "again.hankekirja")
	ok(t, b, "export", "snapshot", "--out", again)
	x, _ := os.ReadFile(file)
	y, _ := os.ReadFile(again)
	if i, j := bytes.IndexByte(x, '\n'), bytes.IndexByte(y, '\n'); !bytes.Equal(x[i:], y[j:]) {
		t.Error("export → import → export changed the content")
	}
}

func TestSnapshotEncrypted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ok(t, a, "demo")
	file := filepath.Join(dir, "salattu.hankekirja")
	env := map[string]string{"HANKEKIRJA_PASSPHRASE": "oikea hevonen patteri niitti"}
	if r := runIn(t, a, "", env, "export", "snapshot", "--out", file, "--encrypt"); r.status != exitOK {
		t.Fatalf("export: %d %s", r.status, r.stderr)
	}
	data, _ := os.ReadFile(file)
	if !bytes.HasPrefix(data, []byte("age-encryption.org/v1\n")) || bytes.Contains(data, []byte("KUUMA")) {
		t.Fatal("the file is not an age file, or shows its content")
	}
	wantFailure(t, runIn(t, b, "", map[string]string{"HANKEKIRJA_PASSPHRASE": "väärä"}, "import", file), "wrong passphrase")
	wantFailure(t, runIn(t, b, "", nil, "import", file), "HANKEKIRJA_PASSPHRASE")
	// Flip a byte near the end: authentication fails, nothing imported.
	bad := bytes.Clone(data)
	bad[len(bad)-20] ^= 1
	badFile := filepath.Join(dir, "bad.hankekirja")
	os.WriteFile(badFile, bad, 0o600)
	wantFailure(t, runIn(t, b, "", env, "import", badFile), "damaged")
	os.WriteFile(badFile, data[:len(data)-100], 0o600)
	wantFailure(t, runIn(t, b, "", env, "import", badFile), "incomplete")
	if got := ok(t, b, "list", "projects"); strings.Contains(got, "KUUMA") {
		t.Fatalf("a failed import left projects behind:\n%s", got)
	}
	if r := runIn(t, b, "", env, "import", file); r.status != exitOK {
		t.Fatalf("import: %d %s", r.status, r.stderr)
	}
	if sa, sb := statsOf(t, a), statsOf(t, b); sa != sb {
		t.Errorf("stats differ after import:\nA %s\nB %s", sa, sb)
	}
}

func TestSnapshotRejected(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ok(t, a, "demo")
	file := filepath.Join(dir, "s.hankekirja")
	ok(t, a, "export", "snapshot", "--out", file)
	data, _ := os.ReadFile(file)
	before := statsOf(t, b)

	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	tampered := bytes.Clone(data)
	i := bytes.Index(tampered, []byte("KUUMA"))
	tampered[i] = 'X'
	wantFailure(t, hk(t, b, nil, "import", write("t.hankekirja", tampered)), "checksum")
	wantFailure(t, hk(t, b, nil, "import", write("c.hankekirja", data[:len(data)/2])), "incomplete")
	future := bytes.Replace(data, []byte(`"version":3`), []byte(`"version":4`), 1)
	wantFailure(t, hk(t, b, nil, "import", write("f.hankekirja", future)), "format version 4")
	if got := statsOf(t, b); got != before {
		t.Errorf("a rejected import changed the database:\n%s\n%s", before, got)
	}
	// The export refuses to overwrite a file that is not a snapshot.
	other := write("notes.txt", []byte("my notes"))
	wantFailure(t, hk(t, a, nil, "export", "snapshot", "--out", other), "not a snapshot")
	if got, _ := os.ReadFile(other); string(got) != "my notes" {
		t.Error("the export overwrote another file")
	}
	if r := hk(t, a, nil, "export", "snapshot"); r.status != exitUsage {
		t.Errorf("export without --out: status %d", r.status)
	}
}

func TestSnapshotProject(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ok(t, a, "demo")
	projects := records(t, ok(t, a, "list", "projects", "--json"))
	if len(projects) < 2 {
		t.Fatalf("demo has %d projects", len(projects))
	}
	id := projects[0]["id"].(string)
	name := projects[0]["name"].(string)
	file := filepath.Join(dir, "p.hankekirja")
	ok(t, a, "export", "snapshot", "--out", file, "--project", id)
	out := ok(t, b, "import", file)
	if !strings.Contains(out, "project "+name) {
		t.Errorf("preview does not name the project %q:\n%s", name, out)
	}
	got := records(t, ok(t, b, "list", "projects", "--json"))
	found := false
	for _, p := range got {
		if p["id"] == id {
			found = true
		}
	}
	if !found || len(got) >= len(projects) {
		t.Errorf("B has projects %v, want %s and not all of A's", got, name)
	}
	ok(t, b, "check")
}

func TestBackupAndRestore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	ok(t, db, "demo")
	copyPath := filepath.Join(dir, "copy.db")
	if out := ok(t, db, "backup", copyPath); !strings.Contains(out, copyPath) {
		t.Errorf("backup said %q", out)
	}
	wantFailure(t, hk(t, db, nil, "backup", copyPath), "exists already")
	demoStats := statsOf(t, db)

	// Change the database, then restore the copy.
	other := filepath.Join(dir, "empty.db")
	ok(t, other, "stats")
	file := filepath.Join(dir, "s.hankekirja")
	ok(t, other, "export", "snapshot", "--out", file)
	// Answering no (or nothing) restores nothing.
	for _, answer := range []string{"n\n", ""} {
		r := runIn(t, db, answer, nil, "restore", other)
		if r.status != exitFailure || !strings.Contains(r.stdout, "Nothing was restored") {
			t.Errorf("restore answered %q: %d %q %q", answer, r.status, r.stdout, r.stderr)
		}
	}
	if got := statsOf(t, db); got != demoStats {
		t.Fatal("restore changed the database without a yes")
	}
	r := runIn(t, db, "y\n", nil, "restore", other)
	if r.status != exitOK || !strings.Contains(r.stdout, "Replace the database") || !strings.Contains(r.stdout, "The replaced database was kept as") {
		t.Fatalf("restore: %d %q %q", r.status, r.stdout, r.stderr)
	}
	if got := statsOf(t, db); got == demoStats {
		t.Error("restore did not replace the database")
	}
	// The replaced file is a backup; restoring it brings the demo back.
	list, err := store.ListBackups(db)
	if err != nil || len(list) == 0 {
		t.Fatalf("ListBackups = %v, %v", list, err)
	}
	var replaced string
	for _, b := range list {
		if b.Reason == model.BackupRestore {
			replaced = b.Path
		}
	}
	if replaced == "" {
		t.Fatalf("no restore backup among %v", list)
	}
	out := ok(t, db, "backups")
	for _, want := range []string{"replaced by a restore", filepath.Base(replaced)} {
		if !strings.Contains(out, want) {
			t.Errorf("backups lacks %q:\n%s", want, out)
		}
	}
	ok(t, db, "restore", replaced, "--yes")
	if got := statsOf(t, db); got != demoStats {
		t.Errorf("restoring the replaced file did not bring the demo back:\n%s\n%s", demoStats, got)
	}
	ok(t, db, "check")
	wantFailure(t, hk(t, db, nil, "restore", file, "--yes"), "not a Hankekirja database")
}

// TestSnapshotConflictsOnCommandLine: without a person to ask, the fields
// both sides changed keep this database's value; --theirs takes theirs.
func TestSnapshotConflictsOnCommandLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ok(t, a, "demo")
	file := filepath.Join(dir, "s.hankekirja")
	ok(t, a, "export", "snapshot", "--out", file)
	ok(t, b, "import", file)
	contacts := records(t, ok(t, a, "list", "contacts", "--json"))
	id, _ := model.ParseID(contacts[0]["id"].(string))
	retitle := func(path, title string) {
		db, err := store.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		c, err := db.Services().Contacts.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		c.JobTitle = title
		if err := db.Services().Contacts.Update(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	retitle(a, "meidän nimike")
	retitle(b, "heidän nimike")
	theirs := filepath.Join(dir, "b.hankekirja")
	ok(t, b, "export", "snapshot", "--out", theirs)

	out := ok(t, a, "import", theirs, "--dry-run")
	for _, want := range []string{"Changed on both sides (1):", "mine meidän nimike | theirs heidän nimike → mine", "Dry run"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	out = ok(t, a, "import", theirs, "--dry-run", "--theirs")
	if !strings.Contains(out, "→ theirs") {
		t.Errorf("--theirs preview:\n%s", out)
	}
	ok(t, a, "import", theirs)
	if got := ok(t, a, "show", "contact", id.String()); !strings.Contains(got, "meidän nimike") {
		t.Errorf("the import did not keep A's title:\n%s", got)
	}
	ok(t, b, "import", file) // nothing new for B: A's snapshot is older
	// After B changes again, --theirs takes B's value.
	retitle(b, "heidän uusi nimike")
	ok(t, b, "export", "snapshot", "--out", theirs)
	ok(t, a, "import", theirs, "--theirs")
	if got := ok(t, a, "show", "contact", id.String()); !strings.Contains(got, "heidän uusi nimike") {
		t.Errorf("--theirs did not take B's title:\n%s", got)
	}
	ok(t, a, "check")
}
