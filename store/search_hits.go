package store

import (
	"sync"

	"hankekirja/search"
)

// hitTable gathers the documents that every word of a query matched, by
// document number, each with its best occurrence of the first word and
// the sum of its words' best ranks. At 500 000 contacts a common word has
// a hundred thousand postings, and building a map of them (and growing
// it) was 40 % of a query's time; the table's slots are reused from query
// to query, and a stamp per slot tells which of them this query set.
type hitTable struct {
	// stamp[doc] is base+i+1 once doc matched words 0 to i of this query
	// (anything else: not, or another query's).
	stamp []uint32
	best  []docMatch // the first word's best occurrence, and the rank so far
	cur   []int32    // the best rank of the current word (words after the first)
	docs  []uint32   // the documents that matched every word so far
	base  uint32
	words int
}

// docMatch is one document's match in a hitTable.
type docMatch struct {
	rank  int32
	field search.Field
	item  uint8 // postings keep the item in one byte
	class search.Class
}

func (m docMatch) match() match {
	return match{rank: int(m.rank), occ: search.Occurrence{Field: m.field, Item: int(m.item), Class: m.class}}
}

var hitTables sync.Pool

// newHitTable returns a table for documents below n and a query of the
// given number of words; put it back with release.
func newHitTable(n, words int) *hitTable {
	t, _ := hitTables.Get().(*hitTable)
	if t == nil {
		t = &hitTable{}
	}
	if len(t.stamp) < n {
		n += n/8 + 64 // room for the records added before the next query
		t.stamp, t.best, t.cur, t.base = make([]uint32, n), make([]docMatch, n), make([]int32, n), 0
	}
	if t.base > ^uint32(0)-uint32(words)-2 {
		clear(t.stamp)
		t.base = 0
	}
	t.base += uint32(t.words) + 1 // past every stamp the last query set
	t.words = words
	t.docs = t.docs[:0]
	return t
}

func (t *hitTable) release() { hitTables.Put(t) }

// visit takes a posting of word i (0 is the first) of document doc with
// rank r.
func (t *hitTable) visit(i int, doc uint32, r int, occ search.Occurrence) {
	if int(doc) >= len(t.stamp) {
		return // numbered after the query began: not yet in the table of documents either
	}
	s, want := t.stamp[doc], t.base+uint32(i)
	switch {
	case i == 0 && s != want+1:
		t.stamp[doc] = want + 1
		t.best[doc] = docMatch{rank: int32(r), field: occ.Field, item: uint8(min(occ.Item, 255)), class: occ.Class}
		t.docs = append(t.docs, doc)
	case i == 0:
		if int32(r) < t.best[doc].rank {
			t.best[doc] = docMatch{rank: int32(r), field: occ.Field, item: uint8(min(occ.Item, 255)), class: occ.Class}
		}
	case s == want: // matched the words before, and now this one
		t.stamp[doc] = want + 1
		t.cur[doc] = int32(r)
	case s == want+1:
		t.cur[doc] = min(t.cur[doc], int32(r))
	}
}

// endWord ends word i: the documents that lack it drop out, the others
// add its best rank.
func (t *hitTable) endWord(i int) {
	if i == 0 {
		return
	}
	done := t.base + uint32(i) + 1
	kept := t.docs[:0]
	for _, doc := range t.docs {
		if t.stamp[doc] == done {
			t.best[doc].rank += t.cur[doc]
			kept = append(kept, doc)
		}
	}
	t.docs = kept
}
