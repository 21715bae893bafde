package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// MinPassphrase is the shortest passphrase Encrypt and ChangePassphrase
// take, in characters.
const MinPassphrase = 8

// EncryptResult tells what an Encrypt did to the automatic backups.
type EncryptResult struct {
	// Backups are the automatic backups now encrypted with the same key;
	// Removed those that could not be (written by an older Hankekirja, or
	// unreadable), deleted so that no plain copy of the register stays.
	Backups, Removed []string
}

// Encrypt rewrites the plain database at path encrypted under
// enc.Passphrase with a new data key, and its automatic backups with it.
// Like Compact, it works on a closed file, writes the new one beside it,
// checks, syncs and renames it over the old, so a failure, a kill or a
// cancellation (ctx) leaves the old file as it was.
func Encrypt(ctx context.Context, path string, enc Encryption, opts *Options, progress func(done, total int64)) (EncryptResult, error) {
	var res EncryptResult
	if err := checkPassphrase(enc.Passphrase); err != nil {
		return res, err
	}
	id, dk, s, err := newDataKey()
	if err != nil {
		return res, model.Internal(err)
	}
	h, err := newHeader(id, dk, enc.Passphrase, enc.KDF)
	if err != nil {
		return res, model.Internal(err)
	}
	header, err := json.Marshal(h)
	if err != nil {
		return res, model.Internal(err)
	}
	keyring.Lock()
	keyring.byID[id] = s
	keyring.Unlock()
	if err := rewrite(ctx, path, opts, false, s, header, progress); err != nil {
		return res, err
	}
	for _, b := range backupFiles(path) {
		if ctx.Err() != nil {
			break
		}
		// An older backup would be migrated by the rewrite, which backs it
		// up plain first: it goes instead.
		if fileSchema(b.Path) != len(migrations) || rewrite(ctx, b.Path, opts, false, s, header, nil) != nil {
			if os.Remove(b.Path) == nil {
				res.Removed = append(res.Removed, b.Path)
			}
			continue
		}
		res.Backups = append(res.Backups, b.Path)
	}
	return res, nil
}

// Decrypt rewrites the encrypted database at path as a plain file, as
// Encrypt does. Its key must be unlocked (Unlock) or opts.Passphrase
// given. The automatic backups stay encrypted (they still open with the
// passphrase they were made under).
func Decrypt(ctx context.Context, path string, opts *Options, progress func(done, total int64)) error {
	return rewrite(ctx, path, opts, true, nil, nil, progress)
}

// ChangePassphrase wraps the data key of the encrypted database at path
// under a new passphrase. The data key and every sealed value stay as they
// are; the file is rewritten (as Encrypt does) so that the old wrapping
// does not stay in a free page. Backups made before keep the old
// passphrase. Its key must be unlocked or opts.Passphrase given.
func ChangePassphrase(ctx context.Context, path string, enc Encryption, opts *Options, progress func(done, total int64)) error {
	if err := checkPassphrase(enc.Passphrase); err != nil {
		return err
	}
	return rewrite(ctx, path, opts, true, nil, nil, progress, enc)
}

func checkPassphrase(p []byte) error {
	if len([]rune(string(p))) < MinPassphrase {
		return &model.Error{Code: model.EINVALID, Field: "passphrase", Key: "error.passphrase_short", Args: map[string]any{"Count": MinPassphrase}}
	}
	return nil
}

