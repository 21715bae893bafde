package assets

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"hankekirja/model"
)

// sampleArgs fill every template variable the catalogues use.
var sampleArgs = map[string]any{
	"Path": "/tmp/h.db", "Kind": "project", "ID": "0190c2a4-0000-7000-8000-000000000000",
	"Detail": "disk full", "Refs": "Hyvinkää, Tuusula", "Found": 9, "Name": "frobnicate",
	"Arg": "extra", "Flag": "-x", "Count": 3, "Text": "kuuma", "Names": "A, B, C",
	"Default": "~/.config/hankekirja/hankekirja.db",
	"Fields":  "Nimi, Sähköposti", "Version": "1.0", "When": "23.11.2026 9.07",
	"Field": "Henkilöstö", "Reason": "väärä päivämäärä",
	"Before": "1,5 GiB", "After": "1,1 GiB", "Backup": "/tmp/backups/h-compact.bak",
	// The minutes' formalities, votes and closing notes.
	"Time": "9.03", "Date": "3.3.2026", "Method": "sähköpostilla", "Days": 5, "Place": "verkossa",
	"Present": 7, "Total": 9, "Needed": 5, "Votes": 6, "Yes": 4, "No": 2, "Blank": 1, "Absent": 2,
	"First": "Aino", "Second": "Eero", "Seconder": "Liisa", "Office": "Varapuheenjohtaja",
	"Number": 5, "Authority": "aluehallitus", "Address": "PL 1, 13101 Hämeenlinna", "Group": "Työryhmä",
	"Value": "0", "Item": "6", "Meeting": "1/2016",
}

func TestCataloguesParse(t *testing.T) {
	entries, err := Translations.ReadDir("translation")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
		data, err := Translations.ReadFile("translation/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		// Fyne's format: one flat object of strings.
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
		}
	}
	// Every area's catalogue (<lang>.json, <area>.<lang>.json) exists in
	// all three languages.
	slices.Sort(files)
	areas := map[string][]string{}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(f, ".json"), ".")
		lang := parts[len(parts)-1]
		area := strings.Join(parts[:len(parts)-1], ".")
		areas[area] = append(areas[area], lang)
	}
	for area, langs := range areas {
		if want := []string{"en", "fi", "sv"}; !slices.Equal(langs, want) {
			t.Errorf("catalogue area %q has languages %v, want %v", area, langs, want)
		}
	}
	if len(areas[""]) == 0 {
		t.Fatalf("catalogues = %v: no fi.json/sv.json/en.json", files)
	}
}

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	en, err := Catalogue("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		cat, err := Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		for key := range en {
			if _, ok := cat[key]; !ok {
				t.Errorf("%s.json lacks %q (en.json has it)", lang, key)
			}
		}
		for key, text := range cat {
			if _, ok := en[key]; !ok {
				t.Errorf("en.json lacks %q (%s.json has it)", key, lang)
			}
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s.json: %q is empty", lang, key)
			}
		}
	}
}

func TestCataloguesHaveModelKeys(t *testing.T) {
	for _, lang := range Languages {
		cat, err := Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range model.MessageKeys() {
			if _, ok := cat[key]; !ok {
				t.Errorf("%s.json lacks the model's message key %q", lang, key)
			}
		}
		for _, k := range model.Kinds {
			for _, key := range []string{"kind." + k.String(), "kinds." + k.String()} {
				if _, ok := cat[key]; !ok {
					t.Errorf("%s.json lacks %q", lang, key)
				}
			}
		}
	}
}

// TestTemplatesExecute renders every text with sample arguments: each must
// be a valid template that uses only variables the code supplies.
func TestTemplatesExecute(t *testing.T) {
	for _, lang := range Languages {
		cat, _ := Catalogue(lang)
		for key, text := range cat {
			tmpl, err := template.New(key).Option("missingkey=error").Parse(text)
			if err != nil {
				t.Errorf("%s.json %q: %v", lang, key, err)
				continue
			}
			var b strings.Builder
			if err := tmpl.Execute(&b, sampleArgs); err != nil {
				t.Errorf("%s.json %q: %v", lang, key, err)
			}
			if got := Message(lang, key, sampleArgs); strings.Contains(got, "{{") {
				t.Errorf("Message(%s, %q) = %q: not rendered", lang, key, got)
			}
		}
	}
	// The English catalogue says what model says when it has no catalogue.
	for _, key := range model.MessageKeys() {
		if got, want := Message("en", key, sampleArgs), model.EnglishMessage(key, sampleArgs); got != want {
			t.Errorf("en %q = %q, model says %q", key, got, want)
		}
	}
}

