//go:build linux

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A disk case: the tmpfs's size and whether it is read-only.
type diskCase struct {
	Size     string // tmpfs size=
	ReadOnly bool
	// Fill leaves no free room on it beside the database.
	Fill bool
	// Window, when set, opens the database in the real window after the
	// commands (see showWindow).
	Window *diskWindow `json:",omitempty"`
}

// diskReport is what mountHelper prints: the database's SHA-256 on the
// tmpfs before and after, and each command's result.
type diskReport struct {
	Before, After string
	Window        *windowReport `json:",omitempty"`
	Results       []struct {
		Args           []string
		Status         int
		Stdout, Stderr string
	}
}

// onDisk runs the commands one after another on a copy of the database src
// on a tmpfs made as c says, in a mount namespace of their own (unshare -m),
// and returns what they did. It skips t when mounting is refused here.
func onDisk(t *testing.T, src string, c diskCase, cmds ...[]string) diskReport {
	t.Helper()
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("unshare is not installed: the disk cases need a mount namespace")
	}
	mnt := t.TempDir()
	spec, _ := json.Marshal(struct {
		Case diskCase
		Cmds [][]string
	}{c, cmds})
	cmd := exec.Command("unshare", "-m", "--propagation", "private", os.Args[0], mnt, src, string(spec))
	cmd.Env = append(withoutLocale(os.Environ()), faultHelperEnv+"=mount")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == mountRefused {
		t.Skipf("mounting a tmpfs is refused here (%s): the disk cases cannot run", strings.TrimSpace(stderr.String()))
	}
	if err != nil {
		t.Fatalf("unshare: %v\n%s", err, stderr.String())
	}
	var rep diskReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("the mount helper's report: %v\n%s", err, stdout.String())
	}
	return rep
}

// mountRefused is the mount helper's status when it may not mount.
const mountRefused = 3

// mountHelper runs inside the mount namespace: it mounts the tmpfs on
// args[0], copies the database args[1] onto it, makes the disk read-only
// or full, runs the commands of args[2] as the command line on it and
// prints a diskReport.
func mountHelper(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "mount helper: want MOUNTPOINT DATABASE SPEC")
		return exitUsage
	}
	mnt, src := args[0], args[1]
	var spec struct {
		Case diskCase
		Cmds [][]string
	}
	if err := json.Unmarshal([]byte(args[2]), &spec); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return exitUsage
	}
	if err := syscall.Mount("hankekirja-test", mnt, "tmpfs", 0, "mode=0700,size="+spec.Case.Size); err != nil {
		fmt.Fprintln(os.Stderr, "mount:", err)
		return mountRefused
	}
	path := filepath.Join(mnt, "hankekirja.db")
	data, err := os.ReadFile(src)
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err == nil && spec.Case.Fill {
		// Take every free block: write until the disk is full.
		f, ferr := os.Create(filepath.Join(mnt, "filler"))
		if ferr == nil {
			block := make([]byte, 4096)
			for {
				if _, werr := f.Write(block); werr != nil {
					break
				}
			}
			f.Close()
		}
	}
	if err == nil && spec.Case.ReadOnly {
		err = syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, "")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return exitFailure
	}
	sum := func() string {
		b, err := os.ReadFile(path)
		if err != nil {
			return err.Error()
		}
		return fmt.Sprintf("%x", sha256.Sum256(b))
	}
	rep := diskReport{Before: sum()}
	for _, args := range spec.Cmds {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), testMainEnv+"=1", "HANKEKIRJA_DB="+path)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		status := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			status = exit.ExitCode()
		} else if err != nil {
			status = -1
			stderr.WriteString(err.Error())
		}
		rep.Results = append(rep.Results, struct {
			Args           []string
			Status         int
			Stdout, Stderr string
		}{args, status, stdout.String(), stderr.String()})
	}
	if spec.Case.Window != nil {
		rep.Window = showWindow(path, *spec.Case.Window)
	}
	rep.After = sum()
	out, _ := json.Marshal(rep)
	os.Stdout.Write(out)
	return exitOK
}

// TestReadOnlyAndFullDisk runs the commands on the example database on a
// read-only filesystem and on a full disk (tmpfs). Read-only: reading,
// checking and exporting work, a change is refused with the read-only
// message, the file is unchanged. Full: the import fails with the
// full-disk message, nothing was changed (the file byte for byte as
// before, and it checks clean).
func TestReadOnlyAndFullDisk(t *testing.T) {
	t.Parallel()
	ex := exampleDir(t)
	src := filepath.Join(ex, "example.db")
	out := t.TempDir()
	snap := filepath.Join(killDir(t), "archive.hksnap")
	fi, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("read-only filesystem", func(t *testing.T) {
		rep := onDisk(t, src, diskCase{Size: fmt.Sprint(fi.Size() + 1<<20), ReadOnly: true},
			[]string{"list", "contacts"}, []string{"show", "municipality", "091"}, []string{"check"}, []string{"stats"},
			[]string{"export", "csv", "contacts", "--out", filepath.Join(out, "c.csv")},
			[]string{"backup", filepath.Join(out, "copy.bak")},
			[]string{"import", snap},
			[]string{"restore", filepath.Join(ex, "example.bak"), "--yes"})
		for _, r := range rep.Results {
			what := strings.Join(r.Args[:min(2, len(r.Args))], " ")
			res := result{r.Status, r.Stdout, r.Stderr}
			noCrash(t, what, res)
			t.Logf("%s: status %d %s", what, r.Status, strings.TrimSpace(r.Stderr))
			switch r.Args[0] {
			case "import", "restore":
				if r.Status != exitFailure || strings.Contains(r.Stderr, "internal error") ||
					!(strings.Contains(r.Stderr, "cannot be written") || strings.Contains(r.Stderr, "reading only")) {
					t.Errorf("%s on a read-only disk: status %d, %q, want 1 and a read-only message", what, r.Status, r.Stderr)
				}
			default:
				if r.Status != exitOK {
					t.Errorf("%s on a read-only disk: status %d, %q, want it to work", what, r.Status, r.Stderr)
				}
			}
		}
		if rep.Before != rep.After {
			t.Error("the file on the read-only disk changed")
		}
	})
	t.Run("full disk", func(t *testing.T) {
		rep := onDisk(t, src, diskCase{Size: fmt.Sprint(fi.Size() + 1<<20), Fill: true},
			[]string{"import", snap}, []string{"check"}, []string{"list", "contacts"})
		imp, check := rep.Results[0], rep.Results[1]
		for _, r := range rep.Results {
			noCrash(t, r.Args[0], result{r.Status, r.Stdout, r.Stderr})
			t.Logf("%s: status %d %s", r.Args[0], r.Status, strings.TrimSpace(r.Stderr))
		}
		if imp.Status != exitFailure || !strings.Contains(imp.Stderr, "is full; nothing was changed") {
			t.Errorf("import onto a full disk: status %d, %q, want 1 and the full-disk message", imp.Status, imp.Stderr)
		}
		if check.Status != exitOK {
			t.Errorf("check after the failed import: status %d, %q", check.Status, check.Stderr)
		}
		for _, r := range rep.Results {
			if n := strings.Count(r.Stderr, "the automatic backup failed"); n != 1 {
				t.Errorf("%s on a full disk says %d times that the automatic backup failed, want once: %q", r.Args[0], n, r.Stderr)
			}
		}
		if rep.Before != rep.After {
			t.Error("a failed import onto a full disk changed the file")
		}
	})
}
