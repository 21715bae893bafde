package store

import (
	"os"
	"path/filepath"
)

// An atomic write that was killed (kill -9, a crash, a power cut) leaves
// its temporary file beside the target: up to the whole export, personal
// data included. The next write of the same target removes such files,
// but never one that a write still running holds: each write holds a lock
// on its temporary file (lockTemp), which the system lets go when the
// process ends in whatever way, and a leftover is removed only when its
// lock can be taken (removeStaleTemps). Where there are no such locks, a
// file that is open cannot be removed either (Windows), so the same holds.

// removeStaleTemps removes the temporary files that killed writes of path
// left behind.
func removeStaleTemps(path string) {
	pattern := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+tmpInfix+"*")
	matches, _ := filepath.Glob(pattern)
	for _, m := range matches {
		removeIfUnlocked(m)
	}
}

// createTemp creates the temporary file of a write of path, locked so
// that no other write removes it as a leftover. Between the creation and
// the lock another write may have taken the new file for a leftover and
// removed it; then it is made again.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for {
		tmp, err := os.CreateTemp(dir, "."+base+tmpInfix+"*")
		if err != nil {
			return nil, err
		}
		if err := lockTemp(tmp); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil, err
		}
		held, err1 := tmp.Stat()
		named, err2 := os.Stat(tmp.Name())
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return tmp, nil
		}
		tmp.Close()
	}
}
