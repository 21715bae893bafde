package assets

import (
	"regexp"
	"strings"
	"testing"
)

// The guide names menu items as *Menu › Item*; each must be the label the
// window really shows in that language, or a user looks for it in vain.
func TestGuideNamesRealMenuItems(t *testing.T) {
	path := regexp.MustCompile(`\*([^*]+ › [^*]+)\*`)
	for _, lang := range Languages {
		g := Guide(lang)
		if !strings.HasPrefix(g, "# ") {
			t.Fatalf("%s: the guide does not start with a heading", lang)
		}
		labels := map[string]bool{}
		for _, v := range catalogueValues(t, lang) {
			labels[v] = true
		}
		found := 0
		for _, m := range path.FindAllStringSubmatch(g, -1) {
			for _, part := range strings.Split(m[1], " › ") {
				found++
				if !labels[part] {
					t.Errorf("%s: the guide names %q, which no menu or button shows", lang, part)
				}
			}
		}
		if found < 6 {
			t.Errorf("%s: only %d menu labels named", lang, found)
		}
	}
}

func TestGuideFallsBackToFinnish(t *testing.T) {
	if Guide("de") != Guide("fi") || Guide("sv-FI") != Guide("sv") {
		t.Error("Guide does not fall back to Finnish or strip the region")
	}
}

func catalogueValues(t *testing.T, lang string) map[string]string {
	t.Helper()
	c, err := Catalogue(lang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
