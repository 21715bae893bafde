package model_test

import (
	"bytes"
	"slices"
	"sync"
	"testing"

	"hankekirja/model"
)

func TestCompareNames(t *testing.T) {
	t.Run("FinnishAlphabet", func(t *testing.T) {
		names := []string{"Öjärvi", "Zeta", "Ähtäri", "Åland", "aapa", "Hyvinkää", "Vantaa", "ähtäri", "Ypäjä"}
		want := []string{"aapa", "Hyvinkää", "Vantaa", "Ypäjä", "Zeta", "Åland", "Ähtäri", "ähtäri", "Öjärvi"}
		got := slices.Clone(names)
		slices.SortStableFunc(got, model.CompareNames)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	})

	for _, tt := range []struct {
		name string
		a, b string
		want int
	}{
		{"ZBeforeÅ", "Zeta", "Åland", -1},
		{"ÅBeforeÄ", "Åland", "Ähtäri", -1},
		{"ÄBeforeÖ", "Ähtäri", "Öjärvi", -1},
		{"ZBeforeÖ", "Zzz", "Öö", -1},
		{"AUmlautNotA", "Ähtäri", "Ahtari", 1},
		{"IgnoreCase", "hyvinkää", "HYVINKÄÄ", 0},
		{"IgnoreCaseÄ", "äänekoski", "Äänekoski", 0},
		{"Equal", "Vaasa", "Vaasa", 0},
		{"Prefix", "Hyvinkää", "Hyvinkään kaupunki", -1},
		{"Numeric", "Hanke 2", "Hanke 10", -1},
		{"Empty", "", "Aapa", -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := model.CompareNames(tt.a, tt.b), tt.want; got != want {
				t.Fatalf("CompareNames(%q, %q) = %d, want %d", tt.a, tt.b, got, want)
			}
			if got, want := model.CompareNames(tt.b, tt.a), -tt.want; got != want {
				t.Fatalf("CompareNames(%q, %q) = %d, want %d", tt.b, tt.a, got, want)
			}
		})
	}

	// Whether W sorts with V or after it, Vaasa and Wasa must be told
	// apart and keep their order, whichever way round they are compared.
	t.Run("VaasaWasa", func(t *testing.T) {
		c := model.CompareNames("Vaasa", "Wasa")
		if c == 0 {
			t.Fatal("Vaasa and Wasa compare equal")
		}
		for i := 0; i < 10; i++ {
			if got := model.CompareNames("Vaasa", "Wasa"); got != c {
				t.Fatalf("CompareNames(Vaasa, Wasa) = %d, earlier %d", got, c)
			}
			if got := model.CompareNames("Wasa", "Vaasa"); got != -c {
				t.Fatalf("CompareNames(Wasa, Vaasa) = %d, want %d", got, -c)
			}
		}
		if got, want := sign(bytes.Compare(model.SortKey("Vaasa"), model.SortKey("Wasa"))), c; got != want {
			t.Fatalf("sort keys order Vaasa, Wasa %d, CompareNames %d", got, want)
		}
		// Any starting order sorts the same way.
		a := []string{"Wasa", "Vaasa", "vaasa", "Zeta", "Vantaa"}
		b := []string{"Vantaa", "Zeta", "vaasa", "Vaasa", "Wasa"}
		slices.SortFunc(a, model.CompareNames)
		slices.SortFunc(b, model.CompareNames)
		for i := range a {
			if model.CompareNames(a[i], b[i]) != 0 {
				t.Fatalf("orders differ: %q and %q", a, b)
			}
		}
		if a[len(a)-1] != "Zeta" {
			t.Fatalf("sorted = %q, want Zeta last", a)
		}
	})
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestSortKey(t *testing.T) {
	names := []string{"Öjärvi", "Zeta", "Ähtäri", "Åland", "aapa", "Hyvinkää", "Wasa", "Vaasa", "Hanke 10", "Hanke 2", ""}

	// Sort keys order names exactly as CompareNames does.
	for _, a := range names {
		for _, b := range names {
			if got, want := sign(bytes.Compare(model.SortKey(a), model.SortKey(b))), model.CompareNames(a, b); got != want {
				t.Errorf("keys of %q and %q compare %d, CompareNames %d", a, b, got, want)
			}
		}
	}

	t.Run("Sorted", func(t *testing.T) {
		got := slices.Clone(names[:6])
		slices.SortFunc(got, func(a, b string) int { return bytes.Compare(model.SortKey(a), model.SortKey(b)) })
		if want := []string{"aapa", "Hyvinkää", "Zeta", "Åland", "Ähtäri", "Öjärvi"}; !slices.Equal(got, want) {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	})

	t.Run("IgnoreCase", func(t *testing.T) {
		if got, want := model.SortKey("HYVINKÄÄ"), model.SortKey("hyvinkää"); !bytes.Equal(got, want) {
			t.Fatalf("keys differ: %x, %x", got, want)
		}
	})

	// The key is the caller's own: a later call does not overwrite it.
	t.Run("Copy", func(t *testing.T) {
		k := model.SortKey("Åland")
		keep := bytes.Clone(k)
		for _, n := range names {
			model.SortKey(n)
		}
		if !bytes.Equal(k, keep) {
			t.Fatal("SortKey result changed by a later call")
		}
	})
}

// The collators are pooled; run under -race.
func TestCollation_Concurrent(t *testing.T) {
	want := model.CompareNames("Zeta", "Åland")
	wantKey := model.SortKey("Öjärvi")
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if model.CompareNames("Zeta", "Åland") != want {
					errs <- "CompareNames changed"
					return
				}
				if !bytes.Equal(model.SortKey("Öjärvi"), wantKey) {
					errs <- "SortKey changed"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestSearchWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"KUUMA-seutu liikelaitos", []string{"kuuma", "seutu", "liikelaitos"}},
		{"Hyvinkää", []string{"hyvinkaa"}},
		{"  Hyvinkää, Riihimäki! ", []string{"hyvinkaa", "riihimaki"}},
		{"ÅLAND Öjärvi", []string{"aland", "ojarvi"}},
		{"Castrén Müller", []string{"castren", "muller"}},
		{"Sote 2019–2021", []string{"sote", "2019", "2021"}},
		{"matti.meikalainen@hel.fi", []string{"matti", "meikalainen", "hel", "fi"}},
		{"", nil},
		{" - ", nil},
	} {
		if got, want := model.SearchWords(tt.in), tt.want; !slices.Equal(got, want) {
			t.Errorf("SearchWords(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

func TestJoinWords(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"kuuma", "seutu"}, " kuuma seutu"},
		{[]string{"hyvinkää"}, " hyvinkää"},
		{nil, ""},
	} {
		if got, want := model.JoinWords(tt.in), tt.want; got != want {
			t.Errorf("JoinWords(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

func TestMatchQuery(t *testing.T) {
	for _, tt := range []struct {
		name, query, text string
		want              bool
	}{
		{"Prefix", "hyvin", "Hyvinkää", true},
		{"UpperCaseQuery", "HYVIN", "Hyvinkää", true},
		{"WholeWord", "hyvinkää", "Hyvinkää", true},
		{"HyphenatedWord", "kuuma", "KUUMA-seutu liikelaitos", true},
		{"SecondPart", "seutu", "KUUMA-seutu liikelaitos", true},
		{"TwoWords", "liike kuuma", "KUUMA-seutu liikelaitos", true},
		{"TwoWordsOneMissing", "kuuma hyvin", "KUUMA-seutu liikelaitos", false},
		{"NotPrefix", "inkää", "Hyvinkää", false},
		{"LongerThanWord", "hyvinkääläinen", "Hyvinkää", false},
		{"Umlaut", "ähtä", "Ähtäri", true},
		{"UmlautFolded", "ahta", "Ähtäri", true},
		{"AccentFolded", "castren", "Castrén", true},
		{"EmptyQuery", "", "Hyvinkää", true},
		{"EmptyText", "hyvin", "", false},
		{"Number", "2019", "Sote 2019", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, w := model.SearchWords(tt.query), model.JoinWords(model.SearchWords(tt.text))
			if got, want := model.MatchQuery(q, w), tt.want; got != want {
				t.Fatalf("MatchQuery(%q, %q) = %v, want %v", tt.query, tt.text, got, want)
			}
		})
	}
}

func TestSummaryOf(t *testing.T) {
	c := &model.Contact{
		Meta:         model.Meta{ID: model.NewID()},
		FirstName:    "Matti",
		LastName:     "Meikäläinen",
		JobTitle:     "perusturvajohtaja",
		Organisation: model.MunicipalityID("106"),
		Emails:       []string{"matti@example.fi"},
	}
	s := model.SummaryOf(c)
	if got, want := s.ID, c.ID; got != want {
		t.Errorf("ID = %v, want %v", got, want)
	}
	if got, want := s.Kind, model.KindContact; got != want {
		t.Errorf("Kind = %v, want %v", got, want)
	}
	if got, want := s.Title, "Matti Meikäläinen"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if !model.MatchQuery(model.SearchWords("meik perus"), s.Words) {
		t.Errorf("Words %q do not match 'meik perus'", s.Words)
	}
	if !s.HasFacet("organisation:"+model.MunicipalityID("106").String()) || s.HasFacet("organisation:") {
		t.Errorf("Facets = %q", s.Facets)
	}
	// Contacts sort by last name: Meikäläinen before Virtanen, though Aino
	// comes before Matti.
	v := model.SummaryOf(&model.Contact{FirstName: "Aino", LastName: "Virtanen"})
	if bytes.Compare(s.SortKey, v.SortKey) >= 0 {
		t.Errorf("Meikäläinen does not sort before Virtanen")
	}
}
