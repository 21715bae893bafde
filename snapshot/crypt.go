package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"filippo.io/age/armor"

	"hankekirja/model"
)

// Encrypted snapshots are age files (https://age-encryption.org/v1) with a
// single scrypt (passphrase) recipient, in age's binary form. Reading also
// accepts age's ASCII armor.

// workFactor is the scrypt work factor (log2 N) export uses: age's default,
// about a second on a laptop. Tests lower it.
var workFactor = 18

// maxWorkFactor is the largest work factor a received file may demand:
// what export writes. age's default limit (22: 4 GiB of memory, some 15 s)
// would let a crafted file exhaust a laptop.
const maxWorkFactor = 18

var (
	ageBinary = []byte("age-encryption.org/")
	ageArmor  = []byte(armor.Header)
)

// IsEncrypted reports whether data (or its first bytes) is an age file.
func IsEncrypted(head []byte) bool {
	return bytes.HasPrefix(head, ageBinary) || bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), ageArmor)
}

// Encrypt encrypts a snapshot with a passphrase.
func Encrypt(plain []byte, passphrase string) ([]byte, error) {
	rcpt, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, newError(model.EINVALID, KeyPassphrase, nil, err)
	}
	rcpt.SetWorkFactor(workFactor)
	var out bytes.Buffer
	w, err := age.Encrypt(&out, rcpt)
	if err != nil {
		return nil, model.Internal(err)
	}
	if _, err := w.Write(plain); err != nil {
		return nil, model.Internal(err)
	}
	if err := w.Close(); err != nil {
		return nil, model.Internal(err)
	}
	return out.Bytes(), nil
}

// encryptTo returns a writer that encrypts what is written to it into w
// with a passphrase; Close finishes the file.
func encryptTo(w io.Writer, passphrase string) (io.WriteCloser, error) {
	rcpt, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, newError(model.EINVALID, KeyPassphrase, nil, err)
	}
	rcpt.SetWorkFactor(workFactor)
	enc, err := age.Encrypt(w, rcpt)
	if err != nil {
		return nil, model.Internal(err)
	}
	return enc, nil
}

// Decrypt decrypts an encrypted snapshot completely into memory and returns
// the plaintext only when all of it is authentic: age hands out plaintext
// chunk by chunk before it can tell that a later chunk was changed or the
// file cut short, so nothing is parsed before the end has been reached.
func Decrypt(data []byte, passphrase string) ([]byte, error) {
	if len(data) > maxFileSize {
		return nil, limitError(fmt.Sprintf("%d bytes, at most %d", len(data), maxFileSize))
	}
	if passphrase == "" {
		return nil, newError(model.EINVALID, KeyEncrypted, nil, nil)
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, newError(model.EINVALID, KeyPassphrase, nil, err)
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	var src io.Reader = bytes.NewReader(data)
	if !bytes.HasPrefix(data, ageBinary) {
		src = armor.NewReader(bytes.NewReader(bytes.TrimLeft(data, " \t\r\n")))
	}
	r, err := age.Decrypt(src, id)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) || errors.Is(err, age.ErrIncorrectIdentity) {
			return nil, newError(model.EINVALID, KeyPassphrase, nil, err)
		}
		return nil, newError(model.EDAMAGED, KeyTampered, nil, err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, int64(maxFileSize)+1))
	if err != nil {
		return nil, newError(model.EDAMAGED, KeyTampered, nil, err)
	}
	if len(plain) > maxFileSize {
		return nil, limitError(fmt.Sprintf("more than %d bytes once decrypted", maxFileSize))
	}
	return plain, nil
}

// Read decodes a snapshot file, decrypting it first when it is encrypted
// (passphrase is ignored otherwise).
func Read(data []byte, passphrase string) (*Snapshot, error) {
	if len(data) > maxFileSize {
		return nil, limitError(fmt.Sprintf("%d bytes, at most %d", len(data), maxFileSize))
	}
	if IsEncrypted(data) {
		plain, err := Decrypt(data, passphrase)
		if err != nil {
			return nil, err
		}
		data = plain
	}
	return Decode(data)
}
