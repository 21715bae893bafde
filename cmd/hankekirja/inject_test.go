package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// injectRun runs args under strace with the Nth call of syscall failing
// with errno, and returns what it did. onlyDB limits the calls counted and
// failed to the database file (-P); otherwise every call of the process
// counts (a backup's or a compaction's writes go to files of their own).
func injectRun(t *testing.T, strace, path string, onlyDB bool, syscall, errno string, n int, args ...string) result {
	t.Helper()
	opts := []string{"-o", os.DevNull, "-e", "trace=" + syscall, "-e", fmt.Sprintf("inject=%s:error=%s:when=%d", syscall, errno, n)}
	var cmd *exec.Cmd
	if onlyDB {
		cmd = underStrace(strace, path, opts, args...)
	} else {
		argv := append(append([]string{"-f", "-qq"}, opts...), "--", os.Args[0])
		cmd = exec.Command(strace, append(argv, args...)...)
		cmd.Env = append(withoutLocale(os.Environ()), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
	}
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
	return r
}

// callsOf counts the calls of syscall a clean run of args makes (on the
// database file only when onlyDB).
func callsOf(t *testing.T, strace, path string, onlyDB bool, syscall string, args ...string) int {
	t.Helper()
	if onlyDB {
		return countCalls(t, strace, path, syscall, args...)
	}
	log := filepath.Join(t.TempDir(), "strace.log")
	argv := []string{"-f", "-qq", "-o", log, "-e", "trace=" + syscall, "--", os.Args[0]}
	cmd := exec.Command(strace, append(argv, args...)...)
	cmd.Env = append(withoutLocale(os.Environ()), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), syscall+"(")
}

// spread picks up to rounds call numbers from 1 to total, evenly.
func spread(total, rounds int) []int {
	var calls []int
	k := min(rounds, total)
	for i := range k {
		calls = append(calls, 1+i*(total-1)/max(1, k-1))
	}
	return slices.Compact(calls)
}

