package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// TestChangedRecordIsFound: one byte changed inside a stored record, so
// that its JSON still decodes ("Mäkinen" becomes "Mäkinfn" in the notes,
// a field no summary holds), is found by check, and reading the record
// says the database is damaged instead of showing what the disk made of
// it.
func TestChangedRecordIsFound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "muutettu.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	c := &model.Contact{FirstName: "Aino", LastName: "Virtanen", Notes: "Soita Mäkiselle maanantaina."}
	mustCreate(t, svc.Contacts, c)
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check before: %v %v", problems, err)
	}
	// Change the byte as the disk would: in the value, behind the store.
	// An encrypted value is sealed, and the disk changes its ciphertext.
	sealed := testEncryption != nil
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := bucket(tx, bucketCurrent)
		if sealed {
			b = bkt{Bucket: tx.Bucket(bucketCurrent)} // the bytes on disk
		}
		k := currentKey(model.KindContact, c.ID)
		v := bytes.Clone(b.Get(k))
		i := bytes.Index(v, []byte("Mäkiselle"))
		if sealed {
			i = len(v) / 2
		} else if i < 0 {
			t.Fatal("the notes are not in the value")
		}
		v[i+4] ^= 0x03 // Mäkiselle → Mäkinelle
		return b.Put(k, v)
	}); err != nil {
		t.Fatal(err)
	}
	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 || !sealed && !strings.Contains(strings.Join(problems, "\n"), "checksum") {
		t.Errorf("check after a changed byte: %v, want the record's checksum reported", problems)
	}
	_, err = svc.Contacts.Get(ctx, c.ID)
	if model.ErrorCode(err) != model.EDAMAGED || !sealed && !errors.Is(err, errChecksum) {
		t.Errorf("reading the changed record: %v, want the damaged-file error", err)
	}
	db.Close()
}
