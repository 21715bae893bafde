package morph

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"hankekirja/model"
)

// analysers returns both analysers for tests that hold for either, with
// Voikko only where it can be loaded.
func analysers(t *testing.T) map[string]Analyser {
	t.Helper()
	out := map[string]Analyser{"snowball": NewSnowball()}
	if v, err := NewVoikko(); err == nil {
		t.Cleanup(func() { v.Close() })
		out["voikko"] = v
	} else {
		t.Logf("Voikko not tested: %v", err)
	}
	return out
}

func TestNew_FallsBackWhenLibraryCannotBeLoaded(t *testing.T) {
	saved := libName
	libName = "libvoikko-that-does-not-exist.so.1"
	t.Cleanup(func() { libName = saved })

	if _, err := NewVoikko(); err == nil {
		t.Fatal("NewVoikko: no error for a library that does not exist")
	}
	a := New()
	defer a.Close()
	if got, want := a.Name(), "Snowball (Finnish)"; got != want {
		t.Fatalf("New().Name() = %q, want %q", got, want)
	}
	if got := a.Terms("hankkeen"); len(got) != 1 || got[0] != "hank" {
		t.Fatalf("fallback Terms(hankkeen) = %q, want [hank]", got)
	}
}

func TestNew_EnvForcesSnowball(t *testing.T) {
	t.Setenv(EnvAnalyser, "snowball")
	a := New()
	defer a.Close()
	if got, want := a.Name(), "Snowball (Finnish)"; got != want {
		t.Fatalf("New().Name() = %q, want %q", got, want)
	}
}

func TestNew_PrefersVoikko(t *testing.T) {
	t.Setenv(EnvAnalyser, "")
	v := newVoikko(t)
	a := New()
	defer a.Close()
	if got, want := a.Name(), v.Name(); got != want {
		t.Fatalf("New().Name() = %q, want %q", got, want)
	}
}

func TestTerms_EmptyAndPunctuation(t *testing.T) {
	for name, a := range analysers(t) {
		for _, w := range []string{"", " ", "...", "–", "§", "\"()\"", "\x00"} {
			if got := a.Terms(w); got != nil {
				t.Errorf("%s: Terms(%q) = %q, want nil", name, w, got)
			}
		}
		for w, want := range map[string]string{"§12": "12", "2024": "2024", "(Tusby),": "tusby"} {
			if got := a.Terms(w); len(got) == 0 || got[0] != want {
				t.Errorf("%s: Terms(%q) = %q, want %q first", name, w, got, want)
			}
		}
	}
}

// Swedish names, surnames and odd input must not crash and must give a
// term; here for both analysers, the Voikko tests check the terms.
func TestTerms_NeverEmptyForAWord(t *testing.T) {
	words := []string{"Tusby", "Raseborg", "Lindqvist", "Meikäläinen", "Öhman", "Castrén",
		"Hyvinkää-Riihimäki", "a", "ÅÄÖ", "x\x00y", strings.Repeat("hanke", 80), "日本", "co-op's", "ku\xffnta", "\xffhanke"}
	for name, a := range analysers(t) {
		for _, w := range words {
			got := a.Terms(w)
			if len(got) == 0 || slices.Contains(got, "") {
				t.Errorf("%s: Terms(%q) = %q, want at least one non-empty term", name, w, got)
			}
		}
	}
}

func TestTerms_Concurrent(t *testing.T) {
	words := []string{"kunnassa", "Hyvinkään", "palvelutuotannon", "hankkeen", "Tusby",
		"kotihoidon", "KUUMA-seutu", "kuntien", "Öhman", "hyvinvointialueen"}
	for name, a := range analysers(t) {
		want := make([][]string, len(words))
		for i, w := range words {
			want[i] = a.Terms(w)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := range 300 {
					k := (i + g) % len(words)
					if got := a.Terms(words[k]); !slices.Equal(got, want[k]) {
						t.Errorf("%s: concurrent Terms(%q) = %q, want %q", name, words[k], got, want[k])
						return
					}
				}
			})
		}
		wg.Wait()
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mäkinen", "makinen"},
		{"ÖHMAN", "ohman"},
		{"Åström", "astrom"},
		{"Castrén", "castren"},
		{"Hyvinkää", "hyvinkaa"},
		{"KUUMA-seutu", "kuuma-seutu"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !strings.HasPrefix(Fold("Mäkinen"), Fold("mak")) || !strings.HasPrefix(Fold("Mäkinen"), Fold("mäk")) {
		t.Error(`"mak" and "mäk" must both be prefixes of Mäkinen once folded`)
	}
}

// Fold must agree with model's search words, or a name folded by one and
// a query folded by the other would not meet.
func TestFold_AgreesWithModelSearchWords(t *testing.T) {
	for _, w := range []string{"Mäkinen", "Öhman", "Åström", "Castrén", "Hämeenlinna", "Øster", "Straße"} {
		got, want := Fold(w), model.SearchWords(w)
		if len(want) != 1 || got != want[0] {
			t.Errorf("Fold(%q) = %q, model.SearchWords = %q", w, got, want)
		}
	}
}
