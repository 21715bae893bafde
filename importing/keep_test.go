package importing

import (
	"slices"
	"testing"

	"hankekirja/model"
)

func TestOrganisation(t *testing.T) {
	ix, org, _ := indexDB(t)
	t.Run("OK", func(t *testing.T) {
		for name, want := range map[string]model.ID{
			"sote oy":     org.ID,
			"Raasepori":   model.MunicipalityID("710"),
			"Raseborg":    model.MunicipalityID("710"), // Swedish name
			"Helsingfors": model.MunicipalityID("091"),
			"":            model.NilID,
		} {
			id, created, err := ix.Organisation(name, false)
			if err != nil || created != nil || id != want {
				t.Errorf("Organisation(%q) = %v, %v, %v; want %v", name, id, created, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		if _, _, err := ix.Organisation("Uusi Yhdistys ry", false); err == nil || err.Key != "table.unknown_ref" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Create", func(t *testing.T) {
		id, created, err := ix.Organisation("  Uusi   Yhdistys ry ", true)
		if err != nil || created == nil || created.Name != "Uusi Yhdistys ry" || created.ID != id {
			t.Fatalf("Organisation = %v, %+v, %v", id, created, err)
		}
		// A second record naming it gets the same one, not another.
		again, created2, err := ix.Organisation("uusi yhdistys ry", true)
		if err != nil || created2 != nil || again != id {
			t.Errorf("again = %v, %+v, %v", again, created2, err)
		}
	})
}

func TestSalvageContact(t *testing.T) {
	t.Run("KeepsFields", func(t *testing.T) {
		c := &model.Contact{FirstName: "Paha", LastName: "Posti", Phones: []string{"+358401234567", "1-800-MYFAX"},
			Emails: []string{"paha@", "hyva@example.fi"}, Address: model.Address{PostalCode: "ABCDE"}, Notes: "vanha"}
		kept := SalvageContact("fi", c, "")
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.Phones, []string{"+358401234567"}) || !slices.Equal(c.Emails, []string{"hyva@example.fi"}) || c.Address.PostalCode != "" {
			t.Errorf("contact = %+v", c)
		}
		if want := "vanha\nPuhelinnumero: 1-800-MYFAX\nSähköpostiosoite: paha@\nPostinumero: ABCDE"; c.Notes != want {
			t.Errorf("notes = %q, want %q", c.Notes, want)
		}
		if len(kept) != 3 || kept[0].Key != model.PhoneVanity {
			t.Errorf("kept = %v", kept)
		}
		// Salvaging again (a file imported twice) adds nothing.
		c.Phones, c.Emails = append(c.Phones, "1-800-MYFAX"), append(c.Emails, "paha@")
		SalvageContact("fi", c, "")
		if want := "vanha\nPuhelinnumero: 1-800-MYFAX\nSähköpostiosoite: paha@\nPostinumero: ABCDE"; c.Notes != want {
			t.Errorf("notes again = %q", c.Notes)
		}
	})
	t.Run("NamedAfterEmailOrOrganisation", func(t *testing.T) {
		c := &model.Contact{Emails: []string{"info@example.fi"}}
		SalvageContact("en", c, "Example Oy")
		if c.LastName != "info@example.fi" || c.Validate() != nil {
			t.Errorf("contact = %+v", c)
		}
		c = &model.Contact{}
		SalvageContact("en", c, "Example Oy")
		if c.LastName != "Example Oy" || c.Validate() != nil {
			t.Errorf("contact = %+v", c)
		}
	})
	t.Run("ErrNothingToKnowItBy", func(t *testing.T) {
		c := &model.Contact{Phones: []string{"040 12"}}
		SalvageContact("en", c, "")
		if c.Validate() == nil {
			t.Errorf("a contact with nothing to know it by validates: %+v", c)
		}
	})
}
