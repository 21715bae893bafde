package ui

import (
	"bytes"
	"context"
	"os"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

// testCrypt is package store's encryption with a cheap Argon2id setting,
// and a switch that makes the file locked again as in a new process.
type testCrypt struct{ locked *bool }

var cheapKDF = store.KDFParams{Time: 1, Memory: 64, Threads: 1}

func (c testCrypt) NeedsPassphrase(path string) bool {
	enc, err := store.IsEncrypted(path)
	return err == nil && enc && *c.locked
}

func (c testCrypt) Unlock(path string, pass []byte) error {
	err := store.Unlock(path, pass)
	if err == nil {
		*c.locked = false
	}
	return err
}

func (testCrypt) Encrypt(ctx context.Context, path string, pass []byte, progress func(done, total int64)) (int, []string, error) {
	res, err := store.Encrypt(ctx, path, store.Encryption{Passphrase: pass, KDF: cheapKDF}, nil, progress)
	return len(res.Backups), res.Removed, err
}

func (testCrypt) Decrypt(ctx context.Context, path string, progress func(done, total int64)) error {
	return store.Decrypt(ctx, path, nil, progress)
}

func (testCrypt) ChangePassphrase(ctx context.Context, path string, pass []byte, progress func(done, total int64)) error {
	return store.ChangePassphrase(ctx, path, store.Encryption{Passphrase: pass, KDF: cheapKDF}, nil, progress)
}

// fillPassphrase types texts into the open passphrase form and submits it.
func fillPassphrase(t *testing.T, u *UI, texts ...string) {
	t.Helper()
	pd := u.lastPassphrase
	if pd == nil || len(pd.entries) != len(texts) {
		t.Fatalf("passphrase form: %+v, want %d entries", pd, len(texts))
	}
	for i, e := range pd.entries {
		if !e.Password {
			t.Errorf("entry %d shows what is typed", i)
		}
		e.SetText(texts[i])
	}
	u.lastPassphrase = nil
	pd.d.Hide()
	pd.submit()
	u.Wait()
}

// TestEncryptFromTheWindow: File → Encrypt database… encrypts the open
// file; opening it again asks the passphrase first, three tries, then
// offers to quit or open another; File → Decrypt… makes it plain again.
func TestEncryptFromTheWindow(t *testing.T) {
	u := newTestUI(t)
	locked := false
	u.cfg.Crypt = testCrypt{&locked}
	c := &model.Contact{FirstName: "Salli", LastName: "Salattunen", Organisation: model.MunicipalityID("091")}
	if err := u.svc.Contacts.Create(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	path := u.db.Path()

	u.encryptDialog()
	fillPassphrase(t, u, "hyvä tunnuslause", "hyvä tunnuslause")
	if u.db == nil || !u.encrypted() {
		t.Fatal("the database is not open and encrypted after Encrypt")
	}
	b, _ := os.ReadFile(path)
	if bytes.Contains(b, []byte("Salattunen")) {
		t.Error("the encrypted file holds the contact's name")
	}

	// As at the next start: the file is locked again.
	u.Close()
	locked = true
	u.OpenDatabase(path)
	if u.db != nil {
		t.Fatal("an encrypted database opened before its passphrase was given")
	}
	for i := 0; i < unlockTries; i++ {
		fillPassphrase(t, u, "väärä tunnuslause")
	}
	if u.db != nil || u.lastLockedOut == nil {
		t.Fatalf("after %d wrong passphrases: db %v, locked-out dialog %v", unlockTries, u.db, u.lastLockedOut)
	}
	if u.lastPassphrase != nil {
		t.Error("a fourth try was offered")
	}
	u.lastLockedOut.Hide()

	u.OpenDatabase(path)
	fillPassphrase(t, u, "hyvä tunnuslause")
	if u.db == nil {
		t.Fatal("the right passphrase did not open the database")
	}
	if got, err := u.svc.Contacts.Get(context.Background(), c.ID); err != nil || got.LastName != "Salattunen" {
		t.Fatalf("contact after unlocking: %+v, %v", got, err)
	}

	// A wrong current passphrase changes nothing; then Decrypt.
	u.decryptDialog()
	fillPassphrase(t, u, "väärä tunnuslause")
	if !u.encrypted() {
		t.Fatal("a wrong passphrase decrypted the database")
	}
	u.decryptDialog()
	fillPassphrase(t, u, "hyvä tunnuslause")
	if u.db == nil || u.encrypted() {
		t.Fatal("the database is not open and plain after Decrypt")
	}
	b, _ = os.ReadFile(path)
	if !bytes.Contains(b, []byte("Salattunen")) {
		t.Error("the decrypted file lacks the contact")
	}
}

// TestNewPassphraseValidation: the two entries must agree and be long
// enough before the form can be submitted.
func TestNewPassphraseValidation(t *testing.T) {
	newTestUI(t)
	first, again, _ := newPassphraseItems("x")
	first.SetText("lyhyt")
	if first.Validate() == nil {
		t.Error("a short passphrase passes")
	}
	first.SetText("pitkä tunnuslause")
	again.SetText("pitka tunnuslause")
	if again.Validate() == nil {
		t.Error("differing passphrases pass")
	}
	again.SetText("pitkä tunnuslause")
	if first.Validate() != nil || again.Validate() != nil {
		t.Error("a good passphrase is refused")
	}
}