// rewrite copies the database at path into a new file beside it with dst
// (nil: plain) sealing the values and header as its encryption header,
// checks the copy and renames it over path. wantSealed says whether the
// file must be encrypted already; a passphrase change (newPass) keeps the
// file's own key and wraps it anew.
func rewrite(ctx context.Context, path string, opts *Options, wantSealed bool, dst *sealer, header []byte, progress func(done, total int64), newPass ...Encryption) error {
	o := Options{Timeout: optTimeout(opts), Now: optNow(opts), NoAutoBackup: true}
	if opts != nil {
		o.Passphrase = opts.Passphrase
	}
	db, err := Open(path, &o)
	if err != nil {
		return err
	}
	defer db.Close()
	src := sealerOf(db.bolt)
	switch {
	case wantSealed && src == nil:
		return &model.Error{Code: model.EINVALID, Key: "error.not_encrypted", Args: map[string]any{"Path": path}}
	case !wantSealed && src != nil:
		return &model.Error{Code: model.EINVALID, Key: "error.already_encrypted", Args: map[string]any{"Path": path}}
	}
	if len(newPass) > 0 {
		h, err := newHeader(src.id, src.key, newPass[0].Passphrase, newPass[0].KDF)
		if err != nil {
			return model.Internal(err)
		}
		if header, err = json.Marshal(h); err != nil {
			return model.Internal(err)
		}
		dst = src
	}
	tmpPath, err := rewriteCopy(path)
	if err != nil {
		return model.Internal(err)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
		}
	}()
	if err := copySealed(ctx, db.bolt, src, tmpPath, dst, header, progress); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return model.Internal(fmt.Errorf("rewrite %s: %w", path, err))
	}
	if err := checkCopy(tmpPath); err != nil {
		return model.Internal(fmt.Errorf("rewrite %s: %w", path, err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swapIn(db, tmpPath, path, &done)
}

// checkCopy opens a rewritten file as the application will and checks its
// contents: every value opens, every index agrees.
func checkCopy(path string) error {
	db, err := Open(path, &Options{NoAutoBackup: true, DeferSearch: false})
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.Check(context.Background())
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("the copy does not check: %v", problems)
	}
	return nil
}

// copySealed copies every bucket of src (opened with srcS, nil for plain)
// into a new bbolt file at dst, sealing with dstS (nil: plain), in
// transactions of about compactBatch bytes as copyCompact does. The order
// keys are made anew from their summaries (an encrypted file's hold no
// sort keys). When the two sealers are the same, the sealed bytes are
// copied as they are.
func copySealed(ctx context.Context, src *bolt.DB, srcS *sealer, dst string, dstS *sealer, header []byte, progress func(done, total int64)) error {
	out, err := bolt.Open(dst, 0o600, &bolt.Options{NoSync: true, Timeout: backupOpenLimit})
	if err != nil {
		return err
	}
	defer out.Close()
	same := srcS == dstS
	err = src.View(func(stx *bolt.Tx) error {
		total := stx.Size()
		var copied, batch int64
		wtx, err := out.Begin(true)
		if err != nil {
			return err
		}
		defer func() { wtx.Rollback() }()
		put := func(name, k, v []byte) error {
			if batch >= compactBatch {
				if err := wtx.Commit(); err != nil {
					return err
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(copied, total)
				}
				if wtx, err = out.Begin(true); err != nil {
					return err
				}
				batch = 0
			}
			n := int64(len(k) + len(v))
			copied += n
			batch += n
			if same {
				return wtx.Bucket(name).Put(k, v)
			}
			return bkt{Bucket: wtx.Bucket(name), s: dstS, name: name}.Put(k, v)
		}
		err = stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, err := wtx.CreateBucket(name); err != nil {
				return err
			}
			if seq := b.Sequence(); seq != 0 {
				if err := wtx.Bucket(name).SetSequence(seq); err != nil {
					return err
				}
			}
			if same {
				c := b.Cursor()
				for k, v := c.First(); k != nil; k, v = c.Next() {
					if bytes.Equal(name, bucketMeta) && bytes.Equal(k, metaCrypt) {
						continue
					}
					if err := put(name, k, v); err != nil {
						return err
					}
				}
				return nil
			}
			sb := bkt{Bucket: b, s: srcS, name: name}
			c := sb.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if v == nil {
					return errors.New("nested buckets are not part of the layout")
				}
				if bytes.Equal(name, bucketMeta) && bytes.Equal(k, metaCrypt) {
					continue
				}
				if bytes.Equal(name, bucketOrder) {
					s, err := decodeSummary(v)
					if err != nil {
						return fmt.Errorf("order entry %x: %w", k, err)
					}
					k = orderKey(&s)
				}
				if err := put(name, k, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if header != nil {
			if err := wtx.Bucket(bucketMeta).Put(metaCrypt, header); err != nil {
				return err
			}
		}
		if err := wtx.Commit(); err != nil {
			return err
		}
		if progress != nil {
			progress(total, total)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return checkAndSync(out, "the copy")
}

// fileSchema reads a closed file's schema version (0 when it has none or
// cannot be read).
func fileSchema(path string) int {
	if fi, err := os.Stat(path); err != nil || checkHeader(path, fi.Size()) != nil {
		return 0
	}
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: backupOpenLimit})
	if err != nil {
		return 0
	}
	defer b.Close()
	schema := 0
	b.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			if v := m.Get(metaSchema); len(v) == 4 {
				schema = int(binary.BigEndian.Uint32(v))
			}
		}
		return nil
	})
	return schema
}
