package store

import (
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file so that it is either all there or not
// changed at all: write fills a temporary file beside path, which is
// synced to disk and then renamed over path. A failure or a crash never
// leaves half a file (a half-written backup or export would be worse than
// none). The file gets permissions perm.
func WriteFileAtomic(path string, perm os.FileMode, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
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
	return os.Rename(tmp.Name(), path)
}
