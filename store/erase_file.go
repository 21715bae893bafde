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

// ErasePerson erases contact id from the database file at path for good:
// the erasure itself (see eraseTx) in one transaction, then the file is
// rewritten without its free pages, since bbolt leaves a deleted value's
// bytes in a free page until the page is reused; then every automatic
// backup that holds the person is rewritten the same way, or deleted when
// that fails, so that a restore cannot bring them back. The report names
// each backup touched. The database must be closed (like Compact).
//
// Errors: ENOTFOUND for an unknown contact; ELOCKED when another program
// holds the file.
func ErasePerson(ctx context.Context, path string, opts *Options, id model.ID, eo model.EraseOptions) (model.EraseReport, error) {
	var rep model.EraseReport
	db, err := Open(path, &Options{Timeout: optTimeout(opts), Now: optNow(opts), NoAutoBackup: true})
	if err != nil {
		return rep, err
	}
	defer db.Close()
	var p erasedPerson
	var private [][]byte
	err = db.update(ctx, func(tx *bolt.Tx) error {
		var c *model.Contact
		var err error
		if p, c, err = personOf(tx, id); err != nil {
			return err
		}
		private = privateNeedles(c)
		rep, err = db.eraseTx(tx, p, eo)
		return err
	})
	if err != nil {
		return rep, err
	}
	if err := compactOpen(ctx, db); err != nil {
		return rep, err
	}
	rep.Compacted = true
	rep.Backups, err = scrubBackups(ctx, path, p, eo, private)
	return rep, err
}

// ScrubErased finishes, in the closed database file at path, the erasure
// of people an import erased (the snapshot's tombstones): the file is
// compacted and the automatic backups that hold them (the import's own
// backup among them) are rewritten or removed, as ErasePerson does. people
// are the contacts as they were before the import erased them.
func ScrubErased(ctx context.Context, path string, opts *Options, people []*model.Contact) ([]model.BackupChange, error) {
	db, err := Open(path, &Options{Timeout: optTimeout(opts), Now: optNow(opts), NoAutoBackup: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ts, err := db.Tombstones(ctx)
	if err != nil {
		return nil, err
	}
	texts := map[model.ID]bool{}
	for _, t := range ts {
		texts[t.ID] = t.Texts
	}
	if err := compactOpen(ctx, db); err != nil {
		return nil, err
	}
	var out []model.BackupChange
	for _, c := range people {
		p := erasedPerson{id: c.ID, names: model.NameVariants(c)}
		changes, err := scrubBackups(ctx, path, p, model.EraseOptions{ReplaceInTexts: texts[c.ID]}, privateNeedles(c))
		if err != nil {
			return out, err
		}
		out = append(out, changes...)
	}
	return out, nil
}

// scrubBackups rewrites or removes each automatic backup of path that
// holds p.
func scrubBackups(ctx context.Context, path string, p erasedPerson, eo model.EraseOptions, private [][]byte) ([]model.BackupChange, error) {
	var out []model.BackupChange
	for _, b := range backupFiles(path) {
		ch, err := scrubBackup(ctx, b.Path, p, eo, append(p.needles(), private...), private)
		if err != nil {
			return out, err
		}
		if ch != nil {
			out = append(out, *ch)
		}
	}
	return out, nil
}

// privateNeedles are the contact's own details, which no text of the
// minutes should hold: the addresses, phone numbers and notes. (The name
// may remain in texts the user chose not to replace, and the ID remains
// in the tombstone.)
func privateNeedles(c *model.Contact) [][]byte {
	var out [][]byte
	for _, s := range append(append([]string{}, c.Emails...), c.Phones...) {
		if s != "" {
			out = append(out, []byte(s))
		}
	}
	if len(c.Notes) >= 8 {
		out = append(out, []byte(c.Notes))
	}
	return out
}

// compactOpen rewrites the open database's file without free pages: a
// copy beside it, checked, synced and renamed over it. db is closed
// afterwards.
func compactOpen(ctx context.Context, db *DB) error {
	path := db.path
	tmpPath, err := rewriteCopy(path)
	if err != nil {
		return model.Internal(err)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
		}
	}()
	if err := copyCompact(ctx, db.bolt, tmpPath, nil); err != nil {
		return model.Internal(fmt.Errorf("compact %s: %w", path, err))
	}
	return swapIn(db, tmpPath, path, &done)
}

// swapIn closes db and puts the finished copy at tmp in place of its file
// at path, durably; done is set once the copy is there (the caller's
// clean-up then leaves tmp's name alone).
func swapIn(db *DB, tmp, path string, done *bool) error {
	if err := db.Close(); err != nil {
		return model.Internal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return model.Internal(err)
	}
	*done = true
	if err := syncDir(filepath.Dir(path)); err != nil {
		return model.Internal(err)
	}
	return nil
}

// scrubBackup rewrites the backup at path without the person when its
// bytes hold any of needles: erased and compacted in a copy, which
// replaces the backup once none of private is left in it. A backup that
// cannot be rewritten so is deleted. nil means the backup did not hold the
// person.
func scrubBackup(ctx context.Context, path string, p erasedPerson, eo model.EraseOptions, needles, private [][]byte) (*model.BackupChange, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if !containsAny(data, needles) {
		return nil, nil
	}
	ch := &model.BackupChange{Path: path}
	if err := rewriteBackup(ctx, path, p, eo, private); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fileError(path, err)
		}
		ch.Removed = true
	}
	return ch, nil
}

// rewriteBackup erases the person from a copy of the backup in a
// directory of its own (opening an old backup may migrate it, which backs
// it up), compacts the copy and renames it over the backup.
func rewriteBackup(ctx context.Context, path string, p erasedPerson, eo model.EraseOptions, private [][]byte) error {
	dir, err := os.MkdirTemp(filepath.Dir(path), ".erase-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	work := filepath.Join(dir, "backup.db")
	if err := copyFile(path, work); err != nil {
		return err
	}
	db, err := Open(work, &Options{NoAutoBackup: true})
	if err != nil {
		return err
	}
	err = db.update(ctx, func(tx *bolt.Tx) error {
		q := p
		if own, _, err := personOf(tx, p.id); err == nil {
			q.names = mergeNames(p.names, own.names)
		}
		_, err := db.eraseTx(tx, q, eo)
		return err
	})
	if err != nil {
		db.Close()
		return err
	}
	if err := compactOpen(ctx, db); err != nil {
		return err
	}
	data, err := os.ReadFile(work)
	if err != nil {
		return err
	}
	if containsAny(data, private) {
		return errors.New("the rewritten backup still holds the person")
	}
	if err := os.Rename(work, path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func mergeNames(a, b []string) []string {
	out := append([]string{}, a...)
	for _, n := range b {
		found := false
		for _, m := range out {
			found = found || m == n
		}
		if !found {
			out = append(out, n)
		}
	}
	return out
}
