package store

import (
	"context"
	"testing"

	"hankekirja/model"
)

// BenchmarkSearchContacts is one search query over the 50 000 contacts
// (the full-text index: names, emails, phones). With
// HANKEKIRJA_TEST_ENCRYPT=1 it, like every benchmark here, runs on an
// encrypted file: docs/benchmarks.md compares the two.
func BenchmarkSearchContacts(b *testing.B) {
	db, _ := openBench(b, benchDB(b))
	<-db.SearchReady()
	q := queries{db}
	for b.Loop() {
		res, err := q.Find(context.Background(), model.SearchQuery{Text: "mäkinen", PerKind: 8})
		if err != nil || len(res.Hits) == 0 {
			b.Fatalf("search: %+v, %v", res, err)
		}
	}
}

// BenchmarkSealOpen is the sealing of one contact's value and its
// opening: what encryption adds to each value read or written.
func BenchmarkSealOpen(b *testing.B) {
	_, _, s, err := newDataKey()
	if err != nil {
		b.Fatal(err)
	}
	v, _ := encodeRecord(benchContact(1))
	k := currentKey(model.KindContact, model.NewID())
	for b.Loop() {
		if _, err := s.open(bucketCurrent, k, s.seal(bucketCurrent, k, v)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnlockDefaultKDF is what a passphrase costs once per start:
// Argon2id with DefaultKDF and the unwrapping of the data key.
func BenchmarkUnlockDefaultKDF(b *testing.B) {
	id, dk, _, err := newDataKey()
	if err != nil {
		b.Fatal(err)
	}
	pass := []byte("oikea tunnuslause")
	h, err := newHeader(id, dk, pass, DefaultKDF)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := h.unwrap("bench.db", pass); err != nil {
			b.Fatal(err)
		}
	}
}
