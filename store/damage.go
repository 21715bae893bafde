package store

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A damaged file (flipped bytes, a page zeroed by a failing disk) can make
// bbolt panic on an assertion or read through a wild page number outside
// the mapped file, which faults. Every transaction of the store runs where
// both are caught and turned into EDAMAGED for the file, so that no
// command and no window dies with a stack trace: a panic from bbolt's own
// code or a memory fault is damage; any other panic is a bug and goes on.
//
// bbolt's Tx.Check runs in a goroutine of its own, which no recover here
// reaches; Check (check.go) therefore reads every page in this goroutine
// first (see readAllPages).

// viewTx runs fn in a read transaction, containing damage.
func (db *DB) viewTx(fn func(tx *bolt.Tx) error) error {
	return db.contain(func() error { return db.bolt.View(fn) })
}

// contain runs fn, turning a panic from bbolt or a memory fault into
// EDAMAGED.
func (db *DB) contain(fn func() error) error { return contain(db.path, fn) }

// contain runs fn, turning a panic from bbolt or a memory fault into
// EDAMAGED for the file at path.
func contain(path string, fn func() error) (err error) {
	if fault := catchDamage(func() { err = fn() }); fault != nil {
		err = damaged(path, fmt.Errorf("%v", fault))
	}
	return err
}

// catchDamage runs fn on this goroutine with memory faults turned into
// panics, and returns the memory fault or bbolt panic that stopped it
// (nil when none); any other panic goes on. A goroutine that reads the
// file's pages outside a transaction's contain (a worker decoding
// values) runs its work through it.
func catchDamage(fn func()) (fault any) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !isDamage(r) {
				panic(r)
			}
			fault = r
		}
	}()
	fn()
	return nil
}

// isDamage reports whether the panic being recovered, r, was a memory
// fault or was raised inside bbolt. It must be called from the deferred
// function that recovered r, whose stack still holds the panicking frames.
func isDamage(r any) bool {
	if e, ok := r.(runtime.Error); ok && strings.Contains(e.Error(), "fault") {
		return true
	}
	// Under SetPanicOnFault a read through the mapped file that faults
	// (SIGBUS past the end of a file cut short) panics with an error that
	// carries the address (see debug.SetPanicOnFault); a nil pointer has
	// none, or one in the first page.
	if e, ok := r.(interface{ Addr() uintptr }); ok && e.Addr() >= 4096 {
		return true
	}
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "go.etcd.io/bbolt") {
			return true
		}
		if f.Function == "hankekirja/store.catchDamage" || !more {
			return false
		}
	}
}

// corrupt is the error for a stored value that cannot be read: the file
// is damaged (the store itself only writes what it can read back).
func corrupt(tx *bolt.Tx, err error) error { return damaged(tx.DB().Path(), err) }

// readAllPages walks every key and value of every bucket, so that every
// reachable page is read once in the calling goroutine, where a fault on a
// wild page number is contained, before bbolt's checker goroutine reads
// them.
func readAllPages(tx *bolt.Tx) error {
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		var sum byte
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(v) > 0 {
				sum ^= v[0] ^ v[len(v)-1]
			}
		}
		_ = sum
		return nil
	})
}
