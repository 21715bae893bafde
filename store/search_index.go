package store

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// The full-text index (see package search), derived from bucketCurrent and
// written in the same transaction as each record; it is no part of the
// schema: a file without it, or built by another analyser, gets it rebuilt
// in the background (rebuildSearch), and search meanwhile answers from the
// summaries.
var (
	// bucketSearchPostings: which live records have a key, and where:
	//   key (8, search.Key big-endian) | id (16) →
	//     kind (1) | date (4, yyyymmdd or 0) | n × (field (1) | item (2) | class (1))
	bucketSearchPostings = []byte("search.postings")
	// bucketSearchDocs: the keys a record is indexed under, so that an
	// update removes exactly what the old revision indexed:
	//   id (16) → n × key (8)
	bucketSearchDocs = []byte("search.docs")
	// bucketSearchTerms: the folded surface words, for prefix matching of
	// names no analyser knows:
	//   key (8) → folded word
	bucketSearchTerms = []byte("search.terms")

	// metaSearch → the analyser's name and index format the index was
	// built with; absent while it is being built.
	metaSearch = []byte("search")
)

// searchFormat changes when the keys or values of the index change.
const searchFormat = "1"

func searchBuckets() [][]byte {
	return [][]byte{bucketSearchPostings, bucketSearchDocs, bucketSearchTerms}
}

// searchIndex is the DB's part of the index that lives in memory.
type searchIndex struct {
	ix *search.Indexer

	mu    sync.Mutex
	ready bool
	done  chan struct{}
	// err is why the index could not be built (search then stays on the
	// names).
	err error
	// words are the folded surface words in sorted order, loaded when the
	// index is ready; added holds words written since.
	words []string
	added map[string]bool
}

func (s *searchIndex) stamp() []byte { return []byte(searchFormat + " " + s.ix.Analyser()) }

func (s *searchIndex) isReady() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready
}

// prefixed returns up to limit folded words that start with p.
func (s *searchIndex) prefixed(p string, limit int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.added) > 0 {
		for w := range s.added {
			s.words = append(s.words, w)
		}
		slices.Sort(s.words)
		s.words = slices.Compact(s.words)
		s.added = nil
	}
	i, _ := slices.BinarySearch(s.words, p)
	var out []string
	for ; i < len(s.words) && strings.HasPrefix(s.words[i], p) && len(out) < limit; i++ {
		out = append(out, s.words[i])
	}
	return out
}

func (s *searchIndex) addWords(ws []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.added == nil {
		s.added = map[string]bool{}
	}
	for _, w := range ws {
		s.added[w] = true
	}
}

// indexRecord replaces what the index holds of r's previous revision by
// what r gives; a record in the trash is not indexed.
func (db *DB) indexRecord(tx *bolt.Tx, r model.Record) error {
	if db.search == nil {
		return nil
	}
	id := r.GetMeta().ID
	if err := unindex(tx, id); err != nil {
		return err
	}
	if r.GetMeta().InTrash() {
		return nil
	}
	e := db.search.ix.Index(r, func(ref model.ID) []string { return refNames(tx, ref) })
	post, docs, terms := tx.Bucket(bucketSearchPostings), tx.Bucket(bucketSearchDocs), tx.Bucket(bucketSearchTerms)
	head := make([]byte, 5)
	head[0] = byte(r.Kind())
	binary.BigEndian.PutUint32(head[1:], search.Date(r))
	keys := make([]byte, 0, 8*len(e.Keys))
	for k, occ := range e.Keys {
		v := append([]byte(nil), head...)
		for _, o := range occ {
			v = append(v, byte(o.Field), byte(o.Item>>8), byte(o.Item), byte(o.Class))
		}
		if err := post.Put(postingKey(k, id), v); err != nil {
			return err
		}
		keys = binary.BigEndian.AppendUint64(keys, uint64(k))
	}
	if err := docs.Put(id[:], keys); err != nil {
		return err
	}
	var fresh []string
	for k, w := range e.Surfaces {
		kb := binary.BigEndian.AppendUint64(nil, uint64(k))
		if terms.Get(kb) == nil {
			if err := terms.Put(kb, []byte(w)); err != nil {
				return err
			}
			fresh = append(fresh, w)
		}
	}
	if len(fresh) > 0 {
		db.search.addWords(fresh)
	}
	return nil
}

// unindex removes every posting of id.
func unindex(tx *bolt.Tx, id model.ID) error {
	docs := tx.Bucket(bucketSearchDocs)
	if docs == nil {
		return nil
	}
	old := docs.Get(id[:])
	if old == nil {
		return nil
	}
	post := tx.Bucket(bucketSearchPostings)
	for i := 0; i+8 <= len(old); i += 8 {
		if err := post.Delete(postingKey(search.Key(binary.BigEndian.Uint64(old[i:])), id)); err != nil {
			return err
		}
	}
	return docs.Delete(id[:])
}

func postingKey(k search.Key, id model.ID) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 24), uint64(k))
	return append(b, id[:]...)
}

// refNames are the names a record is found by when another names it: a
// municipality's Finnish and Swedish names, any other record's title.
func refNames(tx *bolt.Tx, id model.ID) []string {
	r, err := getRecord(tx, 0, id)
	if err != nil {
		return nil
	}
	if m, ok := r.(*model.Municipality); ok {
		return []string{m.Name.FI, m.Name.SV}
	}
	return []string{r.Title()}
}

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
// small enough that a save in the window waits only a moment for it.
const rebuildBatch = 400

// rebuildSearch indexes every current record, a batch per transaction,
// while the window is already in use: saves in between index their own
// record, and indexing a record twice gives the same entries.
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
			for n := 0; n < rebuildBatch; n++ {
				if k == nil {
					done = true
					return tx.Bucket(bucketMeta).Put(metaSearch, db.search.stamp())
				}
				r, err := decodeRecord(v)
				if err != nil {
					return corrupt(tx, err)
				}
				if err := db.indexRecord(tx, r); err != nil {
					return err
				}
				after = bytes.Clone(k)
				k, v = c.Next()
			}
			return nil
		})
		if err != nil {
			return err
		}
		if done {
			return db.loadSearchWords()
		}
	}
	return nil
}

// loadSearchWords reads the surface words into memory and marks the index
// ready.
func (db *DB) loadSearchWords() error {
	var words []string
	err := db.viewTx(func(tx *bolt.Tx) error {
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
	s.words = slices.Compact(append(words, s.words...))
	if !s.ready {
		s.ready = true
		close(s.done)
	}
	return nil
}

// startSearch opens the index after the database is open: a complete
// index has its words loaded, a missing one is rebuilt, both in the
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
			err = db.loadSearchWords()
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
