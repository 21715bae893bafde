package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/archivegen"
	"hankekirja/model"
	"hankekirja/store"
)

// The benchmarks of a region's archive (make bench): the generator's
// archive of 50 000 contacts and 20 000 meetings, and the same with
// 500 000 contacts. The archives are built once and kept in
// testdata/archive (not in git). docs/benchmarks.md holds the figures.

// archiveSizes are the archives benchmarked, by contacts.
var archiveSizes = []int{50_000, 500_000}

func archiveName(contacts int) string { return fmt.Sprintf("%dk", contacts/1000) }

var archiveMu sync.Mutex

// archivePath returns the generator's archive with contacts contacts
// (20 000 meetings, 3 000 groups, 400 projects), making it when missing.
func archivePath(b *testing.B, contacts int) string {
	b.Helper()
	archiveMu.Lock()
	defer archiveMu.Unlock()
	dir := filepath.Join("..", "..", "testdata", "archive")
	path := filepath.Join(dir, "archive-"+archiveName(contacts)+".db")
	if _, err := os.Stat(path); err == nil {
		// An archive made before the search index gets it once here, not
		// in the background of every benchmark's copy.
		db, err := store.Open(path, &store.Options{NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		<-db.SearchReady()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := path + ".part"
	os.Remove(tmp)
	db, err := store.Open(tmp, &store.Options{NoSync: true, NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		b.Fatal(err)
	}
	cfg := archivegen.Default()
	cfg.Contacts = contacts
	start := time.Now()
	if _, err := archivegen.Generate(context.Background(), db.Services(), cfg, nil); err != nil {
		b.Fatal(err)
	}
	if err := db.BuildSearch(); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %s in %v", path, time.Since(start).Round(time.Second))
	return path
}

// copyArchive copies an archive for a benchmark that writes.
func copyArchive(b *testing.B, contacts int) string {
	b.Helper()
	src := archivePath(b, contacts)
	dst := filepath.Join(b.TempDir(), "copy.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	// On disk before the benchmark: else its first fsync writes the copy.
	if err := out.Sync(); err != nil {
		b.Fatal(err)
	}
	out.Close()
	return dst
}

func forSizes(b *testing.B, fn func(b *testing.B, contacts int)) {
	for _, n := range archiveSizes {
		b.Run(archiveName(n), func(b *testing.B) { fn(b, n) })
	}
}

// BenchmarkArchiveOpenFirstPage is the start of the window: open the
// archive and list the first page of contacts in Finnish order.
func BenchmarkArchiveOpenFirstPage(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		path := archivePath(b, n)
		for b.Loop() {
			db, err := store.Open(path, &store.Options{NoAutoBackup: true})
			if err != nil {
				b.Fatal(err)
			}
			page, err := db.Services().Contacts.List(context.Background(), model.Filter{Limit: 50})
			if err != nil || len(page.Items) != 50 || page.Total != n {
				b.Fatalf("page: %d of %d, %v", len(page.Items), page.Total, err)
			}
			db.Close()
		}
	})
}

// BenchmarkArchiveBarePut is the baseline of the save benchmarks: one
// bbolt transaction that puts one value of a contact's size, with fsync,
// in the same file.
func BenchmarkArchiveBarePut(b *testing.B) {
	barePut(b, 600)
}

// barePut puts one value of size bytes per transaction.
func barePut(b *testing.B, size int) {
	db := openForSaves(b)
	v := []byte(strings.Repeat("x", size))
	db.Bolt().Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("bench")); return err })
	before := db.Bolt().Stats()
	n := 0
	for b.Loop() {
		n++
		id := model.NewID()
		if err := db.Bolt().Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("bench")).Put(id[:], v) }); err != nil {
			b.Fatal(err)
		}
	}
	after := db.Bolt().Stats()
	d := after.TxStats.Sub(&before.TxStats)
	b.ReportMetric(float64(d.GetWrite())/float64(n), "pages/op")
}

