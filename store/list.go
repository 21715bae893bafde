package store

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// list filters and pages one kind's records outside the trash, reading
// bucketOrder in its (Finnish) order. A filter's Text goes through the
// search index (listText). An unfiltered page reads only the
// entries it returns (after stepping over the offset) and takes its total
// from the counts; a filtered one reads the kind's summaries until it has
// counted every match.
//
// It reads in the transaction ctx carries (inside Atomic it sees that
// transaction's writes), else in its own.
func (db *DB) list(ctx context.Context, kind model.Kind, f model.Filter) (model.Page, error) {
	var page model.Page
	if f.Text != "" && db.search.isReady() {
		if err := db.FollowSaves(ctx); err != nil {
			return page, err
		}
	}
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		if f.Text != "" {
			var ok bool
			if page, ok, err = db.listText(ctx, tx, kind, f); ok || err != nil {
				return err
			}
			f.Query = strings.TrimSpace(f.Query + " " + f.Text)
		}
		page, err = listIn(ctx, tx, kind, stateLive, f)
		return err
	})
	return page, err
}

// listIn is list within tx, for records of kind in state.
func listIn(ctx context.Context, tx *bolt.Tx, kind model.Kind, state byte, f model.Filter) (model.Page, error) {
	var page model.Page
	words := model.SearchWords(f.Query)
	filtered := len(words) > 0 || len(f.Facets) > 0
	prefix := orderPrefix(kind, state)
	order := bucket(tx, bucketOrder)
	if order.s != nil {
		return listSealed(ctx, order, prefix, words, f)
	}
	c := order.Cursor()
	if !filtered {
		page.Total = count(tx, kind, state)
	}
	first, next := func() ([]byte, []byte) { return c.Seek(prefix) }, c.Next
	if f.Reverse {
		first, next = func() ([]byte, []byte) { return lastWithPrefix(c, prefix) }, c.Prev
	}
	seen := 0
	for k, v := first(); k != nil && bytes.HasPrefix(k, prefix); k, v = next() {
		if seen%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return page, err
			}
		}
		var s model.Summary
		if filtered {
			if err := decodeSummaryInto(&s, v); err != nil {
				return page, corrupt(tx, err)
			}
			if !matches(&s, words, f.Facets) {
				continue
			}
		}
		if seen >= f.Offset && (f.Limit == 0 || len(page.Items) < f.Limit) {
			if filtered {
				s, _ = decodeSummary(v) // s shares v's memory: copy it out
			} else if err := decodeSummaryInto(&s, bytes.Clone(v)); err != nil {
				return page, corrupt(tx, err)
			}
			page.Items = append(page.Items, s)
		}
		seen++
		if !filtered && f.Limit > 0 && len(page.Items) == f.Limit {
			break
		}
	}
	if filtered {
		page.Total = seen
	}
	return page, nil
}

// listSealed is listIn for an encrypted file, whose order keys hold no
// sort keys (they would spell the names): it reads every summary of the
// kind and state and sorts them, which costs time in proportion to the
// kind's records on every page (see docs/security.md).
func listSealed(ctx context.Context, order bkt, prefix []byte, words []string, f model.Filter) (model.Page, error) {
	var page model.Page
	sorted, err := cachedOrder(order.Tx(), prefix, func() ([]model.Summary, error) {
		var all []model.Summary
		c := order.Cursor()
		n := 0
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			var s model.Summary
			if err := decodeSummaryInto(&s, v); err != nil { // v is a new slice: s may keep it
				return nil, corrupt(order.Tx(), err)
			}
			all = append(all, s)
		}
		slices.SortFunc(all, lessSummary)
		return all, nil
	})
	if err != nil {
		return page, err
	}
	all := sorted
	if len(words) > 0 || len(f.Facets) > 0 {
		all = nil
		for i := range sorted {
			if matches(&sorted[i], words, f.Facets) {
				all = append(all, sorted[i])
			}
		}
	}
	page.Total = len(all)
	if f.Offset >= len(all) {
		return page, nil
	}
	end := len(all)
	if f.Limit > 0 {
		end = min(end, f.Offset+f.Limit)
	}
	if f.Reverse {
		for i := len(all) - 1 - f.Offset; i >= len(all)-end; i-- {
			page.Items = append(page.Items, all[i])
		}
		return page, nil
	}
	page.Items = slices.Clone(all[f.Offset:end])
	return page, nil
}

// orderCaches keeps, per open encrypted file, its lists sorted by
// listSealed as of one committed transaction, so that paging and filtering
// as the user types do not open and sort every summary again. Any commit
// makes a new transaction ID and so a new list on the next read.
var orderCaches sync.Map // *bolt.DB → *orderCache

type orderCache struct {
	mu    sync.Mutex
	txid  int
	lists map[string][]model.Summary
}

// cachedOrder returns build's list of prefix as of tx, from the cache when
// tx reads the transaction it was built in. A writing transaction sees its
// own changes and never uses the cache. The lists are shared: read only.
func cachedOrder(tx *bolt.Tx, prefix []byte, build func() ([]model.Summary, error)) ([]model.Summary, error) {
	if tx.Writable() {
		return build()
	}
	v, _ := orderCaches.LoadOrStore(tx.DB(), &orderCache{})
	c := v.(*orderCache)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.txid != tx.ID() || c.lists == nil {
		c.txid, c.lists = tx.ID(), map[string][]model.Summary{}
	}
	if l, ok := c.lists[string(prefix)]; ok {
		return l, nil
	}
	l, err := build()
	if err != nil {
		return nil, err
	}
	c.lists[string(prefix)] = l
	return l, nil
}

func matches(s *model.Summary, words, facets []string) bool {
	for _, f := range facets {
		if !s.HasFacet(f) {
			return false
		}
	}
	return model.MatchQuery(words, s.Words)
}

// lessSummary orders summaries as bucketOrder does within a kind and state.
func lessSummary(a, b model.Summary) int {
	if c := bytes.Compare(a.SortKey, b.SortKey); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// lastWithPrefix positions c on the last key that starts with prefix (a
// kind and state: two bytes, the second never 0xFF).
func lastWithPrefix(c cursor, prefix []byte) ([]byte, []byte) {
	end := bytes.Clone(prefix)
	end[len(end)-1]++
	if k, _ := c.Seek(end); k == nil {
		return c.Last()
	}
	return c.Prev()
}

// Each calls fn with every current record of kind (the trash included:
// see GetMeta().InTrash), in ID order, all read in one transaction and
// only from that kind's part of the file: bulk work (exports) streams
// through it instead of listing and loading records one by one. Each
// record is decoded anew, so fn may keep it.
func (db *DB) Each(ctx context.Context, kind model.Kind, fn func(r model.Record) error) error {
	return db.view(ctx, func(tx *bolt.Tx) error {
		prefix := []byte{byte(kind)}
		c := bucket(tx, bucketCurrent).Cursor()
		n := 0
		for k, v := c.Seek(prefix); k != nil && k[0] == byte(kind); k, v = c.Next() {
			if n++; n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			r, err := decodeRecord(v)
			if err != nil {
				return corrupt(tx, err)
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
}
