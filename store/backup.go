package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Automatic backups live in a directory "backups" beside the database
// file, named after the database, the time (UTC) and the reason:
//
//	backups/hankekirja-20261123T120700.123Z-daily.bak
//
// Reasons: daily (the first open of a day), migration (before a schema
// migration), import (before a snapshot is merged in), restore (the file a
// restore replaced). Each is a complete bbolt file, written consistently
// while the database is open (a read transaction's WriteTo into a
// temporary file, fsync, rename), so any of them can be opened as it is.
//
// Rotation after each automatic backup keeps, of one database's backups:
// every one from the last 24 hours; the newest of each of the 7 most recent
// days that have one; the newest of each of the 4 most recent weeks (ISO
// weeks, local time) that have one. Others are deleted.
//
// The reasons are model's Backup* constants; a backup is described by a
// model.BackupInfo.

const (
	backupDirName   = "backups"
	backupTimeFmt   = "20060102T150405.000Z"
	keepDaily       = 7
	keepWeekly      = 4
	keepAllFor      = 24 * time.Hour
	backupOpenLimit = time.Second
)

var backupName = regexp.MustCompile(`^(.+)-(\d{8}T\d{6}\.\d{3}Z)-([a-z0-9]+)\.bak$`)

// BackupDir returns the directory of the database's automatic backups.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), backupDirName)
}

// stem is the database file's name without its extension, the prefix of
// its backups' names.
func stem(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// AutoBackup writes a backup of the open database into its backups
// directory and rotates the old ones. It returns the new file's path.
func (db *DB) AutoBackup(reason string) (string, error) {
	return db.autoBackup(reason, nil)
}

// autoBackup is AutoBackup, giving up when stop (if not nil) is set.
func (db *DB) autoBackup(reason string, stop *atomic.Bool) (string, error) {
	dir := BackupDir(db.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fileError(dir, err)
	}
	now := db.now().UTC()
	var path string
	for {
		path = filepath.Join(dir, fmt.Sprintf("%s-%s-%s.bak", stem(db.path), now.Format(backupTimeFmt), reason))
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		now = now.Add(time.Millisecond)
	}
	err := db.viewTx(func(tx *bolt.Tx) error {
		return WriteFileAtomic(path, 0o600, func(w io.Writer) error {
			if stop != nil {
				w = abandonable{w, stop}
			}
			rec := &writeRecorder{w: w}
			_, err := tx.WriteTo(rec)
			if rec.err != nil {
				// bbolt flattens the writer's error into text: the disk's
				// own error (full, read-only) says more.
				return rec.err
			}
			return err
		})
	})
	if err != nil && stop != nil && stop.Load() {
		return "", errAbandoned // bbolt's WriteTo does not wrap the writer's error
	}
	if err != nil && isFileProblem(err) {
		return "", err
	}
	if err != nil {
		return "", model.Internal(fmt.Errorf("backup to %s: %w", path, err))
	}
	// A backup joins the rotation only when it checks: a copy of a
	// damaged database must never push the good backups out.
	if err := Verify(context.Background(), path); err != nil {
		os.Remove(path)
		if model.ErrorCode(err) == model.EDAMAGED {
			return "", damaged(db.path, err)
		}
		return "", err
	}
	if err := rotateBackups(db.path, path, db.now()); err != nil {
		return path, model.Internal(fmt.Errorf("rotate backups: %w", err))
	}
	return path, nil
}

// dailyBackup makes the day's backup when no backup of the database has
// been made today (local time).
//
// Nor when nothing has changed since the newest backup: a backup holds the
// transaction ID of the database it copies, and an unchanged database
// still has that ID, so a 1.5 GB file opened every day is copied only on
// the days after it changed. The copy gives up when Close is called,
// leaving no file behind.
func (db *DB) dailyBackup() error {
	now := db.now()
	files := backupFiles(db.path)
	for _, b := range files {
		if sameDay(b.Time, now) {
			return nil
		}
	}
	if len(files) > 0 {
		var txid uint64
		db.viewTx(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil })
		if backupTxID(files[0].Path) == txid {
			return nil
		}
	}
	_, err := db.autoBackup(model.BackupDaily, &db.closing)
	if errors.Is(err, errAbandoned) {
		return nil
	}
	noteBackupResult(db.path, model.BackupDaily, now, err)
	return err
}

// errAbandoned ends a backup that Close no longer waits for.
var errAbandoned = errors.New("backup abandoned: the database is closing")

