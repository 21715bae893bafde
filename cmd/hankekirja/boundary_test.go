package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// boundaryPackages reach the records only through the interfaces of model
// and their own (wired here, in cmd/hankekirja): none may depend on package
// store or on bbolt. Names missing from the module are skipped, so a
// package can be renamed without this list failing first.
var boundaryPackages = []string{"model", "ui", "snapshot", "table", "csv", "vcard", "calendar", "minutes", "person"}

// forbiddenDeps are what boundaryPackages must not depend on.
var forbiddenDeps = []string{"hankekirja/store", "go.etcd.io/bbolt"}

// TestOnlyCmdImportsStore: the packages above, without their tests (which
// may use a real store), do not depend on store or bbolt, directly or
// through another package.
func TestOnlyCmdImportsStore(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	out, err := exec.Command(goBin, "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	var pkgs []string
	for _, p := range boundaryPackages {
		if fi, err := os.Stat(filepath.Join(root, p)); err == nil && fi.IsDir() {
			pkgs = append(pkgs, "./"+p)
		}
	}
	if len(pkgs) == 0 {
		t.Fatalf("none of %v found under %s", boundaryPackages, root)
	}
	// One line per package: its import path, then every package it
	// depends on (the standard library included), non-test files only.
	args := append([]string{"list", "-tags", "migrated_fynedo", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`}, pkgs...)
	cmd := exec.Command(goBin, args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(pkgs) {
		t.Fatalf("go list described %d packages, want %d:\n%s", len(lines), len(pkgs), out)
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, dep := range fields[1:] {
			for _, bad := range forbiddenDeps {
				if dep == bad || strings.HasPrefix(dep, bad+"/") {
					t.Errorf("%s depends on %s", fields[0], dep)
				}
			}
		}
	}
}
