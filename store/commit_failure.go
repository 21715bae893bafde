package store

import (
	"os"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"hankekirja/model"
)

// A commit writes the changed pages, syncs them, writes the meta page and
// syncs again. When the disk fails in that last step bbolt reports an
// error although the meta page may already be in the file, so that the
// change is there on the next open. A user told "failed" would do it again
// and save it twice. So when a commit fails after the change itself was
// made, the meta pages are read back from the file:
//
//   - the file still has the old transaction: nothing was changed, and the
//     error says so (a full disk, no permission, or the disk's error);
//   - the file has the new one: the change may have been saved. bbolt has
//     rolled back its own view meanwhile, so this copy no longer knows what
//     the file holds: it refuses to save anything more until the database
//     is reopened, and the error says to reopen and look before retrying.

// updateTx runs fn in a write transaction, containing damage, and tells a
// failed commit truthfully (see above).
func (db *DB) updateTx(fn func(tx *bolt.Tx) error) error {
	if db.readOnly {
		return db.readOnlyError(berrors.ErrDatabaseReadOnly)
	}
	if db.unsure.Load() {
		return &model.Error{Code: model.EUNSURE, Key: "error.reopen_needed", Args: map[string]any{"Path": db.path}}
	}
	var txid uint64
	var fnErr error
	ran := false
	err := db.contain(func() error {
		return db.bolt.Update(func(tx *bolt.Tx) error {
			txid, ran = uint64(tx.ID()), true
			fnErr = fn(tx)
			return fnErr
		})
	})
	if err == nil || !ran || fnErr != nil || model.ErrorCode(err) == model.EDAMAGED {
		return err
	}
	return db.commitFailed(txid, err)
}

// commitFailed is the error of a commit of transaction txid that failed
// with err after its changes were made.
func (db *DB) commitFailed(txid uint64, err error) error {
	onDisk := uint64(0)
	if fi, serr := os.Stat(db.path); serr == nil {
		if _, t, herr := readHeader(db.path, fi.Size()); herr == nil {
			onDisk = t
		}
	}
	if onDisk >= txid {
		db.unsure.Store(true)
		return &model.Error{Code: model.EUNSURE, Key: "error.commit_unsure", Args: map[string]any{"Path": db.path}, Err: err}
	}
	// A full disk or a lost permission has its own words; the disk's own
	// error (EIO) is "saving failed, try again", not the general disk
	// error's "copy it elsewhere", which is for copies and reads.
	if c := model.ErrorCode(fileError(db.path, err)); c == model.EACCESS || c == model.EFULL {
		return fileError(db.path, err)
	}
	return &model.Error{Code: model.EINTERNAL, Key: "error.commit_failed", Args: map[string]any{"Path": db.path}, Err: err}
}
