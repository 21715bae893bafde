package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"hankekirja/model"
)

// TestGlobalSearch types into the toolbar's search: results of every kind,
// grouped under kind headings, and Enter opens the first.
func TestGlobalSearch(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	g := u.shell.search
	test.Type(g.entry, "kuuma")
	u.Wait()
	var kinds []string
	found := false
	for _, r := range g.results {
		if r.heading != "" {
			kinds = append(kinds, r.heading)
		}
		if r.summary.Title == "KUUMA-kuntien sote-alueyksikkö" {
			found = true
		}
	}
	if !found || len(kinds) == 0 || kinds[0] != "Hankkeet" {
		t.Fatalf("kuuma: headings %v, project found %v", kinds, found)
	}

	g.entry.SetText("")
	test.Type(g.entry, "HYVINK")
	u.Wait()
	if i := g.firstResult(); i < 0 || g.results[i].summary.Title != "Hyvinkää" {
		t.Fatalf("hyvink: first result %d of %d", i, len(g.results))
	}
	g.entry.OnSubmitted(g.entry.Text) // Enter
	u.Wait()
	b := browserOf(u, model.KindMunicipality)
	if u.shell.currentBrowser() != b || b.selected != model.MunicipalityID("106") {
		t.Fatal("Enter did not open Hyvinkää in the municipalities view")
	}
}
