package morph

import (
	"slices"
	"testing"
)

func TestCompoundParts(t *testing.T) {
	tests := []struct {
		wordbases string
		want      []string
	}{
		{"+palvel(palvella)+u(+u)+tuotanto(tuotanto)", []string{"palvelu", "tuotanto"}},
		{"+kunta(kunta)+yhtymä(yhtymä)", []string{"kunta", "yhtymä"}},
		{"+kunta(kunta)+yhty(yhtyä)+m+ä(+ä)", []string{"kunta", "yhtymä"}},
		{"+koti(koti)+hoi(hoitaa)+to(+to)", []string{"koti", "hoito"}},
		{"+hyvinvointi(hyvin=vointi)+alue(alue)", []string{"hyvinvointi", "alue"}},
		{"+sote(sote)+-+uudist(uudistaa)+us(+us)", []string{"sote", "uudistus"}},
		{"+terve(terve)+ys(+ys)+palvel(palvella)+u(+u)", []string{"terveys", "palvelu"}},
		{"+kunta(kunta)", []string{"kunta"}},
		{"+Lindqvist(Lind=qvist)", []string{"Lindqvist"}},
		{"+2024", []string{"2024"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := compoundParts(tt.wordbases); !slices.Equal(got, tt.want) {
			t.Errorf("compoundParts(%q) = %q, want %q", tt.wordbases, got, tt.want)
		}
	}
}

func TestParseAnalyses(t *testing.T) {
	got := parseAnalyses("BASEFORM=hyvin\nWORDBASES=+hyvin(hyvin)\n\nBASEFORM=Hyvinkää\nWORDBASES=+Hyvinkää(Hyvinkää)\n\n")
	if len(got) != 2 || got[0]["BASEFORM"] != "hyvin" || got[1]["WORDBASES"] != "+Hyvinkää(Hyvinkää)" {
		t.Fatalf("parseAnalyses = %v", got)
	}
	if got := parseAnalyses(""); got != nil {
		t.Fatalf("parseAnalyses(\"\") = %v, want nil", got)
	}
}

// The readings of Hyvinkään as voikko-fi 2.5 gives them.
var hyvinkaan = []analysis{
	{"BASEFORM": "hyvin", "WORDBASES": "+hyvin(hyvin)"},
	{"BASEFORM": "hyvä", "WORDBASES": "+hyvä(hyvä)"},
	{"BASEFORM": "Hyvinkää", "WORDBASES": "+Hyvinkää(Hyvinkää)"},
}

func TestTermsOf(t *testing.T) {
	tests := []struct {
		name, word string
		as         []analysis
		want       []string
	}{
		{"CapitalisedKeepsProperNouns", "Hyvinkään", hyvinkaan, []string{"hyvinkää"}},
		{"LowerCaseKeepsAll", "hyvinkään", hyvinkaan, []string{"hyvin", "hyvä", "hyvinkää"}},
		{"CompoundParts", "palvelutuotannon", []analysis{
			{"BASEFORM": "palvelutuotanto", "WORDBASES": "+palvel(palvella)+u(+u)+tuotanto(tuotanto)"},
		}, []string{"palvelutuotanto", "palvelu", "tuotanto"}},
		{"ReadingsMerged", "kuntayhtymä", []analysis{
			{"BASEFORM": "kuntayhtymä", "WORDBASES": "+kunta(kunta)+yhtymä(yhtymä)"},
			{"BASEFORM": "kuntayhtymä", "WORDBASES": "+kunta(kunta)+yhty(yhtyä)+m+ä(+ä)"},
		}, []string{"kuntayhtymä", "kunta", "yhtymä"}},
		{"UnknownGivesItselfAndStem", "Raseborgin", nil, []string{"raseborgin", "raseborg"}},
		{"NoBaseformIsUnknown", "Tusby", []analysis{{"CLASS": "x"}}, []string{"tusby"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := termsOf(tt.word, tt.as); !slices.Equal(got, tt.want) {
				t.Errorf("termsOf(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestCache(t *testing.T) {
	c := newCache(2)
	c.put("a", []string{"a"})
	c.put("b", []string{"b"})
	c.put("c", []string{"c"}) // cur full: a, b become old
	if _, ok := c.get("a"); !ok {
		t.Fatal("a lost one generation early")
	}
	// a moved back to cur (now c, a); the next put starts a new generation
	// and drops b, which nobody asked for.
	c.put("d", []string{"d"})
	if _, ok := c.get("b"); ok {
		t.Error("b kept past two generations")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s lost", k)
		}
	}
	if n := c.len(); n > 4 {
		t.Errorf("len = %d, want at most 2×size", n)
	}
}
