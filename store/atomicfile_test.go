package store

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/model"
)

func TestWriteFileAtomicNeedsTheFolder(t *testing.T) {
	dir := t.TempDir()
	err := WriteFileAtomic(filepath.Join(dir, "missing", "out.csv"), 0o600, func(w io.Writer) error { return nil })
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("write into a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("the missing folder was created")
	}
	out := filepath.Join(dir, "out.csv")
	if err := WriteFileAtomic(out, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
}

func TestCheckOutputRefusesTheDatabase(t *testing.T) {
	db, _ := openTestDB(t)
	path := db.Path()
	backup, err := db.AutoBackup(model.BackupImport)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	os.Symlink(path, link)
	for _, out := range []string{path, link, backup, filepath.Join(BackupDir(path), "new.csv"), filepath.Join(filepath.Dir(path), ".", filepath.Base(path))} {
		if err := CheckOutput(path, out); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("CheckOutput(%s) = %v, want a refusal", out, err)
		}
	}
	for _, out := range []string{filepath.Join(filepath.Dir(path), "contacts.csv"), filepath.Join(t.TempDir(), "test.db")} {
		if err := CheckOutput(path, out); err != nil {
			t.Errorf("CheckOutput(%s) = %v", out, err)
		}
	}
}

func TestOpenRemovesLeftovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.MkdirAll(BackupDir(path), 0o700)
	left := []string{
		filepath.Join(filepath.Dir(path), ".h.db.tmp-123"),
		filepath.Join(filepath.Dir(path), ".h.db.compact-456"),
		filepath.Join(BackupDir(path), ".h-20261123T120700.123Z-daily.bak.tmp-789"),
	}
	keep := filepath.Join(filepath.Dir(path), ".other.db.tmp-1")
	for _, p := range append(left, keep) {
		os.WriteFile(p, []byte("half"), 0o600)
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range left {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("another database's file was removed")
	}
}

// TestWriteFileAtomicRemovesLeftovers: what a killed write of the same
// target left is removed by the next write, but not the temporary file of
// a write that is still running (it holds the lock).
func TestWriteFileAtomicRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "contacts.csv")
	left := filepath.Join(dir, ".contacts.csv"+tmpInfix+"123")
	other := filepath.Join(dir, ".other.csv"+tmpInfix+"123")
	for _, p := range []string{left, other} {
		if err := os.WriteFile(p, []byte("half an export"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	running, err := createTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	if err := WriteFileAtomic(out, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); err == nil {
		t.Error("the leftover of a killed write is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another target's temporary file was removed")
	}
	if _, err := os.Stat(running.Name()); err != nil {
		t.Error("the temporary file of a running write was removed")
	}
	if b, _ := os.ReadFile(out); string(b) != "whole" {
		t.Errorf("the target holds %q", b)
	}
}
