package store

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Verify checks a database file that is not open here (a backup, a file
// to restore): bbolt's page check in a child process (see pagecheck.go),
// then, for a file of this schema, the same checks of its contents as
// Check makes, read-only. A damaged or foreign file is EDAMAGED naming
// its first problems; a file of a newer Hankekirja is ENEWER.
func Verify(ctx context.Context, path string) error {
	if err := withBackupFile(path, func(*bolt.Tx) error { return nil }); err != nil {
		if model.ErrorCode(err) == model.EINTERNAL {
			return damaged(path, err)
		}
		return err
	}
	problems, err := checkInChild(path, true)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], "…")
		}
		return damaged(path, errors.New(strings.Join(problems, "; ")))
	}
	return nil
}

// checkFileContents opens path read-only and checks its contents, when
// it is at this schema (an older backup is checked by its pages only: it
// is migrated, and checked again, when it is opened).
func checkFileContents(ctx context.Context, path string) ([]string, error) {
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: backupOpenLimit})
	if err != nil {
		return nil, damaged(path, err)
	}
	defer b.Close()
	s, err := sealerFor(b, path, nil)
	if model.ErrorCode(err) == model.ENEEDKEY {
		// A process without the data key (the page check's child) checks
		// an encrypted file's pages only; its contents are checked when
		// it is opened.
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if s != nil {
		attachSealer(b, s)
		defer detachSealer(b)
	}
	db := &DB{bolt: b, path: path}
	// Only a file at this schema is held to this code's idea of its
	// contents: an older one's summaries were right for the code that
	// wrote them (schema 2's lack the phone numbers that schema 3 added),
	// and the migration that follows this backup makes them again.
	var current bool
	if err := db.viewTx(func(tx *bolt.Tx) error {
		v := bucket(tx, bucketMeta).Get(metaSchema)
		current = len(v) == 4 && int(binary.BigEndian.Uint32(v)) == len(migrations)
		return nil
	}); err != nil || !current {
		return nil, err
	}
	return db.CheckContents(ctx)
}
