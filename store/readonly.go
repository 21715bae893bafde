package store

import (
	"errors"
	"io/fs"
	"syscall"

	"hankekirja/model"
)

// A database on a read-only disk (a CD, a write-protected stick, a
// network share mounted read-only) or in a file the user may only read
// is still worth opening: to look something up, to export. Open falls
// back to reading only when it cannot open the file for writing, and
// every attempt to save then says why it cannot instead of failing with
// a disk error.

// cannotWrite reports whether opening for writing failed because the
// file or its disk does not allow it (while reading may still work).
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// ReadOnly reports whether the file was opened for reading only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// readOnlyError is what a save into a read-only database says.
func (db *DB) readOnlyError(err error) error {
	return &model.Error{Code: model.EREADONLY, Key: "error.database_read_only", Args: map[string]any{"Path": db.path}, Err: err}
}
