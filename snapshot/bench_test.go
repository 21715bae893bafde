package snapshot

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// Benchmarks on a snapshot of benchContacts contacts (plus the registry's
// municipalities), as docs/benchmarks.md reports:
//
//	go test -run '^$' -bench . -benchtime 5x ./snapshot/
const benchContacts = 50000

var (
	benchOnce sync.Once
	benchData []byte // a plaintext snapshot of the contacts
	benchErr  error
)

// benchSnapshot builds the snapshot in memory once: contacts with a few
// older revisions each, working for the registry's municipalities.
func benchSnapshot(b *testing.B) []byte {
	benchOnce.Do(func() {
		first := []string{"Aino", "Eino", "Helmi", "Väinö", "Elli", "Onni", "Åsa", "Ilmari", "Kerttu", "Lauri"}
		last := []string{"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Öhman", "Åberg"}
		codes := []string{"106", "186", "505", "543", "611", "858"}
		dev := model.NewID()
		at := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
		s := &Snapshot{Header: Header{Scope: ScopeAll, ExportedAt: at, ExportedBy: dev, AppVersion: "bench"}}
		for i := range benchContacts {
			id := model.NewID()
			var hist []model.Meta
			parent := model.NilID
			for j := range i % 3 {
				m := model.Meta{ID: id, Rev: model.NewID(), ParentRev: parent, Created: at, Updated: at.Add(time.Duration(j) * time.Minute), Device: dev}
				hist = append(hist, m)
				parent = m.Rev
			}
			c := &model.Contact{
				Meta:      model.Meta{ID: id, Rev: model.NewID(), ParentRev: parent, Created: at, Updated: at.Add(time.Hour), Device: dev},
				FirstName: first[i%len(first)], LastName: fmt.Sprintf("%s%d", last[(i/len(first))%len(last)], i),
				JobTitle: "sosiaalijohtaja", Emails: []string{fmt.Sprintf("henkilo%d@example.com", i)},
				Phones:       []string{fmt.Sprintf("+35840%07d", i)},
				Organisation: model.MunicipalityID(codes[i%len(codes)]),
			}
			s.Records = append(s.Records, Record{Kind: model.KindContact, Current: c, History: hist})
		}
		benchData, benchErr = Encode(s)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

// emptyDB copies a new database made once per run.
func emptyDB(b *testing.B, dir string) *store.DB {
	templateOnce.Do(func() {
		d, err := os.MkdirTemp("", "hankekirja-template-*")
		if err != nil {
			templateErr = err
			return
		}
		templatePath = filepath.Join(d, "template.db")
		db, err := store.Open(templatePath, &store.Options{NoSync: true})
		if err != nil {
			templateErr = err
			return
		}
		templateErr = db.Close()
	})
	if templateErr != nil {
		b.Fatal(templateErr)
	}
	data, err := os.ReadFile(templatePath)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, model.NewID().String()+".db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkImport50k reads a 50 000-contact snapshot, plans it against an
// empty database and applies it (backup, one transaction with fsync).
func BenchmarkImport50k(b *testing.B) {
	data := benchSnapshot(b)
	dir := b.TempDir()
	b.SetBytes(int64(len(data)))
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db := emptyDB(b, dir)
		b.StartTimer()
		start := cpuTime()
		s, err := Read(data, "")
		if err != nil {
			b.Fatal(err)
		}
		p, err := MakePlan(ctx, db, s, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Add) != benchContacts {
			b.Fatalf("plan adds %d", len(p.Add))
		}
		if _, err := Apply(ctx, db, p); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		db.Close()
		os.Remove(db.Path())
		os.RemoveAll(store.BackupDir(db.Path()))
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkExport50k exports a database of 50 000 contacts to bytes.
func BenchmarkExport50k(b *testing.B) {
	data := benchSnapshot(b)
	db := emptyDB(b, b.TempDir())
	defer db.Close()
	s, err := Read(data, "")
	if err != nil {
		b.Fatal(err)
	}
	p, err := MakePlan(ctx, db, s, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Apply(ctx, db, p); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		out, _, err := Export(ctx, db, ExportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(out) < len(data) {
			b.Fatalf("export of %d bytes, snapshot %d", len(out), len(data))
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}