// openForSaves opens a copy of the archive for the save benchmarks, with
// its full-text index loaded (as the window has it when someone types).
func openForSaves(b *testing.B) *store.DB {
	db, err := store.Open(copyArchive(b, archiveSizes[0]), &store.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	<-db.SearchReady()
	return db
}

// savesWrote reports, per save, the pages the saves' transactions wrote
// (from bbolt's statistics since before) and what the index's following
// of them cost afterwards: one transaction for all of them, as after a
// burst of typing (the saves leave the index to follow a moment later).
func savesWrote(b *testing.B, db *store.DB, before bolt.Stats, saves int) {
	b.StopTimer()
	after := db.Bolt().Stats()
	d := after.TxStats.Sub(&before.TxStats)
	b.ReportMetric(float64(d.GetWrite())/float64(saves), "pages/op")
	start := time.Now()
	if err := db.FollowSaves(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(saves), "index-µs/op")
}

// BenchmarkArchiveCreateContact saves one new contact.
func BenchmarkArchiveCreateContact(b *testing.B) {
	db := openForSaves(b)
	svc := db.Services()
	before := db.Bolt().Stats()
	i := 0
	for b.Loop() {
		i++
		c := &model.Contact{FirstName: "Aino", LastName: fmt.Sprintf("Mittaus-%d", i), Emails: []string{fmt.Sprintf("aino.mittaus%d@example.fi", i)},
			Organisation: model.MunicipalityID("106"), JobTitle: "suunnittelija"}
		if err := svc.Contacts.Create(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
	savesWrote(b, db, before, i)
}

// BenchmarkArchiveUpdateContact saves a change to one contact (its job
// title; the name and so the order stay).
func BenchmarkArchiveUpdateContact(b *testing.B) {
	db := openForSaves(b)
	svc := db.Services()
	page, _ := svc.Contacts.List(context.Background(), model.Filter{Offset: 1000, Limit: 1})
	c, err := svc.Contacts.Get(context.Background(), page.Items[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	before := db.Bolt().Stats()
	i := 0
	for b.Loop() {
		i++
		c.JobTitle = []string{"suunnittelija", "kehittämispäällikkö"}[i%2]
		if err := svc.Contacts.Update(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
	savesWrote(b, db, before, i)
}

// meetingWithItems returns a held meeting of the archive with at least n
// agenda items, cut to n.
func meetingWithItems(b *testing.B, svc model.Services, n int) *model.Meeting {
	ctx := context.Background()
	page, err := svc.Meetings.List(ctx, model.Filter{Facets: []string{"status:held"}, Limit: 200})
	if err != nil || len(page.Items) == 0 {
		b.Fatalf("no held meetings: %v", err)
	}
	for _, s := range page.Items {
		m, err := svc.Meetings.Get(ctx, s.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Items) >= min(n, 8) {
			orig := len(m.Items)
			for len(m.Items) < n {
				it := m.Items[len(m.Items)%orig]
				it.Number = 0
				m.Items = append(m.Items, it)
			}
			m.Items = m.Items[:n]
			return m
		}
	}
	b.Fatal("no meeting with enough items")
	return nil
}

// autosave measures one autosave of a meeting of n items while its
// minutes are typed (one editing session), and reports the size of the
// stored value so that the bare put of the same size can be compared.
func autosave(b *testing.B, n int) {
	db := openForSaves(b)
	svc := db.Services()
	w := model.NewMeetingWork(svc)
	m := meetingWithItems(b, svc, n)
	ctx := model.WithEditSession(context.Background(), model.NewID())
	res, err := w.Save(ctx, m, m, "Nimetön")
	if err != nil {
		b.Fatal(err)
	}
	m = res.Saved
	before := db.Bolt().Stats()
	i := 0
	for b.Loop() {
		i++
		m.Items[0].Discussion = fmt.Sprintf("Keskusteltiin kunnan ja hyvinvointialueen yhteistyöstä (%d).", i)
		res, err := w.Save(ctx, m, m, "Nimetön")
		if err != nil {
			b.Fatal(err)
		}
		m = res.Saved
	}
	savesWrote(b, db, before, i)
	v, _ := svc.Meetings.Get(context.Background(), m.ID)
	body, _ := jsonSize(v)
	b.ReportMetric(float64(body), "bytes/value")
}

func BenchmarkArchiveAutosave8(b *testing.B)  { autosave(b, 8) }
func BenchmarkArchiveAutosave60(b *testing.B) { autosave(b, 60) }

// The bare puts of the autosaves' value sizes (measured: see the
// benchmarks' bytes/value).
func BenchmarkArchiveBarePut8(b *testing.B)  { barePut(b, meetingValueSize(b, 8)) }
func BenchmarkArchiveBarePut60(b *testing.B) { barePut(b, meetingValueSize(b, 60)) }

func meetingValueSize(b *testing.B, n int) int {
	db, err := store.Open(archivePath(b, archiveSizes[0]), &store.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	size, _ := jsonSize(meetingWithItems(b, db.Services(), n))
	return size
}

// BenchmarkArchiveHistory types a meeting's minutes for 30 autosaves in one
// editing session and reports the revisions kept and the file's growth.
func BenchmarkArchiveHistory(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		path := copyArchive(b, archiveSizes[0])
		db, err := store.Open(path, &store.Options{NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		svc := db.Services()
		m := meetingWithItems(b, svc, 12)
		before, _ := svc.Meetings.History(context.Background(), m.ID)
		fi, _ := os.Stat(path)
		b.StartTimer()
		w := model.NewMeetingWork(svc)
		ctx := model.WithEditSession(context.Background(), model.NewID())
		for i := range 30 {
			m.Items[i%len(m.Items)].Discussion += " Lisättiin kirjaus kuntien palvelutuotannon kustannuksista."
			res, err := w.Save(ctx, m, m, "Nimetön")
			if err != nil {
				b.Fatal(err)
			}
			m = res.Saved
		}
		b.StopTimer()
		after, _ := svc.Meetings.History(context.Background(), m.ID)
		db.Close()
		fa, _ := os.Stat(path)
		b.ReportMetric(float64(len(after)-len(before)), "revisions-added")
		b.ReportMetric(float64(fa.Size()-fi.Size())/(1<<20), "MB-grown")
		b.StartTimer()
	}
}

// runProcess runs the binary once and reports its wall time and peak
// resident memory.
func runProcess(b *testing.B, bin string, args ...string) {
	b.Helper()
	// The day's first command on a file makes its automatic backup and
	// waits for it: once before the timing, which measures the command.
	b.StopTimer()
	if out, err := exec.Command(bin, append([]string{}, args...)...).CombinedOutput(); err != nil {
		b.Fatalf("%v: %v\n%s", args, err, out)
	}
	for i, a := range args {
		if a == "--out" {
			os.Remove(args[i+1])
		}
	}
	b.StartTimer()
	var peak int64
	for b.Loop() {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HANKEKIRJA_PASSPHRASE=")
		out, kib, err := runPeak(cmd)
		if err != nil {
			b.Fatalf("%v: %v\n%s", args, err, out)
		}
		peak = max(peak, kib)
		b.StopTimer()
		// Outputs are written anew each round.
		for i, a := range args {
			if a == "--out" {
				os.Remove(args[i+1])
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/1024, "MB-rss")
}

var benchBin struct {
	once sync.Once
	path string
	err  error
}

// binary builds the command line once for the process benchmarks.
func binary(b *testing.B) string {
	benchBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "hankekirja-bench")
		if err != nil {
			benchBin.err = err
			return
		}
		benchBin.path = filepath.Join(dir, "hankekirja")
		out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", benchBin.path, ".").CombinedOutput()
		if err != nil {
			benchBin.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if benchBin.err != nil {
		b.Fatal(benchBin.err)
	}
	return benchBin.path
}

func BenchmarkProcessExportCSV(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runProcess(b, binary(b), "--db", archivePath(b, n), "export", "csv", "contacts", "--out", filepath.Join(b.TempDir(), "c.csv"))
	})
}

func BenchmarkProcessCheck(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runProcess(b, binary(b), "--db", archivePath(b, n), "check")
	})
}

func BenchmarkProcessExportSnapshot(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		runProcess(b, binary(b), "--db", archivePath(b, n), "export", "snapshot", "--out", filepath.Join(b.TempDir(), "s.hankekirja"))
	})
}

func BenchmarkProcessImportSnapshot(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		bin := binary(b)
		snap := filepath.Join(b.TempDir(), "s.hankekirja")
		if out, err := exec.Command(bin, "--db", archivePath(b, n), "export", "snapshot", "--out", snap).CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		var peak int64
		for b.Loop() {
			b.StopTimer()
			empty := filepath.Join(b.TempDir(), "empty.db")
			b.StartTimer()
			cmd := exec.Command(bin, "--db", empty, "import", snap)
			out, kib, err := runPeak(cmd)
			if err != nil {
				b.Fatalf("%v\n%s", err, out)
			}
			peak = max(peak, kib)
		}
		b.ReportMetric(float64(peak)/1024, "MB-rss")
	})
}

// BenchmarkWindowMemory starts the window on the archive under Xvfb, lets
// it show the first list, searches for a name, and reports the window's
// resident memory (VmRSS) then.
func BenchmarkWindowMemory(b *testing.B) {
	needTools(b, "Xvfb", "xdotool")
	forSizes(b, func(b *testing.B, n int) {
		bin, path := binary(b), archivePath(b, n)
		display := startXvfb(b)
		var rss float64
		for b.Loop() {
			home := b.TempDir()
			app := exec.Command(bin, "--db", path)
			app.Env = guiEnv(home, display)
			if err := app.Start(); err != nil {
				b.Fatal(err)
			}
			waitForWindow(b, display, "Hankekirja", 60*time.Second)
			time.Sleep(3 * time.Second)
			xdo := func(args ...string) {
				cmd := exec.Command("xdotool", args...)
				cmd.Env = append(os.Environ(), "DISPLAY="+display)
				cmd.Run()
			}
			xdo("key", "ctrl+f")
			xdo("type", "--delay", "150", "Virtanen")
			time.Sleep(2 * time.Second)
			rss = vmRSS(b, app.Process.Pid)
			app.Process.Signal(syscall.SIGTERM)
			app.Wait()
		}
		b.ReportMetric(rss, "MB-rss")
	})
}

// vmRSS reads a process's resident memory in MB.
func vmRSS(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}

// jsonSize is the size of a record's JSON, about the size of its stored
// value.
func jsonSize(r any) (int, error) {
	b, err := json.Marshal(r)
	return len(b), err
}
