package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/vcard"
)

func TestInterchangeMenu(t *testing.T) {
	u := newTestUI(t)
	var labels []string
	for _, it := range u.win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	all := strings.Join(labels, "|")
	for _, want := range []string{"Vie CSV-tiedostoksi…", "Vie yhteyshenkilöt vCard-tiedostoksi…", "Tuo tiedosto (CSV, Excel, vCard, kalenteri)…"} {
		if !strings.Contains(all, want) {
			t.Errorf("File menu lacks %q: %v", want, labels)
		}
	}
}

// TestImportPreviewAndApply previews an edited CSV file of contacts, then
// applies it: the window shows the preview first and changes nothing
// until the user accepts.
func TestImportPreviewAndApply(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	var buf bytes.Buffer
	if err := csv.Export(context.Background(), u.svc, "contacts", &buf, "fi"); err != nil {
		t.Fatal(err)
	}
	data := buf.String() + "Uusi;Ihminen;;;;uusi@example.com;;;;;\r\nRikki;Osoite;;;;rikki@;;;;;\r\nNimetön\r\n"
	// Fit the added rows to the header's columns.
	cols := strings.Count(strings.SplitN(data, "\r\n", 2)[0], ";")
	data = strings.Replace(data, "Uusi;Ihminen;;;;uusi@example.com;;;;;", ";Uusi;Ihminen;;;;uusi@example.com"+strings.Repeat(";", cols-6), 1)
	data = strings.Replace(data, "Rikki;Osoite;;;;rikki@;;;;;", ";Rikki;Osoite;;;;rikki@"+strings.Repeat(";", cols-6), 1)
	// Nothing to know the contact by: the one invalid row.
	data = strings.Replace(data, "Nimetön", ";;;;;050 1"+strings.Repeat(";", cols-5), 1)
	lastImportPreview = nil
	u.previewImport("yhteyshenkilot.csv", []byte(data))
	u.Wait()
	p := lastImportPreview
	if p == nil {
		t.Fatal("no preview")
	}
	// The broken email does not keep its contact out: it goes to the notes.
	if p.report.Count(importing.Add) != 2 || p.report.Count(importing.Invalid) != 1 || p.report.Applied {
		t.Fatalf("preview:\n%s", p.report.String())
	}
	if !strings.Contains(p.report.String(), "Sähköposti ”rikki@”: ei ole kelvollinen sähköpostiosoite; tallennettu muistiinpanoihin") {
		t.Errorf("preview:\n%s", p.report.String())
	}
	before, _ := u.svc.Contacts.List(context.Background(), model.Filter{})
	p.dialog.Hide()
	p.apply()
	u.Wait()
	after, _ := u.svc.Contacts.List(context.Background(), model.Filter{})
	if after.Total != before.Total+2 {
		t.Errorf("contacts %d → %d, want two more", before.Total, after.Total)
	}
}

// TestImportPreviewOrganisations: the preview offers to add the
// organisations a file names that do not exist; unchecked, the import
// keeps their names in the contacts' notes.
func TestImportPreviewOrganisations(t *testing.T) {
	ctx := context.Background()
	for _, create := range []bool{true, false} {
		u := newTestUI(t)
		data := "Etunimi;Sukunimi;Organisaatio;Sähköposti\r\nAnna;Uusi;Uusi Yhdistys ry;anna@example.com\r\nBo;Ny;Raseborg;bo@example.com\r\n"
		lastImportPreview = nil
		u.previewImport("uudet.csv", []byte(data))
		u.Wait()
		p := lastImportPreview
		if p == nil || p.createOrgs == nil || !p.createOrgs.Checked {
			t.Fatalf("no check box to add the organisation: %+v", p)
		}
		if got := p.report.String(); !strings.Contains(got, "lisätään ”Uusi Yhdistys ry”") {
			t.Errorf("preview:\n%s", got)
		}
		p.createOrgs.SetChecked(create)
		u.Wait()
		p.dialog.Hide()
		p.apply()
		u.Wait()
		orgs, _ := u.svc.Organisations.List(ctx, model.Filter{})
		if got, want := orgs.Total, map[bool]int{true: 1, false: 0}[create]; got != want {
			t.Errorf("create=%v: %d organisations, want %d", create, got, want)
		}
		ix, _ := importing.LoadIndex(ctx, u.svc)
		for _, c := range ix.Contacts {
			switch c.LastName {
			case "Ny":
				if c.Organisation != model.MunicipalityID("710") {
					t.Errorf("Raseborg = %v, want Raasepori", c.Organisation)
				}
			case "Uusi":
				if create == c.Organisation.IsZero() || create == strings.Contains(c.Notes, "Uusi Yhdistys ry") {
					t.Errorf("create=%v: organisation %v, notes %q", create, c.Organisation, c.Notes)
				}
			}
		}
	}
}

func TestImportPreviewVCard(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	var buf bytes.Buffer
	if err := vcard.Export(context.Background(), u.svc, &buf, vcard.V4); err != nil {
		t.Fatal(err)
	}
	lastImportPreview = nil
	u.previewImport("kaikki.vcf", buf.Bytes())
	u.Wait()
	if p := lastImportPreview; p == nil || p.report.Count(importing.Unchanged) != len(p.report.Items) || p.apply != nil {
		t.Fatalf("preview of the database's own cards: %+v", p)
	}
	lastImportPreview = nil
	u.previewImport("muistio.txt", []byte("hello"))
	u.Wait()
	if lastImportPreview != nil {
		t.Errorf("a text file got a preview")
	}
}
