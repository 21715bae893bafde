package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The fault tests run the command line in a child process, the test binary
// itself started with testMainEnv: a crash there (a memory fault, a panic
// that escapes) shows as the child's exit status and output instead of
// killing the test, and kill -9 can hit it. faultHelperEnv starts the
// kill -9 rounds' workers instead (kill_test.go). Neither exists in the
// shipped binary.
const (
	testMainEnv    = "HANKEKIRJA_TEST_MAIN"
	faultHelperEnv = "HANKEKIRJA_TEST_FAULT_HELPER"
)

func TestMain(m *testing.M) {
	if os.Getenv(testMainEnv) != "" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	if kind := os.Getenv(faultHelperEnv); kind != "" {
		os.Exit(faultHelper(kind, os.Args[1:]))
	}
	status := m.Run()
	for _, dir := range sharedDirs {
		os.RemoveAll(dir)
	}
	os.Exit(status)
}

// sharedDirs are the folders of files made once for several tests,
// removed when all have run.
var sharedDirs []string

// sharedDir makes a folder for files made once for several tests.
func sharedDir(pattern string) (string, error) {
	dir, err := os.MkdirTemp("", pattern)
	if err == nil {
		sharedMu.Lock()
		sharedDirs = append(sharedDirs, dir)
		sharedMu.Unlock()
	}
	return dir, err
}

var sharedMu sync.Mutex

// hkChild runs the command line in a child process on the database at
// path, in English, and returns what it did.
func hkChild(t *testing.T, path string, args ...string) result {
	t.Helper()
	return hkChildAs(t, nil, os.Args[0], path, args...)
}