// abandonable is a writer that fails once stop is set.
// writeRecorder keeps the first error of the writer it passes on to.
type writeRecorder struct {
	w   io.Writer
	err error
}

func (r *writeRecorder) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

type abandonable struct {
	w    io.Writer
	stop *atomic.Bool
}

func (a abandonable) Write(p []byte) (int, error) {
	if a.stop.Load() {
		return 0, errAbandoned
	}
	return a.w.Write(p)
}

// backupTxID returns the transaction ID a backup file was copied at, or 0
// when it cannot be read.
func backupTxID(path string) uint64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	_, txid, err := readHeader(path, fi.Size())
	if err != nil {
		return 0
	}
	return txid
}

// BackupError waits for the automatic backup Open started and returns its
// error, if it failed (Open does not fail for it: the database is still
// usable).
func (db *DB) BackupError() error {
	db.backingUp.Wait()
	return db.backupErr
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
}

// backupFiles lists the database's backups by name, newest first, without
// opening them.
func backupFiles(dbPath string) []model.BackupInfo {
	entries, err := os.ReadDir(BackupDir(dbPath))
	if err != nil {
		return nil
	}
	var out []model.BackupInfo
	st := stem(dbPath)
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || m[1] != st || !e.Type().IsRegular() {
			continue
		}
		t, err := time.Parse(backupTimeFmt, m[2])
		if err != nil {
			continue
		}
		info := model.BackupInfo{Path: filepath.Join(BackupDir(dbPath), e.Name()), Time: t, Reason: m[3]}
		if fi, err := e.Info(); err == nil {
			info.Size = fi.Size()
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b model.BackupInfo) int { return b.Time.Compare(a.Time) })
	return out
}

// rotateBackups deletes the backups the rotation does not keep; keep is
// never deleted.
func rotateBackups(dbPath, keep string, now time.Time) error {
	files := backupFiles(dbPath)
	kept := map[string]bool{keep: true}
	days, weeks := map[string]bool{}, map[string]bool{}
	for _, b := range files { // newest first
		if now.Sub(b.Time) < keepAllFor {
			kept[b.Path] = true
		}
		t := b.Time.Local()
		day := t.Format("2006-01-02")
		if !days[day] && len(days) < keepDaily {
			days[day] = true
			kept[b.Path] = true
		}
		y, w := t.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		if !weeks[week] && len(weeks) < keepWeekly {
			weeks[week] = true
			kept[b.Path] = true
		}
	}
	// However long the laptop was off, the newest backup and the newest
	// one older than a week stay (a damage noticed late still has a copy
	// from before it).
	if len(files) > 0 {
		kept[files[0].Path] = true
	}
	for _, b := range files {
		if now.Sub(b.Time) > 7*24*time.Hour {
			kept[b.Path] = true
			break
		}
	}
	var errs []error
	for _, b := range files {
		if !kept[b.Path] {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// ListBackups lists the database's automatic backups, newest first, with
// the number of records in each. A backup that cannot be read is listed
// with Err set.
func ListBackups(dbPath string) ([]model.BackupInfo, error) {
	files := backupFiles(dbPath)
	for i := range files {
		files[i].Records, files[i].Trash, files[i].Err = countBackup(files[i].Path)
	}
	return files, nil
}

// countBackup opens a backup read-only and counts its records: from the
// stored counts, or in a backup made before schema 2 from its summaries
// (the first 33 bytes of each: kind and deleted time).
func countBackup(path string) (map[model.Kind]int, int, error) {
	counts := map[model.Kind]int{}
	trash := 0
	err := withBackupFile(path, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketOrder) != nil {
			for _, kind := range model.Kinds {
				if n := count(tx, kind, stateLive); n > 0 {
					counts[kind] = n
				}
				trash += count(tx, kind, stateTrash)
			}
			return nil
		}
		c := bucket(tx, bucketRecords).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 17 || k[16] != partSummary || len(v) < 33 {
				continue
			}
			if binary.BigEndian.Uint64(v[25:33]) != 0 {
				trash++
			} else {
				counts[model.Kind(v[0])]++
			}
		}
		return nil
	})
	return counts, trash, err
}

