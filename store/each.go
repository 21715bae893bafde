package store

import (
	"bytes"
	"context"
	"errors"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Each calls fn with every record of the kind that is not in the trash,
// in list order, decoding one record at a time: an export of 500 000
// contacts holds one of them, not all (model.Service).
func (s *kindStore[T, P]) Each(ctx context.Context, fn func(*T) error) error {
	return s.db.view(ctx, func(tx *bolt.Tx) error {
		return eachLive(ctx, tx, s.kind, func(r model.Record) error { return fn((*T)(r.(P))) })
	})
}

// eachLive is Each within tx.
func eachLive(ctx context.Context, tx *bolt.Tx, kind model.Kind, fn func(model.Record) error) error {
	prefix := orderPrefix(kind, stateLive)
	order := bucket(tx, bucketOrder)
	if order.s != nil {
		// Sealed keys do not sort: the order is the summaries', made in
		// memory as a list makes it.
		page, err := listSealed(ctx, order, prefix, nil, model.Filter{})
		if err != nil {
			return err
		}
		for i, s := range page.Items {
			if err := eachOne(ctx, tx, kind, s.ID, i, fn); err != nil {
				return err
			}
		}
		return nil
	}
	c := order.Cursor()
	i := 0
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) < len(prefix)+16 {
			return corrupt(tx, errShortOrderKey)
		}
		if err := eachOne(ctx, tx, kind, idFrom(k[len(k)-16:]), i, fn); err != nil {
			return err
		}
		i++
	}
	return nil
}

// eachOne reads record id and hands it to fn, looking at ctx every 1 024
// records (i counts them).
func eachOne(ctx context.Context, tx *bolt.Tx, kind model.Kind, id model.ID, i int, fn func(model.Record) error) error {
	if i%1024 == 1023 {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	// The kind is known: the current value is read without asking the
	// summaries for it, as getRecord would.
	v := bucket(tx, bucketCurrent).Get(currentKey(kind, id))
	if v == nil {
		return corrupt(tx, model.NotFound(kind, id)) // listed, so it must be there
	}
	r, err := decodeRecord(v)
	if err != nil {
		return corrupt(tx, err)
	}
	return fn(r)
}

var errShortOrderKey = errors.New("a key of the list order is too short to hold an ID")
