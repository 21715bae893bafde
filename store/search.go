package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
	"hankekirja/search"
)

// maxPrefixWords bounds how many words a prefix stands for ("mak" →
// mäkinen, mäkelä, ...): a prefix of one or two letters would otherwise
// read most of the index.
const maxPrefixWords = 200

// match is one record's best match of one query word.
type match struct {
	rank int
	occ  search.Occurrence
}

// Find implements model.Queries.Find over the full-text index; until the
// index is ready it answers from the summaries (Partial).
func (q queries) Find(ctx context.Context, sq model.SearchQuery) (model.SearchResult, error) {
	db := q.db
	if sq.PerKind <= 0 {
		sq.PerKind = 10
	}
	if !db.search.isReady() {
		return q.findInSummaries(ctx, sq)
	}
	if err := db.FollowSaves(ctx); err != nil {
		return model.SearchResult{}, err
	}
	words := db.search.ix.Plan(sq.Text)
	if len(words) == 0 {
		return model.SearchResult{}, nil
	}
	var res model.SearchResult
	err := db.view(ctx, func(tx *bolt.Tx) error {
		hits := newHitTable(db.search.docCount(), len(words))
		defer hits.release()
		for i, w := range words {
			db.wordPostings(tx, w, false, maxPrefixWords, func(doc uint32, occ search.Occurrence, viaPrefix bool) {
				hits.visit(i, doc, search.Rank(occ, viaPrefix), occ)
			})
			hits.endWord(i)
		}
		res = db.collect(tx, hits, sq.Kind, words, sq.PerKind)
		if txFrom(ctx) == nil {
			// The postings of a common word lie all over the file, and
			// the kernel maps the cached pages around each one read:
			// give them back (a search as one types reads much the same
			// pages again, from the kernel's cache).
			releasePages(tx)
		}
		return nil
	})
	return res, err
}

// wordPostings calls visit with every posting of word w. With prefix, w
// is also the start of a name word even when it is a word of its own (a
// filter being typed), and a one-letter w is too. At most maxWords words
// are taken for a prefix; more reports whether w starts more than that.
func (db *DB) wordPostings(tx *bolt.Tx, w search.Word, prefix bool, maxWords int, visit func(doc uint32, occ search.Occurrence, viaPrefix bool)) (more bool) {
	c := bucket(tx, bucketSearchPostings).Cursor()
	scan := func(k search.Key, viaPrefix bool) int {
		n := 0
		start := binary.BigEndian.AppendUint64(nil, uint64(k))
		for key, v := c.Seek(start); key != nil && bytes.HasPrefix(key, start); key, v = c.Next() {
			for ; len(v) >= postingSize; v = v[postingSize:] {
				n++
				visit(binary.BigEndian.Uint32(v), search.Occurrence{Field: search.Field(v[4]), Item: int(v[5]), Class: search.Class(v[6])}, viaPrefix)
			}
		}
		return n
	}
	found := scan(w.Surface, search.ViaKey)
	if w.HasBase {
		found += scan(w.Base, search.ViaKey)
		scan(w.Stem, search.ViaKey)
	}
	// A word that is no word of any record is taken as the start of one (a
	// name being typed, a surname no analyser knows); a whole word is not,
	// so that kunnan does not bring every kunnanjohtaja.
	if prefix || found == 0 && len([]rune(w.Folded)) >= 2 {
		words := db.search.prefixed(w.Folded, maxWords+1)
		if more = len(words) > maxWords; more {
			words = words[:maxWords]
		}
		for _, s := range words {
			if s != w.Folded {
				scan(search.SurfaceKey(s), search.ViaPrefix)
			}
		}
	}
	return more
}

