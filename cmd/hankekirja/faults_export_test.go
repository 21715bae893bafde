package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// An export killed with SIGKILL: the exports of 300 contacts and 30
// meetings (CSV, vCard, a snapshot, minutes as PDF) to --out, killed at a
// random moment of the whole run or just after the export's temporary
// file appeared. Afterwards the target is what it was (absent, or the old
// file byte for byte) or the whole export, never part of one; the next
// export to the same target succeeds and leaves no temporary file; and
// the database is byte for byte the same (the snapshot's export marks in
// it what was shared: there it checks clean with the same records).

// export is one kind of export for the kill rounds.
type export struct {
	name string
	args func(out string) []string
	// same says whether the file at out is the whole export, given the
	// one a clean run wrote (ref): byte for byte, or for files with the
	// time of export in them, whole by their own measure.
	same func(t *testing.T, db, out string, ref []byte) bool
	// marks is set for the snapshot, whose export marks in the database
	// what was shared (for later merges): the file changes by that, and
	// only by that.
	marks bool
}

func exportKinds(meeting string) []export {
	equal := func(_ *testing.T, _, out string, ref []byte) bool {
		b, err := os.ReadFile(out)
		return err == nil && bytes.Equal(b, ref)
	}
	return []export{
		{"contacts.csv", func(out string) []string { return []string{"export", "csv", "contacts", "--out", out} }, equal, false},
		{"contacts.vcf", func(out string) []string { return []string{"export", "vcard", "--out", out} }, equal, false},
		{"archive.hksnap", func(out string) []string { return []string{"export", "snapshot", "--out", out} },
			func(t *testing.T, db, out string, ref []byte) bool {
				// Its size varies with the time in it; a dry-run import
				// reads it whole and checks every record's sum.
				if _, err := os.Stat(out); err != nil {
					return false
				}
				r := hkChild(t, db, "import", out, "--dry-run")
				return r.status == exitOK
			}, true},
		{"minutes.pdf", func(out string) []string {
			return []string{"export", "minutes", meeting, "--format", "pdf", "--out", out}
		}, func(_ *testing.T, _, out string, ref []byte) bool {
			b, err := os.ReadFile(out)
			return err == nil && len(b) == len(ref) && bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
		}, false},
	}
}

// tempsOf lists the temporary files of writes of target.
func tempsOf(target string) []string {
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*"))
	return m
}

// TestKillWhileExporting kills exports to --out; see above.
func TestKillWhileExporting(t *testing.T) {
	t.Parallel()
	src := killDir(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "hankekirja.db")
	copyTo(t, filepath.Join(src, "archive.db"), path)
	list := hkChild(t, path, "list", "meetings", "--json")
	var meetings []struct{ ID string }
	if err := json.Unmarshal([]byte(list.stdout), &meetings); err != nil || len(meetings) == 0 {
		t.Fatalf("list meetings: %v %q", err, list.stderr)
	}
	db := reopenChecked(t, path)
	contacts := contactIDs(t, db)
	db.Close()
	// An older snapshot, for the rounds that export over one (a snapshot
	// is never written over a file that is not one): of an empty database.
	oldSnap := filepath.Join(t.TempDir(), "old.hksnap")
	if r := hkChild(t, filepath.Join(t.TempDir(), "empty.db"), "export", "snapshot", "--out", oldSnap); r.status != exitOK {
		t.Fatalf("export of an empty database: %q", r.stderr)
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	rounds := faultRounds(t)
	for _, ex := range exportKinds(meetings[0].ID) {
		out := t.TempDir()
		target := filepath.Join(out, ex.name)
		full := timed(t, childCommand(path, ex.args(target)...))
		ref, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		// After the clean run: a snapshot export before marked what it
		// shared.
		dbSum := sha(t, path)
		counts := map[string]int{}
		killed, leftovers := 0, 0
		for round := range rounds {
			// Every other round the target holds an older file, which must
			// survive whole or be replaced whole.
			var old []byte
			os.Remove(target)
			if round%2 == 1 {
				old = []byte("an older export\n")
				if ex.marks {
					old, _ = os.ReadFile(oldSnap)
				}
				if err := os.WriteFile(target, old, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			cmd := childCommand(path, ex.args(target)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var what string
			if round%3 == 2 {
				// Just after the temporary file appeared: the export is
				// being written.
				d := []time.Duration{0, 200 * time.Microsecond, time.Millisecond, 3 * time.Millisecond}[round/3%4]
				what = fmt.Sprintf("%v after its temporary file appeared", d)
				for len(tempsOf(target)) == 0 && len(exited) == 0 {
					time.Sleep(50 * time.Microsecond)
				}
				time.Sleep(d)
			} else {
				d := time.Duration(r.Int64N(int64(full)))
				what = fmt.Sprintf("%v into a run of %v", d.Round(time.Millisecond), full.Round(time.Millisecond))
				time.Sleep(d)
			}
			cmd.Process.Kill()
			if err := <-exited; err != nil && !strings.Contains(err.Error(), "killed") {
				t.Fatalf("%s (%s): %v\n%s", ex.name, what, err, stderr.String())
			} else if err != nil {
				killed++
			}
			got, err := os.ReadFile(target)
			switch {
			case os.IsNotExist(err) && old == nil:
				counts["absent"]++
			case err == nil && old != nil && bytes.Equal(got, old):
				counts["old"]++
			case err == nil && ex.same(t, path, target, ref):
				counts["complete"]++
			default:
				t.Fatalf("%s killed %s: the target is %d bytes (%v), neither the file before nor the whole export of %d bytes", ex.name, what, len(got), err, len(ref))
			}
			if n := len(tempsOf(target)); n > 0 {
				leftovers += n
			}
			// The next start: the same export runs to its end and removes
			// what the killed one left.
			if r := hkChild(t, path, ex.args(target)...); r.status != exitOK {
				t.Fatalf("%s after the kill: status %d, %q", ex.name, r.status, r.stderr)
			}
			if !ex.same(t, path, target, ref) {
				t.Fatalf("%s: the export after the kill is not whole", ex.name)
			}
			if left := tempsOf(target); len(left) > 0 {
				t.Fatalf("%s: the export after the kill left %v", ex.name, left)
			}
			if !ex.marks && sha(t, path) != dbSum {
				t.Fatalf("%s killed %s: the database changed", ex.name, what)
			}
			if ex.marks {
				db := reopenChecked(t, path)
				got := contactIDs(t, db)
				db.Close()
				if !slices.Equal(got, contacts) {
					t.Fatalf("%s killed %s: %d contacts, had %d", ex.name, what, len(got), len(contacts))
				}
			}
		}
		unchanged := "database unchanged (SHA-256)"
		if ex.marks {
			unchanged = "database checked clean with the same contacts (it marks what was shared)"
		}
		t.Logf("%s: a run takes %v; %d of %d runs killed; target after: %v; %d temporary files left by kills, all removed by the next export; %s",
			ex.name, full.Round(time.Millisecond), killed, rounds, counts, leftovers, unchanged)
	}
}
