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
	data := buf.String() + "Uusi;Ihminen;;;;uusi@example.com;;;;;\r\nRikki;Osoite;;;;rikki@;;;;;\r\n"
	// Fit the added rows to the header's columns.
	cols := strings.Count(strings.SplitN(data, "\r\n", 2)[0], ";")
	data = strings.Replace(data, "Uusi;Ihminen;;;;uusi@example.com;;;;;", ";Uusi;Ihminen;;;;uusi@example.com"+strings.Repeat(";", cols-6), 1)
	data = strings.Replace(data, "Rikki;Osoite;;;;rikki@;;;;;", ";Rikki;Osoite;;;;rikki@"+strings.Repeat(";", cols-6), 1)
	lastImportPreview = nil
	u.previewImport("yhteyshenkilot.csv", []byte(data))
	u.Wait()
	p := lastImportPreview
	if p == nil {
		t.Fatal("no preview")
	}
	if p.report.Count(importing.Add) != 1 || p.report.Count(importing.Invalid) != 1 || p.report.Applied {
		t.Fatalf("preview:\n%s", p.report.String())
	}
	if !strings.Contains(p.report.String(), "Sähköposti ”rikki@”: ei ole kelvollinen sähköpostiosoite") {
		t.Errorf("preview:\n%s", p.report.String())
	}
	before, _ := u.svc.Contacts.List(context.Background(), model.Filter{})
	p.dialog.Hide()
	p.apply()
	u.Wait()
	after, _ := u.svc.Contacts.List(context.Background(), model.Filter{})
	if after.Total != before.Total+1 {
		t.Errorf("contacts %d → %d, want one more", before.Total, after.Total)
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
