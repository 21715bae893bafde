package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Benchmarks run on a database of benchContacts contacts, built once per
// run in bulk (one transaction) and copied for each benchmark that writes.
// They use the real disk under the test's temporary directory: set TMPDIR to
// measure another disk.
const benchContacts = 50000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

var firstNames = []string{"Aino", "Eino", "Helmi", "Väinö", "Elli", "Onni", "Åsa", "Ilmari", "Kerttu", "Lauri"}
var lastNames = []string{"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Öhman", "Åberg"}

// benchContact returns the i'th generated contact.
func benchContact(i int) *model.Contact {
	return &model.Contact{
		FirstName:    firstNames[i%len(firstNames)],
		LastName:     fmt.Sprintf("%s%d", lastNames[(i/len(firstNames))%len(lastNames)], i),
		JobTitle:     "sosiaalijohtaja",
		Emails:       []string{fmt.Sprintf("henkilo%d@example.fi", i)},
		Phones:       []string{fmt.Sprintf("+35840%07d", i)},
		Organisation: model.MunicipalityID([]string{"106", "186", "505", "543", "611", "858"}[i%6]),
	}
}

// fillContacts adds n contacts in transactions of 5000 records.
func fillContacts(db *DB, n int) error {
	for start := 0; start < n; start += 5000 {
		var recs []model.Record
		for i := start; i < start+5000 && i < n; i++ {
			recs = append(recs, benchContact(i))
		}
		if err := db.CreateAll(ctx, recs); err != nil {
			return err
		}
	}
	return nil
}

// benchDB returns the path of a closed database with benchContacts
// contacts, shared by all benchmarks of the run.
func benchDB(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hankekirja-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.db")
		db, err := Open(benchPath, &Options{NoSync: true})
		if err != nil {
			benchErr = err
			return
		}
		benchErr = fillContacts(db, benchContacts)
		db.Close()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// copyBenchDB copies the shared database for a benchmark that writes.
func copyBenchDB(b *testing.B) string {
	data, err := os.ReadFile(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "copy.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenAndFirstPage is the start of the application: open a
// 50 000-contact database and list the first page of contacts sorted.
func BenchmarkOpenAndFirstPage(b *testing.B) {
	path := benchDB(b)
	for b.Loop() {
		db, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		page, err := db.Services().Contacts.List(ctx, model.Filter{Limit: 50})
		if err != nil || len(page.Items) != 50 || page.Total != benchContacts {
			b.Fatalf("page: %d of %d, %v", len(page.Items), page.Total, err)
		}
		db.Close()
	}
}

func openBench(b *testing.B, path string) (*DB, model.Services) {
	db, err := Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, db.Services()
}

// BenchmarkCreateContact is one saved contact: a transaction with fsync that
// writes the record, its history, kind, summary and references.
func BenchmarkCreateContact(b *testing.B) {
	_, svc := openBench(b, copyBenchDB(b))
	i := benchContacts
	for b.Loop() {
		if err := svc.Contacts.Create(ctx, benchContact(i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkUpdateContact is one edited contact saved.
func BenchmarkUpdateContact(b *testing.B) {
	_, svc := openBench(b, copyBenchDB(b))
	page, _ := svc.Contacts.List(ctx, model.Filter{Limit: 1})
	c, err := svc.Contacts.Get(ctx, page.Items[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		// A realistic edit: the record keeps its size (appending to the
		// notes would grow it by a byte a save, to tens of kilobytes).
		c.Notes = fmt.Sprintf("muistiinpano %d", i%100)
		i++
		if err := svc.Contacts.Update(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBarePut is the baseline the save benchmarks are compared with: a
// bbolt transaction that puts one value of a contact's size, with fsync, in
// the same 50 000-contact file.
func BenchmarkBarePut(b *testing.B) {
	db, _ := openBench(b, copyBenchDB(b))
	c := benchContact(0)
	v, _ := encodeRecord(c)
	for b.Loop() {
		id := model.NewID()
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketCurrent).Put(id[:], v)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetContact(b *testing.B) {
	_, svc := openBench(b, benchDB(b))
	page, _ := svc.Contacts.List(ctx, model.Filter{})
	i := 0
	for b.Loop() {
		if _, err := svc.Contacts.Get(ctx, page.Items[i%len(page.Items)].ID); err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

// BenchmarkListSortedPage is a page of the sorted list once the summaries
// are in memory (scrolling).
func BenchmarkListSortedPage(b *testing.B) {
	_, svc := openBench(b, benchDB(b))
	svc.Contacts.List(ctx, model.Filter{Limit: 1})
	for b.Loop() {
		if _, err := svc.Contacts.List(ctx, model.Filter{Offset: 25000, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFilterContacts is filtering as the user types.
func BenchmarkFilterContacts(b *testing.B) {
	_, svc := openBench(b, benchDB(b))
	svc.Contacts.List(ctx, model.Filter{Limit: 1})
	for b.Loop() {
		page, err := svc.Contacts.List(ctx, model.Filter{Query: "mäk", Limit: 50})
		if err != nil || page.Total == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkContactsOfMunicipality is a relation lookup: every record that
// refers to Hyvinkää (a sixth of the 50 000 contacts).
func BenchmarkReferencesToMunicipality(b *testing.B) {
	_, svc := openBench(b, benchDB(b))
	for b.Loop() {
		refs, err := svc.Queries.ReferencesTo(ctx, model.MunicipalityID("106"))
		if err != nil || len(refs) < benchContacts/6 {
			b.Fatalf("%d refs, %v", len(refs), err)
		}
	}
}

// BenchmarkRolesOfContact is a relation lookup for one contact.
func BenchmarkRolesOfContact(b *testing.B) {
	_, svc := openBench(b, benchDB(b))
	page, _ := svc.Contacts.List(ctx, model.Filter{Limit: 1})
	for b.Loop() {
		if _, err := svc.Queries.RolesOfContact(ctx, page.Items[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}
