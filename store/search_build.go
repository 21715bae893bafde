package store

import (
	"bytes"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// openSearch makes sure the index's buckets exist and tells whether the
// index is complete for this analyser; if not, it empties it for a
// rebuild. On a new database (empty) the index is complete at once.
func (db *DB) openSearch(tx *bolt.Tx, isNew bool) (ready bool, err error) {
	stamp := db.search.stamp()
	if !isNew && searchComplete(tx, stamp) {
		return true, nil
	}
	for _, b := range searchBuckets() {
		if tx.Bucket(b) != nil {
			if err := tx.DeleteBucket(b); err != nil {
				return false, err
			}
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return false, err
		}
	}
	if isNew {
		return true, tx.Bucket(bucketMeta).Put(metaSearch, stamp)
	}
	return false, tx.Bucket(bucketMeta).Delete(metaSearch)
}

// searchComplete reports whether the index was built by this analyser
// and format and all its buckets are there.
func searchComplete(tx *bolt.Tx, stamp []byte) bool {
	if !bytes.Equal(tx.Bucket(bucketMeta).Get(metaSearch), stamp) {
		return false
	}
	for _, b := range searchBuckets() {
		if tx.Bucket(b) == nil {
			return false
		}
	}
	return true
}

// rebuildBatch is how many records one transaction of a rebuild indexes:
// small enough that a save in the window waits only a moment for it,
// large enough that a block of a common word is rewritten seldom.
const rebuildBatch = 2000

// rebuildSearch indexes every current record, a batch per transaction,
// while the window is already in use: a save in between indexes its own
// record, and the rebuild then leaves that record alone.
func (db *DB) rebuildSearch() error {
	var after []byte
	for !db.closing.Load() {
		done := false
		err := db.updateTx(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketCurrent).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			ids := tx.Bucket(bucketSearchIDs)
			be := blockEdits{}
			for n := 0; n < rebuildBatch; n++ {
				if k == nil {
					done = true
					break
				}
				if ids.Get(k[1:]) == nil {
					r, err := decodeRecord(v)
					if err != nil {
						return corrupt(tx, err)
					}
					if err := db.indexInto(tx, be, r, nil); err != nil {
						return err
					}
				}
				after = bytes.Clone(k)
				k, v = c.Next()
			}
			if err := be.apply(tx); err != nil {
				return err
			}
			if done {
				return tx.Bucket(bucketMeta).Put(metaSearch, db.search.stamp())
			}
			return nil
		})
		if err != nil {
			return err
		}
		if done {
			return db.loadSearch()
		}
	}
	return nil
}

// loadSearch reads the document table and the words of names into memory
// and marks the index ready.
func (db *DB) loadSearch() error {
	var words []string
	var docs []docInfo
	err := db.viewTx(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketSearchDocs).ForEach(func(k, v []byte) error {
			if len(k) != 4 || len(v) != 21 {
				return nil
			}
			n := binary.BigEndian.Uint32(k)
			for uint32(len(docs)) <= n {
				docs = append(docs, docInfo{})
			}
			docs[n] = docInfo{id: idFrom(v[5:]), date: binary.BigEndian.Uint32(v[1:5]), kind: model.Kind(v[0])}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketSearchTerms).ForEach(func(_, v []byte) error {
			words = append(words, string(v))
			return nil
		})
	})
	if err != nil {
		return err
	}
	slices.Sort(words)
	s := db.search
	s.mu.Lock()
	defer s.mu.Unlock()
	// Saves since the read have added their own documents and words.
	for n, d := range docs {
		if n >= len(s.docs) {
			s.docs = append(s.docs, d)
		} else if s.docs[n].id.IsZero() {
			s.docs[n] = d
		}
	}
	s.words = slices.Compact(append(words, s.words...))
	if !s.ready {
		s.ready = true
		close(s.done)
	}
	return nil
}

// startSearch opens the index after the database is open: a complete
// index has its tables loaded, a missing one is rebuilt, both in the
// background so that the window opens at once.
func (db *DB) startSearch(isNew bool) error {
	ready := isNew // initialise made the index with the database
	if !isNew {
		// Read first: opening a file whose index is complete writes
		// nothing (the daily backup tells changed files by their writes).
		err := db.viewTx(func(tx *bolt.Tx) error {
			ready = searchComplete(tx, db.search.stamp())
			return nil
		})
		if err == nil && !ready {
			err = db.updateTx(func(tx *bolt.Tx) error {
				var err error
				ready, err = db.openSearch(tx, false)
				return err
			})
		}
		if err != nil {
			return err
		}
	}
	db.indexing.Add(1)
	go func() {
		defer db.indexing.Done()
		var err error
		if ready {
			err = db.loadSearch()
		} else {
			err = db.rebuildSearch()
		}
		if err != nil {
			db.search.mu.Lock()
			db.search.err = err
			db.search.mu.Unlock()
		}
	}()
	return nil
}

// SearchReady is closed when the full-text index is complete; until then
// search answers from the names alone (SearchResult.Partial).
func (db *DB) SearchReady() <-chan struct{} { return db.search.done }

// SearchAnalyser names the analyser the index uses, for Settings.
func (db *DB) SearchAnalyser() string { return db.search.ix.Analyser() }
