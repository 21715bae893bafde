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
	if p.first == "" && p.last == "" {
		// No N: the last word of FN is the last name.
		fn := strings.Fields(unescape(card.Value(govcard.FieldFormattedName)))
		if len(fn) > 0 {
			p.last = fn[len(fn)-1]
			p.first = strings.Join(fn[:len(fn)-1], " ")
		}
	}
	if f := card.Get(govcard.FieldOrganization); f != nil {
		p.org = component(components(f.Value), 0)
	}
	p.title = strings.TrimSpace(unescape(card.Value(govcard.FieldTitle)))
	for _, f := range card[govcard.FieldTelephone] {
		v := strings.TrimSpace(unescape(f.Value))
		if len(v) > 4 && strings.EqualFold(v[:4], "tel:") {
			v = v[4:]
			if i := strings.IndexByte(v, ';'); i >= 0 {
				v = v[:i] // tel:+358...;ext=5
			}
		}
		if v == "" {
			continue
		}
		if n, ok := model.NormalizePhone(v); ok {
			v = n
		}
		if !slices.Contains(p.phones, v) {
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
// contact's, phone numbers and emails are added.
// It returns the name of an organisation the card names that was not
// found.
func merge(ix *importing.Index, c *model.Contact, p person) (orgName string) {
	if p.first != "" || p.last != "" {
		c.FirstName, c.LastName = p.first, p.last
	}
	if p.title != "" {
		c.JobTitle = p.title
	}
	if p.org != "" {
		if id, ok := findOrg(ix, p.org); ok {
			c.Organisation = id
		} else {
			orgName = p.org
		}
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
	return orgName
}

// findOrg finds an organisation or a municipality by name.
func findOrg(ix *importing.Index, name string) (model.ID, bool) {
	var found []model.ID
	for _, o := range ix.Organisations {
		if strings.EqualFold(strings.TrimSpace(o.Name), strings.TrimSpace(name)) {
			found = append(found, o.ID)
		}
	}
	if len(found) == 0 {
		for _, m := range ix.Municipalities {
			if !m.Former() && strings.EqualFold(m.Name.FI, strings.TrimSpace(name)) {
				found = append(found, m.ID)
			}
		}
	}
	if len(found) != 1 {
		return model.NilID, false
	}
	return found[0], true
}

// Import reads vCards and adds or updates a contact for each, as package
// csv's Import does for a CSV file: a report first, nothing written on
// DryRun, nor when a card is invalid unless SkipInvalid is set. All cards
// are written in one transaction when the store can.
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
		orgName := merge(ix, c, p)
		if orgName != "" {
			it.Note(rc.n, assets.Message(opts.Lang, "vcard.org_not_found", map[string]any{"Name": orgName}))
		}
		c.Normalize()
		it.Title = c.Title()
		if err := c.Validate(); err != nil {
			bad(assets.ErrorText(opts.Lang, err))
			continue
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
	err = importing.Apply(ctx, svc, &rep, opts, func(ctx context.Context) error {
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
