package store

import (
	"errors"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// migration upgrades a database by one schema version inside one
// transaction.
type migration struct {
	name string
	fn   func(tx *bolt.Tx) error
}

// migrations lists every schema change in order; the schema version of a
// database is the number of migrations applied to it. A new database is
// created at the newest version directly (initialise), so a migration only
// ever runs on a file made by an older Hankekirja.
//
// Version 1 is the first release's layout; it has nothing to migrate from.
var migrations = []migration{
	{name: "initial layout", fn: func(tx *bolt.Tx) error { return nil }},
	{name: "current revisions, history and summaries apart", fn: splitRecords},
	{name: "contacts found by their phone numbers", fn: resummarise(model.KindContact)},
}

// migrate backs the file up and then applies the migrations after version
// from, each in its own transaction so that a failure leaves a consistent,
// older but openable file.
func (db *DB) migrate(from int) error {
	backup, err := db.backupBeforeMigration(from)
	if err != nil {
		return model.Internal(fmt.Errorf("backup before migration: %w", err))
	}
	for v := from; v < len(migrations); v++ {
		m := migrations[v]
		err := db.updateTx(func(tx *bolt.Tx) error {
			if err := m.fn(tx); err != nil {
				return err
			}
			return putSchema(tx, v+1)
		})
		if err != nil {
			return model.Internal(fmt.Errorf("migration %d (%s) failed; a copy of the file from before it is at %s: %w", v+1, m.name, backup, err))
		}
	}
	return nil
}

// backupBeforeMigration writes a consistent copy of the database (still at
// schema from) into its backups directory (see backup.go) and returns its
// path.
func (db *DB) backupBeforeMigration(from int) (string, error) {
	return db.AutoBackup(model.BackupMigration)
}

// writeCopy writes the transaction's snapshot of the database to path
// atomically: a temporary file, fsync, rename.
func writeCopy(tx *bolt.Tx, path string) error {
	return WriteFileAtomic(path, 0o600, func(w io.Writer) error {
		rec := &writeRecorder{w: w}
		_, err := tx.WriteTo(rec)
		if rec.err != nil {
			return rec.err // the disk's own error: see autoBackup
		}
		return err
	})
}

// Backup writes a consistent copy of the whole database to path while the
// database stays open.
func (db *DB) Backup(path string) error {
	return db.viewTx(func(tx *bolt.Tx) error { return writeCopy(tx, path) })
}

// splitRecords moves schema 1's one bucket of records (current revision,
// summary and history interleaved under each ID) into bucketCurrent,
// bucketHistory and bucketOrder with bucketSummaries, and counts the
// records, so that reading the current state never steps over history.
func splitRecords(tx *bolt.Tx) error {
	old := bucket(tx, bucketRecords)
	if old.Bucket == nil {
		return errors.New("no records bucket")
	}
	for _, name := range [][]byte{bucketCurrent, bucketHistory, bucketOrder, bucketSummaries, bucketAutosaves} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	cur, hist := bucket(tx, bucketCurrent), bucket(tx, bucketHistory)
	// Keys come in ID order, which is also the order of the new history
	// keys: filling pages to the brim suits them.
	hist.FillPercent = 1
	err := old.ForEach(func(k, v []byte) error {
		switch {
		case len(k) == 17 && k[16] == partCurrent:
			return cur.Put(currentKey(model.Kind(v[0]), idFrom(k)), v)
		case len(k) == 17 && k[16] == partSummary:
			s, err := decodeSummary(v)
			if err != nil {
				return fmt.Errorf("summary %x: %w", k[:16], err)
			}
			return writeSummary(tx, &s)
		case len(k) == 33 && (k[16] == partHistory || k[16] == partKnown):
			return hist.Put(k, v)
		}
		return fmt.Errorf("records: malformed key %x", k)
	})
	if err != nil {
		return err
	}
	return tx.DeleteBucket(bucketRecords)
}

// resummarise makes the summaries of the records of kind again from their
// current revisions: what a summary holds changed (a contact's search
// words gained its phone numbers in every form people type them). Sort
// keys are kept: the name they come from did not change.
func resummarise(kind model.Kind) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		var list []*model.Summary
		c := bucket(tx, bucketCurrent).Cursor()
		prefix := []byte{byte(kind)}
		for k, v := c.Seek(prefix); k != nil && k[0] == byte(kind); k, v = c.Next() {
			r, err := decodeRecord(v)
			if err != nil {
				return fmt.Errorf("record %x: %w", k, err)
			}
			var key []byte
			if old, err := summaryOf(tx, r.GetMeta().ID); err == nil {
				key = old.SortKey
			}
			s := model.SummaryWithSortKey(r, key)
			list = append(list, &s)
		}
		return writeSummaries(tx, list)
	}
}
