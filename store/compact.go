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

// compactBatch is how many bytes of keys and values one transaction of a
// compaction copies: large enough to be quick, small enough that a large
// archive is not held in memory at once.
const compactBatch = 32 << 20

// CompactResult tells what a compaction did.
type CompactResult struct {
	Before, After int64  // file sizes in bytes
	Backup        string // the backup taken first
}

// Compact rewrites the database at path without its free pages: bbolt
// never gives space back to the file system, so after a large import is
// undone or history is dropped the file stays as large as it ever was.
// The database must be closed (Compact opens it itself, so another
// program holding it gets ELOCKED). A backup is taken first; the copy is
// written beside the file, checked, synced and renamed over it, so a
// failure or a cancellation (through ctx) leaves the database as it was.
// progress, when not nil, is called with the bytes copied so far and the
// bytes in use.
func Compact(ctx context.Context, path string, opts *Options, progress func(done, total int64)) (CompactResult, error) {
	var res CompactResult
	db, err := Open(path, &Options{Timeout: optTimeout(opts), Now: optNow(opts), NoAutoBackup: true})
	if err != nil {
		return res, err
	}
	defer db.Close()
	if fi, err := os.Stat(path); err == nil {
		res.Before = fi.Size()
	}
	if res.Backup, err = db.AutoBackup(model.BackupCompact); err != nil {
		return res, err
	}
	tmpPath, err := rewriteCopy(path)
	if err != nil {
		return res, compactError(path, err)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
		}
	}()
	if err := copyCompact(ctx, db.bolt, tmpPath, progress); err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		return res, compactError(path, err)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := db.Close(); err != nil {
		return res, compactError(path, err)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return res, compactError(path, err)
	}
	done = true
	if err := syncDir(filepath.Dir(path)); err != nil {
		return res, compactError(path, err)
	}
	if fi, err := os.Stat(path); err == nil {
		res.After = fi.Size()
	}
	return res, nil
}

// compactError words a compaction's failure: the disk's problems (full,
// read-only, its own error) in the user's words, anything else as an
// internal error naming the file.
func compactError(path string, err error) error {
	if isFileProblem(err) {
		return fileError(path, err)
	}
	return model.Internal(fmt.Errorf("compact %s: %w", path, err))
}

// copyCompact copies every bucket of src into a new bbolt file at dst, in
// key order with full pages, in transactions of about compactBatch bytes,
// then checks the copy.
func copyCompact(ctx context.Context, src *bolt.DB, dst string, progress func(done, total int64)) error {
	out, err := bolt.Open(dst, 0o600, &bolt.Options{NoSync: true, Timeout: backupOpenLimit})
	if err != nil {
		return err
	}
	defer out.Close()
	err = src.View(func(stx *bolt.Tx) error {
		total := stx.Size()
		var copied, batch int64
		wtx, err := out.Begin(true)
		if err != nil {
			return err
		}
		defer func() { wtx.Rollback() }()
		err = stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			nb, err := wtx.CreateBucket(name)
			if err != nil {
				return err
			}
			// The search index numbers its documents from its bucket's
			// sequence: a copy that restarted it would hand out numbers
			// already in use.
			if err := nb.SetSequence(b.Sequence()); err != nil {
				return err
			}
			c := b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if v == nil {
					return errors.New("nested buckets are not part of the layout")
				}
				if batch >= compactBatch {
					if err := wtx.Commit(); err != nil {
						return err
					}
					if err := ctx.Err(); err != nil {
						return err
					}
					if progress != nil {
						progress(copied, total)
					}
					if wtx, err = out.Begin(true); err != nil {
						return err
					}
					batch = 0
				}
				wb := wtx.Bucket(name)
				wb.FillPercent = 1 // keys come in order: fill each page
				if err := wb.Put(k, v); err != nil {
					return err
				}
				n := int64(len(k) + len(v))
				copied += n
				batch += n
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := wtx.Commit(); err != nil {
			return err
		}
		if progress != nil {
			progress(total, total)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return checkAndSync(out, "the compacted copy")
}

// checkAndSync runs bbolt's consistency check on a copy just written
// (what names it in the error) and makes it durable.
func checkAndSync(out *bolt.DB, what string) error {
	if err := out.View(func(tx *bolt.Tx) error {
		var problems []error
		for err := range tx.Check() {
			problems = append(problems, err)
		}
		return errors.Join(problems...)
	}); err != nil {
		return fmt.Errorf("%s does not check: %w", what, err)
	}
	return out.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
