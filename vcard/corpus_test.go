package vcard

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

// TestCorpus imports every card of every file in testdata/corpus (real
// address-book exports and test suites of other programs, see
// testdata/SOURCES.md) into an empty database, organisations created, and
// compares what came through with testdata/corpus.golden: each contact's
// name, emails, phones (stored form, so with their country),
// organisation and what was kept in the notes, and the report's lines
// about what could not be read. No file may lose a card that has a name,
// email or organisation.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.vcf"))
	if err != nil || len(files) < 40 {
		t.Fatalf("%d corpus files (%v), want at least 40", len(files), err)
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
			t.Errorf("%s: %v\n%s", f, err, rep.String())
			continue
		}
		fmt.Fprintf(&out, "== %s: %s\n", filepath.Base(f), rep.Summary())
		for _, p := range rep.Problems() {
			fmt.Fprintf(&out, "  ! card %d: %s\n", p.Row, p.Text)
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
			fmt.Fprintf(&out, "  %s | title %q | org %q | emails %q | phones %q | notes %q\n",
				c.Title(), c.JobTitle, org, c.Emails, c.Phones, keptNotes(c.Notes))
			if err := c.Validate(); err != nil {
				t.Errorf("%s: %s stored invalid: %v", f, c.Title(), err)
			}
		}
	}
	// What the issue found wrong, file by file: these must hold whatever
	// the golden file says.
	for file, wants := range map[string][]string{
		// A German number on a German address is German.
		"kcontacts_vcard5.vcf": {`Heiko Mustermann | title "" | org "organisation:KDE"`, `"+49351223344"`},
		// The extension of a tel: URI is kept.
		"kcontacts_testfullvcard.vcf":  {`"+445555555555;ext=5555"`},
		"ez-vcard_rfc6350-example.vcf": {`"+14186569254;ext=102"`, `org "organisation:Viagenie"`},
		// A number that cannot be read keeps its card, with the rest.
		"ez-vcard_John_Doe_GMAIL.vcf": {`John Richter, James Doe | title "Money Counter" | org "organisation:IBM" | emails ["john.doe@ibm.com"]`,
			`Phone number “905-555-1234”: is not a valid phone number; kept in the notes`},
		// A card with only an email and an organisation is named after the email.
		"kcontacts_vcard4.vcf": {`hello@ximian.com | title "" | org "organisation:Ximian, Inc."`},
		// A North American number with its country code.
		"ez-vcard_outlook-2007.vcf":    {`Michael Angstadt | title "TheJobTitle" | org "organisation:TheCompany"`, `"+11115551111"`},
		"ez-vcard_John_Doe_IPHONE.vcf": {`"+19055551234"`},
		// A Polish address's numbers are read as Polish.
		"ical4j_vcard-antoni-kontact.vcf": {`"+48126172334"`},
		// Latin-1, quoted-printable 2.1 cards of 35 people.
		"ical4j_vcard-vCards-SAP.vcf": {"added 35", "Berit Müller", "Ingrid Spaßlund"},
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
		t.Errorf("corpus import differs from %s (go test -run TestCorpus -update, then read the diff):\n%s", golden, firstDiff(got, string(want)))
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

// keptNotes are the lines of notes that hold values kept from fields;
// the card's own NOTE can be long.
func keptNotes(notes string) []string {
	var out []string
	for _, l := range strings.Split(notes, "\n") {
		if i := strings.Index(l, ": "); i > 0 && slices.Contains([]string{"Phone number", "Email address", "Postal code", "Organisation"}, l[:i]) {
			out = append(out, l)
		}
	}
	return out
}

// firstDiff shows the first line that differs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}
