package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hankekirja/model"
)

// WriteFileAtomic writes a file so that it is either all there or not
// changed at all: write fills a temporary file beside path, which is
// synced to disk and then renamed over path, and the folder is synced so
// that the rename itself survives a power cut. A failure or a crash never
// leaves half a file (a half-written backup or export would be worse than
// none), and what a killed write left beside path is removed by the next
// (see staletemp.go). The file gets permissions perm. The folder must
// exist: a mistyped folder is an error, not a new folder.
func WriteFileAtomic(path string, perm os.FileMode, write func(w io.Writer) error) error {
	return fileError(path, writeFileAtomic(path, perm, write))
}

func writeFileAtomic(path string, perm os.FileMode, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &model.Error{Code: model.EINVALID, Key: "error.no_folder", Args: map[string]any{"Path": dir}, Err: err}
	}
	removeStaleTemps(path)
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// tmpInfix marks the temporary files of WriteFileAtomic and Compact
// (".name.tmp-123", ".name.compact-123"), which removeLeftovers finds.
const tmpInfix = ".tmp-"

// rewriteCopy creates the empty file beside the database at path that a
// rewrite of the whole file (compaction, encryption, erasure's compaction)
// is copied into before it replaces the file. Its name is the one
// removeLeftovers looks for, so what a killed rewrite left is removed at
// the next open.
func rewriteCopy(path string) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".compact-*")
	if err != nil {
		return "", err
	}
	tmp.Close()
	return tmp.Name(), nil
}

// removeLeftovers removes the temporary files that a killed backup or
// compaction of the database at dbPath left behind. It runs when the
// database is opened, holding bbolt's lock, so no other Hankekirja is
// writing them.
func removeLeftovers(dbPath string) {
	base := filepath.Base(dbPath)
	patterns := []string{
		filepath.Join(filepath.Dir(dbPath), "."+base+tmpInfix+"*"),
		filepath.Join(filepath.Dir(dbPath), "."+base+".compact-*"),
		filepath.Join(BackupDir(dbPath), "."+stem(dbPath)+"-*.bak"+tmpInfix+"*"),
	}
	for _, p := range patterns {
		matches, _ := filepath.Glob(p)
		for _, m := range matches {
			os.Remove(m)
		}
	}
}

// CheckOutput refuses an output path that would overwrite the database at
// dbPath, one of its backups or anything in its backups folder: an export
// must never be able to hit what it was exported from.
func CheckOutput(dbPath, out string) error {
	refuse := func() error {
		return &model.Error{Code: model.EINVALID, Key: "error.output_is_database", Args: map[string]any{"Path": out}}
	}
	absOut, err1 := filepath.Abs(out)
	absDB, err2 := filepath.Abs(dbPath)
	if err := errors.Join(err1, err2); err != nil {
		return model.Internal(fmt.Errorf("output path: %w", err))
	}
	if absOut == absDB || sameFile(absOut, absDB) {
		return refuse()
	}
	backups := BackupDir(absDB)
	if dir := filepath.Dir(absOut); dir == backups || sameFile(dir, backups) || strings.HasPrefix(absOut, backups+string(filepath.Separator)) {
		return refuse()
	}
	return nil
}

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
