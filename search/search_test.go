package search

import (
	"hash/fnv"
	"slices"
	"strings"
	"testing"

	"hankekirja/model"
	"hankekirja/morph"
)

func TestPhoneForms(t *testing.T) {
	for _, in := range []string{"+358401234567", "040 123 4567", "0401234567", "+358 40 123 4567"} {
		if got := phoneForms(in); !slices.Equal(got, []string{"0401234567"}) {
			t.Errorf("phoneForms(%q) = %q, want 0401234567", in, got)
		}
	}
}

func TestPhoneQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"040 123 4567", "0401234567", true},
		{"+358 40 123 4567", "0401234567", true},
		{"0401234567", "0401234567", true},
		{"2844969-4", "", false}, // a business ID, searched as typed
		{"kunta 040", "", false},
	}
	for _, tt := range tests {
		got, ok := phoneQuery(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("phoneQuery(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSurfaces(t *testing.T) {
	got := surfaces("kuuma-kuntien")
	if !slices.Equal(got, []string{"kuuma-kuntien", "kuuma", "kuntien"}) {
		t.Errorf("surfaces(kuuma-kuntien) = %q", got)
	}
	if got := surfaces("2844969-4"); !slices.Contains(got, "28449694") || !slices.Contains(got, "2844969") {
		t.Errorf("surfaces(2844969-4) = %q", got)
	}
}

// TestIndexFindsByPlan: each query word's keys meet the record's keys,
// with either analyser (a stem meets a stem, a base form a base form).
func TestIndexFindsByPlan(t *testing.T) {
	for _, an := range []morph.Analyser{morph.New(), morph.NewSnowball()} {
		ix := NewIndexer(an)
		c := &model.Contact{FirstName: "Kaisa", LastName: "Mäkinen", Phones: []string{"+358401234567"},
			Notes: "Vetää Hyvinkään hankkeen kotihoidon pilottia."}
		e := ix.Index(c, nil)
		has := func(q string) bool {
			for _, w := range ix.Plan(q) {
				_, s := e.Keys[w.Surface]
				_, b := e.Keys[w.Base]
				_, st := e.Keys[w.Stem]
				if !s && !(w.HasBase && (b || st)) {
					return false
				}
			}
			return true
		}
		for _, q := range []string{"Mäkinen", "makinen", "Hyvinkään", "hankkeen", "040 123 4567", "+358 40 1234567"} {
			if !has(q) {
				t.Errorf("%s: %q does not meet the record's keys", an.Name(), q)
			}
		}
		if has("talousjohtaja") {
			t.Errorf("%s: talousjohtaja meets a record without it", an.Name())
		}
	}
}

func TestSnippetMarks(t *testing.T) {
	ix := NewIndexer(morph.NewSnowball())
	long := "Alkuun tulee pitkä johdanto, joka ei kuulu asiaan ja jota on paljon, paljon, paljon ja vielä enemmän. " +
		"Työryhmä käsitteli hankkeen tilannetta ja päätti jatkaa. Lopuksi keskusteltiin muusta, ja muusta, ja vielä muusta pitkään."
	s := ix.MakeSnippet(long, ix.Plan("hanke"))
	if len(s.Marks) != 1 || s.Text[s.Marks[0][0]:s.Marks[0][1]] != "hankkeen" {
		t.Fatalf("snippet %q marks %v", s.Text, s.Marks)
	}
	if got := s.Marked("[", "]"); !contains(got, "[hankkeen]") || got[:3] != "…" {
		t.Errorf("Marked = %q", got)
	}
}

func TestPlace(t *testing.T) {
	tr := func(key string, args map[string]any) string {
		switch key {
		case "search.field.decision":
			return "Päätös"
		case "search.place_item":
			return args["Field"].(string) + ", " + args["Item"].(string) + " § " + args["Meeting"].(string)
		}
		return key
	}
	h := model.SearchHit{Field: "decision", Item: 3, ItemNumber: 6, MeetingNumber: "1/2016"}
	if got := Place(h, tr); got != "Päätös, 6 § 1/2016" {
		t.Errorf("Place = %q", got)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestKeyOfIsFNV: keys are stored, so their hash must not change.
func TestKeyOfIsFNV(t *testing.T) {
	h := fnv.New64a()
	h.Write([]byte{nsBase, 0})
	h.Write([]byte("kunta"))
	if got, want := keyOf(nsBase, "kunta"), Key(h.Sum64()); got != want {
		t.Errorf("keyOf = %x, FNV-1a = %x", got, want)
	}
}
