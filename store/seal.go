package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"hankekirja/model"
)

// Encryption at rest. An encrypted database has a random 256-bit data
// key; every value in every bucket (but the three meta keys below) is
// sealed with it by XChaCha20-Poly1305 with a random nonce, the bucket's
// name and the value's key as associated data, so that a value moved to
// another key or bucket no longer opens. The data key itself is stored in
// bucketMeta under metaCrypt, sealed by a key derived from the passphrase
// with Argon2id; changing the passphrase seals the same data key anew.
//
// Keys stay readable (bbolt must order them), so those that could say
// something about a person are changed in an encrypted file (see
// sealbucket.go): the order keys lose their collation weights, and the
// search index's word hashes go through a keyed permutation.

// metaCrypt → the JSON of a cryptHeader. Its presence makes a file
// encrypted. It, metaApp and metaSchema are never sealed: a file must be
// recognised, and its key unwrapped, before anything can be opened.
var metaCrypt = []byte("crypt")

// cryptVersion is the version of the header and of the sealing.
const cryptVersion = 1

// KDFParams are Argon2id's cost parameters; they are stored in the file, so
// a file made with other parameters still opens.
type KDFParams struct {
	Time    uint32 `json:"t"` // passes
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
}

// DefaultKDF is RFC 9106's second recommended setting (64 MiB, three
// passes): about half a second on a laptop of 2020, once per open.
var DefaultKDF = KDFParams{Time: 3, Memory: 64 << 10, Threads: 4}

// cryptHeader is the stored form of the wrapped data key.
type cryptHeader struct {
	V   int       `json:"v"`
	KDF string    `json:"kdf"` // "argon2id"
	P   KDFParams `json:"params"`
	// Salt of the passphrase's key; Wrapped is the data key sealed by it
	// (nonce | ciphertext), with the key's ID as associated data.
	Salt    []byte `json:"salt"`
	Wrapped []byte `json:"wrapped"`
	// KeyID names the data key (random, not derived from it), so that a
	// backup sealed with the same key is recognised without a passphrase.
	KeyID []byte `json:"key_id"`
}

// sealer seals and opens the values of one data key.
type sealer struct {
	id   [16]byte
	key  []byte // kept to wrap it under a new passphrase
	aead cipher.AEAD
	// perm permutes the search index's 8-byte word hashes.
	perm cipher.Block
}

func newSealer(id [16]byte, dataKey []byte) (*sealer, error) {
	aead, err := chacha20poly1305.NewX(dataKey)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, dataKey)
	mac.Write([]byte("hankekirja search keys v1"))
	perm, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, err
	}
	return &sealer{id: id, key: dataKey, aead: aead, perm: perm}, nil
}

// ad is the associated data of a value: the bucket's name (length
// prefixed, so that no two bucket and key pairs give the same bytes) and
// its key.
func ad(bucket, key []byte) []byte {
	b := make([]byte, 0, 1+len(bucket)+len(key))
	b = append(b, byte(len(bucket)))
	b = append(b, bucket...)
	return append(b, key...)
}

func (s *sealer) seal(bucket, key, v []byte) []byte {
	out := make([]byte, chacha20poly1305.NonceSizeX, chacha20poly1305.NonceSizeX+len(v)+chacha20poly1305.Overhead)
	if _, err := rand.Read(out); err != nil {
		panic(err) // crypto/rand never fails on the systems Go supports
	}
	return s.aead.Seal(out, out, v, ad(bucket, key))
}

var errUnseal = errors.New("a stored value does not open with the data key")

func (s *sealer) open(bucket, key, v []byte) ([]byte, error) {
	if len(v) < chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return nil, errUnseal
	}
	out, err := s.aead.Open(nil, v[:chacha20poly1305.NonceSizeX], v[chacha20poly1305.NonceSizeX:], ad(bucket, key))
	if err != nil {
		return nil, errUnseal
	}
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

// permute is a keyed permutation of a word hash (a 4-round Feistel
// network over AES): equal words still give equal keys, so lookups work,
// but a dictionary of names hashed with FNV no longer finds them.
func (s *sealer) permute(h uint64, inverse bool) uint64 {
	l, r := uint32(h>>32), uint32(h)
	var in, out [16]byte
	f := func(round byte, x uint32) uint32 {
		in[0] = round
		binary.BigEndian.PutUint32(in[1:], x)
		s.perm.Encrypt(out[:], in[:])
		return binary.BigEndian.Uint32(out[:])
	}
	if !inverse {
		for i := byte(0); i < 4; i++ {
			l, r = r, l^f(i, r)
		}
	} else {
		for i := byte(4); i > 0; i-- {
			l, r = r^f(i-1, l), l
		}
	}
	return uint64(l)<<32 | uint64(r)
}

