package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// migration upgrades a database by one schema version inside one
// transaction. A migration that rewrites every record has batches first:
// work in transactions of its own, each leaving the file consistent and
// repeatable (a batch redone after a crash finds its work done), so that
// a region's archive is not rewritten in one transaction held in memory.
type migration struct {
	name    string
	batches func(db *DB) error
	fn      func(tx *bolt.Tx) error
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
	{name: "records with a checksum", batches: frameRecords, fn: func(tx *bolt.Tx) error { return nil }},
}

// migrate backs the file up and then applies the migrations after version
// from, each in its own transaction so that a failure leaves a consistent,
// older but openable file.
func (db *DB) migrate(from int) error {
	backup, err := db.backupBeforeMigration(from)
	if err != nil {
		// A damaged file, or a disk that will not take the copy, is told
		// as such (nothing was migrated): not as an internal error.
		if model.ErrorCode(err) == model.EDAMAGED || isFileProblem(err) {
			return err
		}
		return model.Internal(fmt.Errorf("backup before migration: %w", err))
	}
	for v := from; v < len(migrations); v++ {
		m := migrations[v]
		if m.batches != nil {
			if err := m.batches(db); err != nil {
				return migrationFailed(v+1, m.name, backup, err)
			}
		}
		err := db.updateTx(func(tx *bolt.Tx) error {
			if err := m.fn(tx); err != nil {
				return err
			}
			return putSchema(tx, v+1)
		})
		if err != nil {
			return migrationFailed(v+1, m.name, backup, err)
		}
	}
	return nil
}

// migrationFailed is the error of migration number v: damage found on the
// way is the damaged-file error (each transaction of a migration leaves
// the file's contents as they were or migrated, never between), a disk
// problem its own message, anything else an internal error naming the
// copy taken before.
func migrationFailed(v int, name, backup string, err error) error {
	if model.ErrorCode(err) == model.EDAMAGED || isFileProblem(err) {
		return err
	}
	return model.Internal(fmt.Errorf("migration %d (%s) failed; a copy of the file from before it is at %s: %w", v, name, backup, err))
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
			return cur.Put(currentKey(valueKind(v), idFrom(k)), v)
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

// frameBatch is about how many bytes of values one transaction of
// frameRecords rewrites.
var frameBatch = 32 << 20

// frameRecords gives every stored revision written before schema 4 its
// checksum (see encodeRecord): the current revisions and the older ones
// (not the revisions known only by their metadata, which are not record
// values). The bytes of each are kept as they were; a value that has its
// checksum already is left alone, so a batch redone finds nothing to do.
func frameRecords(db *DB) error {
	for _, name := range [][]byte{bucketCurrent, bucketHistory} {
		var from []byte
		for done := false; !done; {
			err := db.updateTx(func(tx *bolt.Tx) error {
				b := bucket(tx, name)
				if b.Bucket == nil {
					done = true
					return nil
				}
				type put struct{ k, v []byte }
				var puts []put
				size := 0
				c := b.Cursor()
				k, v := c.First()
				if from != nil {
					k, v = c.Seek(from)
				}
				for ; k != nil && size < frameBatch; k, v = c.Next() {
					if bytes.Equal(name, bucketHistory) && (len(k) != 33 || k[16] != partHistory) {
						continue
					}
					if len(v) >= 2 && v[0]&checksumFlag == 0 {
						puts = append(puts, put{bytes.Clone(k), framed(v)})
						size += len(v)
					}
				}
				if k == nil {
					done = true
				} else {
					from = bytes.Clone(k)
				}
				for _, p := range puts {
					if err := b.Put(p.k, p.v); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
