package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

func TestOrganisationFormBusinessID(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "organisations")
	b := browserOf(u, model.KindOrganisation)
	before := b.total
	b.newRecord()
	f := b.editing
	entry := func(field string) *widget.Entry { return formField(f, field) }
	var ovt *widget.Entry
	for _, o := range objects(f.items["ovt"].Widget) {
		if e, ok := o.(*widget.Entry); ok {
			ovt = e
		}
	}
	test.Type(entry("name"), "Keski-Uudenmaan hyvinvointialue")
	f.items["type"].Widget.(*widget.Select).SetSelected("Hyvinvointialue")
	test.Type(entry("business_id"), "2844969-5")
	if ovt.Text != "" {
		t.Fatalf("OVT filled from a Y-tunnus with a wrong check digit: %q", ovt.Text)
	}
	test.Type(entry("postal_code"), "05800")
	test.Type(entry("city"), "Hyvinkää")
	test.Type(entry("website"), "www.keusote.fi")
	f.submit()
	u.Wait()
	if b.editing != f {
		t.Fatal("the form closed although the Y-tunnus is wrong")
	}
	if got, want := f.items["business_id"].HintText, "ei ole kelvollinen Y-tunnus"; got != want {
		t.Fatalf("Y-tunnus hint = %q, want %q", got, want)
	}
	if page, _ := u.svc.Organisations.List(ctx(), model.Filter{}); page.Total != before {
		t.Fatalf("organisations after a refused save: %d", page.Total)
	}

	// The right check digit: the OVT follows the Y-tunnus.
	entry("business_id").SetText("2844969-4")
	if ovt.Text != "003728449694" {
		t.Fatalf("OVT = %q", ovt.Text)
	}
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q %q", f.problem.Text, f.items["business_id"].HintText)
	}
	page, _ := u.svc.Organisations.List(ctx(), model.Filter{Query: "hyvinvointialue"})
	if page.Total != 1 {
		t.Fatalf("stored: %d", page.Total)
	}
	o, _ := u.svc.Organisations.Get(ctx(), page.Items[0].ID)
	if o.BusinessID != "2844969-4" || o.OVT != "003728449694" || o.Type != model.OrgWellbeingCounty ||
		o.Website != "https://www.keusote.fi" || o.Address.PostalCode != "05800" {
		t.Fatalf("stored organisation = %+v", o)
	}
	screen := screenText(u)
	for _, want := range []string{"Keski-Uudenmaan hyvinvointialue", "Hyvinvointialue", "2844969-4", "003728449694", "05800 Hyvinkää", "https://www.keusote.fi"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("detail lacks %q:\n%s", want, screen)
		}
	}
}

func TestOrganisationFormFieldErrors(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "organisations")
	b := browserOf(u, model.KindOrganisation)
	b.newRecord()
	f := b.editing
	entry := func(field string) *widget.Entry { return formField(f, field) }
	test.Type(entry("name"), "Testi")
	var ovt *widget.Entry
	for _, o := range objects(f.items["ovt"].Widget) {
		if e, ok := o.(*widget.Entry); ok {
			ovt = e
		}
	}
	test.Type(ovt, "0037123")
	test.Type(entry("postal_code"), "580")
	test.Type(entry("website"), "ei osoite")
	f.submit()
	u.Wait()
	for field, want := range map[string]string{
		"ovt":         "ei ole kelvollinen verkkolaskuosoite (OVT)",
		"postal_code": "on oltava viisi numeroa",
		"website":     "ei ole verkko-osoite",
	} {
		if got := f.items[field].HintText; got != want {
			t.Errorf("%s hint = %q, want %q", field, got, want)
		}
	}
	if b.editing != f {
		t.Fatal("the form closed")
	}
	// A typed OVT of one's own stays when the Y-tunnus changes.
	ovt.SetText("003728449694001")
	test.Type(entry("business_id"), "2844969-4")
	if ovt.Text != "003728449694001" {
		t.Fatalf("the OVT typed was replaced: %q", ovt.Text)
	}
}

func TestOrganisationDetail(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "organisations")
	b := browserOf(u, model.KindOrganisation)
	selectTitle(t, u, b, "KUUMA-seutu liikelaitos")
	screen := screenText(u)
	// (A link's note comes before the link in the object tree.)
	if !textOrder(screen, "Kotikunta", "Järvenpää", "Hankkeet (1)", "hallinnoija", "KUUMA-kuntien sote-alueyksikkö",
		"Yhteyshenkilöt (1)", "Jukka Halme", "Edustajat ryhmissä (2)", "Jukka Halme", "Sihteeri", "KUUMA-sote johtoryhmä") {
		t.Fatalf("organisation detail:\n%s", screen)
	}
	selectTitle(t, u, b, "Sosiaali- ja terveysministeriö")
	if !textOrder(screenText(u), "Hankkeet (1)", "rahoittaja", "Keski-Suomen sote-kehittämisohjelma") {
		t.Fatalf("funder detail:\n%s", screenText(u))
	}
}
