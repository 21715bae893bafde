package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hankekirja/assets"
	"hankekirja/model"
)

// keyUse matches a translation key written out in the code: T("ui.save"),
// T("role." + ...) (a prefix, checked below through the model's choices).
var keyUse = regexp.MustCompile(`\bT\("([a-z_]+(?:\.[a-z0-9_]*)*)"`)

// TestEveryKeyIsTranslated reads the package's source and fails when a key
// it uses is missing from any language's catalogue.
func TestEveryKeyIsTranslated(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = f
		}
	}
	// Keys built from a prefix and a model choice.
	choices := map[string][]string{
		"kind.":  kindNames(),
		"kinds.": kindNames(),
		"role.":  strs(model.Roles),
	}
	for _, l := range assets.Languages {
		cat, err := assets.Catalogue(l)
		if err != nil {
			t.Fatal(err)
		}
		for key, file := range used {
			if strings.HasSuffix(key, ".") || strings.HasSuffix(key, "_") {
				// A prefix completed at run time: every known completion
				// must be there, and at least one key must have it.
				for _, c := range choices[key] {
					if _, ok := cat[key+c]; !ok {
						t.Errorf("%s: %s catalogue lacks %q", file, l, key+c)
					}
				}
				if !hasPrefix(cat, key) {
					t.Errorf("%s: %s catalogue has no key starting %q", file, l, key)
				}
				continue
			}
			if _, ok := cat[key]; !ok {
				t.Errorf("%s: %s catalogue lacks %q", file, l, key)
			}
		}
	}
}

func kindNames() []string {
	var out []string
	for _, k := range model.Kinds {
		out = append(out, k.String())
	}
	return out
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// TestLanguageSetting switches the window to Swedish and back.
func TestLanguageSetting(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	if got := sectionTitle(sections[0]); got != "Hankkeet" {
		t.Fatalf("Finnish heading = %q", got)
	}
	u.app.Preferences().SetString(prefLanguage, "sv")
	u.rebuild()
	u.Wait()
	if got := sectionTitle(sections[0]); got != "Projekt" {
		t.Fatalf("Swedish heading = %q", got)
	}
	if got := browserOf(u, model.KindProject).filter.PlaceHolder; got != "Filtrera…" {
		t.Fatalf("the rebuilt window's filter says %q", got)
	}
	u.app.Preferences().SetString(prefLanguage, "fi")
	u.rebuild()
	u.Wait()
}

func hasPrefix(cat map[string]string, prefix string) bool {
	for k := range cat {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

func TestRevisionNotesAreTranslated(t *testing.T) {
	newTestUI(t) // speaks Finnish
	for note, want := range map[string]string{
		"deleted":                    "siirretty roskakoriin",
		"reopened: väärä päivämäärä": "pöytäkirja avattu korjattavaksi: väärä päivämäärä",
		"link to Aino Aalto removed": "linkki kohteeseen Aino Aalto poistettu",
		"restored revision 01a2-x; removed link to missing staff": "aiempi versio palautettu; poistettu linkki, jonka kohdetta ei enää ole (Henkilöstö)",
		"something new": "something new",
	} {
		if got := noteText(model.ParseLegacyNotes(note)); got != want {
			t.Errorf("noteText(%q) = %q, want %q", note, got, want)
		}
	}
}

// TestErrorTextIsASentence: the catalogue's errors start in lower case for
// the command line ("hankekirja: tunnuslause ei avaa…"); a dialog shows
// each as a sentence of its own, in every language.
func TestErrorTextIsASentence(t *testing.T) {
	defer setLanguage("fi")
	wrong := model.WrongPassphrase("hanke.db")
	for lang, want := range map[string]string{"fi": "Tunnuslause ei avaa", "sv": "Lösenfrasen öppnar inte", "en": "The passphrase does not open"} {
		setLanguage(lang)
		if got := errorText(wrong); !strings.HasPrefix(got, want) {
			t.Errorf("%s: the wrong passphrase's message is %q, want it to start %q", lang, got, want)
		}
	}
	// A text that starts with a path or a number is left as it is.
	if got := sentence("/koti/hanke.db on salattu"); got != "/koti/hanke.db on salattu" {
		t.Errorf("sentence changed a path: %q", got)
	}
	if got := sentence("ärsyttävä"); got != "Ärsyttävä" {
		t.Errorf("sentence of ärsyttävä: %q", got)
	}
}