// keyring holds the data keys unlocked in this process, by key ID, and
// which open bbolt handle uses which. A key unlocked once opens every file
// sealed with it (the database, its backups, a compacted copy) without the
// passphrase being asked again; it stays in memory until the process ends.
var keyring = struct {
	sync.RWMutex
	byID map[[16]byte]*sealer
	byDB map[*bolt.DB]*sealer
}{byID: map[[16]byte]*sealer{}, byDB: map[*bolt.DB]*sealer{}}

// sealedHandles counts the handles in keyring.byDB, so that a process
// with only plain files pays one atomic load per bucket and no lock.
var sealedHandles atomic.Int32

// sealerOf returns the sealer of an open handle, or nil for a plain file.
func sealerOf(b *bolt.DB) *sealer {
	if sealedHandles.Load() == 0 {
		return nil
	}
	keyring.RLock()
	s := keyring.byDB[b]
	keyring.RUnlock()
	return s
}

func attachSealer(b *bolt.DB, s *sealer) {
	keyring.Lock()
	if keyring.byDB[b] == nil {
		sealedHandles.Add(1)
	}
	keyring.byDB[b] = s
	keyring.byID[s.id] = s
	keyring.Unlock()
}

func detachSealer(b *bolt.DB) {
	keyring.Lock()
	if keyring.byDB[b] != nil {
		sealedHandles.Add(-1)
		delete(keyring.byDB, b)
	}
	orderCaches.Delete(b)
	keyring.Unlock()
}

// readCryptHeader returns the file's header, or nil for a plain file.
func readCryptHeader(tx *bolt.Tx) (*cryptHeader, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil, nil
	}
	v := meta.Get(metaCrypt)
	if v == nil {
		return nil, nil
	}
	var h cryptHeader
	if err := json.Unmarshal(v, &h); err != nil || len(h.KeyID) != 16 || len(h.Salt) < 16 {
		return nil, fmt.Errorf("damaged encryption header")
	}
	if h.V > cryptVersion || h.KDF != "argon2id" {
		return nil, fmt.Errorf("encryption version %d (%s) is newer than this program's", h.V, h.KDF)
	}
	return &h, nil
}

// passphraseKey derives the key that wraps the data key.
func passphraseKey(pass []byte, salt []byte, p KDFParams) []byte {
	return argon2.IDKey(pass, salt, p.Time, p.Memory, p.Threads, chacha20poly1305.KeySize)
}

// unwrap opens the header's data key with pass; a wrong passphrase gives
// EPASSPHRASE.
func (h *cryptHeader) unwrap(path string, pass []byte) (*sealer, error) {
	kek := passphraseKey(pass, h.Salt, h.P)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, model.Internal(err)
	}
	if len(h.Wrapped) < chacha20poly1305.NonceSizeX {
		return nil, damaged(path, errors.New("damaged encryption header"))
	}
	dk, err := aead.Open(nil, h.Wrapped[:chacha20poly1305.NonceSizeX], h.Wrapped[chacha20poly1305.NonceSizeX:], h.KeyID)
	if err != nil {
		return nil, model.WrongPassphrase(path)
	}
	var id [16]byte
	copy(id[:], h.KeyID)
	s, err := newSealer(id, dk)
	if err != nil {
		return nil, model.Internal(err)
	}
	return s, nil
}

// newHeader wraps dataKey under pass with fresh salt.
func newHeader(id [16]byte, dataKey, pass []byte, p KDFParams) (*cryptHeader, error) {
	if p.Time == 0 || p.Memory == 0 || p.Threads == 0 {
		p = DefaultKDF
	}
	h := &cryptHeader{V: cryptVersion, KDF: "argon2id", P: p, Salt: make([]byte, 16), KeyID: id[:]}
	if _, err := rand.Read(h.Salt); err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(passphraseKey(pass, h.Salt, p))
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	h.Wrapped = aead.Seal(nonce, nonce, dataKey, h.KeyID)
	return h, nil
}

// newDataKey makes a random data key, its ID and its sealer.
func newDataKey() ([16]byte, []byte, *sealer, error) {
	var id [16]byte
	dk := make([]byte, chacha20poly1305.KeySize)
	if _, err := rand.Read(id[:]); err != nil {
		return id, nil, nil, err
	}
	if _, err := rand.Read(dk); err != nil {
		return id, nil, nil, err
	}
	s, err := newSealer(id, dk)
	return id, dk, s, err
}
