package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
)

// readOpenpyxl is a Python program that prints a workbook's active sheet
// as openpyxl reads it: the frozen panes, the autofilter's range and each
// cell's type, number format and value.
const readOpenpyxl = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
rows = []
for row in ws.iter_rows():
    out = []
    for c in row:
        v = c.value
        if isinstance(v, (datetime.datetime, datetime.date)):
            v = v.strftime("%Y-%m-%d")
        out.append({"type": c.data_type, "fmt": c.number_format, "date": c.is_date, "value": v,
                    "bold": bool(c.font and c.font.b)})
    rows.append(out)
print(json.dumps({"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows}, ensure_ascii=False))
`

type pyCell struct {
	Type  string `json:"type"`
	Fmt   string `json:"fmt"`
	Date  bool   `json:"date"`
	Value any    `json:"value"`
	Bold  bool   `json:"bold"`
}

type pySheet struct {
	Title  string     `json:"title"`
	Freeze string     `json:"freeze"`
	Filter string     `json:"filter"`
	Rows   [][]pyCell `json:"rows"`
}

// pythonWithOpenpyxl returns the first python3 on the PATH that has
// openpyxl (a pyenv or virtualenv python3 may come before the system's).
func pythonWithOpenpyxl(t *testing.T) string {
	t.Helper()
	needTool(t, "python3")
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		p := filepath.Join(dir, "python3")
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3-openpyxl is not installed (see .ci/install-deps)")
	}
	t.Skip("python3-openpyxl is not installed")
	return ""
}

func openpyxl(t *testing.T, data []byte) pySheet {
	t.Helper()
	python := pythonWithOpenpyxl(t)
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readOpenpyxl, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var s pySheet
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return s
}

// cell returns the cell under header in the first row whose cell under
// keyHeader is key.
func (s pySheet) cell(t *testing.T, keyHeader, key, header string) pyCell {
	t.Helper()
	col := func(h string) int {
		for i, c := range s.Rows[0] {
			if c.Value == h {
				return i
			}
		}
		t.Fatalf("no column %q in %v", h, s.Rows[0])
		return -1
	}
	k, c := col(keyHeader), col(header)
	for _, r := range s.Rows[1:] {
		if k < len(r) && r[k].Value == key {
			return r[c]
		}
	}
	t.Fatalf("no row with %s %q", keyHeader, key)
	return pyCell{}
}

// TestExportCellTypes reads exported workbooks with openpyxl, a reader
// that shares nothing with excelize: codes, postal codes, phone numbers
// and business IDs are text, dates are dates shown d.m.yyyy, the amount a
// number with two decimals; the header is bold and frozen, the filter on.
func TestExportCellTypes(t *testing.T) {
	svc := sampleDB(t)

	m := openpyxl(t, exportKind(t, svc, "municipalities", "fi"))
	if m.Title != "Kunnat" || m.Freeze != "A2" || !strings.HasPrefix(strings.ReplaceAll(m.Filter, "$", ""), "A1:") {
		t.Errorf("sheet %q, freeze %q, filter %q", m.Title, m.Freeze, m.Filter)
	}
	if c := m.cell(t, "Nimi", "Helsinki", "Kuntanumero"); c.Type != "s" || c.Value != "091" || c.Fmt != "@" {
		t.Errorf("Helsinki's code = %+v, want the text 091", c)
	}
	if c := m.cell(t, "Nimi", "Hauho", "Yhdistymisvuosi"); c.Type != "n" || c.Value != 2009.0 {
		t.Errorf("Hauho's merge year = %+v, want the number 2009", c)
	}
	for _, h := range m.Rows[0] {
		if !h.Bold || h.Type != "s" {
			t.Errorf("header %+v is not bold text", h)
		}
	}

	c := openpyxl(t, exportKind(t, svc, "contacts", "fi"))
	for header, want := range map[string]string{
		"Postinumero": "00100", "Sukunimi": "Öhman-Ääri",
		"Muistiinpanot": "- soitettu 3.5.\n- sovittu tapaaminen",
	} {
		if got := c.cell(t, "Etunimi", "Åsa", header); got.Type != "s" || got.Value != want {
			t.Errorf("%s = %+v, want the text %q", header, got, want)
		}
	}
	// The phones' spacing is package model's; the cell is text, a line
	// per number, the Finnish one with its leading 0.
	phones := c.cell(t, "Etunimi", "Åsa", "Puhelin")
	lines := strings.Split(phones.Value.(string), "\n")
	if phones.Type != "s" || len(lines) != 2 || !strings.HasPrefix(lines[0], "040") || !strings.HasPrefix(lines[1], "+49") {
		t.Errorf("phones = %+v, want text 040…, +49… on two lines", phones)
	}
	if got := c.cell(t, "Etunimi", "Eero", "Muistiinpanot"); got.Type != "s" || got.Value != "=SUM(A1:A2)" {
		t.Errorf("a note beginning with = is %+v, want text, not a formula", got)
	}

	o := openpyxl(t, exportKind(t, svc, "organisations", "fi"))
	if got := o.cell(t, "Nimi", "Keski-Uudenmaan hyvinvointialue", "Y-tunnus"); got.Type != "s" || got.Value != "0123456-2" {
		t.Errorf("business ID = %+v, want the text 0123456-2", got)
	}

	p := openpyxl(t, exportKind(t, svc, "projects", "fi"))
	start := p.cell(t, "Nimi", "Hämeen sote-hanke", "Alkupäivä")
	if !start.Date || start.Value != "2019-04-16" || start.Fmt != "d.m.yyyy" {
		t.Errorf("start = %+v, want the date 2019-04-16 shown d.m.yyyy", start)
	}
	total := p.cell(t, "Nimi", "Hämeen sote-hanke", "Rahoitus yhteensä (€)")
	if total.Type != "n" || total.Value != 1250000.5 || total.Fmt != "#,##0.00" {
		t.Errorf("total funding = %+v, want the number 1250000.50 with two decimals", total)
	}
}

// TestRoundTrip exports every table of the example data and imports the
// workbooks back: nothing changes, and into an empty database the same
// records come in.
func TestRoundTrip(t *testing.T) {
	svc := demoDB(t)
	fresh := openDB(t)
	for _, kind := range []string{"organisations", "contacts", "projects", "groups", "tasks"} {
		data := exportKind(t, svc, kind, "fi")
		if !Detect(data[:min(len(data), 64<<10)]) {
			t.Fatalf("Detect does not know the %s workbook", kind)
		}
		rep := mustImport(t, svc, data, importing.Options{Lang: "fi"})
		for _, it := range rep.Items {
			if it.Action != importing.Unchanged {
				t.Errorf("%s row %d: %s %v %v", kind, it.Row, it.Action, it.Changes, it.Problems)
			}
		}
		if kind == "tasks" {
			continue // tasks need their meetings
		}
		rep = mustImport(t, fresh, data, importing.Options{Lang: "fi"})
		if len(rep.Items) == 0 {
			t.Errorf("%s: nothing imported", kind)
		}
	}
	a, _ := svc.Contacts.List(ctx, model.Filter{})
	b, _ := fresh.Contacts.List(ctx, model.Filter{})
	if a.Total != b.Total || a.Total == 0 {
		t.Errorf("%d contacts exported, %d imported", a.Total, b.Total)
	}
}

// TestImportLibreOffice imports workbooks LibreOffice Calc saved (from
// Hankekirja's CSV files; testdata/SOURCES.md): text, dates in Calc's own
// date format, lists of phone numbers and emails.
func TestImportLibreOffice(t *testing.T) {
	svc := openDB(t)
	for _, name := range []string{"organisaatiot-libreoffice.xlsx", "yhteyshenkilot-libreoffice.xlsx", "hankkeet-libreoffice.xlsx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !Detect(data) {
			t.Errorf("Detect does not know %s", name)
		}
		rep := mustImport(t, svc, data, importing.Options{Lang: "fi"})
		for _, it := range rep.Items {
			if it.Action != importing.Add {
				t.Errorf("%s row %d: %s %v", name, it.Row, it.Action, it.Problems)
			}
		}
	}
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	contacts := ix.Contacts
	var asa *model.Contact
	for _, c := range contacts {
		if c.FirstName == "Åsa" {
			asa = c
		}
	}
	if asa == nil {
		t.Fatalf("Åsa did not come in: %v", contacts)
	}
	if asa.LastName != "Öhman-Ääri" || asa.Address.PostalCode != "00100" || len(asa.Emails) != 1 || asa.Emails[0] != "asa.ohman@example.com" {
		t.Errorf("Åsa = %+v", asa)
	}
	if len(asa.Phones) != 2 || asa.Phones[0] != "+358401234567" || asa.Phones[1] != "+4930123456" {
		t.Errorf("phones = %q", asa.Phones)
	}
	if asa.Notes != "- soitettu 3.5.\n- sovittu tapaaminen" {
		t.Errorf("notes = %q", asa.Notes)
	}
	if asa.Organisation.IsZero() {
		t.Error("the organisation was not found by name")
	}
	projects := ix.Projects
	if len(projects) != 1 {
		t.Fatalf("%d projects", len(projects))
	}
	if p := projects[0]; p.Period.Start != model.MustDate(2019, 4, 16) || p.Period.End != model.MustDate(2020, 12, 31) || p.ShortName != "HäSo" ||
		len(p.Regions) != 1 || p.Regions[0] != "05" {
		t.Errorf("project = %+v", p)
	}

	// This package's workbook, saved again by Calc, changes nothing.
	data, err := os.ReadFile(filepath.Join("testdata", resavedFile))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Rows(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][1] != "Hämeen sote-hanke" || rows[1][5] != "16.4.2019" || rows[1][6] != "31.12.2020" || rows[1][7] != "05" {
		t.Errorf("rows = %q", rows)
	}
}

// TestImportErrors: files that are no workbook say so in words.
func TestImportErrors(t *testing.T) {
	svc := openDB(t)
	for name, tc := range map[string]struct {
		data []byte
		key  string
	}{
		"NotZip":   {[]byte("PK\x03\x04 not really"), "xlsx.error.unreadable"},
		"OldExcel": {append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...), "xlsx.error.old_or_encrypted"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Import(ctx, svc, tc.data, importing.Options{Lang: "fi"})
			fe, ok := err.(*importing.FormatError)
			if !ok || fe.Key != tc.key {
				t.Fatalf("error = %v, want key %s", err, tc.key)
			}
			for _, lang := range []string{"fi", "sv", "en"} {
				if text := importing.ErrorText(lang, err); text == "" || strings.Contains(text, "xlsx.") {
					t.Errorf("%s: %q", lang, text)
				}
			}
		})
	}
	// A workbook of something else: the columns say what was expected.
	data := exportKind(t, sampleDB(t), "contacts", "fi")
	if _, err := Import(ctx, svc, data, importing.Options{DryRun: true, Lang: "fi", Kind: model.KindProject}); err == nil {
		t.Error("contacts imported as projects")
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"d.m.yyyy": true, "DD.MM.YY": true, "yyyy-mm-dd": true, `[$-40B]d\.m\.yyyy`: true, "mmm yyyy": true,
		"0": false, "#,##0.00": false, `#,##0.00\ "€"`: false, "@": false, "h:mm": false, "[h]:mm:ss": false,
		`"day"0`: false, "General": false, "0.00;[Red]-0.00": false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

// The rows handed to package csv are the same cells the CSV export
// writes, so that both formats have one table.
func TestSameColumnsAsCSV(t *testing.T) {
	svc := sampleDB(t)
	rows, err := Rows(exportKind(t, svc, "contacts", "en"))
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	csv.ExportRows(ctx, svc, "contacts", "en", nil, func(cells []string, _ []csv.CellType) error {
		want = append(want, append([]string(nil), cells...))
		return nil
	})
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		for j := range want[i] {
			got := ""
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			if got != want[i][j] {
				t.Errorf("row %d column %d = %q, want %q", i+1, j+1, got, want[i][j])
			}
		}
	}
}
