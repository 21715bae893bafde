package store

import (
	"context"

	bolt "go.etcd.io/bbolt"
)

// txKey is the context key of the write transaction Atomic runs in.
type txKey struct{}

func txFrom(ctx context.Context) *bolt.Tx {
	if ctx == nil {
		return nil
	}
	tx, _ := ctx.Value(txKey{}).(*bolt.Tx)
	return tx
}

// Atomic runs fn in one write transaction: every service call fn makes with
// the context it is given joins that transaction, and either all of them
// take effect or, when fn returns an error, none does. An import uses it so
// that a failure part-way leaves the database as it was.
//
// Within fn, service calls see each other's writes, except List and Search,
// which read the committed summaries. fn must return the error of any call
// that failed: a failed call may have written part of its change.
func (db *DB) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if txFrom(ctx) != nil {
		return fn(ctx) // already inside one
	}
	return db.update(ctx, func(tx *bolt.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// View runs fn in one read transaction: every service call fn makes with
// the context it is given reads in it, so an export sees one consistent
// state however long it takes, and a hundred thousand reads cost one
// transaction. Inside Atomic it uses Atomic's transaction.
func (db *DB) View(ctx context.Context, fn func(ctx context.Context) error) error {
	if txFrom(ctx) != nil {
		return fn(ctx)
	}
	return db.viewTx(func(tx *bolt.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// view runs fn in the transaction ctx carries, else in a new read-only one.
func (db *DB) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if tx := txFrom(ctx); tx != nil {
		return fn(tx)
	}
	return db.viewTx(fn)
}
