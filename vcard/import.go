package vcard

import (
	"context"
	"slices"
	"strings"

	govcard "github.com/emersion/go-vcard"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

// person is what a card says about a contact. Empty fields say nothing.
type person struct {
	id            model.ID
	first, last   string
	title, org    string
	phones        []string
	emails        []string
	address       model.Address
	note          string
	hasAddress    bool
	notIndividual bool
}

// readCard reads a decoded card.
func readCard(card govcard.Card) person {
	var p person
	if k := strings.ToLower(card.Value(govcard.FieldKind)); k != "" && k != "individual" {
		p.notIndividual = true
	}
	uid := strings.TrimSpace(unescape(card.Value(govcard.FieldUID)))
	uid = strings.TrimPrefix(strings.TrimPrefix(uid, "urn:uuid:"), "URN:UUID:")
	if id, err := model.ParseID(uid); err == nil {
		p.id = id
	}
	if f := card.Get(govcard.FieldName); f != nil {
		n := components(f.Value)
		p.last = component(n, 0)
		p.first = strings.TrimSpace(component(n, 1) + " " + component(n, 2))
	}
	p.org = orgOf(card)
	if p.first == "" && p.last == "" {
		// No N: the last word of FN is the last name (unless FN is only
		// the organisation's name, as on a company's card).
		fn := strings.Fields(unescape(card.Value(govcard.FieldFormattedName)))
		if len(fn) > 0 && !importing.SameText(strings.Join(fn, " "), p.org) {
			p.last = fn[len(fn)-1]
			p.first = strings.Join(fn[:len(fn)-1], " ")
		}
	}
	p.title = strings.TrimSpace(unescape(card.Value(govcard.FieldTitle)))
	for _, f := range card[govcard.FieldTelephone] {
		// As written: "tel:+44-555-555-5555;ext=5555" keeps its extension;
		// the number is read once the card's country is known.
		v := strings.TrimSpace(unescape(f.Value))
		if v != "" && !slices.Contains(p.phones, v) {
			p.phones = append(p.phones, v)
		}
	}
	for _, f := range card[govcard.FieldEmail] {
		v := strings.TrimSpace(unescape(f.Value))
		if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
			v = v[7:]
		}
		if v != "" && !slices.ContainsFunc(p.emails, func(e string) bool { return strings.EqualFold(e, v) }) {
			p.emails = append(p.emails, v)
		}
	}
	if f := preferredAddress(card); f != nil {
		a := components(f.Value)
		street := component(a, 2)
		if ext := component(a, 1); ext != "" {
			street = strings.TrimSpace(street + " " + ext)
		}
		if street == "" {
			street = component(a, 0)
		}
		p.address = model.Address{Street: street, City: component(a, 3), PostalCode: component(a, 5), Country: component(a, 6)}
		p.hasAddress = !p.address.IsZero()
	}
	var notes []string
	for _, f := range card[govcard.FieldNote] {
		if v := unescape(f.Value); strings.TrimSpace(v) != "" {
			notes = append(notes, v)
		}
	}
	p.note = strings.Join(notes, "\n")
	return p
}

// orgOf is the organisation a card names: the first component of ORG.
func orgOf(card govcard.Card) string {
	if f := card.Get(govcard.FieldOrganization); f != nil {
		return component(components(f.Value), 0)
	}
	return ""
}

// preferredAddress is the work address, else the preferred one.
func preferredAddress(card govcard.Card) *govcard.Field {
	for _, f := range card[govcard.FieldAddress] {
		if f.Params.HasType("work") {
			return f
		}
	}
	return card.Preferred(govcard.FieldAddress)
}