// collect orders the matches of kind (0: every kind) by rank, then newer
// meetings first, counts them per kind and keeps perKind of each with
// their summaries and snippets.
func (db *DB) collect(tx *bolt.Tx, hits *hitTable, kind model.Kind, words []search.Word, perKind int) model.SearchResult {
	type hit struct {
		docInfo
		match
	}
	order := func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(b.date, a.date), bytes.Compare(b.id[:], a.id[:]))
	}
	// The best perKind of each kind, kept sorted as they come: a common
	// word has tens of thousands of hits, and sorting them all was most
	// of a query's time.
	res := model.SearchResult{Counts: map[model.Kind]int{}}
	best := map[model.Kind][]hit{}
	db.search.mu.Lock() // once for the whole table: a lock a hit was a fifth of the time
	docs := db.search.docs
	for _, doc := range hits.docs {
		if int(doc) >= len(docs) {
			continue
		}
		d := docs[doc]
		if d.id.IsZero() || kind != 0 && d.kind != kind {
			continue
		}
		res.Counts[d.kind]++
		h := hit{d, hits.best[doc].match()}
		top := best[d.kind]
		if perKind > 256 {
			best[d.kind] = append(top, h) // sorted below
			continue
		}
		if len(top) == perKind && order(h, top[len(top)-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, h, order)
		top = slices.Insert(top, i, h)
		if len(top) > perKind {
			top = top[:perKind]
		}
		best[d.kind] = top
	}
	db.search.mu.Unlock()
	if perKind > 256 {
		for k, top := range best {
			slices.SortFunc(top, order)
			best[k] = top[:min(len(top), perKind)]
		}
	}
	byKind := map[model.Kind][]model.SearchHit{}
	for kind, top := range best {
		for _, h := range top {
			sum, err := decodeSummary(rawSummary(tx, h.id))
			if err != nil {
				continue
			}
			byKind[kind] = append(byKind[kind], db.hitOf(tx, h.id, sum, h.match, words))
		}
	}
	// Kinds in the order of their best hit, so that the town typed comes
	// before the projects it takes part in; Kinds' order between equals.
	kinds := slices.Clone(model.Kinds)
	slices.SortStableFunc(kinds, func(a, b model.Kind) int {
		best := func(k model.Kind) int {
			if h := byKind[k]; len(h) > 0 {
				return h[0].Rank
			}
			return 1 << 30
		}
		return cmp.Compare(best(a), best(b))
	})
	for _, k := range kinds {
		res.Hits = append(res.Hits, byKind[k]...)
	}
	return res
}

// hitOf fills in where the match is and the snippet around it.
func (db *DB) hitOf(tx *bolt.Tx, id model.ID, sum model.Summary, m match, words []search.Word) model.SearchHit {
	h := model.SearchHit{Summary: sum, Field: m.occ.Field.String(), Item: m.occ.Item, Rank: m.rank}
	r, err := getRecord(tx, 0, id)
	if err != nil {
		return h
	}
	if mt, ok := r.(*model.Meeting); ok {
		h.MeetingNumber = mt.NumberText()
		if m.occ.Item > 0 && m.occ.Item <= len(mt.Items) {
			h.ItemNumber = mt.Items[m.occ.Item-1].Number
		}
	}
	var names search.Names // only a hit in the municipalities needs their names
	if m.occ.Field == search.FieldMunicipality {
		names = func(ref model.ID) []string { return refNames(tx, ref) }
	}
	for _, t := range search.Texts(r, names) {
		if t.Field == m.occ.Field && t.Item == m.occ.Item {
			s := db.search.ix.MakeSnippet(t.Text, words)
			if len(s.Marks) == 0 && h.Snippet != "" {
				continue
			}
			h.Snippet, h.Marks = s.Text, s.Marks
			if len(s.Marks) > 0 {
				break
			}
		}
	}
	return h
}

// findInSummaries answers while the index is being built: names and the
// few fields summaries keep, by prefix.
func (q queries) findInSummaries(ctx context.Context, sq model.SearchQuery) (model.SearchResult, error) {
	res := model.SearchResult{Counts: map[model.Kind]int{}, Partial: true}
	for _, kind := range model.Kinds {
		if sq.Kind != 0 && kind != sq.Kind {
			continue
		}
		page, err := q.db.list(ctx, kind, model.Filter{Query: sq.Text, Limit: sq.PerKind})
		if err != nil {
			return res, err
		}
		if page.Total > 0 {
			res.Counts[kind] = page.Total
		}
		for _, s := range page.Items {
			res.Hits = append(res.Hits, model.SearchHit{Summary: s, Field: search.FieldName.String(), Snippet: s.Title, Rank: 0})
		}
	}
	return res, nil
}
