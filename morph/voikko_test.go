package morph

import (
	"slices"
	"strings"
	"testing"
)

// newVoikko returns a Voikko analyser, or skips the test when libvoikko or
// its Finnish dictionary is not installed here.
func newVoikko(t testing.TB) Analyser {
	t.Helper()
	v, err := NewVoikko()
	if err != nil {
		t.Skipf("Voikko cannot be loaded, so this test does not run: %v "+
			"(install libvoikko1 and voikko-fi, as .ci/install-deps does)", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func TestVoikko_Name(t *testing.T) {
	v := newVoikko(t)
	if got := v.Name(); !strings.HasPrefix(got, "Voikko 4.") || !strings.Contains(got, "(voikko-fi ") {
		t.Errorf("Name() = %q, want like %q", got, "Voikko 4.3.1 (voikko-fi 2.5)")
	}
}

// Each query word must find the indexed word: their terms must meet.
func TestVoikko_FindsInflectedFormsAndParts(t *testing.T) {
	v := newVoikko(t)
	pairs := []struct{ query, indexed string }{
		{"kunta", "kunnan"},
		{"kunta", "kunnassa"},
		{"kunta", "kuntien"},
		{"kunta", "kuntayhtymä"},
		{"kunnat", "kuntayhtymän"},
		{"Hyvinkää", "Hyvinkään"},
		{"Hyvinkään", "Hyvinkää"},
		{"hyvinkää", "Hyvinkään"},
		{"kotihoito", "kotihoidon"},
		{"hoito", "kotihoidon"},
		{"hanke", "hankkeen"},
		{"hankkeet", "hankkeen"},
		{"tuotanto", "palvelutuotannon"},
		{"palvelu", "palvelutuotannon"},
		{"palvelutuotanto", "palvelutuotannon"},
		{"hyvinvointialue", "hyvinvointialueen"},
		{"alue", "hyvinvointialueella"},
		{"uudistus", "sote-uudistuksen"},
		{"seutu", "KUUMA-seutu"},
		{"Tusby", "Tusbyn"},
		{"Raseborg", "Raseborgin"},
		{"Lindqvist", "Lindqvistin"},
		{"Mäkinen", "Mäkisen"},
	}
	for _, p := range pairs {
		if !shareTerm(v, p.query, p.indexed) {
			t.Errorf("%q does not find %q: %q vs %q", p.query, p.indexed, v.Terms(p.query), v.Terms(p.indexed))
		}
	}
}

// And what must not meet: a search for "hyvä" (good) must not list every
// record that mentions Hyvinkää.
func TestVoikko_DoesNotOverMatch(t *testing.T) {
	v := newVoikko(t)
	pairs := []struct{ query, indexed string }{
		{"hyvä", "Hyvinkään"},
		{"hyvin", "Hyvinkään"},
		{"kunta", "kanta"},
		{"hanke", "hankinta"},
		{"palvella", "palvelutuotannon"}, // the verb under the noun is not a part
	}
	for _, p := range pairs {
		if shareTerm(v, p.query, p.indexed) {
			t.Errorf("%q finds %q: %q vs %q", p.query, p.indexed, v.Terms(p.query), v.Terms(p.indexed))
		}
	}
}

func TestVoikko_Terms(t *testing.T) {
	v := newVoikko(t)
	tests := []struct {
		word string
		want []string // the first is the base form; the rest must be there too
	}{
		{"palvelutuotannon", []string{"palvelutuotanto", "palvelu", "tuotanto"}},
		{"kuntayhtymä", []string{"kuntayhtymä", "kunta", "yhtymä"}},
		{"kunnassa", []string{"kunta"}},
		{"Hyvinkään", []string{"hyvinkää"}},
		{"hankkeen", []string{"hanke"}},
		{"kotihoidon", []string{"kotihoito", "koti", "hoito"}},
		{"hyvinvointialueen", []string{"hyvinvointialue", "hyvinvointi", "alue"}},
		{"sote-uudistuksen", []string{"sote-uudistus", "sote", "uudistus"}},
		{"KUUMA-seutu", []string{"kuuma-seutu", "kuuma", "seutu"}},
		{"Kunnassa.", []string{"kunta"}},
		// Unknown surnames and Swedish names come back as themselves,
		// lower-case with accents kept.
		{"Meikäläinen", []string{"meikäläinen"}},
		{"Öhman", []string{"öhman"}},
		{"Castrén", []string{"castrén"}},
		{"Tusby", []string{"tusby"}},
		{"Raseborg", []string{"raseborg"}},
		{"Lindqvist", []string{"lindqvist"}},
	}
	for _, tt := range tests {
		got := v.Terms(tt.word)
		if len(got) == 0 || got[0] != tt.want[0] {
			t.Errorf("Terms(%q) = %q, want %q first", tt.word, got, tt.want[0])
			continue
		}
		for _, w := range tt.want[1:] {
			if !slices.Contains(got, w) {
				t.Errorf("Terms(%q) = %q, want %q among them", tt.word, got, w)
			}
		}
		// Simple words give exactly their base form: no noise.
		if len(tt.want) == 1 && !strings.ContainsAny(tt.word, "-") && len(got) != 1 {
			t.Errorf("Terms(%q) = %q, want only %q", tt.word, got, tt.want[0])
		}
	}
}

func TestVoikko_ResultIsTheCallersToKeep(t *testing.T) {
	v := newVoikko(t)
	first := v.Terms("kunnassa")
	first[0] = "changed"
	if got := v.Terms("kunnassa"); got[0] != "kunta" {
		t.Fatalf("after changing a returned slice, Terms(kunnassa) = %q", got)
	}
}

func TestVoikko_TermsAfterClose(t *testing.T) {
	v, err := NewVoikko()
	if err != nil {
		t.Skipf("Voikko cannot be loaded, so this test does not run: %v", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err == nil {
		t.Error("second Close: no error")
	}
	if got := v.Terms("Lindqvistin"); len(got) == 0 || got[0] != "lindqvistin" {
		t.Errorf("Terms after Close = %q, want the word itself first", got)
	}
}
