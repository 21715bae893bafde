package importing

import (
	"fmt"
	"slices"
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
)

// Kept is a value from a file that could not be read into its field and
// was kept as text in the record's notes instead: the record comes in with
// everything else.
type Kept struct {
	// Field is the model field it was meant for ("phones", "emails",
	// "address.postal_code", "organisation").
	Field string
	Value string
	// Key names the reason in the catalogues ("error.phone").
	Key string
}

// Text says in lang what was kept: `Puhelinnumero ”+1-800-MYFAX”: ei ole
// kelvollinen puhelinnumero; tallennettu muistiinpanoihin`.
func (k Kept) Text(lang string) string { return k.TextAs(lang, keptLabel(lang, k.Field)) }

// TextAs is Text naming the field by label (a CSV file's column header).
func (k Kept) TextAs(lang, label string) string {
	problem := assets.Message(lang, "table.cell_problem", map[string]any{
		"Name": label, "Text": k.Value, "Detail": assets.Message(lang, k.Key, nil),
	})
	return assets.Message(lang, "import.kept_in_notes", map[string]any{"Detail": problem})
}

// keptLabel is the label of a field, of one item for a list.
func keptLabel(lang, field string) string {
	if field == "phones" || field == "emails" {
		field += "_item"
	}
	field = strings.TrimPrefix(field, "address.") // "Postinumero"
	return assets.FieldLabel(lang, field)
}

// KeepInNotes adds "Label: value" to notes on a line of its own, unless
// the notes have that line already (a file imported again).
func KeepInNotes(lang, notes string, k Kept) string {
	return KeepInNotesAs(keptLabel(lang, k.Field), notes, k)
}

// KeepInNotesAs is KeepInNotes naming the field by label.
func KeepInNotesAs(label, notes string, k Kept) string {
	line := label + ": " + k.Value
	if slices.Contains(strings.Split(notes, "\n"), line) {
		return notes
	}
	if strings.TrimSpace(notes) == "" {
		return line
	}
	return strings.TrimRight(notes, "\n") + "\n" + line
}

// SalvageContact makes a contact read from a file importable when it can
// be: a phone number, email or postal code that does not validate is moved
// into the notes, and a contact with no name is named after its first
// email or, failing that, orgName (the organisation the file names). It
// returns what it kept in the notes, in field order. Validate still fails
// afterwards only for a contact with no name, email or organisation.
//
// The phone numbers must have been normalised already (NormalizeIn).
func SalvageContact(lang string, c *model.Contact, orgName string) []Kept {
	var kept []Kept
	keep := func(k Kept) {
		kept = append(kept, k)
		c.Notes = KeepInNotes(lang, c.Notes, k)
	}
	region := model.CountryRegion(c.Address.Country)
	var phones []string
	for _, p := range c.Phones {
		if n, problem := model.NormalizePhoneIn(p, region); problem != model.PhoneOK || n != p {
			if problem == model.PhoneOK {
				problem = model.PhoneInvalid
			}
			keep(Kept{Field: "phones", Value: p, Key: problem})
			continue
		}
		phones = append(phones, p)
	}
	c.Phones = phones
	var emails []string
	for _, e := range c.Emails {
		if !model.ValidEmail(e) {
			keep(Kept{Field: "emails", Value: e, Key: "error.email"})
			continue
		}
		emails = append(emails, e)
	}
	c.Emails = emails
	if err := c.Validate(); err != nil {
		for _, fe := range model.FieldErrors(err) {
			if fe.Field == "address.postal_code" {
				keep(Kept{Field: fe.Field, Value: c.Address.PostalCode, Key: fe.Key})
				c.Address.PostalCode = ""
			}
		}
	}
	if strings.TrimSpace(c.FirstName) == "" && strings.TrimSpace(c.LastName) == "" {
		switch {
		case len(c.Emails) > 0:
			c.LastName = c.Emails[0]
		case strings.TrimSpace(orgName) != "":
			c.LastName = strings.TrimSpace(orgName)
		}
	}
	return kept
}

// Organisation finds the organisation or current municipality a file
// names (a municipality by its Finnish or Swedish name: Raseborg is
// Raasepori). When none has that name and create is set, it plans a new
// organisation: created is returned, and the index holds it, so that
// later records naming it get the same one. err is table.unknown_ref
// (none, and create not set) or table.ambiguous_ref.
func (ix *Index) Organisation(name string, create bool) (id model.ID, created *model.Organisation, err *model.Error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return model.NilID, nil, nil
	}
	id, err = ix.Resolve(name, model.KindOrganisation, model.KindMunicipality)
	if err == nil || err.Key != "table.unknown_ref" {
		if err != nil && err.Key == "table.ambiguous_ref" {
			// An organisation of a municipality's name (the city as an
			// employer) is the one meant.
			if m := ix.Named(name, model.KindOrganisation); len(m) == 1 {
				return m[0].GetMeta().ID, nil, nil
			}
		}
		return id, nil, err
	}
	if !create {
		return model.NilID, nil, err
	}
	o := &model.Organisation{Name: name}
	o.ID = model.NewID()
	if verr := o.Validate(); verr != nil {
		return model.NilID, nil, &model.Error{Code: model.EINVALID, Key: "table.unknown_ref"}
	}
	ix.Put(o)
	return o.ID, o, nil
}

// PlannedOrganisation is an organisation an import adds because a record
// names it: Row is the first card or row that does.
type PlannedOrganisation struct {
	Org *model.Organisation
	Row int
}

// AddOrganisationItems lists the planned organisations in the report,
// each as an added organisation, and returns their items' indexes.
func AddOrganisationItems(rep *Report, orgs []PlannedOrganisation) []int {
	out := make([]int, 0, len(orgs))
	for _, p := range orgs {
		rep.Append(Item{Row: p.Row, Kind: model.KindOrganisation, Action: Add, ID: p.Org.ID, Title: p.Org.Name})
		out = append(out, len(rep.Items)-1)
	}
	return out
}

// String is for logs.
func (k Kept) String() string { return fmt.Sprintf("%s %q: %s", k.Field, k.Value, k.Key) }
