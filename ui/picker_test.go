package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hankekirja/model"
)

// TestClosestMunicipality: a misspelt name, current or former, Finnish or
// Swedish, leads to the municipality that holds the area today; a name
// too far from any gets no suggestion.
func TestClosestMunicipality(t *testing.T) {
	for typed, want := range map[string]string{
		"Tusula":    "Tuusula",
		"tuusla":    "Tuusula",
		"Tusbi":     "Tuusula",
		"Hyvinka":   "Hyvinkää",
		"Jyvaskyla": "Jyväskylä",
		"Hauhu":     "Hämeenlinna (Hauho)",
		"Rasebor":   "Raasepori",
	} {
		s, ok := closestMunicipality(typed)
		if !ok || s.label() != want {
			t.Errorf("closestMunicipality(%q) = %q, %v; want %q", typed, s.label(), ok, want)
		}
	}
	for _, typed := range []string{"xq", "Zzyzx", "Kalifornia"} {
		if s, ok := closestMunicipality(typed); ok {
			t.Errorf("closestMunicipality(%q) suggests %q", typed, s.label())
		}
	}
}

// typeSearch types into the record search and lets the answers come.
func typeSearch(u *UI, p *recordSearch, text string) {
	test.Type(p.search, text)
	u.Wait()
	u.Wait() // the suggestion is looked for after the results came
}

// TestPickerCreatesWhatIsMissing: a name nothing matches says so and
// offers to create the organisation, which is then created and chosen.
func TestPickerCreatesWhatIsMissing(t *testing.T) {
	u := newTestUI(t)
	var got model.Summary
	p := pickRecord(u, []model.Kind{model.KindOrganisation, model.KindMunicipality}, func(s model.Summary) { got = s })
	typeSearch(u, p, "Keusote")
	if !p.status.Visible() || p.status.Text != T("picker.no_matches", map[string]any{"Text": "Keusote"}) {
		t.Fatalf("an empty result says %q (shown %v)", p.status.Text, p.status.Visible())
	}
	if !p.create.Visible() || !strings.Contains(p.create.Text, "”Keusote”") {
		t.Fatalf("no offer to create: %q", p.create.Text)
	}
	test.Tap(p.create)
	u.Wait()
	if got.Kind != model.KindOrganisation || got.Title != "Keusote" {
		t.Fatalf("chosen %+v", got)
	}
	o, err := u.svc.Organisations.Get(context.Background(), got.ID)
	if err != nil || o.Name != "Keusote" {
		t.Fatalf("the organisation was not created: %+v %v", o, err)
	}

	// Now it exists: typing it again finds it and offers no duplicate.
	p = pickRecord(u, []model.Kind{model.KindOrganisation}, func(s model.Summary) { got = s })
	typeSearch(u, p, "keusote")
	if len(p.items) != 1 || p.create.Visible() || p.status.Visible() {
		t.Fatalf("items %v, create shown %v, status %q", p.items, p.create.Visible(), p.status.Text)
	}
}

// TestPickerSuggestsTheNearestName: a misspelt organisation or
// municipality gets "Tarkoititko: …?", and taking it chooses the record;
// the Swedish interface suggests the Swedish name.
func TestPickerSuggestsTheNearestName(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	o := &model.Organisation{Name: "Keski-Uudenmaan hyvinvointialue"}
	if err := u.svc.Organisations.Create(ctx, o); err != nil {
		t.Fatal(err)
	}
	var got model.Summary
	p := pickRecord(u, []model.Kind{model.KindOrganisation, model.KindMunicipality}, func(s model.Summary) { got = s })
	typeSearch(u, p, "Keski-Uudenmaan hyvinvoinitalue")
	if !p.suggest.Visible() || p.suggest.Text != T("picker.did_you_mean", map[string]any{"Name": o.Name}) {
		t.Fatalf("suggestion %q (shown %v)", p.suggest.Text, p.suggest.Visible())
	}
	test.Tap(p.suggest)
	if got.ID != o.ID {
		t.Fatalf("the suggestion chose %+v", got)
	}

	setLanguage("sv")
	t.Cleanup(func() { setLanguage("fi") })
	p = pickRecord(u, []model.Kind{model.KindMunicipality}, func(s model.Summary) { got = s })
	typeSearch(u, p, "Tusbi")
	if p.suggest.Text != "Menade du: Tusby?" {
		t.Fatalf("Swedish suggestion %q", p.suggest.Text)
	}
	test.Tap(p.suggest)
	if got.ID != model.MunicipalityID("858") {
		t.Fatalf("chose %+v", got)
	}
	if name := localTitle(model.KindMunicipality, got.ID, "Tuusula (858)"); name != "Tusby (858)" {
		t.Fatalf("the Swedish interface names it %q", name)
	}
	if p.create.Visible() {
		t.Fatal("a municipality picker offers to create a municipality")
	}
}
