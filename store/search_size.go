package store

import (
	"context"

	bolt "go.etcd.io/bbolt"
)

// SearchSize is what the full-text index takes, for reports (the
// benchmarks set it beside other systems' figures).
type SearchSize struct {
	// Disk is the bytes of the pages of the index's buckets in the file.
	Disk int64
	// Memory is an estimate of the tables the index keeps in memory: the
	// document table and the folded words of names.
	Memory int64
}

// SearchSize measures the index as it is now; wait for SearchReady first,
// or the memory part is what has been loaded so far.
func (db *DB) SearchSize() (SearchSize, error) {
	var s SearchSize
	if err := db.FollowSaves(context.Background()); err != nil {
		return s, err
	}
	err := db.viewTx(func(tx *bolt.Tx) error {
		page := int64(db.bolt.Info().PageSize)
		for _, name := range searchBuckets() {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			st := b.Stats()
			s.Disk += int64(st.BranchPageN+st.BranchOverflowN+st.LeafPageN+st.LeafOverflowN) * page
		}
		return nil
	})
	if err != nil {
		return SearchSize{}, err
	}
	db.search.mu.Lock()
	s.Memory = int64(len(db.search.docs)) * 32
	for _, w := range db.search.words {
		s.Memory += int64(len(w)) + 16
	}
	db.search.mu.Unlock()
	return s, nil
}
