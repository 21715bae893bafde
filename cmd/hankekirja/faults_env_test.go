package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The damaged-file matrix's cases that need another user or another
// disk: no permission (the tests run as root here, whom permissions do
// not stop, so the commands run as user nobody), a read-only filesystem
// and a full disk (a small tmpfs, mounted in a mount namespace of the
// test's own so that nobody else sees it: faults_disk_linux_test.go).

// nobodyID is user nobody's user and group ID.
const nobodyID = 65534

// asNobody returns the command prefix that runs a program as user nobody,
// or nil and why it cannot.
func asNobody() ([]string, string) {
	var why []string
	for _, as := range [][]string{
		{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"},
		{"runuser", "-u", "nobody", "--"},
	} {
		out, err := exec.Command(as[0], append(as[1:], "true")...).CombinedOutput()
		if err == nil {
			return as, ""
		}
		why = append(why, as[0]+": "+strings.TrimSpace(string(out))+" "+err.Error())
	}
	return nil, strings.Join(why, "; ")
}

// nobodyDirs copies the test binary where user nobody may run it and makes
// a folder nobody owns; both are removed when t ends.
func nobodyDirs(t *testing.T) (bin, own string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "hankekirja-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin = filepath.Join(dir, "hankekirja.test")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	own = filepath.Join(dir, "own")
	if err := os.Mkdir(own, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(own, nobodyID, nobodyID); err != nil {
		t.Fatal(err)
	}
	return bin, own
}
