package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// The kill -9 rounds: a child process saves, imports, backs up or
// compacts, and is killed with SIGKILL at a random moment; the file is
// then reopened and checked. Every change the child acknowledged must be
// there, and the state is the one before or the one after an operation,
// never one between. FAULT_ROUNDS sets the rounds per kind (default 10;
// `make faults ROUNDS=1000` runs the long form).

func faultRounds(t *testing.T) int {
	t.Helper()
	if s := os.Getenv("FAULT_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("FAULT_ROUNDS=%q: want a positive number", s)
		}
		return n
	}
	if testing.Short() {
		return 3
	}
	return 10
}

// faultHelper is the child the rounds kill. "save" opens the database
// args[0] and saves contacts one by one, printing each one's ID on its own
// line as soon as Create has returned: the ID is acknowledged.
func faultHelper(kind string, args []string) int {
	if kind == "mount" {
		return mountHelper(args)
	}
	if kind != "save" || len(args) != 1 {
		fmt.Fprintln(os.Stderr, "fault helper: want save PATH")
		return exitUsage
	}
	db, err := store.Open(args[0], &store.Options{NoAutoBackup: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return exitFailure
	}
	defer db.Close()
	svc := db.Services()
	w := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		c := &model.Contact{FirstName: "Testi", LastName: "Kuusinen " + strconv.Itoa(i), Emails: []string{"testi" + strconv.Itoa(i) + "@example.fi"}}
		if err := svc.Contacts.Create(context.Background(), c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitFailure
		}
		fmt.Fprintln(w, c.ID)
		w.Flush()
	}
}

// killFiles is an archive for the rounds: a database of 300 contacts and
// 30 meetings, and a snapshot of it, made once.
var killFiles = sync.OnceValues(func() (string, error) {
	dir, err := sharedDir("hankekirja-kill")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "archive.db")
	for _, args := range [][]string{
		{"gen", "--contacts", "300", "--meetings", "30", "--out", path},
		{"export", "snapshot", "--out", filepath.Join(dir, "archive.hksnap")},
	} {
		var stdout, stderr strings.Builder
		getenv := func(name string) string {
			if name == "HANKEKIRJA_DB" {
				return path
			}
			return ""
		}
		if status := run(args, strings.NewReader(""), &stdout, &stderr, getenv); status != exitOK {
			return "", fmt.Errorf("%s: %s", strings.Join(args, " "), stderr.String())
		}
	}
	return dir, nil
})

// killAfter starts cmd, kills it with SIGKILL after d (unless it ended
// before) and returns whether it was killed.
func killAfter(t *testing.T, cmd *exec.Cmd, d time.Duration) bool {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%v ended on its own: %v", cmd.Args, err)
		}
		return false
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return true
	}
}

