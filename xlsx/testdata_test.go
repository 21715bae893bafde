package xlsx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"hankekirja/csv"
)

// libreOfficeFiles are the workbooks in testdata that LibreOffice Calc
// saved, by the CSV table each was made from.
var libreOfficeFiles = map[string]string{
	"organisations": "organisaatiot-libreoffice.xlsx",
	"contacts":      "yhteyshenkilot-libreoffice.xlsx",
	"projects":      "hankkeet-libreoffice.xlsx",
}

// TestWriteLibreOfficeFiles makes testdata's LibreOffice workbooks again:
// the sample records' CSV files opened in Calc as a Finnish user opens
// them (semicolons, UTF-8, Finnish locale) and saved as .xlsx.
//
//	HANKEKIRJA_WRITE_TESTDATA=1 go test -run TestWriteLibreOfficeFiles ./xlsx/
func TestWriteLibreOfficeFiles(t *testing.T) {
	if os.Getenv("HANKEKIRJA_WRITE_TESTDATA") == "" {
		t.Skip("set HANKEKIRJA_WRITE_TESTDATA=1 to rewrite the LibreOffice workbooks in testdata")
	}
	bin := needTool(t, "soffice", "libreoffice")
	svc := sampleDB(t)
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	for kind, name := range libreOfficeFiles {
		var buf bytes.Buffer
		if err := csv.Export(ctx, svc, kind, &buf, "fi"); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, name[:len(name)-len(".xlsx")]+".csv")
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless",
			"--infilter=CSV:59,34,76,1,,1035", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, in)
		cmd.Env = append(os.Environ(), "HOME="+profile)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// And a workbook of this package opened in Calc and saved again, as
	// a colleague with LibreOffice would send it back.
	in := filepath.Join(dir, "own", "projects.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, exportKind(t, svc, "projects", "fi"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "projects.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", resavedFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// resavedFile is a workbook of this package that Calc saved again.
const resavedFile = "hankkeet-hankekirja-libreoffice.xlsx"
