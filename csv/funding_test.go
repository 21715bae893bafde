package csv

import (
	"encoding/json"
	"strings"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
)

// TestFundingRoundTrip: the example projects' funding lines (funder,
// amount, share, period, note) come back from the projects CSV in every
// language.
func TestFundingRoundTrip(t *testing.T) {
	src := demoDB(t)
	funding := func(svc model.Services) map[string]string {
		ix, err := importing.LoadIndex(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range ix.Projects {
			data, _ := json.Marshal(p.Funding)
			out[p.ID.String()] = string(data)
		}
		return out
	}
	want := funding(src)
	lines := 0
	for _, f := range want {
		lines += strings.Count(f, "amount_cents")
	}
	if lines == 0 {
		t.Fatal("the example data has no funding lines to test with")
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		dst := openDB(t)
		for _, k := range []string{"organisation", "contact", "project"} {
			mustImport(t, dst, export(t, src, k, lang), importing.Options{Lang: lang})
		}
		got := funding(dst)
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s: project %s funding\n got %s\nwant %s", lang, id, got[id], w)
			}
		}
	}
}

func TestParseFunding(t *testing.T) {
	svc := demoDB(t)
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	x := &env{ix: ix, lang: "fi"}
	f, perr := parseFunding(x, "Hämeenlinna | 1 500,50 € | 12,5 % | 1.1.2025-31.12.2026 | kuntaosuus")
	if perr != nil {
		t.Fatal(perr)
	}
	if f.Funder != model.MunicipalityID("109") || f.Amount != 150050 || f.Share != 12.5 || f.Period.String() != "1.1.2025–31.12.2026" || f.Note != "kuntaosuus" {
		t.Errorf("parseFunding = %+v", f)
	}
	for line, key := range map[string]string{
		"Ei ole olemassa | 100":  "table.unknown_ref",
		"Hämeenlinna | sata":     "import.bad_amount",
		"Hämeenlinna | 100 | x%": "import.bad_share",
	} {
		if _, err := parseFunding(x, line); err == nil || err.Key != key {
			t.Errorf("parseFunding(%q) = %v, want %s", line, err, key)
		}
	}
}