func TestMessageFallbacks(t *testing.T) {
	if got, want := Message("fi", "error.required", nil), "on pakollinen"; got != want {
		t.Errorf("fi = %q, want %q", got, want)
	}
	if got, want := Message("sv_FI.UTF-8", "error.required", nil), "är obligatoriskt"; got != want {
		t.Errorf("sv locale = %q, want %q", got, want)
	}
	if got, want := Message("de", "error.required", nil), "is required"; got != want {
		t.Errorf("unknown language = %q, want %q (English)", got, want)
	}
	if got, want := Message("fi", "no.such.key", nil), "no.such.key"; got != want {
		t.Errorf("unknown key = %q, want the key", got)
	}
	if got, want := Message("fi", "error.locked", map[string]any{"Path": "/x.db"}), "tietokanta /x.db on jo auki"; !strings.HasPrefix(got, want) {
		t.Errorf("locked = %q, want it to begin %q", got, want)
	}
}

func TestErrorText(t *testing.T) {
	id := model.NewID()
	tests := []struct {
		name, lang string
		err        error
		want       string
	}{
		{"Field", "fi", model.Invalid("name", "error.required"), "Nimi: on pakollinen"},
		{"FieldSwedish", "sv", model.Invalid("name", "error.required"), "Namn: är obligatoriskt"},
		{"FieldEnglish", "en", model.Invalid("business_id", "error.business_id"), "Business ID: is not a valid business ID (Y-tunnus)"},
		{"ListItem", "fi", model.Invalid("phones[1]", "error.phone"), "Puhelinnumero 2: ei ole kelvollinen puhelinnumero"},
		{"Nested", "fi", model.Invalid("funding[0].amount", "error.negative_amount"), "Rahoitusrivi 1 › Summa: ei voi olla negatiivinen"},
		{"UnknownField", "fi", model.Invalid("frobs", "error.required"), "frobs: on pakollinen"},
		{"NotFound", "fi", model.NotFound(model.KindProject, id), "ei löytynyt: hanke " + id.String()},
		{"NotFoundUnknownKind", "fi", model.NotFound(0, id), "ei löytynyt: tietue " + id.String()},
		{"Locked", "fi", &model.Error{Code: model.ELOCKED, Key: "error.locked", Args: map[string]any{"Path": "/h.db"}},
			"tietokanta /h.db on jo auki toisessa Hankekirja-ikkunassa tai -ohjelmassa"},
		{"Validation", "fi", model.ValidationErrors{model.Invalid("name", "error.required"), model.Invalid("ovt", "error.ovt")},
			"Nimi: on pakollinen; Verkkolaskuosoite (OVT): ei ole kelvollinen verkkolaskuosoite (OVT)"},
		{"Wrapped", "fi", errors.Join(errors.New("context"), model.Invalid("email", "error.email")), "Sähköpostiosoite: ei ole kelvollinen sähköpostiosoite"},
		{"Plain", "fi", errors.New("disk on fire"), "sisäinen virhe: disk on fire"},
		{"PlainEnglish", "en", errors.New("disk on fire"), "internal error: disk on fire"},
		{"UnknownKey", "fi", &model.Error{Code: model.EINVALID, Key: "error.frob", Message: "frobbed"}, "frobbed"},
		{"Nil", "fi", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorText(tt.lang, tt.err); got != tt.want {
				t.Errorf("ErrorText = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestValidationInFinnish runs a real record's validation through ErrorText.
func TestValidationInFinnish(t *testing.T) {
	c := &model.Contact{Emails: []string{"not an address"}}
	got := ErrorText("fi", c.Validate())
	for _, want := range []string{"Sukunimi: on pakollinen", "Sähköpostiosoite 1: ei ole kelvollinen sähköpostiosoite"} {
		if !strings.Contains(got, want) {
			t.Errorf("ErrorText = %q, want it to contain %q", got, want)
		}
	}
}

// TestNoArrowBeforeASpace: Fyne 2.8.1 draws the arrows ← ↑ → ↓ followed
// by a space as the arrow and a replacement mark ("Vie →� Kokous"), so
// no text the window shows may have one there (the command line's may:
// terminals draw them).
func TestNoArrowBeforeASpace(t *testing.T) {
	bad := regexp.MustCompile(`[←↑→↓][ \x{00a0}]`)
	for _, lang := range Languages {
		cat, err := Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range cat {
			if !strings.HasPrefix(k, "cli.") && bad.MatchString(v) {
				t.Errorf("%s: %s = %q has an arrow before a space", lang, k, v)
			}
		}
		if m := bad.FindString(Guide(lang)); m != "" {
			t.Errorf("%s: the guide has an arrow before a space", lang)
		}
	}
}
