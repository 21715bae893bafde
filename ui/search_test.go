package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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

// TestGlobalSearchKeys: typing goes on into the field while results come,
// the arrow keys choose a result over the headings, Enter opens the chosen
// one, Esc closes the results and a second Esc clears the field.
func TestGlobalSearchKeys(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	g := u.shell.search
	u.win.Canvas().Focus(g.entry)
	for _, r := range "Hyvinkää" {
		g.entry.TypedRune(r)
		u.Wait()
	}
	if g.entry.Text != "Hyvinkää" || !g.panel.Visible() {
		t.Fatalf("field %q, results shown %v", g.entry.Text, g.panel.Visible())
	}
	if u.win.Canvas().Focused() != g.entry {
		t.Fatal("the results took the keyboard")
	}
	key := func(name fyne.KeyName) { g.entry.TypedKey(&fyne.KeyEvent{Name: name}); u.Wait() }
	key(fyne.KeyDown)
	if g.chosen != g.firstResult() {
		t.Fatalf("Down chose row %d, want the first result %d", g.chosen, g.firstResult())
	}
	key(fyne.KeyUp) // nothing above the first result: stays
	if g.chosen != g.firstResult() {
		t.Fatalf("Up from the first result moved to %d", g.chosen)
	}
	key(fyne.KeyEscape)
	if g.panel.Visible() || g.entry.Text != "Hyvinkää" {
		t.Fatalf("first Esc: results shown %v, field %q", g.panel.Visible(), g.entry.Text)
	}
	key(fyne.KeyEscape)
	if g.entry.Text != "" {
		t.Fatalf("second Esc left %q", g.entry.Text)
	}
	test.Type(g.entry, "hyvinkää")
	u.Wait()
	key(fyne.KeyDown)
	g.entry.OnSubmitted(g.entry.Text)
	u.Wait()
	if b := browserOf(u, model.KindMunicipality); u.shell.currentBrowser() != b || b.selected != model.MunicipalityID("106") {
		t.Fatal("Enter did not open the chosen result")
	}
	if g.panel.Visible() {
		t.Error("the results stay open after opening one")
	}
	// Ctrl+F again: typing replaces the last query.
	u.focusSearch()
	test.Type(g.entry, "kuuma")
	if g.entry.Text != "kuuma" {
		t.Errorf("after Ctrl+F and typing the field reads %q", g.entry.Text)
	}
}

// TestGlobalSearchOpensMeetingAtItem: a word written only in an agenda
// item's background finds the meeting, the row shows the place and the
// word in bold, and opening it shows the meeting at that item.
func TestGlobalSearchOpensMeetingAtItem(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	g := u.shell.search
	test.Type(g.entry, "päätoimisen")
	u.Wait()
	row := -1
	for i, r := range g.results {
		if r.heading == "" && r.summary.Kind == model.KindMeeting {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatalf("no meeting among %d rows", len(g.results))
	}
	h := g.results[row].hit
	if h.Field != "background" || h.Item == 0 {
		t.Fatalf("hit in %q, item %d", h.Field, h.Item)
	}
	bold := ""
	for _, s := range g.rowSegments(row) {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && !strings.HasPrefix(ts.Text, " ") {
			bold = ts.Text
		}
	}
	if bold != "päätoiminen" {
		t.Errorf("bold word %q, want päätoiminen", bold)
	}
	g.chosen = row
	g.entry.OnSubmitted(g.entry.Text)
	u.Wait()
	v := browserOf(u, model.KindMeeting).view.(*meetingsView)
	m, err := u.svc.Meetings.Get(context.Background(), g.results[row].summary.ID)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := v.itemShown.(*widget.Label)
	if !ok || l.Text != itemHeading(m.Items[h.Item-1]) {
		t.Fatalf("the meeting did not open at item %d: %v", h.Item, v.itemShown)
	}
}
