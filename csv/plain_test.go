package csv

import (
	"strings"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
)

// TestExportPlain: the default CSV has no formula cells, so that every
// program shows the values as they are ("091", "- yksi"); a value that a
// spreadsheet would run as a formula is written after an apostrophe, and
// all of it reads back the same.
func TestExportPlain(t *testing.T) {
	svc := demoDB(t)
	c := &model.Contact{FirstName: "Åsa", LastName: "Öhman", Notes: "=SUM(A1)", JobTitle: "@johtaja",
		Phones: []string{"+358401234567", "+46812345678"}, Address: model.Address{PostalCode: "00100"}}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"contacts", "organisations", "municipalities", "projects", "groups", "tasks"} {
		text := string(export(t, svc, kind, "fi"))
		if !strings.HasPrefix(text, bom) {
			t.Errorf("%s: no byte order mark", kind)
		}
		for _, line := range strings.Split(text, "\r\n") {
			for _, cell := range strings.Split(line, ";") {
				if strings.HasPrefix(strings.Trim(cell, `"`), "=") {
					t.Errorf("%s: formula cell %q", kind, cell)
				}
			}
		}
	}
	if text := string(export(t, svc, "municipalities", "fi")); !strings.Contains(text, ";091;Helsinki;Helsingfors;") {
		t.Errorf("Helsinki's code is not written as it is")
	}
	text := string(export(t, svc, "contacts", "fi"))
	for _, want := range []string{";'@johtaja;", ";'=SUM(A1)\r\n", `"040 123 4567` + "\n" + `+46 8 123 456 78"`, ";00100;"} {
		if !strings.Contains(text, want) {
			t.Errorf("contacts lack %q", want)
		}
	}
	dst := openDB(t)
	mustImport(t, dst, export(t, svc, "organisations", "fi"), importing.Options{Lang: "fi"})
	mustImport(t, dst, []byte(text), importing.Options{Lang: "fi"})
	got, err := dst.Contacts.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != c.Notes || got.JobTitle != c.JobTitle || got.Address.PostalCode != "00100" || strings.Join(got.Phones, ",") != "+358401234567,+46812345678" {
		t.Errorf("read back %+v", got)
	}
}

// A row refused for having nothing to know the contact by does not claim
// the broken email another row has too.
func TestInvalidEmailIsNoKey(t *testing.T) {
	svc := openDB(t)
	data := "Etunimi;Sukunimi;Sähköposti\r\n;;matti@\r\nMatti;Meikäläinen;matti@\r\n"
	rep, _ := Import(ctx, svc, []byte(data), importing.Options{Lang: "fi", DryRun: true})
	if rep.Count(importing.Add) != 1 || rep.Count(importing.Invalid) != 1 || strings.Contains(rep.String(), "sama tietue") {
		t.Errorf("report:\n%s", rep.String())
	}
}
