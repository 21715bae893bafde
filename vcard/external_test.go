package vcard

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
)

// readVCards is a Python program that parses vCards with vobject (an
// independent parser: Debian's python3-vobject) and prints what each holds
// as JSON.
const readVCards = `
import json, sys, vobject
out = []
for c in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()):
    n = c.n.value
    def vals(name):
        return [x.value for x in c.contents.get(name, [])]
    adr = [[a.street, a.city, a.code, a.country] for a in vals("adr")]
    out.append({
        "version": c.version.value, "uid": c.uid.value, "fn": c.fn.value,
        "family": n.family, "given": n.given,
        "org": [o[0] if isinstance(o, list) else o for o in vals("org")],
        "title": vals("title"), "tel": vals("tel"), "email": vals("email"),
        "adr": adr, "note": vals("note"),
    })
print(json.dumps(out, ensure_ascii=False))
`

// python returns a Python that has vobject, skipping the test without one
// (failing on CI, where .ci/install-deps installs python3-vobject).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import vobject").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no python3 with vobject (python3-vobject; see .ci/install-deps)")
	}
	t.Skip("no python3 with vobject")
	return ""
}

type parsed struct {
	Version, UID, FN, Family, Given string
	Org, Title, Tel, Email, Note    []string
	Adr                             [][]string
}

// TestVobjectReads exports contacts with everything that must be escaped
// or folded, and parses the cards with vobject.
func TestVobjectReads(t *testing.T) {
	py := python(t)
	svc := demoDB(t)
	special := &model.Contact{FirstName: "Åsa; Maria", LastName: `Öhman\Ääri, jr`, JobTitle: "johtaja, sote; " + strings.Repeat("pitkä ", 20),
		Phones: []string{"+358401234567", "+35891234567"}, Emails: []string{"asa@example.com"},
		Address: model.Address{Street: "Katu 1; B", PostalCode: "00100", City: "Helsinki", Country: "Suomi"},
		Notes:   "rivi 1\nrivi 2, jossa \\ ja ;", Organisation: model.MunicipalityID("091")}
	if err := svc.Contacts.Create(ctx, special); err != nil {
		t.Fatal(err)
	}
	all := contacts(t, svc)
	for _, version := range []string{V3, V4} {
		t.Run(version, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.vcf")
			os.WriteFile(path, exportCards(t, svc, version), 0o644)
			out, err := exec.Command(py, "-c", readVCards, path).CombinedOutput()
			if err != nil {
				t.Fatalf("vobject: %v\n%s", err, out)
			}
			var cards []parsed
			if err := json.Unmarshal(out, &cards); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if len(cards) != len(all) {
				t.Fatalf("vobject read %d cards, want %d", len(cards), len(all))
			}
			for i, c := range all {
				p := cards[i]
				uid := c.ID.String()
				if version == V4 {
					uid = "urn:uuid:" + uid
				}
				if p.Version != version || p.UID != uid || p.FN != c.Title() || p.Family != c.LastName || p.Given != c.FirstName {
					t.Errorf("card %d = %+v, want %s %q %q", i, p, uid, c.FirstName, c.LastName)
				}
				var tel []string
				for _, x := range p.Tel {
					tel = append(tel, strings.TrimPrefix(x, "tel:"))
				}
				if !slices.Equal(tel, c.Phones) || !slices.Equal(p.Email, c.Emails) {
					t.Errorf("%s: tel %v email %v, want %v %v", c.Title(), p.Tel, p.Email, c.Phones, c.Emails)
				}
				if c.JobTitle != "" && (len(p.Title) != 1 || p.Title[0] != c.JobTitle) {
					t.Errorf("%s: title %q, want %q", c.Title(), p.Title, c.JobTitle)
				}
				if c.Notes != "" && (len(p.Note) != 1 || p.Note[0] != c.Notes) {
					t.Errorf("%s: note %q, want %q", c.Title(), p.Note, c.Notes)
				}
			}
			// The special contact in detail.
			var p parsed
			for i, c := range all {
				if c.ID == special.ID {
					p = cards[i]
				}
			}
			if len(p.Org) != 1 || p.Org[0] != "Helsinki" {
				t.Errorf("org = %q", p.Org)
			}
			if len(p.Adr) != 1 || !slices.Equal(p.Adr[0], []string{"Katu 1; B", "Helsinki", "00100", "Suomi"}) {
				t.Errorf("adr = %q", p.Adr)
			}
		})
	}
	// And vobject's own cards (3.0, folded its way) import here.
	out, err := exec.Command(py, "-c", `
import vobject
c = vobject.vCard()
c.add("n").value = vobject.vcard.Name(family="Mäkelä", given="Pyöriä")
c.add("fn").value = "Pyöriä Mäkelä"
c.add("email").value = "pyoria@example.com"
c.add("tel").value = "040 765 4321"
c.add("note").value = "Pitkä muistiinpano, jossa on pilkkuja; ja puolipisteitä " * 4
print(c.serialize(), end="")
`).CombinedOutput()
	if err != nil {
		t.Fatalf("vobject: %v\n%s", err, out)
	}
	dst := openDB(t)
	rep, err := Import(ctx, dst, out, importing.Options{Lang: "fi"})
	if err != nil || rep.Count(importing.Add) != 1 {
		t.Fatalf("%v\n%s\n%s", err, rep.String(), out)
	}
	got := contacts(t, dst)[0]
	if got.FirstName != "Pyöriä" || got.LastName != "Mäkelä" || got.Phones[0] != "+358407654321" ||
		got.Notes != strings.Repeat("Pitkä muistiinpano, jossa on pilkkuja; ja puolipisteitä ", 4) {
		t.Errorf("imported %+v", got)
	}
}
