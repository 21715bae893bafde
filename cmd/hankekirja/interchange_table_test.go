package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportImportCSV exports contacts to CSV, imports them into a new
// database, and imports them again: the second time nothing changes.
func TestExportImportCSV(t *testing.T) {
	t.Parallel()
	src, dst := tempDB(t), tempDB(t)
	ok(t, src, "demo")
	dir := t.TempDir()
	for _, kind := range []string{"organisations", "contacts", "projects", "groups"} {
		file := filepath.Join(dir, kind+".csv")
		out := ok(t, src, "export", "csv", kind, "--out", file)
		if !strings.Contains(out, file) {
			t.Errorf("export %s said %q", kind, out)
		}
		data, err := os.ReadFile(file)
		if err != nil || !strings.HasPrefix(string(data), "\ufeff") {
			t.Fatalf("%s: %v %q", kind, err, data[:min(len(data), 20)])
		}
		out = ok(t, dst, "import", file)
		if !strings.Contains(out, "updated 0, unchanged 0, skipped as invalid 0") {
			t.Errorf("import %s:\n%s", kind, out)
		}
		out = ok(t, dst, "import", file, "--dry-run")
		if !strings.Contains(out, "to add 0, to update 0") || !strings.Contains(out, "Dry run") {
			t.Errorf("import %s again:\n%s", kind, out)
		}
	}
	if a, b := ok(t, src, "list", "contacts"), ok(t, dst, "list", "contacts"); a != b {
		t.Errorf("contacts differ:\n%s\n---\n%s", a, b)
	}
}

func TestImportRejectsInvalidCSV(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	file := filepath.Join(t.TempDir(), "bad.csv")
	// Row 2 has nothing to know the contact by; row 4's broken email goes
	// to the notes, its contact comes in.
	os.WriteFile(file, []byte("\ufeffEtunimi;Sukunimi;Sähköposti\r\n;;pekka@\r\nMaija;Virtanen;maija@example.com\r\nMatti;Meikäläinen;matti@\r\n"), 0o644)
	r := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "import", file)
	if r.status != exitFailure {
		t.Fatalf("status %d, stderr %q", r.status, r.stderr)
	}
	if !strings.Contains(r.stdout, "rivi 2: Sähköposti ”pekka@”: ei ole kelvollinen sähköpostiosoite") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "mitään ei tuotu") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if out := ok(t, path, "list", "contacts"); out != "" {
		t.Errorf("a rejected file added contacts:\n%s", out)
	}
	out := ok(t, path, "import", file, "--skip-invalid")
	if !strings.Contains(out, "added 2") || !strings.Contains(out, "kept in the notes") {
		t.Errorf("--skip-invalid:\n%s", out)
	}
}

// TestImportOrganisations: organisations a file names are added, unless
// --no-create-organisations keeps them as text; a national number takes
// --region.
func TestImportOrganisations(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "orgs.vcf")
	os.WriteFile(file, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;Mary;;;\r\nORG:Example Corp\r\nTEL:(217) 555-0100\r\nEND:VCARD\r\n"), 0o644)
	path := tempDB(t)
	out := ok(t, path, "import", file, "--no-create-organisations", "--region", "US")
	if !strings.Contains(out, "added 1,") || !strings.Contains(out, "Example Corp") {
		t.Errorf("--no-create-organisations:\n%s", out)
	}
	if list := ok(t, path, "list", "organisations"); list != "" {
		t.Errorf("organisations added:\n%s", list)
	}
	if show := ok(t, path, "show", "contact", "Mary Smith"); !strings.Contains(show, "+1 217-555-0100") {
		t.Errorf("show:\n%s", show)
	}
	path = tempDB(t)
	out = ok(t, path, "import", file)
	if !strings.Contains(out, "added 2,") || !strings.Contains(ok(t, path, "list", "organisations"), "Example Corp") {
		t.Errorf("import:\n%s", out)
	}
	if r := hk(t, path, nil, "import", file, "--region", "Atlantis"); r.status != exitUsage {
		t.Errorf("--region Atlantis: status %d", r.status)
	}
}

func TestExportImportVCard(t *testing.T) {
	t.Parallel()
	src, dst := tempDB(t), tempDB(t)
	ok(t, src, "demo")
	dir := t.TempDir()
	file := filepath.Join(dir, "all.vcf")
	ok(t, src, "export", "vcard", "--out", file)
	out := ok(t, dst, "import", file)
	if !strings.Contains(out, "vCard") || !strings.Contains(out, "updated 0, unchanged 0, skipped as invalid 0") {
		t.Errorf("import:\n%s", out)
	}
	one := filepath.Join(dir, "one.vcf")
	ok(t, src, "export", "vcard", "--out", one, "--version", "4.0", "--id", "Johanna Aho")
	data, _ := os.ReadFile(one)
	if strings.Count(string(data), "BEGIN:VCARD") != 1 || !strings.Contains(string(data), "VERSION:4.0") {
		t.Errorf("one card:\n%s", data)
	}
	out = ok(t, dst, "import", one)
	if !strings.Contains(out, "unchanged 1") {
		t.Errorf("re-import of one card:\n%s", out)
	}
}

func TestInterchangeUsage(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	for _, args := range [][]string{
		{"export", "csv"},
		{"export", "csv", "contacts"},
		{"export", "csv", "widgets", "--out", "x.csv"},
		{"export", "vcard"},
		{"export", "vcard", "--out", "x.vcf", "--version", "2.1"},
	} {
		if r := hk(t, path, nil, args...); r.status != exitUsage {
			t.Errorf("%v: status %d, stderr %q", args, r.status, r.stderr)
		}
	}
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("just; some; text\r\n"), 0o644)
	if r := hk(t, path, nil, "import", file); r.status != exitFailure {
		t.Errorf("unknown format: status %d, stderr %q", r.status, r.stderr)
	}
}
