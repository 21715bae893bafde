package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// This file holds the reads and writes of the summaries and their order
// (bucketOrder, bucketSummaries and the counts in bucketMeta), so that
// every writer keeps the three in step.

// writeSummary stores s as the summary of its record, moving its entry in
// bucketOrder when its sort key or state changed, and keeping the counts.
func writeSummary(tx *bolt.Tx, s *model.Summary) error {
	return writeSummaries(tx, []*model.Summary{s})
}

// deleteSummary removes a record's summary (a purge).
func deleteSummary(tx *bolt.Tx, id model.ID) error {
	sums := bucket(tx, bucketSummaries)
	old := sums.Get(id[:])
	if old == nil {
		return nil
	}
	old = bytes.Clone(old)
	if err := bucket(tx, bucketOrder).Delete(old); err != nil {
		return err
	}
	if err := sums.Delete(id[:]); err != nil {
		return err
	}
	return addCount(tx, model.Kind(old[0]), old[1], -1)
}

// rawSummary returns the stored summary of id, or nil. The bytes are
// valid only while tx is.
func rawSummary(tx *bolt.Tx, id model.ID) []byte {
	k := bucket(tx, bucketSummaries).Get(id[:])
	if k == nil {
		return nil
	}
	return bucket(tx, bucketOrder).Get(k)
}

// liveKind returns the kind of id when it exists and is not in the trash.
func liveKind(tx *bolt.Tx, id model.ID) (model.Kind, bool) {
	k := bucket(tx, bucketSummaries).Get(id[:])
	if len(k) < 2 {
		return 0, false
	}
	return model.Kind(k[0]), k[1] == stateLive
}

// kindCache remembers liveKind's answers in a transaction that does not
// change while it is used.
type kindCache struct {
	tx *bolt.Tx
	m  map[model.ID]cachedKind
}

type cachedKind struct {
	kind model.Kind
	live bool
}

func (c *kindCache) liveKind(id model.ID) (model.Kind, bool) {
	if k, ok := c.m[id]; ok {
		return k.kind, k.live
	}
	kind, live := liveKind(c.tx, id)
	if c.m == nil {
		c.m = map[model.ID]cachedKind{}
	}
	c.m[id] = cachedKind{kind, live}
	return kind, live
}

// count returns how many records of kind are in state.
func count(tx *bolt.Tx, kind model.Kind, state byte) int {
	v := bucket(tx, bucketMeta).Get(countKey(kind, state))
	if len(v) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(v))
}

func addCount(tx *bolt.Tx, kind model.Kind, state byte, delta int) error {
	n := count(tx, kind, state) + delta
	if n < 0 {
		return model.Internal(errors.New("record count below zero"))
	}
	return bucket(tx, bucketMeta).Put(countKey(kind, state), binary.BigEndian.AppendUint64(nil, uint64(n)))
}

// currentKey is a record's key in bucketCurrent.
func currentKey(kind model.Kind, id model.ID) []byte {
	k := make([]byte, 17)
	k[0] = byte(kind)
	copy(k[1:], id[:])
	return k
}

// putCurrent stores the current revision's encoded value (whose first
// byte is its kind).
func putCurrent(tx *bolt.Tx, id model.ID, v []byte) error {
	return bucket(tx, bucketCurrent).Put(currentKey(valueKind(v), id), v)
}

// rawCurrent returns the current revision's stored value, or nil; valid
// only while tx is. The record's kind comes from its summary.
func rawCurrent(tx *bolt.Tx, id model.ID) []byte {
	k := bucket(tx, bucketSummaries).Get(id[:])
	if len(k) == 0 {
		return nil
	}
	return bucket(tx, bucketCurrent).Get(currentKey(model.Kind(k[0]), id))
}

// deleteAll removes every trace of a record: current revision, history,
// known revisions and summary.
func deleteAll(tx *bolt.Tx, id model.ID) error {
	if k := bucket(tx, bucketSummaries).Get(id[:]); len(k) > 0 {
		if err := bucket(tx, bucketCurrent).Delete(currentKey(model.Kind(k[0]), id)); err != nil {
			return err
		}
	}
	if err := bucket(tx, bucketAutosaves).Delete(id[:]); err != nil {
		return err
	}
	hist := bucket(tx, bucketHistory)
	c := hist.Cursor()
	for k, _ := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, _ = c.Seek(id[:]) {
		if err := hist.Delete(k); err != nil {
			return err
		}
	}
	return deleteSummary(tx, id)
}

// keyValue is one put of a batch.
type keyValue struct{ k, v []byte }

// writeSorted puts a batch in key order. bbolt splits a page only when the
// transaction commits, so a large transaction that inserts here and there
// keeps shifting ever larger pages in memory: 50 000 summaries inserted in
// ID order into a bucket ordered by name took most of a merge's time. In
// key order each insert lands at the end.
func writeSorted(b bkt, puts []keyValue) error {
	slices.SortFunc(puts, func(x, y keyValue) int { return bytes.Compare(x.k, y.k) })
	for _, p := range puts {
		if err := b.Put(p.k, p.v); err != nil {
			return err
		}
	}
	return nil
}

// writeSummaries is writeSummary for many records at once (a merge): the
// order entries and the summaries index are written in key order, and the
// counts once.
func writeSummaries(tx *bolt.Tx, list []*model.Summary) error {
	sums, order := bucket(tx, bucketSummaries), bucket(tx, bucketOrder)
	counts := map[[2]byte]int{}
	var orderPuts, sumPuts []keyValue
	for _, s := range list {
		key := orderKey(s)
		if old := sums.Get(s.ID[:]); !bytes.Equal(old, key) {
			if old != nil {
				old = bytes.Clone(old)
				if err := order.Delete(old); err != nil {
					return err
				}
				counts[[2]byte{old[0], old[1]}]--
			}
			sumPuts = append(sumPuts, keyValue{s.ID[:], key})
			counts[[2]byte{byte(s.Kind), key[1]}]++
		}
		orderPuts = append(orderPuts, keyValue{key, encodeSummary(*s)})
	}
	if err := writeSorted(order, orderPuts); err != nil {
		return err
	}
	if err := writeSorted(sums, sumPuts); err != nil {
		return err
	}
	for ks, n := range counts {
		if n != 0 {
			if err := addCount(tx, model.Kind(ks[0]), ks[1], n); err != nil {
				return err
			}
		}
	}
	return nil
}
