package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/store"
)

// result is what one run of the command line did.
type result struct {
	status         int
	stdout, stderr string
}

// hk runs the command line on the database at path with the environment
// env (no locale: English) and returns what it did.
func hk(t *testing.T, path string, env map[string]string, args ...string) result {
	t.Helper()
	getenv := func(name string) string {
		if name == "HANKEKIRJA_DB" && path != "" {
			return path
		}
		return env[name]
	}
	var stdout, stderr bytes.Buffer
	status := run(args, strings.NewReader(""), &stdout, &stderr, getenv)
	return result{status, stdout.String(), stderr.String()}
}

// ok runs the command line and fails the test unless it succeeds.
func ok(t *testing.T, path string, args ...string) string {
	t.Helper()
	r := hk(t, path, nil, args...)
	if r.status != exitOK {
		t.Fatalf("%v: status %d, stderr %q", args, r.status, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("%v: stderr %q", args, r.stderr)
	}
	return r.stdout
}

// wantFailure checks for exit status 1 and exactly one line on stderr.
func wantFailure(t *testing.T, r result, contains string) {
	t.Helper()
	if r.status != exitFailure {
		t.Errorf("status = %d, want %d (stderr %q)", r.status, exitFailure, r.stderr)
	}
	if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr has %d lines, want one: %q", n, r.stderr)
	}
	if !strings.Contains(r.stderr, contains) {
		t.Errorf("stderr = %q, want it to contain %q", r.stderr, contains)
	}
	for _, bad := range []string{"panic", "goroutine"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr shows a %s: %q", bad, r.stderr)
		}
	}
}

func tempDB(t *testing.T) string {
	return filepath.Join(t.TempDir(), "hankekirja.db")
}

// records decodes a JSON array printed by list --json.
func records(t *testing.T, out string) []map[string]any {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	return items
}

func TestVersion(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	out := ok(t, path, "version")
	if got, want := out, "hankekirja dev\n"; got != want {
		t.Errorf("version = %q, want %q", got, want)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("version created or opened the database: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	for _, args := range [][]string{
		{"frobnicate"},
		{"--nope"},
		{"--db"},
		{"list"},
		{"list", "widgets"},
		{"list", "projects", "extra"},
		{"list", "projects", "--nope"},
		{"list", "projects", "--filter"},
		{"show"},
		{"show", "project"},
		{"show", "gadget", "1"},
		{"check", "extra"},
		{"stats", "--verbose"},
		{"version", "extra"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			r := hk(t, path, nil, args...)
			if r.status != exitUsage {
				t.Errorf("status = %d, want %d (stderr %q)", r.status, exitUsage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "hankekirja: ") || !strings.HasPrefix(lines[1], "Usage: ") {
				t.Errorf("stderr = %q, want the error and the short usage", r.stderr)
			}
		})
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a usage error opened the database")
	}
}

func TestUsageErrorInFinnish(t *testing.T) {
	t.Parallel()
	r := hk(t, tempDB(t), map[string]string{"LANG": "fi_FI.UTF-8"}, "frobnicate")
	if r.status != exitUsage || !strings.Contains(r.stderr, "tuntematon alikomento frobnicate") || !strings.Contains(r.stderr, "Käyttö:") {
		t.Errorf("status %d, stderr %q", r.status, r.stderr)
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"list", "-h"}} {
		r := hk(t, tempDB(t), nil, args...)
		if r.status != exitOK || !strings.Contains(r.stdout, "Usage: hankekirja") || !strings.Contains(r.stdout, "list KIND") {
			t.Errorf("%v: status %d, stdout %q, stderr %q", args, r.status, r.stdout, r.stderr)
		}
	}
}

