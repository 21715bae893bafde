package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// openSearch makes sure the index's buckets exist and tells whether the
// index is complete for this analyser; if not, it empties it for a
// rebuild. On a new database (empty) the index is complete at once.
func (db *DB) openSearch(tx *bolt.Tx, isNew bool) (ready bool, err error) {
	stamp := db.search.stamp()
	if !isNew && searchComplete(tx, stamp) {
		return true, nil
	}
	return isNew, emptySearch(tx, isNew, stamp)
}

// emptySearch empties the index's buckets and marks the index complete
// (complete: a new database's empty index) or to be built.
func emptySearch(tx *bolt.Tx, complete bool, stamp []byte) error {
	for _, b := range searchBuckets() {
		if tx.Bucket(b) != nil {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	// The records pending are in what is built next.
	if tx.Bucket(bucketSearchPending) != nil {
		if err := tx.DeleteBucket(bucketSearchPending); err != nil {
			return err
		}
	}
	if complete {
		return bucket(tx, bucketMeta).Put(metaSearch, stamp)
	}
	return bucket(tx, bucketMeta).Delete(metaSearch)
}

// searchComplete reports whether the index was built by this analyser
// and format and all its buckets are there.
func searchComplete(tx *bolt.Tx, stamp []byte) bool {
	if !bytes.Equal(bucket(tx, bucketMeta).Get(metaSearch), stamp) {
		return false
	}
	for _, b := range searchBuckets() {
		if tx.Bucket(b) == nil {
			return false
		}
	}
	// Records still pending were saved by a process that ended before
	// its index followed them (a crash): what the index holds of them is
	// known no more.
	if p := tx.Bucket(bucketSearchPending); p != nil {
		if k, _ := p.Cursor().First(); k != nil {
			return false
		}
	}
	return true
}

// rebuildChunk is how many document numbers one pass of a rebuild
// gathers in memory before writing them: a multiple of postingRange, so
// that a pass writes blocks of its own and never rewrites another's.
const rebuildChunk = 16 * postingRange

// afterSnapshot lets a test save records while a rebuild runs.
var afterSnapshot func(db *DB)

// rebuildSearch indexes every current record while the window is already
// in use. It gathers the postings of a chunk of records in memory and
// writes them in key order, so that building writes each block once.
// Saves meanwhile leave the index alone and note their record with the
// revision they replaced (searchIndex.dirty); the last transaction
// indexes those afresh.
func (db *DB) rebuildSearch() error {
	s := db.search
	s.mu.Lock()
	s.building, s.dirty = true, map[model.ID][]model.Record{}
	// The rebuild reads every current record.
	s.pending = map[model.ID]model.Record{}
	s.mu.Unlock()
	if afterSnapshot != nil {
		afterSnapshot(db)
	}
	// Each chunk is read in a read transaction of its own and written in
	// a write transaction after it: a read transaction held across writes
	// would keep bbolt from growing the file's map, and the write wait
	// for it for ever.
	var after []byte
	var doc uint32
	for done := false; !done; {
		if db.closing.Load() {
			return nil
		}
		ch := newChunk()
		err := db.viewTx(func(tx *bolt.Tx) error {
			c := bucket(tx, bucketCurrent).Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			// Every document of a chunk has the same doc / rebuildChunk.
			for chunkNo := (doc + 1) / rebuildChunk; k != nil && (doc+1)/rebuildChunk == chunkNo; k, v = c.Next() {
				after = bytes.Clone(k)
				r, err := decodeRecord(v)
				if err != nil {
					return corrupt(tx, err)
				}
				if r.GetMeta().InTrash() {
					continue
				}
				doc++
				ch.add(db, tx, r, doc)
			}
			done = k == nil
			return nil
		})
		if err != nil {
			return err
		}
		if err := db.updateTx(ch.write); err != nil {
			return err
		}
	}
	err := db.updateTx(func(tx *bolt.Tx) error {
		if err := bucket(tx, bucketSearchDocs).SetSequence(uint64(doc)); err != nil {
			return err
		}
		s.mu.Lock()
		dirty := s.dirty
		s.building, s.dirty = false, nil
		s.mu.Unlock()
		be := blockEdits{}
		names := func(ref model.ID) []string { return refNames(tx, ref) }
		for id, olds := range dirty {
			// The rebuild read one of the revisions the saves replaced, or
			// the current one: take away what any of them gave.
			var before map[search.Key]posting
			var doc uint32
			if d := bucket(tx, bucketSearchIDs).Get(id[:]); len(d) == 4 {
				doc = binary.BigEndian.Uint32(d)
				before = map[search.Key]posting{}
				for _, old := range olds {
					if !old.GetMeta().InTrash() {
						maps.Copy(before, postingsOf(db.search.ix.Index(old, names), doc))
					}
				}
			}
			cur, err := getRecord(tx, 0, id)
			if err != nil { // purged since
				if before != nil {
					be.diff(before, nil, doc)
				}
				if err := unindex(tx, id); err != nil {
					return err
				}
				continue
			}
			if before == nil {
				if err := db.indexInto(tx, be, cur, nil); err != nil {
					return err
				}
				continue
			}
			maps.Copy(before, postingsOf(db.search.ix.Index(cur, names), doc))
			// Remove every posting of the doc those revisions gave, then
			// index the current revision afresh.
			be.diff(before, nil, doc)
			if err := be.apply(tx); err != nil {
				return err
			}
			be = blockEdits{}
			if err := db.indexInto(tx, be, cur, nil); err != nil {
				return err
			}
			if err := be.apply(tx); err != nil {
				return err
			}
			be = blockEdits{}
		}
		if err := be.apply(tx); err != nil {
			return err
		}
		return bucket(tx, bucketMeta).Put(metaSearch, s.stamp())
	})
	if err != nil {
		return err
	}
	return db.loadSearch()
}

// chunk is the postings of a run of records, gathered for one write.
type chunk struct {
	postings map[search.Key][]byte
	words    map[search.Key]string
	docs     []keyValue
	ids      []keyValue
}

func newChunk() *chunk {
	return &chunk{postings: map[search.Key][]byte{}, words: map[search.Key]string{}}
}

// add gathers record r as document doc; documents come in increasing
// order, so each key's postings stay sorted.
func (ch *chunk) add(db *DB, snap *bolt.Tx, r model.Record, doc uint32) {
	e := db.search.ix.Index(r, func(ref model.ID) []string { return refNames(snap, ref) })
	for k, p := range postingsOf(e, doc) {
		b := binary.BigEndian.AppendUint32(ch.postings[k], doc)
		ch.postings[k] = append(b, byte(p.field), p.item, byte(p.class))
	}
	for k, w := range e.Surfaces {
		ch.words[k] = w
	}
	id := r.GetMeta().ID
	dk := binary.BigEndian.AppendUint32(nil, doc)
	ch.docs = append(ch.docs, keyValue{dk, docValue(docInfo{id: id, date: search.Date(r), kind: r.Kind()})})
	ch.ids = append(ch.ids, keyValue{bytes.Clone(id[:]), dk})
}

// write puts the chunk's blocks, documents and words in key order.
func (ch *chunk) write(tx *bolt.Tx) error {
	post := bucket(tx, bucketSearchPostings)
	post.FillPercent = 1.0
	keys := make([]search.Key, 0, len(ch.postings))
	for k := range ch.postings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := ch.postings[k]
		for len(v) > 0 {
			first := binary.BigEndian.Uint32(v)
			n := 0
			for n < len(v) && binary.BigEndian.Uint32(v[n:])/postingRange == first/postingRange {
				n += postingSize
			}
			bk := blockKey(k, first)
			if err := post.Put(bk[:], v[:n]); err != nil {
				return err
			}
			v = v[n:]
		}
	}
	if err := writeSorted(bucket(tx, bucketSearchDocs), ch.docs); err != nil {
		return err
	}
	if err := writeSorted(bucket(tx, bucketSearchIDs), ch.ids); err != nil {
		return err
	}
	terms := bucket(tx, bucketSearchTerms)
	var puts []keyValue
	for k, w := range ch.words {
		kb := binary.BigEndian.AppendUint64(nil, uint64(k))
		if terms.Get(kb) == nil {
			puts = append(puts, keyValue{kb, []byte(w)})
		}
	}
	return writeSorted(terms, puts)
}

// loadSearch reads the document table and the words of names into memory
// and marks the index ready.
func (db *DB) loadSearch() error {
	var words []string
	var docs []docInfo
	err := db.viewTx(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketSearchDocs)
		last := b.Sequence() // document numbers come from NextSequence
		n := 0
		err := b.ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 && db.closing.Load() {
				return errSearchAbandoned
			}
			if len(k) != 4 || len(v) != 21 {
				return nil
			}
			n := binary.BigEndian.Uint32(k)
			if uint64(n) > last || n >= maxSearchDocs {
				// A damaged key must not grow the table to billions of
				// entries (nor may a number that the next record would
				// be given again): the index is built anew.
				return fmt.Errorf("%w: %d beyond %d", errSearchNumbering, n, last)
			}
			for uint32(len(docs)) <= n {
				docs = append(docs, docInfo{})
			}
			docs[n] = docInfo{id: idFrom(v[5:]), date: binary.BigEndian.Uint32(v[1:5]), kind: model.Kind(v[0])}
			return nil
		})
		if err != nil {
			return err
		}
		err = bucket(tx, bucketSearchTerms).ForEach(func(_, v []byte) error {
			if n++; n%4096 == 0 && db.closing.Load() {
				return errSearchAbandoned
			}
			words = append(words, string(v))
			return nil
		})
		// Everything read is copied: the pages go back to the kernel.
		// The kernel maps the cached pages around each one read as well,
		// so a walk of these two buckets, scattered through the file,
		// left 530 MB of it resident at 500 000 contacts.
		releasePages(tx)
		return err
	})
	if err == nil && db.closing.Load() {
		err = errSearchAbandoned
	}
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
	s.ready = true
	s.settle()
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
		if err == nil && !ready && db.readOnly {
			// A file that cannot be written cannot get its index: search
			// stays on the names (Find answers from the summaries).
			db.search.mu.Lock()
			db.search.err = db.readOnlyError(nil)
			db.search.settle()
			db.search.mu.Unlock()
			return nil
		}
		if err == nil && !ready && db.noSearchBuild {
			// Saves skip the index (nil: nothing to note) and search
			// answers from the names; nothing is written.
			db.search.mu.Lock()
			db.search.building, db.search.dirty = true, nil
			db.search.mu.Unlock()
			return nil
		}
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
		// contain: a damaged page turns into EDAMAGED for the index
		// (search then stays on the names), not a crash.
		if ready {
			err = db.contain(db.loadSearch)
			if errors.Is(err, errSearchNumbering) {
				err = db.renumberSearch(err)
			}
		} else {
			err = db.contain(db.rebuildSearch)
		}
		if err != nil {
			db.search.mu.Lock()
			db.search.err = err
			db.search.building, db.search.dirty = false, nil
			// Waiters go on with search on the names alone; they
			// must not wait for an index that will not come.
			db.search.settle()
			db.search.mu.Unlock()
		}
	}()
	return nil
}

