package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

func TestMunicipalityListCurrentByDefault(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "municipalities")
	b := browserOf(u, model.KindMunicipality)
	v := b.view.(*municipalitiesView)
	current := b.total
	for _, s := range loadedItems(b) {
		if s.HasFacet("former") {
			t.Fatalf("former municipality %s listed by default", s.Title)
		}
	}
	if current < 300 {
		t.Fatalf("current municipalities: %d", current)
	}
	for _, s := range loadedItems(b) {
		if s.Title == "Hyvinkää" && s.Subtitle != "106 · Uusimaa" {
			t.Fatalf("subtitle = %q", s.Subtitle)
		}
	}
	if v.showFormer.Text != "Näytä myös entiset kunnat" {
		t.Fatalf("toggle = %q", v.showFormer.Text)
	}
	test.Tap(v.showFormer)
	u.Wait()
	if b.total <= current {
		t.Fatalf("with former ones: %d, without: %d", b.total, current)
	}
	found := false
	for _, s := range loadedItems(b) {
		if s.Title == "Hauho" {
			found = true
			if s.Subtitle != "083 · entinen kunta ⟶ Hämeenlinna" {
				t.Fatalf("former subtitle = %q", s.Subtitle)
			}
		}
	}
	if !found {
		t.Fatal("Hauho not listed with former municipalities")
	}
	test.Tap(v.showFormer)
	u.Wait()
	if b.total != current {
		t.Fatalf("after unticking: %d", b.total)
	}
}

func TestMunicipalityDetailAndNotes(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "municipalities")
	b := browserOf(u, model.KindMunicipality)
	selectTitle(t, u, b, "Hyvinkää")
	screen := screenText(u)
	if !textOrder(screen, "106", "Hyvinge", "Uusimaa", "Keski-Uudenmaan hyvinvointialue", "Suomenkielinen",
		"Hankkeet (1)", "KUUMA-kuntien sote-alueyksikkö", "Edustajat ryhmissä", "Hannele Pursiainen", "Puheenjohtaja", "KUUMA-sote johtoryhmä") {
		t.Fatalf("municipality detail:\n%s", screen)
	}
	// Official data: no delete.
	for _, o := range allObjects(u) {
		if btn, ok := o.(*widget.Button); ok && btn.Text == "Poista" && btn.Visible() {
			t.Fatal("a municipality can be deleted")
		}
	}

	id := model.MunicipalityID("106")
	before, _ := u.svc.Municipalities.Get(ctx(), id)
	test.Tap(findButton(t, u, "Muokkaa"))
	u.Wait()
	f := b.editing
	if f == nil {
		t.Fatal("no notes form")
	}
	if len(f.items) != 2 {
		t.Fatalf("the notes form has %d items: only the notes can be edited", len(f.items))
	}
	notes := formField(f, "notes")
	notes.SetText("Kaupunginhallituksen edustaja vaihtuu syksyllä.")
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", f.problem.Text)
	}
	after, _ := u.svc.Municipalities.Get(ctx(), id)
	if after.Notes != "Kaupunginhallituksen edustaja vaihtuu syksyllä." {
		t.Fatalf("notes = %q", after.Notes)
	}
	official, was := *after, *before
	official.Notes, official.Meta, was.Notes, was.Meta = "", model.Meta{}, "", model.Meta{}
	if !reflect.DeepEqual(official, was) {
		t.Fatalf("official data changed:\n%+v\n%+v", was, official)
	}
	if !strings.Contains(screenText(u), "Kaupunginhallituksen edustaja vaihtuu syksyllä.") {
		t.Fatal("the detail does not show the notes")
	}
}

func TestFormerMunicipality(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "municipalities")
	b := browserOf(u, model.KindMunicipality)
	v := b.view.(*municipalitiesView)
	// Following a link to a former municipality lists the former ones.
	u.navigate(model.KindMunicipality, model.MunicipalityID("083"))
	u.Wait()
	if !v.showFormer.Checked {
		t.Fatal("the former municipalities were not shown")
	}
	screen := screenText(u)
	if !textOrder(screen, "083", "Hauho", "2009", "Yhdistyi kuntaan", "Hämeenlinna (109)", "Nykyinen kunta", "Hämeenlinna (109)") ||
		!strings.Contains(screen, "Entinen kunta") {
		t.Fatalf("former municipality:\n%s", screen)
	}
	findHyperlink(t, u, "Hämeenlinna (109)").OnTapped()
	u.Wait()
	if b.selected != model.MunicipalityID("109") {
		t.Fatal("the successor link did not open Hämeenlinna")
	}
	if !textOrder(screenText(u), "Kuntaan yhdistyneet entiset kunnat", "Hauho") {
		t.Fatalf("Hämeenlinna does not list Hauho:\n%s", screenText(u))
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1\u00a0000", 46797: "46\u00a0797", 1234567: "1\u00a0234\u00a0567"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
}
