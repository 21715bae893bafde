package xlsx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"hankekirja/assets/demo"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// openDB opens a new database in a temporary directory, closed (after a
// consistency check) when the test ends.
func openDB(t testing.TB) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "test.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		db.Close()
	})
	return db.Services()
}

// demoDB is a database with the example data.
func demoDB(t testing.TB) model.Services {
	t.Helper()
	svc := openDB(t)
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

// sampleDB holds the records whose cells spreadsheets get wrong: codes
// with leading zeros, a +358 number, a note that starts with "- " and one
// that starts with "=", dates, an amount with cents, and å, ä and ö.
func sampleDB(t testing.TB) model.Services {
	t.Helper()
	svc := openDB(t)
	org := &model.Organisation{Name: "Keski-Uudenmaan hyvinvointialue", Type: model.OrgWellbeingCounty, BusinessID: "0123456-2",
		Municipality: model.MunicipalityID("091")}
	if err := svc.Organisations.Create(ctx, org); err != nil {
		t.Fatal(err)
	}
	c := &model.Contact{FirstName: "Åsa", LastName: "Öhman-Ääri", JobTitle: "sote-johtaja",
		Phones: []string{"+358401234567", "+4930123456"}, Emails: []string{"asa.ohman@example.com"},
		Address: model.Address{Street: "Pohjoisesplanadi 11–13", PostalCode: "00100", City: "Helsinki"},
		Notes:   "- soitettu 3.5.\n- sovittu tapaaminen", Organisation: org.ID}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	d := &model.Contact{FirstName: "Eero", LastName: "Kaava", Notes: "=SUM(A1:A2)", Emails: []string{"eero.kaava@example.com"}}
	if err := svc.Contacts.Create(ctx, d); err != nil {
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

func exportKind(t testing.TB, svc model.Services, kind, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(ctx, svc, kind, &buf, lang); err != nil {
		t.Fatalf("Export %s: %v", kind, err)
	}
	return buf.Bytes()
}

func mustImport(t testing.TB, svc model.Services, data []byte, opts importing.Options) importing.Report {
	t.Helper()
	rep, err := Import(ctx, svc, data, opts)
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, rep.String())
	}
	return rep
}

// needTool returns the path of the first of names installed, skipping
// the test (failing it on CI) when none is.
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
