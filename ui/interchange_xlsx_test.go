package ui

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"hankekirja/importing"
	"hankekirja/xlsx"
)

// TestExportMenuOffersWorkbookFirst: the Excel workbook comes before the
// CSV file in the File menu.
func TestExportMenuOffersWorkbookFirst(t *testing.T) {
	u := newTestUI(t)
	var labels []string
	for _, it := range u.win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	x, c := slices.Index(labels, "Vie Excel-työkirjaksi…"), slices.Index(labels, "Vie CSV-tiedostoksi…")
	if x < 0 || c < 0 || x > c {
		t.Errorf("File menu %q: want the workbook before the CSV file", labels)
	}
}

// TestImportPreviewWorkbook previews the database's own workbook of
// contacts: recognised by its content, every row unchanged.
func TestImportPreviewWorkbook(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	var buf bytes.Buffer
	if err := xlsx.Export(context.Background(), u.svc, "contacts", &buf, "fi"); err != nil {
		t.Fatal(err)
	}
	lastImportPreview = nil
	u.previewImport("yhteyshenkilot.xlsx", buf.Bytes())
	u.Wait()
	p := lastImportPreview
	if p == nil || len(p.report.Items) == 0 || p.report.Count(importing.Unchanged) != len(p.report.Items) || p.report.Format != "xlsx" {
		t.Fatalf("preview of the database's own workbook: %+v", p)
	}
}
