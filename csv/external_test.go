package csv

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/importing"
	"hankekirja/model"
)

// Tests that read the CSV files with tools that share no code with this
// package: LibreOffice Calc (converting to xlsx, as a person opening the
// file would) and Python's csv module. They skip when the tool is missing,
// except on CI (CI=true), where .ci/install-deps installs them.

// needTool returns the path of a program, skipping the test without it.
func needTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (see .ci/install-deps)", names[0])
	}
	t.Skipf("%s is not installed", names[0])
	return ""
}

// sampleDB holds the records whose cells spreadsheets get wrong: codes
// with leading zeros, a +358 number, a note that starts with "- ", dates,
// an amount with cents, and å, ä and ö.
func sampleDB(t *testing.T) model.Services {
	t.Helper()
	svc := openDB(t)
	c := &model.Contact{FirstName: "Åsa", LastName: "Öhman-Ääri", JobTitle: "sote-johtaja",
		Phones: []string{"+358401234567"}, Emails: []string{"asa.ohman@example.com"},
		Address: model.Address{Street: "Pohjoisesplanadi 11–13", PostalCode: "00100", City: "Helsinki"},
		Notes:   "- soitettu 3.5.\n- sovittu tapaaminen", Organisation: model.MunicipalityID("091")}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	p := &model.Project{Name: "Hämeen sote-hanke", ShortName: "HäSo", Status: model.ProjectRunning,
		Period:  model.Period{Start: model.MustDate(2019, time.April, 16), End: model.MustDate(2020, time.December, 31)},
		Regions: []string{"05"}, Funding: []model.FundingLine{{Amount: 125000050}}}
	if err := svc.Projects.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	return svc
}

