package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportImportXLSX exports tables as workbooks, imports them into a
// new database (recognised by content, whatever the name), and imports
// them again: the second time nothing changes.
func TestExportImportXLSX(t *testing.T) {
	t.Parallel()
	src, dst := tempDB(t), tempDB(t)
	ok(t, src, "demo")
	dir := t.TempDir()
	for _, kind := range []string{"organisations", "contacts", "projects", "groups"} {
		file := filepath.Join(dir, kind+".xlsx")
		out := ok(t, src, "export", "xlsx", kind, "--out", file)
		if !strings.Contains(out, file) {
			t.Errorf("export %s said %q", kind, out)
		}
		data, err := os.ReadFile(file)
		if err != nil || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			t.Fatalf("%s: %v, not a zip archive", kind, err)
		}
		renamed := filepath.Join(dir, kind+".data")
		os.WriteFile(renamed, data, 0o644)
		out = ok(t, dst, "import", renamed)
		if !strings.Contains(out, "Excel workbook") || !strings.Contains(out, "updated 0, unchanged 0, skipped as invalid 0") {
			t.Errorf("import %s:\n%s", kind, out)
		}
		out = ok(t, dst, "import", file, "--dry-run")
		if !strings.Contains(out, "to add 0, to update 0") {
			t.Errorf("import %s again:\n%s", kind, out)
		}
	}
	if a, b := ok(t, src, "list", "contacts"), ok(t, dst, "list", "contacts"); a != b {
		t.Errorf("contacts differ:\n%s\n---\n%s", a, b)
	}
	if r := hk(t, src, nil, "export", "xlsx", "contacts"); r.status != exitUsage {
		t.Errorf("export without --out: status %d", r.status)
	}
}
