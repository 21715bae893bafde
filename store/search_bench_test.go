package store

import (
	"cmp"
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// The search benchmarks at the generator's archive (hankekirja gen, 50 000
// contacts and 20 000 meetings): HANKEKIRJA_ARCHIVE names the file, which
// is copied, never changed. docs/benchmarks.md keeps the figures.
//
//	HANKEKIRJA_ARCHIVE=/path/archive-50k.db go test -tags migrated_fynedo -run '^$' -bench Archive -benchtime 1x ./store/

func archiveCopy(b *testing.B) string {
	b.Helper()
	src := os.Getenv("HANKEKIRJA_ARCHIVE")
	if src == "" {
		b.Skip("HANKEKIRJA_ARCHIVE is not set")
	}
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	dst := filepath.Join(b.TempDir(), "archive.db")
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkArchiveSearchBuild: the index built from scratch in the
// background, as on the first start after an upgrade; and its size.
func BenchmarkArchiveSearchBuild(b *testing.B) {
	path := archiveCopy(b)
	for b.Loop() {
		db, err := Open(path, &Options{NoAutoBackup: true, NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		<-db.SearchReady()
		err = db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(metaSearch) })
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		start := time.Now()
		db, err = Open(path, &Options{NoAutoBackup: true, NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		<-db.SearchReady()
		b.ReportMetric(time.Since(start).Seconds(), "s-build")
		b.ReportMetric(float64(searchBytes(b, db))/1e6, "MB-disk")
		db.search.mu.Lock()
		mem := len(db.search.docs) * 32
		for _, w := range db.search.words {
			mem += len(w) + 16
		}
		db.search.mu.Unlock()
		b.ReportMetric(float64(mem)/1e6, "MB-mem")
		db.Close()
	}
}

// searchBytes is the bytes of the index's pages in the file.
func searchBytes(b *testing.B, db *DB) int {
	n := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range searchBuckets() {
			st := tx.Bucket(name).Stats()
			size := (st.BranchPageN + st.BranchOverflowN + st.LeafPageN + st.LeafOverflowN) * db.bolt.Info().PageSize
			b.Logf("%s: %d keys, %.1f MB in pages, %.1f MB used", name, st.KeyN, float64(size)/1e6, float64(st.LeafInuse+st.BranchInuse)/1e6)
			n += size
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkArchiveSearch: every gold query, as the window asks it (eight
// hits a kind), timed one by one; p50 and p95 of all.
func BenchmarkArchiveSearch(b *testing.B) {
	path := archiveCopy(b)
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	<-db.SearchReady()
	searchBytes(b, db)
	gold := readGold(b)
	q := queries{db}
	var times []time.Duration
	slowest := map[string]time.Duration{}
	for b.Loop() {
		for _, g := range gold {
			start := time.Now()
			if _, err := q.Find(context.Background(), model.SearchQuery{Text: g.query, PerKind: 8}); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			times = append(times, d)
			slowest[g.query] = max(slowest[g.query], d)
		}
	}
	qs := slices.Collect(maps.Keys(slowest))
	slices.SortFunc(qs, func(a, b string) int { return cmp.Compare(slowest[b], slowest[a]) })
	for _, q := range qs[:min(8, len(qs))] {
		b.Logf("slowest: %q %v", q, slowest[q])
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "ms-p95")
}

// BenchmarkArchiveSearchRecall: recall and precision of the gold list at
// the archive.
func BenchmarkArchiveSearchRecall(b *testing.B) {
	path := archiveCopy(b)
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	<-db.SearchReady()
	gold := readGold(b)
	for b.Loop() {
	}
	s := measureGold(b, db, gold)
	b.ReportMetric(100*s.recall(), "%-recall")
	b.ReportMetric(100*s.precision(), "%-precision")
	b.Logf("%d gold queries with matches: %d true, %d found, %d right; under 95 %%: %q", s.queries, s.truth, s.found, s.right, s.weak)
	for q, ws := range s.missed {
		b.Logf("%s: missed records with %q", q, ws)
	}
}

// BenchmarkArchiveIndexRecords: the analysis alone of the archive's first
// 3 000 records (most of a rebuild's time), per record.
func BenchmarkArchiveIndexRecords(b *testing.B) {
	src := os.Getenv("HANKEKIRJA_ARCHIVE")
	if src == "" {
		b.Skip("HANKEKIRJA_ARCHIVE is not set")
	}
	bdb, err := bolt.Open(src, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer bdb.Close()
	var recs []model.Record
	err = bdb.View(func(tx *bolt.Tx) error {
		c := bucket(tx, bucketCurrent).Cursor()
		for k, v := c.Seek([]byte{byte(model.KindMeeting)}); k != nil && len(recs) < 3000; k, v = c.Next() {
			r, err := decodeRecord(v)
			if err != nil {
				return err
			}
			recs = append(recs, r)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ix := search.NewIndexer(nil)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		ix.Index(recs[i%len(recs)], nil)
		i++
	}
}