// merge applies a card to a contact: what the card has replaces the
// contact's, phone numbers and emails are added. The organisation is
// looked up by the caller.
func merge(c *model.Contact, p person, org model.ID) {
	if p.first != "" || p.last != "" {
		c.FirstName, c.LastName = p.first, p.last
	}
	if p.title != "" {
		c.JobTitle = p.title
	}
	if !org.IsZero() {
		c.Organisation = org
	}
	for _, ph := range p.phones {
		if !slices.Contains(c.Phones, ph) {
			c.Phones = append(c.Phones, ph)
		}
	}
	for _, e := range p.emails {
		if !slices.ContainsFunc(c.Emails, func(x string) bool { return strings.EqualFold(x, e) }) {
			c.Emails = append(c.Emails, e)
		}
	}
	if p.hasAddress {
		c.Address = p.address
	}
	if p.note != "" {
		c.Notes = p.note
	}
}

// Import reads vCards and adds or updates a contact for each, as package
// csv's Import does for a CSV file: a report first, nothing written on
// DryRun, nor when a card is invalid unless SkipInvalid is set. All cards
// are written in one transaction when the store can.
//
// A card is not refused for a field that cannot be read: a phone number,
// email or postal code that does not validate is kept in the notes and
// the report says so (importing.SalvageContact). A card is invalid only
// when it cannot be read at all, is not a person's, is ambiguous, or has
// no name, email or organisation. An organisation not found is added
// with opts.CreateOrganisations, else kept in the notes.
func Import(ctx context.Context, svc model.Services, data []byte, opts importing.Options) (importing.Report, error) {
	rep := importing.Report{Format: "vcard", Kind: model.KindContact, Lang: opts.Lang}
	cards := splitCards(data)
	if len(cards) == 0 {
		return rep, &importing.FormatError{Key: "vcard.no_cards"}
	}
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		return rep, err
	}
	type change struct {
		item int
		c    *model.Contact
		add  bool
	}
	var changes []change
	var orgs []importing.PlannedOrganisation
	claimed := map[model.ID]int{}
	added := map[model.ID]bool{} // contacts this file adds
	for _, rc := range cards {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		it := rep.Append(importing.Item{Row: rc.n, Kind: model.KindContact})
		bad := func(text string) { it.Reject(rc.n, text) }
		if rc.err != nil {
			bad(assets.Message(opts.Lang, "vcard.unreadable", nil))
			continue
		}
		card, err := decodeCard(rc.text)
		if err != nil {
			bad(assets.Message(opts.Lang, "vcard.unreadable", nil))
			continue
		}
		p := readCard(card)
		it.Title = strings.TrimSpace(p.first + " " + p.last)
		if p.notIndividual {
			bad(assets.Message(opts.Lang, "vcard.not_person", nil))
			continue
		}
		existing, ambiguous := ix.MatchContact(p.id, p.emails, p.first, p.last)
		if existing != nil && !p.id.IsZero() && existing.ID != p.id && added[existing.ID] {
			// A card with a UID of its own is another contact, even when
			// it shares an email or a name with an earlier card.
			existing, ambiguous = nil, false
		}
		if ambiguous {
			bad(assets.Message(opts.Lang, "table.ambiguous_key", nil))
			continue
		}
		c := &model.Contact{}
		if existing != nil {
			if first, dup := claimed[existing.ID]; dup {
				bad(assets.Message(opts.Lang, "vcard.same_as_card", map[string]any{"Count": first}))
				continue
			}
			c = cloneContact(existing)
		}
		p.phones = normalizePhones(p, opts.Region)
		org, created, oerr := ix.Organisation(p.org, opts.CreateOrganisations)
		merge(c, p, org)
		c.NormalizeIn(opts.Region)
		it.Title = c.Title()
		verr := c.Validate()
		kept := importing.SalvageContact(opts.Lang, c, p.org)
		if oerr != nil {
			k := importing.Kept{Field: "organisation", Value: strings.Join(strings.Fields(p.org), " "), Key: oerr.Key}
			c.Notes = importing.KeepInNotes(opts.Lang, c.Notes, k)
			kept = append(kept, k)
		}
		if err := c.Validate(); err != nil {
			// Nothing to know the contact by: say what the card lacks.
			if verr == nil {
				verr = err
			}
			bad(assets.ErrorText(opts.Lang, verr))
			continue
		}
		it.Title = c.Title()
		for _, k := range kept {
			it.Note(rc.n, k.Text(opts.Lang))
		}
		if created != nil {
			orgs = append(orgs, importing.PlannedOrganisation{Org: created, Row: rc.n})
		}
		switch {
		case existing == nil:
			c.ID = p.id
			if c.ID.IsZero() || ix.Get(c.ID) != nil {
				c.ID = model.NewID()
			}
			it.Action, it.ID = importing.Add, c.ID
			ix.Put(c)
			added[c.ID] = true
			changes = append(changes, change{item: len(rep.Items) - 1, c: c, add: true})
		case sameContact(existing, c):
			it.Action, it.ID = importing.Unchanged, existing.ID
		default:
			it.Action, it.ID = importing.Update, existing.ID
			it.Changes = contactChanges(opts.Lang, existing, c)
			ix.Put(c)
			changes = append(changes, change{item: len(rep.Items) - 1, c: c})
		}
		claimed[c.ID] = rc.n
	}
	orgs = usedOrganisations(orgs, changes, func(ch change) model.ID { return ch.c.Organisation })
	importing.AddOrganisationItems(&rep, orgs)
	err = importing.Apply(ctx, svc, &rep, opts, func(ctx context.Context) error {
		for _, o := range orgs {
			if err := svc.Organisations.Create(ctx, o.Org); err != nil {
				return err
			}
		}
		for _, ch := range changes {
			var err error
			if ch.add {
				err = svc.Contacts.Create(ctx, ch.c)
			} else {
				err = svc.Contacts.Update(ctx, ch.c)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return rep, err
}

// normalizePhones reads a card's numbers in its country (its address's,
// else region) so that they compare with stored ones; a number that
// cannot be read stays as written, for SalvageContact.
func normalizePhones(p person, region string) []string {
	if r := model.CountryRegion(p.address.Country); r != "" {
		region = r
	}
	var out []string
	for _, v := range p.phones {
		if n, problem := model.NormalizePhoneIn(v, region); problem == model.PhoneOK {
			v = n
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// usedOrganisations keeps the planned organisations a change refers to
// (not those of cards found invalid later).
func usedOrganisations[C any](orgs []importing.PlannedOrganisation, changes []C, org func(C) model.ID) []importing.PlannedOrganisation {
	used := map[model.ID]bool{}
	for _, ch := range changes {
		used[org(ch)] = true
	}
	var out []importing.PlannedOrganisation
	for _, o := range orgs {
		if used[o.Org.ID] {
			out = append(out, o)
		}
	}
	return out
}

func cloneContact(c *model.Contact) *model.Contact {
	out := *c
	out.Phones = slices.Clone(c.Phones)
	out.Emails = slices.Clone(c.Emails)
	return &out
}

// sameContact compares what a card can change.
func sameContact(a, b *model.Contact) bool {
	return a.FirstName == b.FirstName && a.LastName == b.LastName && a.JobTitle == b.JobTitle &&
		a.Organisation == b.Organisation && slices.Equal(a.Phones, b.Phones) && slices.Equal(a.Emails, b.Emails) &&
		a.Address == b.Address && a.Notes == b.Notes
}

// contactChanges lists the labels of the fields that differ.
func contactChanges(lang string, a, b *model.Contact) []string {
	var out []string
	add := func(changed bool, field string) {
		if changed {
			out = append(out, assets.FieldLabel(lang, field))
		}
	}
	add(a.FirstName != b.FirstName, "first_name")
	add(a.LastName != b.LastName, "last_name")
	add(a.JobTitle != b.JobTitle, "job_title")
	add(a.Organisation != b.Organisation, "organisation")
	add(!slices.Equal(a.Phones, b.Phones), "phones")
	add(!slices.Equal(a.Emails, b.Emails), "emails")
	add(a.Address != b.Address, "address")
	add(a.Notes != b.Notes, "notes")
	return out
}
