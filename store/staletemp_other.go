//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package store

import "os"

// lockTemp needs no lock here: a file that a process holds open cannot be
// removed.
func lockTemp(*os.File) error { return nil }

// removeIfUnlocked removes the file at path; the system refuses while a
// running write holds it open.
func removeIfUnlocked(path string) { os.Remove(path) }
