package store

import (
	"encoding/json"
	"errors"
	"os"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"hankekirja/model"
)

// unlock gives a new file its data key (when it is to be encrypted) or
// finds an existing file's: in the keyring when this process has unlocked
// it before, else from o.Passphrase.
func (db *DB) unlock(isNew bool, o *Options) error {
	if isNew {
		enc := o.Encrypt
		if enc == nil {
			enc = testEncryption
		}
		if enc == nil {
			return nil
		}
		id, dk, s, err := newDataKey()
		if err != nil {
			return model.Internal(err)
		}
		h, err := newHeader(id, dk, enc.Passphrase, enc.KDF)
		if err != nil {
			return model.Internal(err)
		}
		if db.header, err = json.Marshal(h); err != nil {
			return model.Internal(err)
		}
		attachSealer(db.bolt, s)
		return nil
	}
	s, err := sealerFor(db.bolt, db.path, o.Passphrase)
	if err != nil || s == nil {
		return err
	}
	attachSealer(db.bolt, s)
	return nil
}

// sealerFor returns the sealer of an open file: nil for a plain file, the
// keyring's when this process knows the key, else the one pass unwraps.
func sealerFor(b *bolt.DB, path string, pass []byte) (*sealer, error) {
	var h *cryptHeader
	err := b.View(func(tx *bolt.Tx) error {
		var err error
		h, err = readCryptHeader(tx)
		return err
	})
	if err != nil {
		return nil, damaged(path, err)
	}
	if h == nil {
		return nil, nil
	}
	var id [16]byte
	copy(id[:], h.KeyID)
	keyring.RLock()
	s := keyring.byID[id]
	keyring.RUnlock()
	if s != nil {
		return s, nil
	}
	if pass == nil {
		return nil, model.NeedPassphrase(path)
	}
	return h.unwrap(path, pass)
}

// IsEncrypted reports whether the database file at path is encrypted. It
// reads the file without locking it for writing.
func IsEncrypted(path string) (bool, error) {
	var enc bool
	err := withHeader(path, func(h *cryptHeader) error {
		enc = h != nil
		return nil
	})
	return enc, err
}

// IsUnlocked reports whether this process holds the data key of the
// encrypted file at path (so that opening it asks nothing).
func IsUnlocked(path string) bool {
	ok := false
	withHeader(path, func(h *cryptHeader) error {
		if h != nil {
			var id [16]byte
			copy(id[:], h.KeyID)
			keyring.RLock()
			ok = keyring.byID[id] != nil
			keyring.RUnlock()
		}
		return nil
	})
	return ok
}

// Unlock checks pass against the encrypted file at path and keeps its data
// key in this process, so that Open, Compact, Restore and the backups of
// the file need no passphrase after it. A wrong passphrase gives
// EPASSPHRASE and leaves the file as it was (it is opened read-only).
func Unlock(path string, pass []byte) error {
	return withHeader(path, func(h *cryptHeader) error {
		if h == nil {
			return &model.Error{Code: model.EINVALID, Key: "error.not_encrypted", Args: map[string]any{"Path": path}}
		}
		s, err := h.unwrap(path, pass)
		if err != nil {
			return err
		}
		keyring.Lock()
		keyring.byID[s.id] = s
		keyring.Unlock()
		return nil
	})
}

// withHeader opens path read-only and calls fn with its encryption header
// (nil for a plain file).
func withHeader(path string, fn func(*cryptHeader) error) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fileError(path, err)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return damaged(path, errors.New("not a database file"))
	}
	if err := checkHeader(path, fi.Size()); err != nil {
		return damaged(path, err)
	}
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: backupOpenLimit})
	if errors.Is(err, berrors.ErrTimeout) {
		return &model.Error{Code: model.ELOCKED, Key: "error.locked", Args: map[string]any{"Path": path}, Err: err}
	}
	if err != nil {
		return damaged(path, err)
	}
	defer b.Close()
	var h *cryptHeader
	if err := b.View(func(tx *bolt.Tx) error {
		var err error
		h, err = readCryptHeader(tx)
		return err
	}); err != nil {
		return damaged(path, err)
	}
	return fn(h)
}

// Encrypted reports whether the open database is encrypted.
func (db *DB) Encrypted() bool { return sealerOf(db.bolt) != nil }