// childCommand is the command line in a child process on the database at
// path.
func childCommand(path string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(withoutLocale(os.Environ()), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
	return cmd
}

// reopenChecked checks the file at path as the check command does (pages
// in a child process, then contents) and returns it open; the test fails
// on any problem.
func reopenChecked(t *testing.T, path string) *store.DB {
	t.Helper()
	problems, err := store.CheckPages(path)
	if err != nil || len(problems) > 0 {
		t.Fatalf("page check after kill -9: %v %v", err, problems)
	}
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatalf("open after kill -9: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	problems, err = db.CheckContents(context.Background())
	if err != nil || len(problems) > 0 {
		t.Fatalf("check after kill -9: %v %v", err, problems)
	}
	return db
}

func contactCount(t *testing.T, db *store.DB) int {
	t.Helper()
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Records[model.KindContact]
}

// timed runs cmd to its end and returns how long it took: the rounds kill
// at a random moment within that.
func timed(t *testing.T, cmd *exec.Cmd) time.Duration {
	t.Helper()
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	return time.Since(start)
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestKillWhileSaving kills a process saving contacts one by one: every ID
// it printed is in the reopened database, which checks clean.
func TestKillWhileSaving(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "hankekirja.db")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var acked []model.ID
	for round := range faultRounds(t) {
		cmd := exec.Command(os.Args[0], path)
		cmd.Env = append(os.Environ(), faultHelperEnv+"=save")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a random moment once the first save is in, so that
		// every round kills during saving, not while opening.
		// A line cut short by the kill was never acknowledged.
		lines := bufio.NewReader(out)
		first := true
		var timer *time.Timer
		for {
			line, err := lines.ReadString('\n')
			if err != nil {
				break
			}
			id, err := model.ParseID(strings.TrimSpace(line))
			if err != nil {
				t.Fatalf("round %d: the helper printed %q", round, line)
			}
			acked = append(acked, id)
			if first {
				first = false
				timer = time.AfterFunc(time.Duration(r.IntN(300))*time.Millisecond, func() { cmd.Process.Kill() })
			}
		}
		cmd.Wait()
		if timer == nil {
			t.Fatalf("round %d: the helper saved nothing", round)
		}
		db := reopenChecked(t, path)
		svc := db.Services()
		for _, id := range acked {
			if _, err := svc.Contacts.Get(context.Background(), id); err != nil {
				t.Fatalf("round %d: acknowledged contact %s: %v", round, id, err)
			}
		}
		db.Close()
	}
	t.Logf("%d rounds, %d acknowledged saves, none lost", faultRounds(t), len(acked))
}

// TestKillWhileImporting kills the import of a snapshot of 300 contacts
// into an empty database: it has either none of them or all.
func TestKillWhileImporting(t *testing.T) {
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
	copyTo(t, fresh, path)
	full := timed(t, childCommand(path, "import", snap))
	db = reopenChecked(t, path)
	all := contactCount(t, db)
	db.Close()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	seen := map[int]int{}
	killed := 0
	for range faultRounds(t) {
		copyTo(t, fresh, path)
		if killAfter(t, childCommand(path, "import", snap), time.Duration(r.Int64N(int64(full)))) {
			killed++
		}
		db := reopenChecked(t, path)
		n := contactCount(t, db)
		db.Close()
		if n != empty && n != all {
			t.Fatalf("after kill -9 during import: %d contacts, want %d (before) or %d (after)", n, empty, all)
		}
		seen[n]++
	}
	t.Logf("import of %d contacts in %v; %d of %d runs killed; contacts after: %v", all-empty, full, killed, faultRounds(t), seen)
}

// TestKillWhileBackingUp kills a backup: the database checks clean and
// the backup file is either missing or a verified backup.
func TestKillWhileBackingUp(t *testing.T) {
	t.Parallel()
	src := killDir(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "hankekirja.db")
	copyTo(t, filepath.Join(src, "archive.db"), path)
	out := filepath.Join(dir, "copy.bak")
	full := timed(t, childCommand(path, "backup", out))
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	written, killed := 0, 0
	for range faultRounds(t) {
		os.Remove(out)
		if killAfter(t, childCommand(path, "backup", out), time.Duration(r.Int64N(int64(full)))) {
			killed++
		}
		if _, err := os.Stat(out); err == nil {
			written++
			if err := store.Verify(context.Background(), out); err != nil {
				t.Fatalf("the backup a kill -9 left: %v", err)
			}
		}
		reopenChecked(t, path).Close()
	}
	t.Logf("backup in %v; %d of %d runs killed; %d left a backup, all verified, the others none", full, killed, faultRounds(t), written)
}

// TestKillWhileCompacting kills compaction: the database is the one before
// or the one after, never between, with every contact.
func TestKillWhileCompacting(t *testing.T) {
	t.Parallel()
	src := killDir(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "hankekirja.db")
	copyTo(t, filepath.Join(src, "archive.db"), path)
	db := reopenChecked(t, path)
	want := contactIDs(t, db)
	db.Close()
	full := timed(t, childCommand(path, "compact"))
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 4))
	killed := 0
	for range faultRounds(t) {
		copyTo(t, filepath.Join(src, "archive.db"), path)
		if killAfter(t, childCommand(path, "compact"), time.Duration(r.Int64N(int64(full)))) {
			killed++
		}
		db := reopenChecked(t, path)
		if got := contactIDs(t, db); !slices.Equal(got, want) {
			t.Fatalf("after kill -9 during compaction: %d contacts, want the same %d", len(got), len(want))
		}
		db.Close()
	}
	t.Logf("compaction in %v; %d of %d runs killed, every contact there each time", full, killed, faultRounds(t))
}

func contactIDs(t *testing.T, db *store.DB) []model.ID {
	t.Helper()
	p, err := db.Services().Contacts.List(context.Background(), model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]model.ID, len(p.Items))
	for i, s := range p.Items {
		ids[i] = s.ID
	}
	slices.SortFunc(ids, func(a, b model.ID) int { return strings.Compare(a.String(), b.String()) })
	return ids
}

func killDir(t *testing.T) string {
	t.Helper()
	dir, err := killFiles()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
