package store

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releasePages hands the pages of the file that this process has mapped
// back to the kernel. bbolt maps the file read-only and shared, so every
// page a long read (a snapshot's export, every record once) touches
// stays resident and counts against the process until the file is
// closed: a 600 MB archive read once made a 600 MB process. After
// MADV_DONTNEED the pages stay in the kernel's page cache and come back
// on the next access with their content (the mapping is of the file, and
// bbolt writes through the file, never through the map), so any reader,
// on any goroutine, sees the same bytes as before. tx keeps the map in
// place (bbolt remaps only when no transaction is open), and the range,
// the file's pages up to its high-water mark, lies inside it.
func releasePages(tx *bolt.Tx) {
	info := tx.DB().Info()
	size := tx.Size()
	if info == nil || info.Data == 0 || size <= 0 {
		return
	}
	// Best effort: a failure only leaves the pages resident. The address
	// goes to the kernel as bbolt reports it (no Go pointer is made
	// from it).
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, info.Data, uintptr(size), unix.MADV_DONTNEED)
}