// errSearchAbandoned ends the loading of the index when the file is
// closed before it is done: Close waits for it, and at 500 000 contacts
// the load takes half a second.
var errSearchAbandoned = errors.New("the index's loading was abandoned: the file is closing")

// errSearchNumbering is a document number in the index beyond the
// numbers handed out: a damaged key, or a file compacted before
// compaction kept the index's sequence.
var errSearchNumbering = errors.New("search document number beyond the sequence")

// renumberSearch empties an index whose numbering is broken (why) and
// builds it again from the records; a read-only file keeps search on the
// names.
func (db *DB) renumberSearch(why error) error {
	if db.readOnly {
		return damaged(db.path, why)
	}
	err := db.updateTx(func(tx *bolt.Tx) error {
		if err := bucket(tx, bucketMeta).Delete(metaSearch); err != nil {
			return err
		}
		_, err := db.openSearch(tx, false)
		return err
	})
	if err != nil {
		return err
	}
	return db.contain(db.rebuildSearch)
}

// deferSearch empties the index and marks it incomplete, so that saves
// skip it until BuildSearch (see Options.DeferSearch).
func (db *DB) deferSearch() error {
	// Even a complete index (a new file's, or a copy of one) is emptied:
	// the records written in bulk are not in it.
	err := db.updateTx(func(tx *bolt.Tx) error {
		return emptySearch(tx, false, db.search.stamp())
	})
	if err != nil {
		return err
	}
	s := db.search
	s.mu.Lock()
	s.building, s.dirty = true, nil // nil: nothing to note
	s.pending = map[model.ID]model.Record{}
	s.mu.Unlock()
	return nil
}

// BuildSearch builds the full-text index of a database opened with
// Options.DeferSearch, and returns when it is ready.
func (db *DB) BuildSearch() error {
	err := db.updateTx(func(tx *bolt.Tx) error {
		_, err := db.openSearch(tx, false)
		return err
	})
	if err != nil {
		return err
	}
	return db.contain(db.rebuildSearch)
}

// SearchReady is closed when the full-text index is complete, or when it
// could not be loaded or built (a damaged file): until it is complete,
// search answers from the names alone (SearchResult.Partial).
func (db *DB) SearchReady() <-chan struct{} { return db.search.done }

// SearchAnalyser names the analyser the index uses, for Settings.
func (db *DB) SearchAnalyser() string { return db.search.ix.Analyser() }
