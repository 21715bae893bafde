package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hankekirja/assets/demo"
	"hankekirja/model"
)

// exampleFile writes the example data into a new plain database at path
// and returns the texts that must not be readable in an encrypted copy:
// every contact's name and email, and the meetings' agenda texts.
func exampleFile(t *testing.T, path string, c *clock) []string {
	t.Helper()
	saved := testEncryption
	testEncryption = nil
	defer func() { testEncryption = saved }()
	db, err := Open(path, &Options{Now: c.now, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Load(ctx, db.Services()); err != nil {
		t.Fatal(err)
	}
	var secrets []string
	add := func(s string) {
		if len(s) >= 6 { // shorter words ("Aho") are found in any random bytes' neighbourhood of a search
			secrets = append(secrets, s)
		}
	}
	err = db.Each(ctx, model.KindContact, func(r model.Record) error {
		c := r.(*model.Contact)
		add(c.FirstName + " " + c.LastName)
		add(c.LastName)
		for _, e := range c.Emails {
			add(e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Each(ctx, model.KindMeeting, func(r model.Record) error {
		for _, it := range r.(*model.Meeting).Items {
			add(it.Title)
			add(it.Proposal)
			add(it.Decision)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) < 50 {
		t.Fatalf("only %d texts to look for in the example data", len(secrets))
	}
	return secrets
}

// leaks returns the texts of secrets that are in the file at path.
func leaks(t *testing.T, path string, secrets []string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range secrets {
		if bytes.Contains(b, []byte(s)) {
			out = append(out, s)
		}
	}
	return out
}

// forgetKeys drops every unlocked key, as a new process would start.
func forgetKeys() {
	keyring.Lock()
	clear(keyring.byID)
	keyring.Unlock()
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// dump is every current record of a file, as JSON, by ID.
func dump(t *testing.T, path string) map[model.ID]string {
	t.Helper()
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[model.ID]string{}
	for _, kind := range model.Kinds {
		err := db.Each(ctx, kind, func(r model.Record) error {
			b, err := json.Marshal(r)
			out[r.GetMeta().ID] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	return out
}

func TestEncryptExampleData(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	c := &clock{time.Date(2026, 11, 23, 8, 0, 0, 0, time.Local)}
	secrets := exampleFile(t, path, c)
	if got := leaks(t, path, secrets); len(got) < len(secrets)/2 {
		t.Fatalf("the plain file holds only %d of %d texts: the test looks for the wrong ones", len(got), len(secrets))
	}
	before := dump(t, path)
	// A plain automatic backup, which the encryption must not leave behind.
	db, err := Open(path, &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BackupError(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if n := len(backupFiles(path)); n != 1 {
		t.Fatalf("%d backups before encrypting, want 1", n)
	}

	pass := []byte("oikea tunnuslause")
	res, err := Encrypt(ctx, path, Encryption{Passphrase: pass, KDF: testKDF}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Backups) != 1 || len(res.Removed) != 0 {
		t.Errorf("backups: %+v", res)
	}
	if got := leaks(t, path, secrets); len(got) > 0 {
		t.Errorf("the encrypted file holds %d texts of the example data, e.g. %q", len(got), got[0])
	}
	for _, b := range backupFiles(path) {
		if got := leaks(t, b.Path, secrets); len(got) > 0 {
			t.Errorf("the backup %s holds %d texts, e.g. %q", filepath.Base(b.Path), len(got), got[0])
		}
	}

	t.Run("NeedsPassphrase", func(t *testing.T) {
		forgetKeys()
		if _, err := Open(path, &Options{NoAutoBackup: true}); model.ErrorCode(err) != model.ENEEDKEY {
			t.Fatalf("open without a passphrase: %v, want %s", err, model.ENEEDKEY)
		}
	})
	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		forgetKeys()
		sum := fileSum(t, path)
		if err := Unlock(path, []byte("väärä tunnuslause")); model.ErrorCode(err) != model.EPASSPHRASE {
			t.Fatalf("unlock: %v, want %s", err, model.EPASSPHRASE)
		}
		if _, err := Open(path, &Options{Passphrase: []byte("väärä tunnuslause")}); model.ErrorCode(err) != model.EPASSPHRASE {
			t.Fatalf("open: %v, want %s", err, model.EPASSPHRASE)
		}
		if err := Decrypt(ctx, path, &Options{Passphrase: []byte("väärä")}, nil); model.ErrorCode(err) != model.EPASSPHRASE {
			t.Fatalf("decrypt: %v, want %s", err, model.EPASSPHRASE)
		}
		if fileSum(t, path) != sum {
			t.Error("a wrong passphrase changed the file")
		}
	})
	t.Run("OK", func(t *testing.T) {
		forgetKeys()
		c.t = c.t.Add(24 * time.Hour)
		db, err := Open(path, &Options{Passphrase: pass, Now: c.now})
		if err != nil {
			t.Fatal(err)
		}
		// The next day's automatic backup is a copy of the encrypted file.
		if err := db.BackupError(); err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, b := range backupFiles(path) {
			if got := leaks(t, b.Path, secrets); len(got) > 0 {
				t.Errorf("the backup %s holds %d texts", filepath.Base(b.Path), len(got))
			}
			if n, _, err := countBackup(b.Path); err != nil || len(n) == 0 {
				t.Errorf("backup %s reads as %v, %v", b.Path, n, err)
			}
		}
		if after := dump(t, path); !sameDump(before, after) {
			t.Error("the encrypted file's records differ from the plain file's")
		}
	})
	t.Run("ChangePassphrase", func(t *testing.T) {
		newPass := []byte("uusi pitkä tunnuslause")
		if err := ChangePassphrase(ctx, path, Encryption{Passphrase: newPass, KDF: testKDF}, &Options{Passphrase: pass}, nil); err != nil {
			t.Fatal(err)
		}
		forgetKeys()
		if err := Unlock(path, pass); model.ErrorCode(err) != model.EPASSPHRASE {
			t.Fatalf("the old passphrase: %v, want %s", err, model.EPASSPHRASE)
		}
		forgetKeys()
		db, err := Open(path, &Options{Passphrase: newPass, NoAutoBackup: true})
		if err != nil {
			t.Fatalf("the new passphrase: %v", err)
		}
		db.Close()
		pass = newPass
	})
	t.Run("Decrypt", func(t *testing.T) {
		forgetKeys()
		var last int64
		if err := Decrypt(ctx, path, &Options{Passphrase: pass}, func(done, total int64) { last = done }); err != nil {
			t.Fatal(err)
		}
		if last == 0 {
			t.Error("no progress reported")
		}
		if enc, err := IsEncrypted(path); err != nil || enc {
			t.Fatalf("encrypted after decrypt: %v %v", enc, err)
		}
		forgetKeys()
		if after := dump(t, path); !sameDump(before, after) {
			t.Error("the decrypted file's records differ from the plain file's")
		}
		if got := leaks(t, path, secrets); len(got) < len(secrets)/2 {
			t.Errorf("the decrypted file holds %d of %d texts", len(got), len(secrets))
		}
	})
}

func sameDump(a, b map[model.ID]string) bool {
	if len(a) != len(b) {
		return false
	}
	for id, v := range a {
		if b[id] != v {
			return false
		}
	}
	return true
}

// TestEncryptRefusals: a short passphrase, encrypting twice and decrypting
// a plain file are refused and leave the file alone.
func TestEncryptRefusals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	saved := testEncryption
	testEncryption = nil
	defer func() { testEncryption = saved }()
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	sum := fileSum(t, path)
	if _, err := Encrypt(ctx, path, Encryption{Passphrase: []byte("lyhyt"), KDF: testKDF}, nil, nil); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("short passphrase: %v", err)
	}
	if err := Decrypt(ctx, path, nil, nil); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("decrypt a plain file: %v", err)
	}
	if fileSum(t, path) != sum {
		t.Error("a refusal changed the file")
	}
	if _, err := Encrypt(ctx, path, Encryption{Passphrase: []byte("pitkä tunnuslause"), KDF: testKDF}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Encrypt(ctx, path, Encryption{Passphrase: []byte("pitkä tunnuslause"), KDF: testKDF}, nil, nil); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("encrypt twice: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".h.db.*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestPermuteRoundTrip: the search keys' permutation is one.
func TestPermuteRoundTrip(t *testing.T) {
	_, _, s, err := newDataKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []uint64{0, 1, 1 << 63, 0xDEADBEEFCAFEF00D} {
		p := s.permute(h, false)
		if p == h {
			t.Errorf("%x is its own image", h)
		}
		if back := s.permute(p, true); back != h {
			t.Errorf("permute(%x) = %x, back %x", h, p, back)
		}
	}
}

// TestSealedListMatchesPlain: an encrypted file, whose order keys hold no
// names, lists the same pages as a plain one: sorted, reversed, offset,
// filtered, and after a change (the cache of sorted lists is renewed).
func TestSealedListMatchesPlain(t *testing.T) {
	saved := testEncryption
	defer func() { testEncryption = saved }()
	open := func(enc *Encryption) *DB {
		testEncryption = enc
		db, err := Open(filepath.Join(t.TempDir(), "h.db"), &Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := fillContacts(db, 300); err != nil {
			t.Fatal(err)
		}
		return db
	}
	plain, sealed := open(nil), open(&Encryption{Passphrase: []byte("tunnuslause"), KDF: testKDF})
	if plain.Encrypted() || !sealed.Encrypted() {
		t.Fatal("the two files are not one plain, one encrypted")
	}
	filters := []model.Filter{
		{Limit: 50}, {Offset: 120, Limit: 25}, {Reverse: true, Limit: 30}, {Reverse: true, Offset: 290, Limit: 30},
		{Query: "mäk", Limit: 10}, {Query: "mäk", Offset: 5, Limit: 10, Reverse: true}, {Offset: 1000, Limit: 5},
	}
	compare := func(when string) {
		for _, f := range filters {
			a, err1 := plain.Services().Contacts.List(ctx, f)
			b, err2 := sealed.Services().Contacts.List(ctx, f)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if a.Total != b.Total || len(a.Items) != len(b.Items) {
				t.Fatalf("%s %+v: plain %d of %d, sealed %d of %d", when, f, len(a.Items), a.Total, len(b.Items), b.Total)
			}
			for i := range a.Items {
				if a.Items[i].Title != b.Items[i].Title {
					t.Fatalf("%s %+v: item %d is %q, sealed %q", when, f, i, a.Items[i].Title, b.Items[i].Title)
				}
			}
		}
	}
	compare("at first")
	for _, db := range []*DB{plain, sealed} {
		if err := db.Services().Contacts.Create(ctx, &model.Contact{FirstName: "Aapo", LastName: "Aakkonen", Organisation: model.MunicipalityID("091")}); err != nil {
			t.Fatal(err)
		}
	}
	compare("after a create")
}

// TestEncryptedFileHeldByAnother: a file another copy of the program has
// open is "in use", not "damaged", when its encryption is asked about.
func TestEncryptedFileHeldByAnother(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	pass := []byte("salainen tunnuslause")
	db, err := Open(path, &Options{NoAutoBackup: true, Encrypt: &Encryption{Passphrase: pass, KDF: testKDF}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := IsEncrypted(path); model.ErrorCode(err) != model.ELOCKED {
		t.Errorf("IsEncrypted of a file held open: %v, want ELOCKED", err)
	}
}
