package store

import (
	"bytes"
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// bkt is the one way the store reads and writes the values of its
// buckets: bucket(tx, name) in place of tx.Bucket(name). For a plain file
// it is bbolt's bucket with one nil check in front; for an encrypted one
// it seals every value it puts and opens every value it gets, and changes
// the keys that could say something about a person (see storeKey).
//
// Tools that copy a file as it is (compaction, the damage scan, backups)
// use bbolt's buckets directly: they move sealed bytes without opening
// them.
type bkt struct {
	*bolt.Bucket
	s    *sealer
	name []byte
}

// bucket returns tx's bucket name behind the sealing seam. Its Bucket is
// nil when tx has no such bucket.
func bucket(tx *bolt.Tx, name []byte) bkt {
	return bkt{Bucket: tx.Bucket(name), s: sealerOf(tx.DB()), name: name}
}

// raw reports whether the value under k is kept unsealed: the three meta
// keys a program must read before it has the data key.
func (b bkt) raw(k []byte) bool {
	if !bytes.Equal(b.name, bucketMeta) {
		return false
	}
	return bytes.Equal(k, metaCrypt) || bytes.Equal(k, metaApp) || bytes.Equal(k, metaSchema)
}

// permuted reports whether the bucket's keys start with a search word's
// 8-byte hash.
func (b bkt) permuted() bool {
	return bytes.Equal(b.name, bucketSearchPostings) || bytes.Equal(b.name, bucketSearchTerms)
}

// storeKey is the key under which k is stored in an encrypted file.
//   - bucketOrder: kind | state | id. The collation weights of the name
//     are dropped (they spell the name out); listSealed sorts instead.
//     A key of two bytes (a kind and state prefix) stays as it is.
//   - search postings and terms: the word hash goes through the data
//     key's permutation.
func (b bkt) storeKey(k []byte) []byte {
	switch {
	case b.s == nil:
		return k
	case bytes.Equal(b.name, bucketOrder) && len(k) >= 20:
		out := make([]byte, 0, 18)
		out = append(out, k[:2]...)
		return append(out, k[len(k)-16:]...)
	case b.permuted() && len(k) >= 8:
		out := bytes.Clone(k)
		binary.BigEndian.PutUint64(out, b.s.permute(binary.BigEndian.Uint64(k), false))
		return out
	}
	return k
}

// userKey is storeKey undone, as far as it can be: the word hashes come
// back; order keys stay short (their callers need only the kind, state and
// ID, which they keep).
func (b bkt) userKey(k []byte) []byte {
	if b.permuted() && len(k) >= 8 {
		out := bytes.Clone(k)
		binary.BigEndian.PutUint64(out, b.s.permute(binary.BigEndian.Uint64(k), true))
		return out
	}
	return k
}

// opened is a stored pair as its reader sees it. A value that does not
// open (a damaged page) reads as empty, which every decoder refuses.
func (b bkt) opened(k, v []byte) ([]byte, []byte) {
	if b.s == nil || k == nil || v == nil {
		return k, v
	}
	if b.raw(k) {
		return k, v
	}
	pv, err := b.s.open(b.name, k, v)
	if err != nil {
		pv = []byte{}
	}
	return b.userKey(k), pv
}

// Get is bbolt's Get. For an encrypted file the value is a new slice.
func (b bkt) Get(k []byte) []byte {
	if b.s == nil {
		return b.Bucket.Get(k)
	}
	sk := b.storeKey(k)
	_, v := b.opened(sk, b.Bucket.Get(sk))
	return v
}

// Put is bbolt's Put, sealing v for an encrypted file.
func (b bkt) Put(k, v []byte) error {
	if b.s == nil || b.raw(k) {
		return b.Bucket.Put(k, v)
	}
	sk := b.storeKey(k)
	return b.Bucket.Put(sk, b.s.seal(b.name, sk, v))
}

// Delete is bbolt's Delete.
func (b bkt) Delete(k []byte) error {
	if b.s == nil {
		return b.Bucket.Delete(k)
	}
	return b.Bucket.Delete(b.storeKey(k))
}

// ForEach is bbolt's ForEach with opened values.
func (b bkt) ForEach(fn func(k, v []byte) error) error {
	if b.s == nil {
		return b.Bucket.ForEach(fn)
	}
	return b.Bucket.ForEach(func(k, v []byte) error { return fn(b.opened(k, v)) })
}

// Cursor is bbolt's Cursor with opened values.
func (b bkt) Cursor() cursor { return cursor{c: b.Bucket.Cursor(), b: b} }

// cursor is a bbolt cursor behind the sealing seam. Keys of an encrypted
// file come in stored order, which for the search index's permuted keys
// is not the order of the hashes: readers seek one word at a time.
type cursor struct {
	c *bolt.Cursor
	b bkt
}

func (c cursor) First() ([]byte, []byte) { return c.b.opened(c.c.First()) }
func (c cursor) Last() ([]byte, []byte)  { return c.b.opened(c.c.Last()) }
func (c cursor) Next() ([]byte, []byte)  { return c.b.opened(c.c.Next()) }
func (c cursor) Prev() ([]byte, []byte)  { return c.b.opened(c.c.Prev()) }
func (c cursor) Delete() error           { return c.c.Delete() }

func (c cursor) Seek(k []byte) ([]byte, []byte) {
	if c.b.s == nil {
		return c.c.Seek(k)
	}
	return c.b.opened(c.c.Seek(c.b.storeKey(k)))
}

// Bucket is the cursor's bbolt bucket.
func (c cursor) Bucket() *bolt.Bucket { return c.c.Bucket() }
