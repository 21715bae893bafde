package vcard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"pgregory.net/rapid"

	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

var template struct {
	once sync.Once
	data []byte
	err  error
}

// rapidDB opens a new database for one run of a property, copying a
// template (seeding the municipality registry is most of a run's time).
func rapidDB(t *rapid.T) model.Services {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "vcard-template-")
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "t.db")
		db, err := store.Open(path, nil)
		if err != nil {
			template.err = err
			return
		}
		db.Close()
		template.data, template.err = os.ReadFile(path)
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	dir, err := os.MkdirTemp("", "vcard-rapid-")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "t.db")
	if err := os.WriteFile(path, template.data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		os.RemoveAll(dir)
	})
	return db.Services()
}

// genLine is a one-line text with what vCard must escape: ; , \ and
// letters beyond ASCII. Values are trimmed on import.
func genLine(min int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		for {
			s := strings.TrimSpace(rapid.StringMatching(`[A-Za-zÅÄÖåäöé0-9 ;,:\\"'=+.-]{0,30}`).Draw(t, "text"))
			if len(s) >= min {
				return s
			}
		}
	})
}

func genContact(t *rapid.T) *model.Contact {
	c := &model.Contact{
		FirstName: genLine(0).Draw(t, "first"),
		LastName:  genLine(1).Draw(t, "last"),
		JobTitle:  genLine(0).Draw(t, "title"),
		Phones:    rapid.SliceOfNDistinct(rapid.StringMatching(`\+358(40|50|9|13)[1-9][0-9]{6}`), 0, 3, rapid.ID).Draw(t, "phones"),
		Emails:    rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z][a-z.]{0,6}[a-z]@(example\.com|esimerkki\.fi)`), 0, 2, rapid.ID).Draw(t, "emails"),
		Notes:     strings.Join(rapid.SliceOfN(genLine(0), 0, 3).Draw(t, "notes"), "\n"),
	}
	if strings.TrimSpace(c.Notes) == "" {
		c.Notes = ""
	}
	if rapid.Bool().Draw(t, "address?") {
		c.Address = model.Address{Street: genLine(0).Draw(t, "street"), PostalCode: rapid.StringMatching(`(|[0-9]{5})`).Draw(t, "postal"),
			City: genLine(0).Draw(t, "city"), Country: rapid.SampledFrom([]string{"", "Suomi", "Finland"}).Draw(t, "country")}
	}
	if rapid.Bool().Draw(t, "org?") {
		c.Organisation = model.MunicipalityID(rapid.SampledFrom([]string{"091", "106", "109"}).Draw(t, "org"))
	}
	return c
}

func contactJSON(c *model.Contact) string {
	x := *c
	x.Meta = model.Meta{ID: c.ID}
	data, _ := json.Marshal(x)
	return string(data)
}

// TestRapidRoundTrip: any contacts, exported as vCard 3.0 or 4.0 and
// imported into a new database, come back the same; importing the cards
// again changes nothing.
func TestRapidRoundTrip(t *testing.T) {
	for _, version := range []string{V3, V4} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			rapid.Check(t, func(t *rapid.T) {
				src, dst := rapidDB(t), rapidDB(t)
				var want []*model.Contact
				for i := rapid.IntRange(1, 4).Draw(t, "n"); i > 0; i-- {
					c := genContact(t)
					if err := src.Contacts.Create(ctx, c); err != nil {
						t.Skip("invalid contact: " + err.Error())
					}
					want = append(want, c)
				}
				var buf bytes.Buffer
				if err := Export(ctx, src, &buf, version); err != nil {
					t.Fatal(err)
				}
				rep, err := Import(ctx, dst, buf.Bytes(), importing.Options{Lang: "en"})
				if err != nil {
					t.Fatalf("%v\n%s\n%s", err, rep.String(), buf.String())
				}
				for _, w := range want {
					g, err := dst.Contacts.Get(ctx, w.ID)
					if err != nil {
						t.Fatalf("%s not imported: %v\n%s", w.Title(), err, buf.String())
					}
					if contactJSON(g) != contactJSON(w) {
						t.Fatalf("differs:\n got %s\nwant %s\ncards:\n%s", contactJSON(g), contactJSON(w), buf.String())
					}
				}
				rep, err = Import(ctx, dst, buf.Bytes(), importing.Options{Lang: "en"})
				if err != nil || rep.Count(importing.Unchanged) != len(want) {
					t.Fatalf("again: %v\n%s", err, rep.String())
				}
			})
		})
	}
}
