package csv

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus.golden from what the corpus imports")

// TestCorpus imports each contacts export in testdata/corpus (Outlook in
// English and Finnish, Google Contacts old and new, Thunderbird; see
// testdata/SOURCES.md) into a database with only the municipality
// registry, organisations created, and compares every contact that came
// through with testdata/corpus.golden.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.csv"))
	if err != nil || len(files) < 5 {
		t.Fatalf("%d corpus files (%v)", len(files), err)
	}
	var out strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		svc := openDB(t)
		rep, err := Import(ctx, svc, data, importing.Options{Lang: "en", CreateOrganisations: true, SkipInvalid: true})
		if err != nil {
			t.Errorf("%s: %v\n%s", f, importing.ErrorText("en", err), rep.String())
			continue
		}
		if rep.Kind != model.KindContact {
			t.Errorf("%s: read as %v, want contacts", f, rep.Kind)
		}
		fmt.Fprintf(&out, "== %s: %s\n", filepath.Base(f), rep.Summary())
		for _, p := range rep.Problems() {
			fmt.Fprintf(&out, "  ! row %d: %s\n", p.Row, p.Text)
		}
		ix, err := importing.LoadIndex(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		cs := slices.Clone(ix.Contacts)
		slices.SortFunc(cs, func(a, b *model.Contact) int { return strings.Compare(a.Title(), b.Title()) })
		for _, c := range cs {
			org := ""
			if r := ix.Get(c.Organisation); r != nil {
				org = r.Kind().String() + ":" + r.Title()
			}
			fmt.Fprintf(&out, "  %s | title %q | org %q | emails %q | phones %q | address %q | notes %q\n",
				c.Title(), c.JobTitle, org, c.Emails, c.Phones, c.Address.String(), c.Notes)
		}
	}
	for file, wants := range map[string][]string{
		// Outlook's E-mail Address, Business and Mobile Phone columns.
		"outlook-en.csv": {
			`Pirjo Salmela | title "palvelujohtaja" | org "organisation:Hämeenlinnan kaupunki" | emails ["pirjo.salmela@example.fi"] | phones ["+35836212000" "+358405550110"]`,
			// A German number on a German address; a US number's extension.
			`Heiko Mustermann | title "Berater" | org "organisation:Beispiel GmbH" | emails ["heiko@example.de"] | phones ["+49351223344" "+49173223344"]`,
			`phones ["+12175550100;ext=204" "+18003569377"]`,
			// A row with only an organisation, a municipality's Swedish name.
			`Raseborg | title "" | org "municipality:Raasepori"`,
		},
		"outlook-fi.csv": {
			`Jukka Halme | title "hankepäällikkö" | org "organisation:Keski-Uudenmaan hyvinvointialue" | emails ["jukka.halme@example.fi"] | phones ["+358927191000" "+358405550120"]`,
			`Anna Björk | title "socialdirektör" | org "municipality:Raasepori" | emails ["anna.bjork@example.fi" "anna@example.com"] | phones ["+358192892000;ext=12"]`,
			"skipped as invalid 1",
		},
		"google-contacts.csv": {
			`Liisa Korhonen | title "kehittämispäällikkö" | org "organisation:Jyväskylän kaupunki" | emails ["liisa.korhonen@example.fi" "liisa@example.com"] | phones ["+358405550130" "+358142660000"] | address "Kilpisenkatu 1, 40100 Jyväskylä, Finland"`,
			`Uusi Yhdistys ry | title "" | org "organisation:Uusi Yhdistys ry" | emails [] | phones ["+35891234567"]`,
			`only.email@example.com | title "" | org "" | emails ["only.email@example.com"]`,
		},
		"google-csv-old.csv": {
			`Olli Hakala | title "talousjohtaja" | org "organisation:Kanta-Hämeen hyvinvointialue" | emails ["olli.hakala@example.fi"] | phones ["+358505550140"]`,
			`Tim Howes | title "" | org "organisation:Netscape Communications Corp." | emails ["howes@example.com"] | phones ["+14159373419"]`,
		},
		"thunderbird-export.csv": {
			`Kaisa Lindholm | title "hallintojohtaja" | org "municipality:Raasepori" | emails ["kaisa.lindholm@example.fi"] | phones ["+358192892000" "+358445550101"] | address "Raseborgsvägen 9, 10600 Ekenäs, Finland"`,
			`neuvonta@example.fi | title "" | org "" | emails ["neuvonta@example.fi"]`,
			`Sven Berg | title "" | org "organisation:Exempel AB" | emails ["sven.berg@example.se"] | phones ["+46812345678"]`,
		},
		"thunderbird_basic_csv_addressbook.csv": {`Jane Doe | title "" | org "" | emails ["jane@doe.invalid"]`, `John Doe |`},
		"thunderbird_csv_semicolon.csv":         {`Jane Doe | title "" | org "" | emails ["jane@doe.invalid"]`, `John Doe |`},
	} {
		section := corpusSection(out.String(), file)
		for _, w := range wants {
			if !strings.Contains(section, w) {
				t.Errorf("%s: lacks %s:\n%s", file, w, section)
			}
		}
	}
	golden := filepath.Join("testdata", "corpus.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("corpus import differs from %s (go test -run TestCorpus -update, then read the diff):\n%s", golden, got)
	}
}

// corpusSection is what the corpus test wrote for one file.
func corpusSection(out, file string) string {
	_, rest, ok := strings.Cut(out, "== "+file+":")
	if !ok {
		return ""
	}
	section, _, _ := strings.Cut(rest, "\n== ")
	return section
}

// An unknown header row says which headers it found and which it wanted.
func TestUnknownHeaders(t *testing.T) {
	svc := openDB(t)
	_, err := Import(ctx, svc, []byte("Foo,Bar,Baz\n1,2,3\n"), importing.Options{Lang: "en"})
	got := importing.ErrorText("en", err)
	for _, want := range []string{"Headers found: “Foo”, “Bar”, “Baz”", "“First name”, “Last name”", "Outlook, Google Contacts or Thunderbird"} {
		if !strings.Contains(got, want) {
			t.Errorf("error %q lacks %q", got, want)
		}
	}
}