// writeExport writes a kind's export for old Excel, whose formula-texts
// LibreOffice reads as the text they give.
func writeExport(t *testing.T, svc model.Services, kind, dir string) string {
	t.Helper()
	path := filepath.Join(dir, kind+".csv")
	if err := os.WriteFile(path, exportOldExcel(t, svc, kind, "fi"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readXLSX is a Python program that prints the first sheet of an xlsx file
// as JSON: rows of [type, value, style is a date] cells, read from the XML
// itself.
const readXLSX = `
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
        shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
styles = ET.fromstring(z.read("xl/styles.xml"))
formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter("{%s}numFmt" % ns["m"])}
xfs = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", ns)]
def is_date(s):
    if s is None: return False
    fid = xfs[int(s)]
    code = formats.get(fid, "")
    return 14 <= fid <= 22 or bool(re.search(r"[dDyY]", code.split(";")[0].replace("[", "").replace("General", "")))
rows = []
for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
    cells = {}
    for c in row.findall("m:c", ns):
        col = re.match(r"[A-Z]+", c.get("r")).group(0)
        idx = 0
        for ch in col: idx = idx * 26 + ord(ch) - 64
        t = c.get("t", "n")
        v = c.find("m:v", ns)
        v = v.text if v is not None else ""
        if t == "s": v = shared[int(v)]
        cells[idx - 1] = [t, v, is_date(c.get("s"))]
    rows.append([cells.get(i, ["", "", False]) for i in range(max(cells) + 1 if cells else 0)])
print(json.dumps(rows, ensure_ascii=False))
`

type xlsxCell struct {
	typ, value string
	date       bool
}

func readSheet(t *testing.T, python, xlsx string) [][]xlsxCell {
	t.Helper()
	out, err := exec.Command(python, "-c", readXLSX, xlsx).CombinedOutput()
	if err != nil {
		t.Fatalf("reading %s: %v\n%s", xlsx, err, out)
	}
	var raw [][][]any
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	rows := make([][]xlsxCell, len(raw))
	for i, r := range raw {
		for _, c := range r {
			rows[i] = append(rows[i], xlsxCell{c[0].(string), c[1].(string), c[2].(bool)})
		}
	}
	return rows
}

// column returns the index of a header in the first row.
func column(t *testing.T, rows [][]xlsxCell, header string) int {
	t.Helper()
	for i, c := range rows[0] {
		if c.value == header {
			return i
		}
	}
	t.Fatalf("no column %q in %v", header, rows[0])
	return -1
}

// soffice converts a file with LibreOffice, in a profile of its own so
// that tests do not share one.
func soffice(t *testing.T, bin, profile, outDir, to, infilter, file string) string {
	t.Helper()
	args := []string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", to, "--outdir", outDir}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	cmd := exec.Command(bin, append(args, file)...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	out, err := cmd.CombinedOutput()
	ext := to
	if i := strings.IndexByte(ext, ':'); i >= 0 {
		ext = ext[:i]
	}
	result := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+"."+ext)
	if _, serr := os.Stat(result); err != nil || serr != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
	return result
}

// TestLibreOffice opens the CSV files as LibreOffice Calc does (separator
// ";", UTF-8, Finnish), saves them as xlsx, and reads the xlsx back with
// Python: the headers keep å, ä and ö, codes keep their leading zeros as
// text, dates are dates and amounts numbers. Saving the sheet as CSV again
// gives plain text ("091"), which imports as the same records.
func TestLibreOffice(t *testing.T) {
	bin := needTool(t, "soffice", "libreoffice")
	python := needTool(t, "python3")
	svc := sampleDB(t)
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	const infilter = "CSV:59,34,76,1,,1035"

	// Municipalities: the code 091 stays text.
	rows := readSheet(t, python, soffice(t, bin, profile, dir, "xlsx", infilter, writeExport(t, svc, "municipalities", dir)))
	code, name, merged := column(t, rows, "Kuntanumero"), column(t, rows, "Nimi"), column(t, rows, "Yhdistymisvuosi")
	found := false
	for _, r := range rows[1:] {
		if r[name].value == "Helsinki" {
			found = true
			if c := r[code]; c.value != "091" || c.typ == "n" {
				t.Errorf("Helsinki's code = %+v, want the text 091", c)
			}
		}
		if r[name].value == "Hauho" && (r[merged].typ != "n" || r[merged].value != "2009") {
			t.Errorf("Hauho's merge year = %+v, want the number 2009", r[merged])
		}
	}
	if !found {
		t.Errorf("no Helsinki in the sheet")
	}

	// Contacts: å, ä, ö, postal code, phone and a note starting with "-".
	contacts := writeExport(t, svc, "contacts", dir)
	rows = readSheet(t, python, soffice(t, bin, profile, dir, "xlsx", infilter, contacts))
	if len(rows) != 2 {
		t.Fatalf("%d rows, want a header and one contact", len(rows))
	}
	r := rows[1]
	for header, want := range map[string]string{
		"Etunimi": "Åsa", "Sukunimi": "Öhman-Ääri", "Postinumero": "00100", "Puhelin": "040 123 4567",
		"Muistiinpanot": "- soitettu 3.5.\n- sovittu tapaaminen", "Organisaatio": "Helsinki", "Katuosoite": "Pohjoisesplanadi 11–13",
	} {
		if c := r[column(t, rows, header)]; c.value != want || c.typ == "n" {
			t.Errorf("%s = %+v, want the text %q", header, c, want)
		}
	}
	if rows[0][column(t, rows, "Sähköposti")].value != "Sähköposti" {
		t.Errorf("header lost its ä and ö")
	}

	// Projects: dates are dates, the total is a number with its cents.
	rows = readSheet(t, python, soffice(t, bin, profile, dir, "xlsx", infilter, writeExport(t, svc, "projects", dir)))
	r = rows[1]
	if c := r[column(t, rows, "Alkupäivä")]; c.typ != "n" || !c.date || c.value != "43571" {
		t.Errorf("start date = %+v, want the date 16.4.2019 (serial 43571)", c)
	}
	if c := r[column(t, rows, "Loppupäivä")]; c.typ != "n" || !c.date || c.value != "44196" {
		t.Errorf("end date = %+v, want the date 31.12.2020 (serial 44196)", c)
	}
	if c := r[column(t, rows, "Rahoitus yhteensä (€)")]; c.typ != "n" || c.value != "1250000.5" {
		t.Errorf("total funding = %+v, want the number 1250000.5", c)
	}
	if c := r[column(t, rows, "Maakunnat")]; c.value != "05" || c.typ == "n" {
		t.Errorf("regions = %+v, want the text 05", c)
	}

	// Saved as CSV again (as a user would after editing), the contacts
	// file has plain values and imports as the same contact.
	xlsx := filepath.Join(dir, "contacts.xlsx")
	back := filepath.Join(dir, "back")
	os.MkdirAll(back, 0o755)
	saved := soffice(t, bin, profile, back, "csv:Text - txt - csv (StarCalc):59,34,76,1", "", xlsx)
	data, _ := os.ReadFile(saved)
	if !strings.Contains(string(data), `;"00100";`) || strings.Contains(string(data), `=""`) {
		t.Errorf("LibreOffice's CSV:\n%s", data)
	}
	rep := mustImport(t, svc, data, importing.Options{Lang: "fi"})
	if rep.Count(importing.Unchanged) != 1 || len(rep.Items) != 1 {
		t.Errorf("re-import of LibreOffice's CSV:\n%s\n%s", rep.String(), data)
	}
}

// readCSV is a Python program that reads a CSV file of ours with the csv
// module and prints its rows as JSON, with the file's line ends.
const readCSV = `
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, delimiter=";"))
print(json.dumps({"bom": raw.startswith(b"\xef\xbb\xbf"), "crlf": raw.count(b"\r\n"), "lf": raw.count(b"\n"), "rows": rows}, ensure_ascii=False))
`

// TestPythonCSV reads every kind's file with Python's csv module: one
// header, the same number of fields on every row, and the values as
// written (formula-text for the cells that need it).
func TestPythonCSV(t *testing.T) {
	python := needTool(t, "python3")
	svc := demoDB(t)
	if err := svc.Contacts.Create(ctx, &model.Contact{FirstName: "Åsa", LastName: "Öhman", Notes: "- yksi\n- kaksi; \"kolme\"",
		Address: model.Address{PostalCode: "00100"}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, kind := range []string{"contacts", "organisations", "municipalities", "projects", "groups"} {
		path := writeExport(t, svc, kind, dir)
		out, err := exec.Command(python, "-c", readCSV, path).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", kind, err, out)
		}
		var got struct {
			BOM      bool
			CRLF, LF int
			Rows     [][]string
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !got.BOM || got.CRLF < len(got.Rows) {
			t.Errorf("%s: BOM %v, %d CRLF for %d rows", kind, got.BOM, got.CRLF, len(got.Rows))
		}
		for i, r := range got.Rows {
			if len(r) != len(got.Rows[0]) {
				t.Errorf("%s row %d has %d fields, the header %d", kind, i+1, len(r), len(got.Rows[0]))
			}
		}
		if kind == "contacts" {
			var asa []string
			for _, r := range got.Rows {
				if r[1] == "Åsa" {
					asa = r
				}
			}
			if asa == nil || asa[2] != "Öhman" || !strings.Contains(strings.Join(asa, "|"), `="00100"`) ||
				!strings.Contains(strings.Join(asa, "|"), `="- yksi"&CHAR(10)&"- kaksi; ""kolme"""`) {
				t.Errorf("Åsa's row = %q", asa)
			}
		}
		if kind == "municipalities" && (got.Rows[0][1] != "Kuntanumero" || !containsRow(got.Rows, `="091"`, "Helsinki")) {
			t.Errorf("municipalities: header %q, no Helsinki with =\"091\"", got.Rows[0])
		}
	}
}

func containsRow(rows [][]string, cells ...string) bool {
	for _, r := range rows {
		all := true
		for _, c := range cells {
			found := false
			for _, x := range r {
				found = found || x == c
			}
			all = all && found
		}
		if all {
			return true
		}
	}
	return false
}