// TestInjectedErrorsInOneSave imports a vCard of one contact (one record
// saved) while the Nth page write or sync of the database fails: the
// contact is there or not, never half; the message says "may have been
// saved" exactly when it is; and the retry, without faults, leaves exactly
// one copy of it.
func TestInjectedErrorsInOneSave(t *testing.T) {
	strace := straceOrSkip(t)
	t.Parallel()
	ex := exampleDir(t)
	dir := t.TempDir()
	card := filepath.Join(dir, "one.vcf")
	os.WriteFile(card, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:0b5c4d1e-7a2f-4e59-9c1d-3f8e2a6b7c90\r\nFN:Aino Kivelä\r\nN:Kivelä;Aino;;;\r\nEMAIL:aino.kivela@example.fi\r\nEND:VCARD\r\n"), 0o600)
	base := filepath.Join(dir, "base.db")
	copyTo(t, filepath.Join(ex, "example.db"), base)
	hkChild(t, base, "stats") // the day's backup, once, so that the rounds make none
	db := reopenChecked(t, base)
	before := contactCount(t, db)
	db.Close()
	path := filepath.Join(dir, "hankekirja.db")
	faults, saved := 0, 0
	for _, syscall := range []string{"pwrite64", "fdatasync"} {
		copyTo(t, base, path)
		total := callsOf(t, strace, path, true, syscall, "import", card)
		for _, n := range spread(total, max(4, faultRounds(t))) {
			copyTo(t, base, path)
			r := injectRun(t, strace, path, true, syscall, "EIO", n, "import", card)
			what := fmt.Sprintf("import of one contact with %s call %d of %d failing", syscall, n, total)
			noCrash(t, what, r)
			db := reopenChecked(t, path)
			got := contactCount(t, db)
			db.Close()
			if got != before && got != before+1 {
				t.Fatalf("%s: %d contacts, want %d or %d", what, got, before, before+1)
			}
			if r.status == exitFailure {
				faults++
				if (got == before+1) != strings.Contains(r.stderr, "may have been saved") {
					t.Errorf("%s: %d contacts (of %d before), and the message %q", what, got, before, r.stderr)
				}
			}
			if got == before+1 {
				saved++
			}
			// The retry: exactly one copy of the contact.
			if r := hkChild(t, path, "import", card); r.status != exitOK {
				t.Fatalf("%s, then the retry: status %d, %q", what, r.status, r.stderr)
			}
			db = reopenChecked(t, path)
			got = contactCount(t, db)
			db.Close()
			if got != before+1 {
				t.Fatalf("%s, then the retry: %d contacts, want %d (no duplicate)", what, got, before+1)
			}
		}
		t.Logf("%s: %d calls in a clean save", syscall, total)
	}
	t.Logf("%d saves failed by an injected EIO, %d of all rounds had the contact before the retry; every retry left exactly one", faults, saved)
}

// diskWords are what the full disk (ENOSPC) and the disk's own error
// (EIO) say, in English (the tests' children run without a locale) and
// Finnish.
var diskWords = map[string][]string{
	"ENOSPC": {"is full", "on täynnä"},
	"EIO":    {"the disk reported an error", "levy ilmoitti virheestä"},
}

// saysDisk reports whether message says what the disk did for errno.
func saysDisk(message, errno string) bool {
	for _, w := range diskWords[errno] {
		if strings.Contains(message, w) {
			return true
		}
	}
	return false
}

// TestInjectedErrorsInBackupAndCompact fails the Nth write or sync of a
// backup and of a compaction (ENOSPC, EIO): a failed backup leaves no
// backup file, a finished one is verified; a compaction leaves the
// database with every contact, checking clean; every failure is one true
// line with status 1, never a crash.
func TestInjectedErrorsInBackupAndCompact(t *testing.T) {
	strace := straceOrSkip(t)
	t.Parallel()
	src := filepath.Join(killDir(t), "archive.db")
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	copyTo(t, src, base)
	hkChild(t, base, "stats") // the day's backup, once
	db := reopenChecked(t, base)
	want := contactIDs(t, db)
	db.Close()
	path := filepath.Join(dir, "hankekirja.db")
	out := filepath.Join(dir, "copy.bak")
	rounds := max(4, faultRounds(t)/2)
	for _, c := range []struct {
		syscall, errno string
		args           []string
	}{
		{"write", "ENOSPC", []string{"backup", out}},
		{"fsync", "EIO", []string{"backup", out}},
		{"write", "ENOSPC", []string{"compact"}},
		{"fsync", "EIO", []string{"compact"}},
	} {
		copyTo(t, base, path)
		os.Remove(out)
		total := callsOf(t, strace, path, false, c.syscall, c.args...)
		failed := map[string]int{}
		for _, n := range spread(total, rounds) {
			copyTo(t, base, path)
			os.Remove(out)
			r := injectRun(t, strace, path, false, c.syscall, c.errno, n, c.args...)
			what := fmt.Sprintf("%s with %s call %d of %d failing (%s)", c.args[0], c.syscall, n, total, c.errno)
			noCrash(t, what, r)
			if c.args[0] == "backup" {
				if _, err := os.Stat(out); err == nil {
					if verr := store.Verify(context.Background(), out); verr != nil {
						t.Fatalf("%s: the backup left does not verify: %v", what, verr)
					}
					// A whole backup whose folder could not be synced after
					// the rename may not survive a power cut: a failure is
					// the safe answer then.
					if r.status != exitOK && !saysDisk(r.stderr, c.errno) {
						t.Errorf("%s: a whole backup, but status %d: %q", what, r.status, r.stderr)
					}
				} else if r.status == exitOK {
					t.Errorf("%s: status 0 but no backup", what)
				}
				if left := tempsOf(out); len(left) > 0 {
					t.Errorf("%s: left %v", what, left)
				}
			}
			db := reopenChecked(t, path)
			if got := contactIDs(t, db); !slices.Equal(got, want) {
				t.Fatalf("%s: %d contacts, want the same %d", what, len(got), len(want))
			}
			db.Close()
			if r.status == exitFailure {
				line := strings.TrimSpace(r.stderr)
				if strings.Contains(line, "may have been saved") {
					t.Errorf("%s: %q", what, line)
				}
				if !saysDisk(line, c.errno) {
					t.Errorf("%s: the message does not say what the disk did: %q", what, line)
				}
				failed[line[:min(len(line), 60)]]++
			}
		}
		t.Logf("%s, %s %s: %d calls in a clean run, %d rounds; failures: %v", c.args[0], c.syscall, c.errno, total, len(spread(total, rounds)), failed)
	}
}
