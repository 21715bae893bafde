package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// The full-text index (see package search), derived from bucketCurrent and
// following the saves a moment later (search_pending.go); it is no part of the
// schema: a file without it, or with one built by another analyser, gets
// it rebuilt in the background (rebuildSearch), and search meanwhile
// answers from the summaries.
//
// Records have a small document number in the index, so that a posting
// is 7 bytes; postings are kept in blocks of a key and a range of
// document numbers, so that a save rewrites a few small blocks and a
// query reads a key's blocks in order.
var (
	// bucketSearchPostings:
	//   key (8, search.Key) | docnum / postingRange (4) →
	//     n × (docnum (4) | field (1) | item (1, 255 for 255 and later) | class (1)), by docnum
	bucketSearchPostings = []byte("search.postings")
	// bucketSearchDocs: what ranking needs of each indexed record:
	//   docnum (4) → kind (1) | date (4, yyyymmdd or 0) | id (16)
	// The bucket's sequence hands out the numbers.
	bucketSearchDocs = []byte("search.docs")
	// bucketSearchIDs: id (16) → docnum (4)
	bucketSearchIDs = []byte("search.ids")
	// bucketSearchTerms: the folded words of names, for prefix matching
	// of names no analyser knows:
	//   key (8) → folded word
	bucketSearchTerms = []byte("search.terms")

	// metaSearch → the index format and the analyser's name the index was
	// built with; absent while it is being built.
	metaSearch = []byte("search")
)

// searchFormat changes when the keys or values of the index change.
const searchFormat = "4"

// postingRange is how many document numbers share a block of a key: a
// word in every meeting has blocks of 7 kB, a rare word one of 7 bytes.
const postingRange = 1024

const postingSize = 7

func searchBuckets() [][]byte {
	return [][]byte{bucketSearchPostings, bucketSearchDocs, bucketSearchIDs, bucketSearchTerms}
}

// docInfo is a document number's record.
type docInfo struct {
	id   model.ID
	date uint32
	kind model.Kind
}

// searchIndex is the DB's part of the index that lives in memory.
type searchIndex struct {
	ix *search.Indexer

	mu    sync.Mutex
	ready bool
	// done is closed (once, by settle) when the index is ready or has
	// failed.
	done    chan struct{}
	settled bool
	// err is why the index could not be built (search then stays on the
	// names).
	err error
	// building is true while rebuildSearch runs; saves then note their
	// record in dirty instead of indexing it.
	building bool
	dirty    map[model.ID][]model.Record
	// docs is bucketSearchDocs by document number.
	docs []docInfo
	// words are the folded words of names in sorted order, loaded when
	// the index is ready; added holds words written since.
	words []string
	added map[string]bool

	// pending are the saved records the index has not followed yet (see
	// search_pending.go): id → the revision the index holds (nil: none).
	pending map[model.ID]model.Record
	// ptx is the write transaction under way's part of pending.
	ptx *pendingTx
	// timer makes the index follow a moment after a save; follow is
	// what it runs (nil once Close has begun), followMu held while it
	// runs.
	timer    *time.Timer
	follow   func()
	followMu sync.Mutex
}

// settle closes done unless it is closed already; s.mu is held.
func (s *searchIndex) settle() {
	if !s.settled {
		s.settled = true
		close(s.done)
	}
}

func (s *searchIndex) stamp() []byte { return []byte(searchFormat + " " + s.ix.Analyser()) }

func (s *searchIndex) isReady() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready
}

// noteIfBuilding notes id, and old, the revision a save replaced, for the
// end of a rebuild, if one runs.
func (s *searchIndex) noteIfBuilding(id model.ID, old model.Record) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.building && s.dirty != nil {
		olds := s.dirty[id]
		if old != nil {
			olds = append(olds, old)
		}
		s.dirty[id] = olds
	}
	return s.building
}

// maxSearchDocs bounds document numbers, which index the in-memory
// document table: 33 million records is far beyond a region's archive
// (about 540 000 at 500 000 contacts), and a number beyond it can only come
// from a damaged file, which must not make the table grow to gigabytes.
const maxSearchDocs = 1 << 25

