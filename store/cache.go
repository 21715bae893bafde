package store

import (
	"bytes"
	"slices"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// summaryCache keeps one kind's summaries in memory, sorted in Finnish
// order, so that lists, filtering as the user types and search need no
// disk reads after the first. Only this process writes the file (bbolt's
// lock), so the cache stays true as long as every write updates it; writes
// do so when their transaction commits.
type summaryCache struct {
	// items are sorted by (SortKey, ID) and include the trash. Pointers
	// keep sorting 50 000 of them cheap.
	items []*model.Summary
	// byID finds an item's place by binary search on its own key, so that
	// a save does not scan 50 000 items.
	byID map[model.ID]*model.Summary
}

func newSummaryCache(items []*model.Summary) *summaryCache {
	c := &summaryCache{items: items, byID: make(map[model.ID]*model.Summary, len(items))}
	for _, s := range items {
		c.byID[s.ID] = s
	}
	return c
}

func lessSummaryPtr(a, b *model.Summary) int {
	if c := bytes.Compare(a.SortKey, b.SortKey); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

func lessSummary(a, b model.Summary) int {
	if c := bytes.Compare(a.SortKey, b.SortKey); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// upsert replaces or inserts s, keeping the order.
func (c *summaryCache) upsert(s model.Summary) {
	c.remove(s.ID)
	i, _ := slices.BinarySearchFunc(c.items, &s, lessSummaryPtr)
	c.items = slices.Insert(c.items, i, &s)
	c.byID[s.ID] = &s
}

func (c *summaryCache) remove(id model.ID) {
	old, ok := c.byID[id]
	if !ok {
		return
	}
	delete(c.byID, id)
	if i, found := slices.BinarySearchFunc(c.items, old, lessSummaryPtr); found {
		c.items = slices.Delete(c.items, i, i+1)
	}
}

// cacheOnCommit applies a changed summary to the cache once tx commits (a
// rolled-back transaction leaves the cache alone).
func (db *DB) cacheOnCommit(tx *bolt.Tx, s model.Summary, removed bool) {
	tx.OnCommit(func() {
		db.mu.Lock()
		defer db.mu.Unlock()
		c := db.cache[s.Kind]
		if c == nil {
			return // not loaded yet: the next load reads the committed data
		}
		if removed {
			c.remove(s.ID)
		} else {
			c.upsert(s)
		}
	})
}

// summaries returns the kind's cached summaries, loading every kind's on
// first use (one pass over the records bucket). The slice must not be
// modified.
func (db *DB) summaries(kind model.Kind) ([]*model.Summary, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if c := db.cache[kind]; c != nil {
		return c.items, nil
	}
	// Loading under the lock keeps a commit from slipping between the read
	// and the store of the cache (commits wait for the lock in OnCommit).
	byKind := map[model.Kind][]*model.Summary{}
	var arena summaryArena
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRecords).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 17 || k[16] != partSummary {
				continue
			}
			s := arena.next()
			if err := decodeSummaryInto(s, arena.copy(v)); err != nil {
				return model.Internal(err)
			}
			byKind[s.Kind] = append(byKind[s.Kind], s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range model.Kinds {
		items := byKind[k]
		slices.SortFunc(items, lessSummaryPtr)
		db.cache[k] = newSummaryCache(items)
	}
	return db.cache[kind].items, nil
}

// list filters and pages one kind's records outside the trash.
func (db *DB) list(kind model.Kind, f model.Filter) (model.Page, error) {
	all, err := db.summaries(kind)
	if err != nil {
		return model.Page{}, err
	}
	words := model.SearchWords(f.Query)
	var page model.Page
	for _, s := range all {
		if s.Deleted != nil || !matches(s, words, f.Facets) {
			continue
		}
		if page.Total >= f.Offset && (f.Limit == 0 || len(page.Items) < f.Limit) {
			page.Items = append(page.Items, *s)
		}
		page.Total++
	}
	return page, nil
}

func matches(s *model.Summary, words, facets []string) bool {
	for _, f := range facets {
		if !s.HasFacet(f) {
			return false
		}
	}
	return model.MatchQuery(words, s.Words)
}

// summaryArena allocates summaries and their bytes in large blocks, so that
// loading 50 000 of them costs a few hundred allocations, not a few hundred
// thousand. The bytes are never modified once copied in.
type summaryArena struct {
	structs []model.Summary
	bytes   []byte
}

const arenaBlock = 4096

func (a *summaryArena) next() *model.Summary {
	if len(a.structs) == cap(a.structs) {
		a.structs = make([]model.Summary, 0, arenaBlock)
	}
	a.structs = a.structs[:len(a.structs)+1]
	return &a.structs[len(a.structs)-1]
}

// copy returns a copy of b that lives in the arena.
func (a *summaryArena) copy(b []byte) []byte {
	if len(a.bytes)+len(b) > cap(a.bytes) {
		a.bytes = make([]byte, 0, max(1<<20, len(b)))
	}
	start := len(a.bytes)
	a.bytes = append(a.bytes, b...)
	return a.bytes[start:len(a.bytes):len(a.bytes)]
}