// Not parallel: it changes runGUI.
func TestNoSubcommand(t *testing.T) {
	old := runGUI
	defer func() { runGUI = old }()
	runGUI = nil
	r := hk(t, tempDB(t), nil)
	if r.status != exitOK || !strings.Contains(r.stdout, "graphical interface is not built") {
		t.Errorf("status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	r = hk(t, tempDB(t), map[string]string{"LC_ALL": "fi_FI.UTF-8"})
	if r.status != exitOK || !strings.Contains(r.stdout, "Graafista käyttöliittymää") {
		t.Errorf("Finnish: status %d, stdout %q", r.status, r.stdout)
	}
}

// Not parallel: it changes runGUI.
func TestPanicIsReported(t *testing.T) {
	old := runGUI
	defer func() { runGUI = old }()
	runGUI = func(path string) int { panic("boom") }
	r := hk(t, tempDB(t), map[string]string{"DISPLAY": ":0"})
	wantFailure(t, r, "internal error")
}

// Not parallel: it changes runGUI.
func TestNoDisplayIsSaid(t *testing.T) {
	old := runGUI
	defer func() { runGUI = old }()
	runGUI = func(string) int { t.Error("the window was started without a display"); return 0 }
	r := hk(t, tempDB(t), map[string]string{"LC_ALL": "fi_FI.UTF-8"})
	wantFailure(t, r, "Näyttöä ei löytynyt")
	if strings.Contains(r.stderr, "GLFW") {
		t.Errorf("stderr %q names the driver", r.stderr)
	}
	for _, goos := range []string{"windows", "darwin"} {
		if !hasDisplay(goos, func(string) string { return "" }) {
			t.Errorf("%s has no display", goos)
		}
	}
	if !hasDisplay("linux", func(k string) string { return map[string]string{"WAYLAND_DISPLAY": "wayland-0"}[k] }) {
		t.Error("Wayland alone is not a display")
	}
}

func TestListMunicipalitiesJSON(t *testing.T) {
	t.Parallel()
	items := records(t, ok(t, tempDB(t), "list", "municipalities", "--json"))
	if len(items) != 308 {
		t.Fatalf("%d municipalities, want 308", len(items))
	}
	codes := map[string]bool{}
	for _, m := range items {
		id, _ := m["id"].(string)
		name, _ := m["name"].(string)
		code, _ := m["code"].(string)
		if id == "" || name == "" || len(code) != 3 {
			t.Fatalf("entry lacks id, name or code: %v", m)
		}
		if _, err := model.ParseID(id); err != nil {
			t.Errorf("id %q: %v", id, err)
		}
		codes[code] = true
	}
	if len(codes) != 308 || !codes["091"] || !codes["106"] {
		t.Errorf("%d distinct codes; 091 %v, 106 %v", len(codes), codes["091"], codes["106"])
	}
	if items[0]["name"] != "Akaa" {
		t.Errorf("first is %v, want Akaa (Finnish order)", items[0]["name"])
	}
	if names, _ := items[0]["names"].(map[string]any); names["fi"] != "Akaa" {
		t.Errorf("names = %v, want the three-language names", items[0]["names"])
	}
}

func TestListFilter(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	for _, args := range [][]string{
		{"list", "municipalities", "--filter", "hyvin"},
		{"list", "--filter=hyvin", "municipality"},
		{"--db", path, "list", "kunnat", "--filter", "HYVIN"},
	} {
		out := ok(t, path, args...)
		if !strings.Contains(out, "Hyvinkää") {
			t.Errorf("%v: %q does not list Hyvinkää", args, out)
		}
		if strings.Contains(out, "Helsinki") {
			t.Errorf("%v: %q lists Helsinki", args, out)
		}
		id := model.MunicipalityID("106").String()
		if !strings.HasPrefix(out, id+"  Hyvinkää") {
			t.Errorf("%v: %q, want the ID and the name in columns", args, out)
		}
	}
	if out := ok(t, path, "list", "projects"); out != "" {
		t.Errorf("projects of a new database: %q", out)
	}
	if items := records(t, ok(t, path, "list", "contacts", "--json")); len(items) != 0 {
		t.Errorf("contacts of a new database: %v", items)
	}
}

func TestListAllMunicipalities(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	all := records(t, ok(t, path, "list", "municipalities", "--all", "--json"))
	if len(all) <= 308 {
		t.Fatalf("--all gives %d, want the former municipalities too", len(all))
	}
	former := records(t, ok(t, path, "list", "municipalities", "--all", "--json", "--filter", "hauho"))
	if len(former) != 1 || former[0]["name"] != "Hauho" {
		t.Errorf("--all --filter hauho = %v", former)
	}
	if out := ok(t, path, "list", "municipalities", "--filter", "hauho"); out != "" {
		t.Errorf("a former municipality is listed without --all: %q", out)
	}
}

func TestShowMunicipality(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	out := ok(t, path, "show", "municipality", "091")
	for _, want := range []string{"Name:", "Helsinki", "Helsingfors", "Municipality code:", "091", model.MunicipalityID("091").String()} {
		if !strings.Contains(out, want) {
			t.Errorf("show 091 lacks %q:\n%s", want, out)
		}
	}
	out = ok(t, path, "show", "municipalities", "Hauho")
	if !strings.Contains(out, "Hämeenlinna") || !strings.Contains(out, "109") {
		t.Errorf("show Hauho does not show Hämeenlinna:\n%s", out)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(ok(t, path, "show", "municipality", "Hauho", "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if m["code"] != "109" || m["name"] != "Hämeenlinna" {
		t.Errorf("show --json Hauho = %v", m)
	}
	r := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "show", "kunta", "Hyvinkää")
	if r.status != exitOK || !strings.Contains(r.stdout, "Nimi:") || !strings.Contains(r.stdout, "Kuntanumero:") || !strings.Contains(r.stdout, "Keski-Uudenmaan") {
		t.Errorf("show in Finnish: status %d\n%s%s", r.status, r.stdout, r.stderr)
	}
}

func TestCheckFresh(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	if out := ok(t, path, "check"); out != "OK\n" {
		t.Errorf("check = %q, want OK", out)
	}
	r := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "check")
	if r.status != exitOK || r.stdout != "kunnossa\n" {
		t.Errorf("check in Finnish: %d %q", r.status, r.stdout)
	}
}

func TestCheckReportsProblems(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	db, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Overwrite whatever the file keeps under Hyvinkää's ID, behind the
	// store's back, with something that does not decode.
	id := model.MunicipalityID("106")
	err = db.Bolt().Update(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			var keys [][]byte
			b.ForEach(func(k, v []byte) error {
				if len(k) > 16 && bytes.HasPrefix(k, id[:]) || bytes.Equal(k, id[:]) && v != nil {
					keys = append(keys, bytes.Clone(k))
				}
				return nil
			})
			for _, k := range keys {
				if err := b.Put(k, []byte("{not json")); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := hk(t, path, nil, "check")
	if r.status != exitFailure {
		t.Errorf("status = %d, want %d", r.status, exitFailure)
	}
	if !strings.HasPrefix(r.stdout, "Problems in "+path) || !strings.Contains(r.stdout, id.String()) {
		t.Errorf("report = %q", r.stdout)
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	out := ok(t, path, "stats")
	for _, want := range []string{"Municipalities:", "Projects:", "In the trash:", "Revisions kept:", "File size:", "iB\n", path} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	var st store.Stats
	if err := json.Unmarshal([]byte(ok(t, path, "stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Records[model.KindMunicipality] < 308 || st.Size == 0 || st.Path != path {
		t.Errorf("stats --json = %+v", st)
	}
}

func TestDemoTwice(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	first := records(t, ok(t, path, "list", "projects", "--json"))
	if len(first) == 0 {
		t.Fatal("demo added no projects")
	}
	ok(t, path, "demo")
	second := records(t, ok(t, path, "list", "projects", "--json"))
	if len(second) != len(first) {
		t.Errorf("second demo changed the projects from %d to %d", len(first), len(second))
	}
	if out := ok(t, path, "check"); out != "OK\n" {
		t.Errorf("check after demo: %q", out)
	}
	// Every kind the demo fills can be shown by ID, as text and as JSON.
	for _, kind := range []string{"projects", "groups", "contacts", "organisations", "meetings"} {
		for _, rec := range records(t, ok(t, path, "list", kind, "--json")) {
			id := rec["id"].(string)
			if out := ok(t, path, "show", kind, id); !strings.Contains(out, id) {
				t.Errorf("show %s %s:\n%s", kind, id, out)
			}
			ok(t, path, "show", kind, id, "--json")
		}
	}
}

func TestMissingRecordInFinnish(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	id := model.NewID().String()
	r := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "show", "project", id)
	wantFailure(t, r, "ei löytynyt: hanke "+id)
	// LC_ALL comes before LANG.
	r = hk(t, path, map[string]string{"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}, "show", "project", id)
	wantFailure(t, r, "project "+id+" was not found")
	r = hk(t, path, map[string]string{"LC_MESSAGES": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"}, "show", "project", id)
	wantFailure(t, r, "projekt "+id+" hittades inte")
	r = hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "show", "municipality", "Atlantis")
	wantFailure(t, r, "ei löytynyt: kunta Atlantis")
}

// refusedUntouched checks that the command line refuses the file at path
// with one line and leaves it byte for byte as it was.
func refusedUntouched(t *testing.T, path string, contents []byte) {
	t.Helper()
	if err := os.WriteFile(path, contents, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list", "projects"}, {"check"}, {"stats"}} {
		r := hk(t, path, nil, args...)
		wantFailure(t, r, "is not a Hankekirja database or it is damaged")
		r = hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, args...)
		wantFailure(t, r, "ei ole Hankekirjan tietokanta")
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, contents) {
		t.Error("the file was changed")
	}
}

func TestDamagedFile(t *testing.T) {
	t.Parallel()
	garbage := bytes.Repeat([]byte("ei tietokanta \x00\xff\x13"), 5000)
	refusedUntouched(t, tempDB(t), garbage)
}

func TestEmptyFile(t *testing.T) {
	t.Parallel()
	refusedUntouched(t, tempDB(t), nil)
}

func TestLockedFile(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	db, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	r := hk(t, path, nil, "list", "projects")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v on a locked file", d)
	}
	wantFailure(t, r, "is already open in another Hankekirja window or program")
	r = hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "check")
	wantFailure(t, r, "on jo auki")
}

// TestBinary builds the real program and runs it as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "hankekirja")
	build := exec.Command("go", "build", "-o", bin, "-ldflags", "-X main.version=1.2.3-test", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	path := filepath.Join(dir, "h.db")
	cmd := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Env = append(os.Environ(), "HANKEKIRJA_DB="+path, "LC_ALL=C")
		return c
	}
	out, err := cmd("version").Output()
	if err != nil || string(out) != "hankekirja 1.2.3-test\n" {
		t.Errorf("version: %q, %v", out, err)
	}
	out, err = cmd("list", "municipalities", "--json").Output()
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	if items := records(t, string(out)); len(items) != 308 {
		t.Errorf("binary lists %d municipalities, want 308", len(items))
	}
	// Fyne reads the locale before main; under C.UTF-8 it used to log three
	// lines of "Error parsing user locale C" before every command's output.
	for _, locale := range []string{"C", "C.UTF-8", "C.utf8", "POSIX.UTF-8", ""} {
		for _, args := range [][]string{{"stats"}, {"show", "project", "nosuch"}} {
			c := exec.Command(bin, args...)
			c.Env = append(withoutLocale(os.Environ()), "HANKEKIRJA_DB="+path, "LANG="+locale)
			var stderr bytes.Buffer
			c.Stderr = &stderr
			err := c.Run()
			want := 0
			if args[0] == "show" {
				want = 1
			}
			if c.ProcessState.ExitCode() != want {
				t.Errorf("LANG=%q %v: %v", locale, args, err)
			}
			if n := strings.Count(stderr.String(), "\n"); n != want {
				t.Errorf("LANG=%q %v: stderr has %d lines, want %d: %q", locale, args, n, want, stderr.String())
			}
		}
	}
	c := cmd("frobnicate")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	err = c.Run()
	if exit, isExit := err.(*exec.ExitError); !isExit || exit.ExitCode() != exitUsage {
		t.Errorf("frobnicate: %v, stderr %q", err, stderr.String())
	}
}

// withoutLocale drops the locale variables from an environment.
func withoutLocale(env []string) []string {
	var out []string
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		switch name {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
			continue
		}
		out = append(out, e)
	}
	return out
}
