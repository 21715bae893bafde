package store

import (
	"bytes"
	"context"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// maxListPrefixWords bounds the name words a word of a list's filter
// stands for as a prefix (the last word, being typed, or an initial). A list shows a count of every match, so a
// prefix is never cut short there as search's is: a shorter one (m, ma,
// 04) starts so many names that reading the summaries is as quick, and
// the filter answers from them.
const maxListPrefixWords = 2000

// fewMatches is the share of a kind's records below which a filter's
// matches are put in order by looking each one up; above it, walking the
// kind's order keys and keeping the matches is quicker.
const fewMatches = 8

// listText is list for a filter with Text: the records of kind that
// full-text search finds for it, in bucketOrder's order. ok is false when
// the index cannot answer (it is being built, or a word is too short a
// prefix); the caller then matches Text as Query.
func (db *DB) listText(ctx context.Context, tx *bolt.Tx, kind model.Kind, f model.Filter) (page model.Page, ok bool, err error) {
	if db.search == nil || !db.search.isReady() || tx.Bucket(bucketSearchPostings) == nil {
		return page, false, nil
	}
	words := db.search.ix.Plan(f.Text)
	if len(words) == 0 {
		return page, false, nil
	}
	typing := f.Text == strings.TrimRightFunc(f.Text, unicode.IsSpace)
	// The documents that have every word, as bits by document number:
	// a word in every contact has 50 000 of them, which a map made slow.
	var all []uint64
	size := db.search.docCount()/64 + 1
	for i, w := range words {
		has := make([]uint64, size)
		// An initial is the start of a name wherever it is (m virtanen).
		prefix := typing && i == len(words)-1 || utf8.RuneCountInString(w.Folded) == 1
		more := db.wordPostings(tx, w, prefix, maxListPrefixWords, func(doc uint32, _ search.Occurrence, _ bool) {
			if int(doc/64) < len(has) {
				has[doc/64] |= 1 << (doc % 64)
			}
		})
		if more {
			return page, false, nil
		}
		if all == nil {
			all = has
			continue
		}
		for j := range all {
			all[j] &= has[j]
		}
	}
	// The words go through Query too (nothing when f.Query is empty), and
	// the facets: both are read from the summaries of the matches only.
	q := model.SearchWords(f.Query)
	keep := func(v []byte) (bool, error) {
		if len(q) == 0 && len(f.Facets) == 0 {
			return true, nil
		}
		var s model.Summary
		if err := decodeSummaryInto(&s, v); err != nil {
			return false, corrupt(tx, err)
		}
		return matches(&s, q, f.Facets), nil
	}
	ids := db.search.idsOf(all, kind)
	order := bucket(tx, bucketOrder)
	add := func(k []byte, seen int) error {
		if seen >= f.Offset && (f.Limit == 0 || len(page.Items) < f.Limit) {
			s, err := decodeSummary(order.Get(k))
			if err != nil {
				return corrupt(tx, err)
			}
			page.Items = append(page.Items, s)
		}
		return nil
	}
	// take counts the match under order key k, whose summary is v, when
	// Query and the facets keep it, and puts it on the page when in range.
	take := func(k, v []byte) error {
		if ok, err := keep(v); err != nil || !ok {
			return err
		}
		if err := add(k, page.Total); err != nil {
			return err
		}
		page.Total++
		return nil
	}
	prefix := orderPrefix(kind, stateLive)
	// An encrypted file's order keys leave the names out (see storeKey):
	// its matches are always sorted by their full keys, which the
	// summaries bucket holds.
	if sealerOf(tx.DB()) != nil || len(ids)*fewMatches < count(tx, kind, stateLive) {
		// Few matches: find each one's order key and sort them.
		sums := bucket(tx, bucketSummaries)
		keys := make([][]byte, 0, len(ids))
		for id := range ids {
			if k := sums.Get(id[:]); bytes.HasPrefix(k, prefix) {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, bytes.Compare)
		if f.Reverse {
			slices.Reverse(keys)
		}
		for _, k := range keys {
			if err := take(k, order.Get(k)); err != nil {
				return page, true, err
			}
		}
		return page, true, nil
	}
	// Many: walk the kind's keys in order, reading only the matches.
	c := order.Cursor()
	first, next := func() ([]byte, []byte) { return c.Seek(prefix) }, c.Next
	if f.Reverse {
		first, next = func() ([]byte, []byte) { return lastWithPrefix(c, prefix) }, c.Prev
	}
	n := 0
	for k, v := first(); k != nil && bytes.HasPrefix(k, prefix); k, v = next() {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return page, true, err
			}
		}
		if !ids[model.ID(k[len(k)-16:])] {
			continue
		}
		if err := take(k, v); err != nil {
			return page, true, err
		}
	}
	return page, true, nil
}

// docCount is how many document numbers have been handed out.
func (s *searchIndex) docCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs)
}

// idsOf returns the IDs of the documents of kind whose bits are set.
func (s *searchIndex) idsOf(set []uint64, kind model.Kind) map[model.ID]bool {
	n := 0
	for _, word := range set {
		n += bits.OnesCount64(word)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Sized at once: growing a map to a word in every contact (50 000)
	// was most of such a filter's time.
	ids := make(map[model.ID]bool, n)
	for i, word := range set {
		for ; word != 0; word &= word - 1 {
			n := i*64 + bits.TrailingZeros64(word)
			if n < len(s.docs) && s.docs[n].kind == kind && !s.docs[n].id.IsZero() {
				ids[s.docs[n].id] = true
			}
		}
	}
	return ids
}
