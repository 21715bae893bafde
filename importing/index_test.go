package importing

import (
	"context"
	"path/filepath"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// indexDB is a database with an organisation, two contacts of the same
// name and one with an email, and the index of it.
func indexDB(t *testing.T) (*Index, *model.Organisation, [3]*model.Contact) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "test.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	org := &model.Organisation{Name: "Sote Oy", Type: model.OrgCompany}
	if err := svc.Organisations.Create(ctx, org); err != nil {
		t.Fatal(err)
	}
	cs := [3]*model.Contact{
		{FirstName: "Matti", LastName: "Mäkinen", Emails: []string{"matti@sote.fi"}},
		{FirstName: "Matti", LastName: "Mäkinen"},
		{FirstName: "Liisa", LastName: "Virtanen", Emails: []string{"liisa.virtanen@sote.fi"}},
	}
	for _, c := range cs {
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	return ix, org, cs
}

func TestMatchContact(t *testing.T) {
	ix, _, cs := indexDB(t)
	for _, c := range []struct {
		name          string
		id            model.ID
		emails        []string
		first, last   string
		want          *model.Contact
		wantAmbiguous bool
	}{
		{"by ID over a name", cs[1].ID, nil, "Liisa", "Virtanen", cs[1], false},
		{"by email, any case and spaces", model.NilID, []string{"", " Liisa.Virtanen@SOTE.fi "}, "", "", cs[2], false},
		{"email before name", model.NilID, []string{"matti@sote.fi"}, "Matti", "Mäkinen", cs[0], false},
		{"a name two contacts have", model.NilID, nil, "matti", "mäkinen", cs[0], true},
		{"a name with extra spaces", model.NilID, nil, "  Liisa ", "Virtanen", cs[2], false},
		{"nobody", model.NilID, []string{"x@y.fi"}, "Ei", "Ketään", nil, false},
		{"no key at all", model.NilID, nil, "", "", nil, false},
	} {
		got, ambiguous := ix.MatchContact(c.id, c.emails, c.first, c.last)
		if idOf(got) != idOf(c.want) || ambiguous != c.wantAmbiguous {
			t.Errorf("%s: got %v (ambiguous %v), want %v (%v)", c.name, idOf(got), ambiguous, idOf(c.want), c.wantAmbiguous)
		}
	}
}

func idOf(c *model.Contact) model.ID {
	if c == nil {
		return model.NilID
	}
	return c.ID
}

func TestResolveAndRefText(t *testing.T) {
	ix, org, cs := indexDB(t)
	helsinki := model.MunicipalityID("091")
	for _, c := range []struct {
		cell    string
		kinds   []model.Kind
		want    model.ID
		wantKey string
	}{
		{"", []model.Kind{model.KindOrganisation}, model.NilID, ""},
		{"sote  OY", []model.Kind{model.KindOrganisation}, org.ID, ""},
		{org.ID.String(), []model.Kind{model.KindOrganisation, model.KindMunicipality}, org.ID, ""},
		{org.ID.String(), []model.Kind{model.KindContact}, model.NilID, "table.unknown_ref"},
		{"Helsinki", []model.Kind{model.KindMunicipality, model.KindOrganisation}, helsinki, ""},
		{"091", []model.Kind{model.KindMunicipality}, helsinki, ""},
		{"Matti Mäkinen", []model.Kind{model.KindContact}, model.NilID, "table.ambiguous_ref"},
		{"Liisa Virtanen", []model.Kind{model.KindContact}, cs[2].ID, ""},
		{"Sote Oy", []model.Kind{model.KindContact}, model.NilID, "table.unknown_ref"},
	} {
		got, err := ix.Resolve(c.cell, c.kinds...)
		key := ""
		if err != nil {
			key = err.Key
		}
		if got != c.want || key != c.wantKey {
			t.Errorf("Resolve(%q, %v) = %v, %q; want %v, %q", c.cell, c.kinds, got, key, c.want, c.wantKey)
		}
	}
	// A reference is written so that Resolve finds it again.
	for _, c := range []struct {
		id   model.ID
		want string
	}{
		{model.NilID, ""},
		{org.ID, "Sote Oy"},
		{cs[2].ID, "Liisa Virtanen"},
		{cs[0].ID, cs[0].ID.String()}, // the name is ambiguous
		{model.NewID(), ""},           // unknown: its ID, checked below
	} {
		got := ix.RefText(c.id, model.KindContact, model.KindOrganisation)
		if c.want == "" && !c.id.IsZero() {
			c.want = c.id.String()
		}
		if got != c.want {
			t.Errorf("RefText(%v) = %q, want %q", c.id, got, c.want)
		}
	}
}

// Records an import adds are found by later rows; replacing one does not
// list it twice.
func TestIndexPut(t *testing.T) {
	ix, _, _ := indexDB(t)
	c := &model.Contact{FirstName: "Uusi", LastName: "Henkilö"}
	c.ID = model.NewID()
	ix.Put(c)
	if got, _ := ix.Resolve("Uusi Henkilö", model.KindContact); got != c.ID || ix.Get(c.ID) != c {
		t.Fatalf("a put contact is not found: %v", got)
	}
	n := len(ix.Contacts)
	again := *c
	again.Emails = []string{"uusi@sote.fi"}
	ix.Put(&again)
	if len(ix.Contacts) != n || ix.Get(c.ID) != &again {
		t.Errorf("replacing a contact: %d contacts, was %d", len(ix.Contacts), n)
	}
	if m := ix.ContactByEmail([]string{"UUSI@sote.fi"}); len(m) != 1 || m[0] != &again {
		t.Errorf("ContactByEmail after a replace = %v", m)
	}
	if NewIndex().Get(c.ID) != nil {
		t.Error("a new index is not empty")
	}
}