// hkChildAs is hkChild with the test binary bin run under the command
// prefix as (another user: see asNobody), or directly when it is nil.
func hkChildAs(t *testing.T, as []string, bin, path string, args ...string) result {
	t.Helper()
	argv := append(append(append([]string(nil), as...), bin), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(withoutLocale(os.Environ()), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
	if as != nil {
		cmd.Dir = filepath.Dir(bin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return result{status, stdout.String(), stderr.String()}
}

// exampleFiles is the example database, a snapshot of it and a backup of
// it, made once for the fault tests (in a folder of their own that the
// tests copy from).
var exampleFiles = sync.OnceValues(func() (string, error) {
	dir, err := sharedDir("hankekirja-faults")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "example.db")
	for _, args := range [][]string{
		{"demo"},
		{"export", "snapshot", "--out", filepath.Join(dir, "example.hksnap")},
		{"backup", filepath.Join(dir, "example.bak")},
	} {
		var stdout, stderr bytes.Buffer
		getenv := func(name string) string {
			if name == "HANKEKIRJA_DB" {
				return path
			}
			return ""
		}
		if status := run(args, strings.NewReader(""), &stdout, &stderr, getenv); status != exitOK {
			return "", errors.New(strings.Join(args, " ") + ": " + stderr.String())
		}
	}
	return dir, nil
})

func exampleDir(t *testing.T) string {
	t.Helper()
	dir, err := exampleFiles()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// usedSize returns the size of the pages bbolt uses in the file at path.
func usedSize(t *testing.T, path string) int {
	t.Helper()
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var size int64
	b.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
	return int(size)
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
			return sha256.Sum256([]byte("a directory"))
		}
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// noCrash fails t when the output of a run shows a crash.
func noCrash(t *testing.T, what string, r result) {
	t.Helper()
	for _, bad := range []string{"goroutine", "panic", "SIGBUS", "SIGSEGV", "fatal error"} {
		if strings.Contains(r.stdout+r.stderr, bad) {
			t.Errorf("%s: output shows %q (status %d):\n%s%s", what, bad, r.status, r.stdout, r.stderr)
			return
		}
	}
	if r.status != exitOK && r.status != exitFailure {
		t.Errorf("%s: status %d, stderr %q", what, r.status, r.stderr)
	}
}

// A damaged database for the matrix: how it is made from the example
// database's bytes, and whether every command must refuse it (flipped
// bytes may land where no command reads).
type damagedFile struct {
	name    string
	make    func(clean []byte) []byte
	refused bool
}

// damagedFiles lists the damages; used is how much of the file bbolt
// uses (the rest is room to grow, which a cut may take away unharmed).
func damagedFiles(used int) []damagedFile {
	const page = 4096
	cut := func(pct int) func([]byte) []byte {
		return func(b []byte) []byte { return b[:used*pct/100] }
	}
	files := []damagedFile{
		{"0 bytes", func([]byte) []byte { return nil }, true},
		{"garbage", func(b []byte) []byte { return bytes.Repeat([]byte("ei tietokanta \x00\xff\x13"), len(b)/17) }, true},
		{"first meta page zeroed", func(b []byte) []byte { clear(b[:page]); return b }, true},
		{"both meta pages zeroed", func(b []byte) []byte { clear(b[:2*page]); return b }, true},
		{"cut at 10%", cut(10), true},
		{"cut at 50%", cut(50), true},
		{"cut at 90%", cut(90), true},
	}
	for seed := range uint64(4) {
		files = append(files, damagedFile{"flipped bytes seed " + strconv.FormatUint(seed, 10), func(b []byte) []byte {
			r := rand.New(rand.NewPCG(seed, 11))
			for range 4 + r.IntN(8) {
				b[2*page+r.IntN(len(b)-2*page)] ^= byte(1 + r.IntN(255))
			}
			return b
		}, false})
	}
	return files
}

// TestDamagedFileMatrix runs every command that reads the database on
// damaged copies of the example database: no crash, exit status 1 with the
// damaged-file message (or, for flipped bytes no command reads, success),
// and the file byte for byte as it was.
func TestDamagedFileMatrix(t *testing.T) {
	t.Parallel()
	ex := exampleDir(t)
	clean, err := os.ReadFile(filepath.Join(ex, "example.db"))
	if err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(ex, "example.hksnap")
	const msg = "is not a Hankekirja database or it is damaged"
	for _, d := range damagedFiles(usedSize(t, filepath.Join(ex, "example.db"))) {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "hankekirja.db")
			if err := os.WriteFile(path, d.make(append([]byte(nil), clean...)), 0o600); err != nil {
				t.Fatal(err)
			}
			before := sha(t, path)
			commands := [][]string{
				{"list", "contacts"},
				{"show", "municipality", "091"},
				{"check"},
				{"stats"},
				{"export", "csv", "contacts", "--out", filepath.Join(t.TempDir(), "c.csv")},
				{"backup", filepath.Join(t.TempDir(), "copy.bak")},
				{"import", snap},
			}
			for _, args := range commands {
				what := args[0]
				if len(args) > 1 && !strings.Contains(args[1], string(filepath.Separator)) {
					what += " " + args[1]
				}
				r := hkChild(t, path, args...)
				noCrash(t, what, r)
				if !d.refused {
					t.Logf("%s: status %d", what, r.status)
				}
				if d.refused || r.status != exitOK {
					// A flipped byte inside a record's text that still
					// decodes fails the record's checksum: damaged too.
					if r.status != exitFailure || !strings.Contains(r.stderr, msg) {
						t.Errorf("%s: status %d, stderr %q, want 1 and %q", what, r.status, r.stderr, msg)
					}
				}
			}
			// restore of the damaged file into a good database: refused,
			// both files unchanged.
			good := filepath.Join(t.TempDir(), "good.db")
			if err := os.WriteFile(good, clean, 0o600); err != nil {
				t.Fatal(err)
			}
			r := hkChild(t, good, "restore", path, "--yes")
			noCrash(t, "restore", r)
			if d.refused && (r.status != exitFailure || !strings.Contains(r.stderr, "damaged")) {
				t.Errorf("restore: status %d, stderr %q", r.status, r.stderr)
			}
			if r.status != exitOK && sha(t, good) != sha256.Sum256(clean) {
				t.Error("a refused restore changed the database")
			}
			if sha(t, path) != before {
				t.Error("the damaged file was changed")
			}
		})
	}
	t.Run("a directory", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "hankekirja.db")
		os.Mkdir(path, 0o700)
		for _, args := range [][]string{{"list", "contacts"}, {"check"}, {"stats"}, {"backup", filepath.Join(t.TempDir(), "b")}, {"import", snap}} {
			r := hkChild(t, path, args...)
			noCrash(t, args[0], r)
			if r.status != exitFailure || !strings.Contains(r.stderr, msg) {
				t.Errorf("%s: status %d, stderr %q", args[0], r.status, r.stderr)
			}
		}
		if entries, _ := os.ReadDir(path); len(entries) != 0 {
			t.Errorf("the directory got %d entries", len(entries))
		}
	})
	t.Run("no permission", func(t *testing.T) {
		// Root passes every permission check: as root the commands run as
		// user nobody, on a file in a folder only root may enter.
		as, bin, goodDir := []string(nil), os.Args[0], t.TempDir()
		if os.Geteuid() == 0 {
			var why string
			if as, why = asNobody(); as == nil {
				t.Skip("runs as root, whom file permissions do not stop, and cannot run a program as user nobody: " + why)
			}
			bin, goodDir = nobodyDirs(t)
		}
		t.Parallel()
		path := filepath.Join(t.TempDir(), "hankekirja.db")
		os.WriteFile(path, clean, 0o000)
		before := sha(t, path)
		for _, args := range [][]string{{"list", "contacts"}, {"check"}, {"stats"}, {"backup", filepath.Join(t.TempDir(), "b")}} {
			r := hkChildAs(t, as, bin, path, args...)
			t.Logf("%s as %v: status %d, %s", args[0], as, r.status, strings.TrimSpace(r.stderr))
			noCrash(t, args[0], r)
			if r.status != exitFailure || !strings.Contains(r.stderr, "permission") {
				t.Errorf("%s: status %d, stderr %q", args[0], r.status, r.stderr)
			}
		}
		good := filepath.Join(goodDir, "good.db")
		if err := os.WriteFile(good, clean, 0o600); err != nil {
			t.Fatal(err)
		}
		if as != nil {
			os.Chown(good, nobodyID, nobodyID)
		}
		r := hkChildAs(t, as, bin, good, "restore", path, "--yes")
		noCrash(t, "restore", r)
		if r.status != exitFailure {
			t.Errorf("restore of an unreadable file: status %d", r.status)
		}
		if sha(t, path) != before || sha(t, good) != sha256.Sum256(clean) {
			t.Error("a file was changed")
		}
	})
}