func (s *searchIndex) setDoc(n uint32, d docInfo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for uint32(len(s.docs)) <= n {
		s.docs = append(s.docs, docInfo{})
	}
	s.docs[n] = d
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

// posting is one record's best occurrence under a key.
type posting struct {
	doc   uint32
	field search.Field
	item  uint8
	class search.Class
}

func (p posting) same(q posting) bool { return p == q }

// postingsOf is a record's best occurrence under each of its keys.
func postingsOf(e search.Entry, doc uint32) map[search.Key]posting {
	out := make(map[search.Key]posting, len(e.Keys))
	for k, best := range e.Keys {
		out[k] = posting{doc: doc, field: best.Field, item: uint8(min(best.Item, 255)), class: best.Class}
	}
	return out
}

// blockEdits gathers the changes to the posting blocks of one transaction
// (one save, or a batch of a rebuild), so that each block is read and
// written once.
type blockEdits map[[12]byte]*blockEdit

type blockEdit struct {
	remove map[uint32]bool
	add    []posting
}

func blockKey(k search.Key, doc uint32) [12]byte {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:], uint64(k))
	binary.BigEndian.PutUint32(b[8:], doc/postingRange)
	return b
}

func (be blockEdits) edit(k search.Key, doc uint32) *blockEdit {
	bk := blockKey(k, doc)
	e := be[bk]
	if e == nil {
		e = &blockEdit{}
		be[bk] = e
	}
	return e
}

// diff records the change from a record's old postings to its new ones;
// keys whose posting is unchanged (most of an autosave) are not touched.
func (be blockEdits) diff(old, cur map[search.Key]posting, doc uint32) {
	for k, p := range old {
		if q, ok := cur[k]; ok && q.same(p) {
			continue
		}
		e := be.edit(k, doc)
		if e.remove == nil {
			e.remove = map[uint32]bool{}
		}
		e.remove[doc] = true
	}
	for k, q := range cur {
		if p, ok := old[k]; ok && p.same(q) {
			continue
		}
		e := be.edit(k, doc)
		e.add = append(e.add, q)
	}
}

