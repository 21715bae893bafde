package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// A large import into a database that holds nothing yet (a new file: the
// registry's municipalities and nothing else) is written into a copy of
// the file in transactions of a few hundred records, which one bbolt
// transaction of the whole archive cannot match in time or memory: bbolt
// keeps every page a transaction dirties in memory until it commits. The
// copy replaces the file only when all of it is written and checked, so
// an import stopped half way (an error, a cancellation, kill -9) leaves
// the database as it was; a copy left behind by a killed import is
// removed by the next import into a new database (Stage).

// StagingPath is where a large import stages the database at path: a
// hidden file beside it (".hankekirja.db.import"). One name, not a
// random one: only the process holding the database writes it, and a
// copy a killed import left behind is found and removed.
func StagingPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".import")
}

// Staging is a copy of a fresh database that a large import writes into
// (Merge), then puts in the database's place (Commit) or throws away
// (Abort).
type Staging struct {
	orig *DB
	db   *DB
	path string
	// deferred are the records whose references pointed past the batches
	// written so far: Finish validates them.
	deferred []model.ID
	finished bool // Finish found nothing wrong
	done     bool // committed or aborted
	// writing is the transaction of the batch Merge handed over last,
	// which says on it how it ended; nil when none is on its way.
	writing chan error
}

// IsFresh reports whether the database holds nothing but municipalities
// with no older revisions and has erased nothing: what a new file holds.
// A snapshot is then loaded with Stage instead of merged record by
// record.
func (db *DB) IsFresh(ctx context.Context) (bool, error) {
	fresh := true
	err := db.viewTx(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCurrent).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if model.Kind(k[0]) != model.KindMunicipality {
				fresh = false
				return nil
			}
		}
		if k, _ := tx.Bucket(bucketHistory).Cursor().First(); k != nil {
			fresh = false
		}
		return nil
	})
	if err != nil || !fresh {
		return false, err
	}
	ts, err := db.Tombstones(ctx)
	return err == nil && len(ts) == 0, err
}

// Stage copies the database into a staging file beside it and opens the
// copy for loading: no fsync per commit (Commit syncs once) and the
// full-text index deferred, so that the next Open builds it in the
// background (Options.DeferSearch). The database must be fresh (IsFresh)
// and stays open and unchanged until Commit.
func (db *DB) Stage() (*Staging, error) {
	path := StagingPath(db.path)
	// A copy a killed import left behind: this process holds the
	// database, so no other import is writing one.
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fileError(db.path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fileError(db.path, err)
	}
	err = db.viewTx(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fileError(db.path, err)
	}
	copyDB, err := Open(path, &Options{Now: db.now, NoSync: true, NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return &Staging{orig: db, db: copyDB, path: path}, nil
}

// Device is the database's device (the copy has the same).
func (s *Staging) Device() model.ID { return s.db.Device() }

// ReadChains reads chains from the copy (see DB.ReadChains).
func (s *Staging) ReadChains(ctx context.Context, ids []model.ID, fn func(*model.Chain) error) error {
	return s.db.ReadChains(ctx, ids, fn)
}

// Revision reads a revision from the copy (see DB.Revision).
func (s *Staging) Revision(ctx context.Context, id, rev model.ID) (model.Record, error) {
	return s.db.Revision(ctx, id, rev)
}

// Merge writes one batch of a merge into the copy, in one transaction:
// as ApplyMerge, except that references to records of later batches are
// checked at Commit. The transaction runs while the caller gets the next
// batch ready (encoding a batch and committing the one before are each
// one core's work): an error of this batch's transaction is the next
// Merge's or Finish's.
func (s *Staging) Merge(ctx context.Context, writes []model.MergeWrite) error {
	if len(writes) == 0 {
		return nil
	}
	enc, err := encodeWrites(writes)
	if err != nil {
		return err
	}
	if err := s.written(); err != nil {
		return err
	}
	s.writing = make(chan error, 1)
	go func(done chan<- error) {
		done <- s.db.update(ctx, func(tx *bolt.Tx) error {
			// Pages of earlier batches are not needed again.
			releasePages(tx)
			return s.db.applyMerge(tx, writes, enc, s, false)
		})
	}(s.writing)
	return nil
}

// written waits for the transaction Merge handed over last and returns
// its error.
func (s *Staging) written() error {
	if s.writing == nil {
		return nil
	}
	err := <-s.writing
	s.writing = nil
	return err
}

// Finish checks the records whose references pointed past their batch,
// now that every batch is in: an error here is the merge's refusal of
// one of them (a *model.MergeError), and the copy can only be aborted.
func (s *Staging) Finish(ctx context.Context) error {
	if s.finished {
		return nil
	}
	if err := s.written(); err != nil {
		return err
	}
	err := s.db.viewTx(func(tx *bolt.Tx) error {
		for _, id := range s.deferred {
			if err := ctx.Err(); err != nil {
				return err
			}
			v := rawCurrent(tx, id)
			if v == nil {
				return model.Internal(fmt.Errorf("staged record %s is gone", id))
			}
			r, err := decodeRecord(v)
			if err != nil {
				return corrupt(tx, err)
			}
			if err := s.db.validate(tx, r); err != nil {
				return &model.MergeError{ID: id, Kind: r.Kind(), Title: r.Title(), Err: err}
			}
		}
		return nil
	})
	s.finished = err == nil
	return err
}

// Commit finishes the copy (Finish, when not done yet), syncs it and
// renames it over the database, which it closes first (the caller's
// Close of it afterwards does nothing more). On an error the database is
// as it was and the copy is gone.
func (s *Staging) Commit(ctx context.Context) error {
	if s.done {
		return model.Internal(errors.New("staging committed twice"))
	}
	err := s.Finish(ctx)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = s.db.bolt.Sync()
	}
	if err != nil {
		s.Abort()
		return s.commitError(err)
	}
	s.done = true
	if err := s.db.Close(); err != nil {
		os.Remove(s.path)
		return s.commitError(err)
	}
	if err := s.orig.Close(); err != nil {
		os.Remove(s.path)
		return s.commitError(err)
	}
	if err := os.Rename(s.path, s.orig.path); err != nil {
		os.Remove(s.path)
		return s.commitError(err)
	}
	if err := syncDir(filepath.Dir(s.orig.path)); err != nil {
		// The rename may or may not be on the disk.
		return &model.Error{Code: model.EUNSURE, Key: "error.commit_unsure", Args: map[string]any{"Path": s.orig.path}, Err: err}
	}
	return nil
}

// commitError words a failure to put the copy in place, before the
// database was replaced: nothing was changed. The user knows the
// database's name, not the copy's.
func (s *Staging) commitError(err error) error {
	var me *model.Error
	switch {
	case errors.As(err, &me):
		return err
	case isFileProblem(err):
		return fileError(s.orig.path, err)
	}
	return &model.Error{Code: model.EINTERNAL, Key: "error.commit_failed", Args: map[string]any{"Path": s.orig.path}, Err: err}
}

// Abort closes and removes the copy; the database is left as it was.
func (s *Staging) Abort() {
	if s.done {
		return
	}
	s.done = true
	s.written()
	s.db.Close()
	os.Remove(s.path)
}
