package store

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"
)

// A failed automatic backup (a read-only or full disk, a damaged
// database) must not go unnoticed: the commands still succeed, so the
// failure is kept in a small file beside the database until a later
// automatic backup succeeds, and `backups` and the window show it.

// BackupFailure is the last automatic backup that failed.
type BackupFailure struct {
	Time   time.Time `json:"time"`
	Reason string    `json:"reason"`
	Error  string    `json:"error"`
}

// failurePath is where the last failure of dbPath's backups is kept.
func failurePath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".backup-failure")
}

// noteBackupResult records err as the last failure of an automatic
// backup, or clears the record when err is nil.
func noteBackupResult(dbPath, reason string, at time.Time, err error) {
	if err == nil {
		os.Remove(failurePath(dbPath))
		return
	}
	b, _ := json.Marshal(BackupFailure{Time: at, Reason: reason, Error: err.Error()})
	WriteFileAtomic(failurePath(dbPath), 0o600, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// LastBackupFailure returns the last failed automatic backup of the
// database at dbPath since the last one that succeeded, or nil.
func LastBackupFailure(dbPath string) *BackupFailure {
	b, err := os.ReadFile(failurePath(dbPath))
	if errors.Is(err, os.ErrNotExist) || err != nil {
		return nil
	}
	var f BackupFailure
	if json.Unmarshal(b, &f) != nil {
		return nil
	}
	return &f
}
