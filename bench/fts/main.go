// Command fts sets the app's full-text search beside SQLite FTS5 over the
// same archive: it reads every record of a Hankekirja file through the
// app's store (read-only), loads the texts the app's index holds into
// FTS5 tables, asks both the gold list's queries as the search window
// asks them, and prints one table of latency, build time, size, recall
// and precision, with the ratios app / SQLite.
//
//	go run ./fts --archive ../testdata/archive/archive-50k.db
//
// It lives in its own module (bench/go.mod) so that SQLite never becomes
// a dependency of the application.
package main

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"hankekirja/model"
	"hankekirja/store"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fts:", err)
		os.Exit(1)
	}
}

type config struct {
	archive, gold, tmp, cpuprofile, out string
	rounds, perKind                     int
	sqlite, appBuild                    bool
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("fts", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.archive, "archive", "", "the Hankekirja file to read (opened read-only)")
	fs.StringVar(&c.gold, "gold", "../store/testdata/search-gold.tsv", "the gold list")
	fs.StringVar(&c.tmp, "tmp", "", "folder for the SQLite files and the archive's copy (default: a new one in the system's temporary folder, removed at the end)")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile of the app's timed queries to this file")
	fs.StringVar(&c.out, "out", "", "write the table to this file too")
	fs.IntVar(&c.rounds, "rounds", 3, "times each query is timed")
	fs.IntVar(&c.perKind, "perkind", 8, "hits a kind, as the search window asks")
	fs.BoolVar(&c.sqlite, "sqlite", true, "build and measure SQLite FTS5 too")
	fs.BoolVar(&c.appBuild, "app-build", true, "time the app's index built from scratch (on a copy of the archive)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.archive == "" {
		return fmt.Errorf("--archive is required (make archive makes one)")
	}
	if c.tmp == "" {
		dir, err := os.MkdirTemp("", "hankekirja-fts-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.tmp = dir
	}
	var table bytes.Buffer
	if err := compare(context.Background(), c, &table); err != nil {
		return err
	}
	if c.out != "" {
		if err := os.WriteFile(c.out, table.Bytes(), 0o644); err != nil {
			return err
		}
	}
	_, err := w.Write(table.Bytes())
	return err
}

// result is one system's figures.
type result struct {
	name string
	timing
	build                time.Duration
	size                 int64
	sizeNote             string
	recall, precision    float64
	queriesWithMatches   int
	truth, found, rightN int
}

func compare(ctx context.Context, c config, w io.Writer) error {
	gold, err := readGold(c.gold)
	if err != nil {
		return err
	}
	db, err := store.Open(c.archive, &store.Options{ReadOnly: true, NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer db.Close()
	<-db.SearchReady()
	start := time.Now()
	docs, err := readDocs(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "read %d records in %v\n", len(docs), time.Since(start).Round(time.Millisecond))
	tr := goldTruth(docs, gold)

	app, err := measureApp(ctx, c, db, docs, gold, tr)
	if err != nil {
		return err
	}
	results := []result{app}
	if c.sqlite {
		for _, v := range variants {
			fmt.Fprintf(os.Stderr, "building %s\n", v.name)
			ix, err := buildFTS(ctx, c.tmp, v, docs)
			if err != nil {
				return err
			}
			r, err := measureFTS(ctx, c, ix, gold, tr)
			ix.Close()
			if err != nil {
				return err
			}
			results = append(results, r)
		}
	}
	printTable(w, c, len(docs), results)
	return nil
}

// measureApp times the app's search as the window asks it
// (model.SearchQuery with PerKind hits a kind, summaries and snippets),
// scores it on the gold list, and builds its index from scratch on a copy.
func measureApp(ctx context.Context, c config, db *store.DB, docs []doc, gold []goldQuery, tr truth) (result, error) {
	q := db.Services().Queries
	r := result{name: "app (" + db.SearchAnalyser() + ")"}
	if c.cpuprofile != "" {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			return r, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return r, err
		}
	}
	var err error
	r.timing, err = timeQueries(gold, c.rounds, func(s string) error {
		_, err := q.Find(ctx, model.SearchQuery{Text: s, PerKind: c.perKind})
		return err
	})
	if c.cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return r, err
	}
	at := make(map[model.ID]int, len(docs))
	for i, d := range docs {
		at[d.id] = i
	}
	var s score
	for i, g := range tr.queries {
		res, err := q.Find(ctx, model.SearchQuery{Text: g.query, PerKind: 1 << 30})
		if err != nil {
			return r, err
		}
		found := map[int]bool{}
		for _, h := range res.Hits {
			if n, ok := at[h.Summary.ID]; ok {
				found[n] = true
			}
		}
		s.add(tr.sets[i], found)
	}
	r.recall, r.precision = s.recall(), s.precision()
	r.queriesWithMatches, r.truth, r.found, r.rightN = len(tr.queries), s.truth, s.found, s.right
	size, err := db.SearchSize()
	if err != nil {
		return r, err
	}
	r.size = size.Disk + size.Memory
	r.sizeNote = fmt.Sprintf("%.1f MB on disk + %.1f MB in memory", mb(size.Disk), mb(size.Memory))
	if c.appBuild {
		if r.build, err = appBuild(c); err != nil {
			return r, err
		}
	}
	return r, nil
}

// appBuild builds the app's index from scratch on a copy of the archive,
// as BenchmarkArchiveSearchBuild does, and removes the copy.
func appBuild(c config) (time.Duration, error) {
	path := filepath.Join(c.tmp, "archive-copy.db")
	defer os.Remove(path)
	if err := copyFile(c.archive, path); err != nil {
		return 0, err
	}
	db, err := store.Open(path, &store.Options{NoAutoBackup: true, NoSync: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	<-db.SearchReady()
	fmt.Fprintln(os.Stderr, "building the app's index")
	runtime.GC()
	start := time.Now()
	if err := db.BuildSearch(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func measureFTS(ctx context.Context, c config, ix *ftsIndex, gold []goldQuery, tr truth) (result, error) {
	r := result{name: "SQLite " + ix.name, build: ix.build, size: ix.size, sizeNote: fmt.Sprintf("%.1f MB file", mb(ix.size))}
	var err error
	r.timing, err = timeQueries(gold, c.rounds, func(s string) error {
		_, _, err := ix.find(ctx, s, c.perKind)
		return err
	})
	if err != nil {
		return r, err
	}
	var s score
	for i, g := range tr.queries {
		found, err := ix.all(ctx, g.query)
		if err != nil {
			return r, err
		}
		s.add(tr.sets[i], found)
	}
	r.recall, r.precision = s.recall(), s.precision()
	r.queriesWithMatches, r.truth, r.found, r.rightN = len(tr.queries), s.truth, s.found, s.right
	return r, nil
}

// timing is the latency of the timed queries: wall clock, and the CPU
// time of the thread that asked, which a busy machine inflates much less
// (the machines this runs on are shared with other builds).
type timing struct {
	p50, p95, cpu50, cpu95 time.Duration
	slowest                []string
}

// timeQueries asks every gold query rounds times, one at a time, after
// one untimed round that warms the caches.
func timeQueries(gold []goldQuery, rounds int, find func(string) error) (timing, error) {
	// Both systems answer in the calling goroutine: locked to its thread,
	// the thread's CPU clock is the query's.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, g := range gold {
		if err := find(g.query); err != nil {
			return timing{}, err
		}
	}
	var wall, cpu []time.Duration
	worst := map[string]time.Duration{}
	for range rounds {
		for _, g := range gold {
			start, c0 := time.Now(), threadCPU()
			if err := find(g.query); err != nil {
				return timing{}, err
			}
			d := time.Since(start)
			wall = append(wall, d)
			cpu = append(cpu, threadCPU()-c0)
			worst[g.query] = max(worst[g.query], d)
		}
	}
	slices.Sort(wall)
	slices.Sort(cpu)
	t := timing{p50: wall[len(wall)/2], p95: wall[len(wall)*95/100], cpu50: cpu[len(cpu)/2], cpu95: cpu[len(cpu)*95/100]}
	qs := make([]string, 0, len(worst))
	for q := range worst {
		qs = append(qs, q)
	}
	slices.SortFunc(qs, func(a, b string) int { return cmp.Compare(worst[b], worst[a]) })
	for _, q := range qs[:min(3, len(qs))] {
		t.slowest = append(t.slowest, fmt.Sprintf("%s %s", q, ms(worst[q])))
	}
	return t, nil
}

// threadCPU is the CPU time the calling thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

func mb(n int64) float64 { return float64(n) / 1e6 }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// printTable prints the figures as the markdown table docs/benchmarks.md
// keeps: a column a system, then the ratios app / each SQLite variant.
func printTable(w io.Writer, c config, records int, rs []result) {
	fmt.Fprintf(w, "\nSearch side by side: %s, %d records, %d gold queries with matches, %d hits a kind, %d rounds\n",
		filepath.Base(c.archive), records, rs[0].queriesWithMatches, c.perKind, c.rounds)
	fmt.Fprintf(w, "%s, load average %s, %d CPUs\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), loadAverage(), runtime.NumCPU())
	head := []string{"measure"}
	sep := []string{"---"}
	for _, r := range rs {
		head = append(head, r.name)
		sep = append(sep, "---")
	}
	for _, r := range rs[1:] {
		head = append(head, "app / "+r.name)
		sep = append(sep, "---")
	}
	row := func(name string, val func(result) string, ratio func(a, b result) float64) {
		cells := []string{name}
		for _, r := range rs {
			cells = append(cells, val(r))
		}
		for _, r := range rs[1:] {
			if ratio == nil {
				cells = append(cells, "")
				continue
			}
			if x := ratio(rs[0], r); x > 0 {
				cells = append(cells, fmt.Sprintf("%.2f", x))
			} else {
				cells = append(cells, "")
			}
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
	fmt.Fprintln(w, "| "+strings.Join(sep, " | ")+" |")
	div := func(a, b float64) float64 { return a / max(b, 1e-9) }
	row("query p50 (wall)", func(r result) string { return ms(r.p50) }, func(a, b result) float64 { return div(float64(a.p50), float64(b.p50)) })
	row("query p95 (wall)", func(r result) string { return ms(r.p95) }, func(a, b result) float64 { return div(float64(a.p95), float64(b.p95)) })
	row("query CPU p50", func(r result) string { return ms(r.cpu50) }, func(a, b result) float64 { return div(float64(a.cpu50), float64(b.cpu50)) })
	row("query CPU p95", func(r result) string { return ms(r.cpu95) }, func(a, b result) float64 { return div(float64(a.cpu95), float64(b.cpu95)) })
	row("slowest (wall)", func(r result) string { return strings.Join(r.slowest, ", ") }, nil)
	row("build from scratch", func(r result) string {
		if r.build == 0 {
			return "not measured"
		}
		return fmt.Sprintf("%.1f s", r.build.Seconds())
	}, func(a, b result) float64 {
		if a.build == 0 {
			return 0
		}
		return div(a.build.Seconds(), b.build.Seconds())
	})
	row("size", func(r result) string { return fmt.Sprintf("%.1f MB (%s)", mb(r.size), r.sizeNote) },
		func(a, b result) float64 { return div(float64(a.size), float64(b.size)) })
	row("recall", func(r result) string { return fmt.Sprintf("%.1f %%", 100*r.recall) }, func(a, b result) float64 { return div(a.recall, b.recall) })
	row("precision", func(r result) string { return fmt.Sprintf("%.1f %%", 100*r.precision) }, func(a, b result) float64 { return div(a.precision, b.precision) })
	row("true / found / right", func(r result) string { return fmt.Sprintf("%d / %d / %d", r.truth, r.found, r.rightN) }, nil)
}
