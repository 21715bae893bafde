package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/store"
)

// Write and sync errors are injected with strace: bbolt opens its file
// through Options.OpenFile, which must return an *os.File, and writes
// through an unexported hook, so the store has no seam where a test could
// fail the Nth write in-process. strace's fault injection, limited by -P
// to the database file, fails the Nth pwrite64 (bbolt's page writes) or
// fdatasync (its commit syncs) with EIO.

// straceOrSkip skips t unless strace is installed and may trace here.
func straceOrSkip(t *testing.T) string {
	t.Helper()
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed: the injected write and sync errors need it")
	}
	if out, err := exec.Command(strace, "-f", "-qq", "-o", os.DevNull, "-e", "trace=none", "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here (%v: %s)", err, bytes.TrimSpace(out))
	}
	return strace
}

// underStrace is the command line in a child process on the database at
// path, traced by strace with the given options.
func underStrace(strace, path string, opts []string, args ...string) *exec.Cmd {
	// The database and the copy an import into a new database stages it in.
	argv := append([]string{"-f", "-qq", "-P", path, "-P", store.StagingPath(path)}, opts...)
	argv = append(argv, "--", os.Args[0])
	cmd := exec.Command(strace, append(argv, args...)...)
	cmd.Env = append(withoutLocale(os.Environ()), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
	return cmd
}

// countCalls returns how many times a clean run of args makes syscall on
// the file at path.
func countCalls(t *testing.T, strace, path, syscall string, args ...string) int {
	t.Helper()
	log := filepath.Join(t.TempDir(), "strace.log")
	cmd := underStrace(strace, path, []string{"-o", log, "-e", "trace=" + syscall}, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), syscall+"(")
}

// TestInjectedWriteErrors imports a snapshot of 300 contacts into an empty
// database while its Nth page write or sync fails with EIO, for N spread
// over every call a clean import makes: no crash, the state is the one
// before or the one after, the file checks clean, and a failure is one
// line on standard error with status 1.
func TestInjectedWriteErrors(t *testing.T) {
	strace := straceOrSkip(t)
	t.Parallel()
	src := killDir(t)
	snap := filepath.Join(src, "archive.hksnap")
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	db, err := store.Open(fresh, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	empty := contactCount(t, db)
	db.Close()
	path := filepath.Join(dir, "hankekirja.db")
	rounds := max(2, faultRounds(t)/2)
	for _, syscall := range []string{"pwrite64", "fdatasync"} {
		copyTo(t, fresh, path)
		total := countCalls(t, strace, path, syscall, "import", snap)
		db := reopenChecked(t, path)
		all := contactCount(t, db)
		db.Close()
		failed, committedButFailed := 0, 0
		messages := map[string]int{}
		var calls []int
		for i := range min(rounds, total) {
			calls = append(calls, 1+i*(total-1)/max(1, min(rounds, total)-1))
		}
		for _, n := range calls {
			copyTo(t, fresh, path)
			inject := fmt.Sprintf("inject=%s:error=EIO:when=%d", syscall, n)
			cmd := underStrace(strace, path, []string{"-o", os.DevNull, "-e", "trace=" + syscall, "-e", inject}, "import", snap)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			r := result{stdout: stdout.String(), stderr: stderr.String()}
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				r.status = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			what := fmt.Sprintf("import with %s call %d of %d failing", syscall, n, total)
			noCrash(t, what, r)
			db := reopenChecked(t, path)
			got := contactCount(t, db)
			db.Close()
			if got != empty && got != all {
				t.Fatalf("%s: %d contacts, want %d (before) or %d (after)", what, got, empty, all)
			}
			if r.status == exitFailure {
				failed++
				messages[strings.TrimSpace(r.stderr)]++
				if strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%s: stderr is not one line: %q", what, r.stderr)
				}
				// The message must be true: a change in the file may have
				// been saved; one not in the file changed nothing.
				if got == all {
					committedButFailed++
					t.Logf("%s: committed, and reported as %q", what, strings.TrimSpace(r.stderr))
					if !strings.Contains(r.stderr, "may have been saved") {
						t.Errorf("%s: the change is in the file but the message says otherwise: %q", what, r.stderr)
					}
				} else if strings.Contains(r.stderr, "may have been saved") || strings.Contains(r.stderr, "internal error") {
					t.Errorf("%s: nothing changed but the message is %q", what, r.stderr)
				}
			} else if got != all {
				t.Errorf("%s: status 0 but %d contacts, want %d", what, got, all)
			}
		}
		t.Logf("%s: %d calls in a clean import; %d rounds, %d failed the import, %d of those had committed; no crash, no state between; messages %v",
			syscall, total, len(calls), failed, committedButFailed, messages)
	}
}
