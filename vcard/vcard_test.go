package vcard

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

func openDB(t testing.TB) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "test.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		db.Close()
	})
	return db.Services()
}

func demoDB(t testing.TB) model.Services {
	t.Helper()
	svc := openDB(t)
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

func exportCards(t testing.TB, svc model.Services, version string, ids ...model.ID) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(ctx, svc, &buf, version, ids...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func contacts(t testing.TB, svc model.Services) []*model.Contact {
	t.Helper()
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	return ix.Contacts
}

// comparable is what a card carries of a contact.
func comparable(c *model.Contact, orgName string) string {
	return strings.Join([]string{c.ID.String(), c.FirstName, c.LastName, c.JobTitle, orgName,
		strings.Join(c.Phones, ","), strings.Join(c.Emails, ","), c.Address.String(), c.Notes}, "|")
}

func orgName(ix *importing.Index, id model.ID) string {
	if r := ix.Get(id); r != nil {
		return r.Title()
	}
	return ""
}

// TestRoundTrip exports the example contacts in both versions, imports
// them into a new database (with the organisations already there) and
// expects the same contacts; importing again changes nothing.
func TestRoundTrip(t *testing.T) {
	src := demoDB(t)
	for _, version := range []string{V3, V4} {
		t.Run(version, func(t *testing.T) {
			data := exportCards(t, src, version)
			if !bytes.HasPrefix(data, []byte("BEGIN:VCARD\r\nVERSION:"+version+"\r\n")) {
				t.Fatalf("starts %q", data[:40])
			}
			dst := openDB(t)
			var orgs bytes.Buffer
			if err := csv.Export(ctx, src, "organisations", &orgs, "fi"); err != nil {
				t.Fatal(err)
			}
			if _, err := csv.Import(ctx, dst, orgs.Bytes(), importing.Options{Lang: "fi"}); err != nil {
				t.Fatal(err)
			}
			rep, err := Import(ctx, dst, data, importing.Options{Lang: "fi"})
			if err != nil {
				t.Fatalf("%v\n%s", err, rep.String())
			}
			want, got := contacts(t, src), contacts(t, dst)
			if rep.Count(importing.Add) != len(want) {
				t.Errorf("added %d of %d:\n%s", rep.Count(importing.Add), len(want), rep.String())
			}
			sx, _ := importing.LoadIndex(ctx, src)
			dx, _ := importing.LoadIndex(ctx, dst)
			if len(got) != len(want) {
				t.Fatalf("%d contacts, want %d", len(got), len(want))
			}
			for i := range want {
				if g, w := comparable(got[i], orgName(dx, got[i].Organisation)), comparable(want[i], orgName(sx, want[i].Organisation)); g != w {
					t.Errorf("contact differs:\n got %s\nwant %s", g, w)
				}
			}
			rep, err = Import(ctx, dst, data, importing.Options{Lang: "fi"})
			if err != nil || rep.Count(importing.Unchanged) != len(want) {
				t.Errorf("again: %v\n%s", err, rep.String())
			}
		})
	}
}

func TestExportOne(t *testing.T) {
	svc := demoDB(t)
	c := contacts(t, svc)[0]
	data := string(exportCards(t, svc, "4.0", c.ID))
	if n := strings.Count(data, "BEGIN:VCARD"); n != 1 {
		t.Errorf("%d cards", n)
	}
	for _, want := range []string{"UID:urn:uuid:" + c.ID.String() + "\r\n", "VERSION:4.0\r\n", "FN:" + c.Title()} {
		if !strings.Contains(data, want) {
			t.Errorf("card lacks %q:\n%s", want, data)
		}
	}
	for _, line := range strings.Split(data, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
	if err := Export(ctx, svc, &bytes.Buffer{}, "2.1"); err == nil {
		t.Errorf("exporting 2.1 did not fail")
	}
}

// TestImport21 reads a card as old phones write it: quoted-printable,
// Latin-1, nameless parameters and soft line breaks.
func TestImport21(t *testing.T) {
	svc := openDB(t)
	card := "BEGIN:VCARD\r\n" +
		"VERSION:2.1\r\n" +
		"N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=E4kel=E4;Py=F6ri=E4\r\n" +
		"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Py=C3=B6ri=C3=A4 M=C3=A4kel=C3=A4\r\n" +
		"TEL;CELL;VOICE:040-123 4567\r\n" +
		"TEL;WORK:09 1234 5678\r\n" +
		"EMAIL;INTERNET;PREF:pyoria@example.com\r\n" +
		"ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Kauppakatu 1;H=C3=A4meenlinna;;13100;Suomi\r\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE:Ensimm=C3=A4inen rivi=0D=0A=\r\n" +
		"toinen rivi\r\n" +
		"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n" +
		" /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\n" +
		"\r\n" +
		"END:VCARD\r\n"
	rep, err := Import(ctx, svc, []byte(card), importing.Options{Lang: "fi"})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep.String())
	}
	got := contacts(t, svc)
	if len(got) != 1 {
		t.Fatalf("%d contacts", len(got))
	}
	c := got[0]
	if c.FirstName != "Pyöriä" || c.LastName != "Mäkelä" {
		t.Errorf("name = %q %q", c.FirstName, c.LastName)
	}
	if !slices.Equal(c.Phones, []string{"+358401234567", "+358912345678"}) {
		t.Errorf("phones = %v", c.Phones)
	}
	if c.Address != (model.Address{Street: "Kauppakatu 1", PostalCode: "13100", City: "Hämeenlinna", Country: "Suomi"}) {
		t.Errorf("address = %+v", c.Address)
	}
	if c.Notes != "Ensimmäinen rivi\ntoinen rivi" {
		t.Errorf("notes = %q", c.Notes)
	}
}

// TestMerge updates the contact a card matches by email instead of adding
// one, keeps what the card lacks and adds its phone numbers.
func TestMerge(t *testing.T) {
	svc := openDB(t)
	c := &model.Contact{FirstName: "Maija", LastName: "Virtanen", JobTitle: "johtaja", Phones: []string{"+358401111111"}, Emails: []string{"maija@example.com"}}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Virtanen;Maija;;;\r\nFN:Maija Virtanen\r\nTEL;TYPE=CELL:050 222 2222\r\nEMAIL:MAIJA@example.com\r\nEND:VCARD\r\n"
	rep, err := Import(ctx, svc, []byte(card), importing.Options{Lang: "en", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(importing.Update) != 1 || rep.Items[0].ID != c.ID {
		t.Fatalf("preview:\n%s", rep.String())
	}
	if got, _ := svc.Contacts.Get(ctx, c.ID); len(got.Phones) != 1 {
		t.Errorf("DryRun changed the contact: %v", got.Phones)
	}
	if _, err := Import(ctx, svc, []byte(card), importing.Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	got, _ := svc.Contacts.Get(ctx, c.ID)
	if !slices.Equal(got.Phones, []string{"+358401111111", "+358502222222"}) || got.JobTitle != "johtaja" {
		t.Errorf("merged = %+v", got)
	}
	if all := contacts(t, svc); len(all) != 1 {
		t.Errorf("%d contacts after merge", len(all))
	}
}

// TestInvalidCards: a card with a field that cannot be read comes in with
// the rest, the value kept in its notes; only a card with nothing to know
// the contact by is invalid, and it stops the file unless SkipInvalid.
func TestInvalidCards(t *testing.T) {
	svc := openDB(t)
	cards := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hyvä Ihminen\r\nN:Ihminen;Hyvä;;;\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Paha Posti\r\nN:Posti;Paha;;;\r\nEMAIL:paha@\r\nTEL:+1-800-MYFAX\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:040 123 4567\r\nEND:VCARD\r\n"
	rep, err := Import(ctx, svc, []byte(cards), importing.Options{Lang: "fi"})
	if !errors.Is(err, importing.ErrRejected) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{
		"kortti 2: Sähköpostiosoite ”paha@”: ei ole kelvollinen sähköpostiosoite; tallennettu muistiinpanoihin",
		"kortti 2: Puhelinnumero ”+1-800-MYFAX”: sisältää kirjaimia, joista ei tule kelvollista puhelinnumeroa; tallennettu muistiinpanoihin",
		"kortti 3: Sukunimi: on pakollinen",
		"lisättäviä 2, päivitettäviä 0, ennallaan 0, virheellisiä 1",
	} {
		if !strings.Contains(rep.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, rep.String())
		}
	}
	if n := len(contacts(t, svc)); n != 0 {
		t.Errorf("%d contacts added from a rejected file", n)
	}
	if _, err := Import(ctx, svc, []byte(cards), importing.Options{Lang: "fi", SkipInvalid: true}); err != nil {
		t.Fatal(err)
	}
	got := contacts(t, svc)
	if len(got) != 2 {
		t.Fatalf("%d contacts after SkipInvalid, want 2", len(got))
	}
	for _, c := range got {
		if c.LastName == "Posti" {
			if len(c.Emails) != 0 || len(c.Phones) != 0 || c.Notes != "Puhelinnumero: +1-800-MYFAX\nSähköpostiosoite: paha@" {
				t.Errorf("kept = %q %q notes %q", c.Emails, c.Phones, c.Notes)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	for s, want := range map[string]bool{
		"BEGIN:VCARD\r\n":           true,
		"\ufeff\r\nbegin:vcard\r\n": true,
		"Etunimi;Sukunimi\r\n":      false,
		`{"format":"hankekirja"}`:   false,
		"":                          false,
	} {
		if got := Detect([]byte(s)); got != want {
			t.Errorf("Detect(%q) = %v", s, got)
		}
	}
}