// withBackupFile opens a file read-only after checking that it is a
// Hankekirja database this program can read, and runs fn in a read
// transaction.
func withBackupFile(path string, fn func(tx *bolt.Tx) error) error {
	fi, err := os.Stat(path)
	if err != nil {
		return model.Internal(err)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return damaged(path, errors.New("not a database file"))
	}
	if err := checkHeader(path, fi.Size()); err != nil {
		return damaged(path, err)
	}
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: backupOpenLimit})
	if err != nil {
		return damaged(path, err)
	}
	defer b.Close()
	// A backup of an encrypted database is sealed with its data key: it
	// reads when this process has unlocked that key, and asks for nothing.
	s, err := sealerFor(b, path, nil)
	if err != nil {
		return err
	}
	if s != nil {
		attachSealer(b, s)
		defer detachSealer(b)
	}
	return b.View(func(tx *bolt.Tx) error {
		meta := bucket(tx, bucketMeta)
		if meta.Bucket == nil || !bytes.Equal(meta.Get(metaApp), []byte(appMarker)) || (tx.Bucket(bucketRecords) == nil && tx.Bucket(bucketOrder) == nil) {
			return damaged(path, errors.New("not a Hankekirja database"))
		}
		v := meta.Get(metaSchema)
		if len(v) != 4 {
			return damaged(path, errors.New("no schema version"))
		}
		if s := int(binary.BigEndian.Uint32(v)); s > len(migrations) {
			return &model.Error{Code: model.ENEWER, Key: "error.newer", Args: map[string]any{"Path": path, "Found": s}}
		}
		return fn(tx)
	})
}

// Restore replaces the database at dbPath with the backup at backupPath.
// The database must be closed (Restore opens it itself, so another program
// holding it gets ELOCKED); the file it replaces is first kept as a
// backup of reason "restore", whose path Restore returns ("" when there
// was no database). The backup is checked to be a readable Hankekirja
// database before anything changes. Callers ask the user first.
func Restore(dbPath, backupPath string, opts *Options) (string, error) {
	if err := Verify(context.Background(), backupPath); err != nil {
		return "", err
	}
	var replaced string
	if _, err := os.Stat(dbPath); err == nil {
		db, err := Open(dbPath, &Options{Timeout: optTimeout(opts), Now: optNow(opts), NoAutoBackup: true})
		if model.ErrorCode(err) == model.EDAMAGED {
			// A damaged database is what a restore is for: it cannot be
			// backed up, so it is kept as it is beside the database (never
			// in the rotation of good backups).
			kept := fmt.Sprintf("%s.damaged-%s", dbPath, nowOf(opts).UTC().Format(backupTimeFmt))
			if err := os.Rename(dbPath, kept); err != nil {
				return "", fileError(dbPath, err)
			}
			if err := copyFile(backupPath, dbPath); err != nil {
				os.Rename(kept, dbPath)
				return "", model.Internal(fmt.Errorf("restore %s: %w", backupPath, err))
			}
			return kept, nil
		}
		if err != nil {
			return "", err
		}
		replaced, err = db.AutoBackup(model.BackupRestore)
		if err != nil && replaced == "" {
			db.Close()
			return "", err
		}
		if err := db.Close(); err != nil {
			return "", model.Internal(err)
		}
	}
	if err := copyFile(backupPath, dbPath); err != nil {
		return replaced, model.Internal(fmt.Errorf("restore %s: %w", backupPath, err))
	}
	return replaced, nil
}

func optTimeout(o *Options) time.Duration {
	if o == nil {
		return 0
	}
	return o.Timeout
}

func optNow(o *Options) func() time.Time {
	if o == nil {
		return nil
	}
	return o.Now
}

// copyFile copies src over dst atomically: a temporary file beside dst,
// fsync, rename.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return WriteFileAtomic(dst, 0o600, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// ReadBackupInfo describes one backup file, wherever it is: its time comes
// from an automatic backup's name, else from the file's modification time.
func ReadBackupInfo(path string) model.BackupInfo {
	info := model.BackupInfo{Path: path}
	if m := backupName.FindStringSubmatch(filepath.Base(path)); m != nil {
		if t, err := time.Parse(backupTimeFmt, m[2]); err == nil {
			info.Time, info.Reason = t, m[3]
		}
	}
	if fi, err := os.Stat(path); err == nil {
		info.Size = fi.Size()
		if info.Time.IsZero() {
			info.Time = fi.ModTime()
		}
	}
	info.Records, info.Trash, info.Err = countBackup(path)
	return info
}

// nowOf is the clock of opts, or the system's.
func nowOf(o *Options) time.Time {
	if o != nil && o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