// apply writes the edited blocks, in key order.
func (be blockEdits) apply(tx *bolt.Tx) error {
	b := bucket(tx, bucketSearchPostings)
	keys := make([][12]byte, 0, len(be))
	for k := range be {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [12]byte) int { return bytes.Compare(x[:], y[:]) })
	for _, k := range keys {
		e := be[k]
		old := b.Get(k[:])
		v := make([]byte, 0, len(old)+postingSize*len(e.add))
		for i := 0; i+postingSize <= len(old); i += postingSize {
			if !e.remove[binary.BigEndian.Uint32(old[i:])] {
				v = append(v, old[i:i+postingSize]...)
			}
		}
		if len(e.add) > 0 {
			for _, p := range e.add {
				v = binary.BigEndian.AppendUint32(v, p.doc)
				v = append(v, byte(p.field), p.item, byte(p.class))
			}
			sortPostings(v)
		}
		var err error
		if len(v) == 0 {
			err = b.Delete(k[:])
		} else {
			err = b.Put(k[:], v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// sortPostings orders a block's postings by document number.
func sortPostings(v []byte) {
	n := len(v) / postingSize
	sorted := true
	for i := 1; i < n && sorted; i++ {
		sorted = bytes.Compare(v[(i-1)*postingSize:(i-1)*postingSize+4], v[i*postingSize:i*postingSize+4]) <= 0
	}
	if sorted {
		return
	}
	items := make([][postingSize]byte, n)
	for i := range items {
		copy(items[i][:], v[i*postingSize:])
	}
	slices.SortFunc(items, func(x, y [postingSize]byte) int { return bytes.Compare(x[:4], y[:4]) })
	for i := range items {
		copy(v[i*postingSize:], items[i][:])
	}
}

// indexRecord notes that the index is to change from what old gave (nil:
// nothing) to what r gives (a record in the trash gives nothing), which
// it does a moment later (see search_pending.go).
func (db *DB) indexRecord(tx *bolt.Tx, r, old model.Record) error {
	if db.search == nil || tx.Bucket(bucketSearchPostings) == nil {
		return nil
	}
	if db.search.noteIfBuilding(r.GetMeta().ID, old) {
		return nil
	}
	return db.notePending(tx, r, old)
}

func (db *DB) indexInto(tx *bolt.Tx, be blockEdits, r, old model.Record) error {
	id := r.GetMeta().ID
	ids := bucket(tx, bucketSearchIDs)
	var doc uint32
	if v := ids.Get(id[:]); len(v) == 4 {
		doc = binary.BigEndian.Uint32(v)
		if doc >= maxSearchDocs {
			return corrupt(tx, fmt.Errorf("search document %d", doc))
		}
	} else {
		if r.GetMeta().InTrash() {
			return nil
		}
		old = nil // whatever old gave was never indexed
		seq, err := bucket(tx, bucketSearchDocs).NextSequence()
		if err != nil {
			return err
		}
		if seq >= maxSearchDocs {
			return corrupt(tx, fmt.Errorf("search document sequence %d", seq))
		}
		doc = uint32(seq)
		if err := ids.Put(id[:], binary.BigEndian.AppendUint32(nil, doc)); err != nil {
			return err
		}
	}
	names := func(ref model.ID) []string { return refNames(tx, ref) }
	var before, after map[search.Key]posting
	if old != nil && !old.GetMeta().InTrash() {
		before = postingsOf(db.search.ix.Index(old, names), doc)
	}
	if !r.GetMeta().InTrash() {
		e := db.search.ix.Index(r, names)
		after = postingsOf(e, doc)
		if err := db.putNameWords(tx, e); err != nil {
			return err
		}
	}
	be.diff(before, after, doc)
	info := docInfo{id: id, date: search.Date(r), kind: r.Kind()}
	v := docValue(info)
	docs := bucket(tx, bucketSearchDocs)
	dk := binary.BigEndian.AppendUint32(nil, doc)
	if !bytes.Equal(docs.Get(dk), v) {
		if err := docs.Put(dk, v); err != nil {
			return err
		}
	}
	db.search.setDoc(doc, info)
	return nil
}

// docValue is a document's value in bucketSearchDocs.
func docValue(d docInfo) []byte {
	v := make([]byte, 5, 21)
	v[0] = byte(d.kind)
	binary.BigEndian.PutUint32(v[1:], d.date)
	return append(v, d.id[:]...)
}

// putNameWords keeps the folded words of names for prefix matching.
func (db *DB) putNameWords(tx *bolt.Tx, e search.Entry) error {
	terms := bucket(tx, bucketSearchTerms)
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

// unindex removes a record that is purged (it is in the trash, so it has
// no postings): only its document number goes.
func unindex(tx *bolt.Tx, id model.ID) error {
	ids := bucket(tx, bucketSearchIDs)
	if ids.Bucket == nil {
		return nil
	}
	if v := ids.Get(id[:]); len(v) == 4 {
		if err := bucket(tx, bucketSearchDocs).Delete(v); err != nil {
			return err
		}
	}
	return ids.Delete(id[:])
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

// forget takes an erased record out of the index: its postings, its
// document number and the folded words of its names that no other record
// is found by any more. The words are the one place the index keeps text
// as it was written; an erased person's name must not stay there. Call it
// after the records that named the person were rewritten (their postings
// of the name are gone then) and before the record itself is deleted.
func (db *DB) forget(tx *bolt.Tx, old model.Record) error {
	if db.search == nil || tx.Bucket(bucketSearchPostings) == nil {
		return nil
	}
	// What the index holds of the record and of those that named it
	// must be what old and they give.
	if err := db.drainPending(tx); err != nil {
		return err
	}
	id := old.GetMeta().ID
	e := db.search.ix.Index(old, func(ref model.ID) []string { return refNames(tx, ref) })
	if v := bucket(tx, bucketSearchIDs).Get(id[:]); len(v) == 4 && !old.GetMeta().InTrash() {
		doc := binary.BigEndian.Uint32(v)
		be := blockEdits{}
		be.diff(postingsOf(e, doc), nil, doc)
		if err := be.apply(tx); err != nil {
			return err
		}
	}
	postings, terms := bucket(tx, bucketSearchPostings).Cursor(), bucket(tx, bucketSearchTerms)
	for k := range e.Surfaces {
		kb := binary.BigEndian.AppendUint64(nil, uint64(k))
		if pk, _ := postings.Seek(kb); pk != nil && bytes.HasPrefix(pk, kb) {
			continue // another record is still found by this word
		}
		if err := terms.Delete(kb); err != nil {
			return err
		}
	}
	return unindex(tx, id)
}
