//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestEncryptCommands runs encrypt, passphrase and decrypt in the real
// binary with the passphrases in the environment, as a script would: the
// file holds no name of the example data while encrypted, a wrong or
// missing passphrase is refused without changing it, and after decrypt
// the records are what they were.
func TestEncryptCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildGUI(t, dir)
	path := filepath.Join(dir, "h.db")
	type out struct {
		status         int
		stdout, stderr string
	}
	run := func(env []string, args ...string) out {
		t.Helper()
		c := exec.Command(bin, args...)
		c.Env = append(os.Environ(), "HANKEKIRJA_DB="+path, "LC_ALL=C", "HANKEKIRJA_PASSPHRASE=", "HANKEKIRJA_NEW_PASSPHRASE=")
		c.Env = append(c.Env, env...)
		// No controlling terminal: a prompt would otherwise wait for a
		// person at the terminal the tests run in.
		c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		var so, se bytes.Buffer
		c.Stdout, c.Stderr = &so, &se
		err := c.Run()
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out{status, so.String(), se.String()}
	}
	must := func(env []string, args ...string) string {
		t.Helper()
		r := run(env, args...)
		if r.status != 0 {
			t.Fatalf("%v: status %d, stderr %q", args, r.status, r.stderr)
		}
		return r.stdout
	}
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	must(nil, "demo")
	before := must(nil, "list", "contacts", "--json")
	var secrets []string
	for _, c := range records(t, before) {
		for _, f := range []string{"last_name", "name"} {
			if s, _ := c[f].(string); len(s) >= 6 {
				secrets = append(secrets, s)
			}
		}
		if es, _ := c["emails"].([]any); len(es) > 0 {
			secrets = append(secrets, es[0].(string))
		}
	}
	if len(secrets) < 20 {
		t.Fatalf("%d names to look for", len(secrets))
	}

	old := []string{"HANKEKIRJA_PASSPHRASE=vanha tunnuslause"}
	r := run(old, "encrypt")
	if r.status != 0 || !strings.Contains(r.stdout, "is encrypted") || !strings.Contains(r.stderr, "Encrypting… 100 %") {
		t.Fatalf("encrypt: %+v", r)
	}
	b, _ := os.ReadFile(path)
	for _, s := range secrets {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("the encrypted file holds %q", s)
		}
	}
	if got := must(old, "list", "contacts", "--json"); got != before {
		t.Error("the encrypted database lists other contacts")
	}

	was := sum()
	r = run([]string{"HANKEKIRJA_PASSPHRASE=väärä tunnuslause"}, "list", "contacts")
	if r.status != exitFailure || !strings.Contains(r.stderr, "the passphrase does not open") {
		t.Errorf("wrong passphrase: %+v", r)
	}
	r = run(nil, "list", "contacts")
	if r.status != exitFailure || !strings.Contains(r.stderr, "HANKEKIRJA_PASSPHRASE") {
		t.Errorf("no passphrase, no terminal: %+v", r)
	}
	if sum() != was {
		t.Error("a refused passphrase changed the file")
	}

	newPass := []string{"HANKEKIRJA_PASSPHRASE=vanha tunnuslause", "HANKEKIRJA_NEW_PASSPHRASE=uusi tunnuslause"}
	if out := must(newPass, "passphrase"); !strings.Contains(out, "passphrase of "+path+" was changed") {
		t.Errorf("passphrase: %q", out)
	}
	if r := run(old, "list", "contacts"); r.status != exitFailure {
		t.Errorf("the old passphrase still opens the file: %+v", r)
	}
	neu := []string{"HANKEKIRJA_PASSPHRASE=uusi tunnuslause"}
	if out := must(neu, "check"); !strings.Contains(out, "OK") {
		t.Errorf("check: %q", out)
	}

	if out := must(neu, "decrypt"); !strings.Contains(out, "plain file again") {
		t.Errorf("decrypt: %q", out)
	}
	if got := must(nil, "list", "contacts", "--json"); got != before {
		t.Error("the decrypted database lists other contacts")
	}
	if out := must(nil, "check"); !strings.Contains(out, "OK") {
		t.Errorf("check after decrypt: %q", out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".h.db*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
