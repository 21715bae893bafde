package importing

import (
	"slices"
	"strings"

	"hankekirja/model"
)

// SameText compares names as people mean them: ignoring case and runs of
// spaces.
func SameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// ContactByEmail returns the contacts having any of the emails.
func (ix *Index) ContactByEmail(emails []string) []*model.Contact {
	var out []*model.Contact
	for _, c := range ix.Contacts {
		for _, e := range c.Emails {
			if slices.ContainsFunc(emails, func(x string) bool { return x != "" && strings.EqualFold(strings.TrimSpace(x), e) }) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// ContactByName returns the contacts with the first and last name.
func (ix *Index) ContactByName(first, last string) []*model.Contact {
	if strings.TrimSpace(first+last) == "" {
		return nil
	}
	var out []*model.Contact
	for _, c := range ix.Contacts {
		if SameText(c.FirstName, first) && SameText(c.LastName, last) {
			out = append(out, c)
		}
	}
	return out
}

// MatchContact finds the contact a record from a file is: by ID, else by
// any of its emails, else by first and last name. ambiguous is set when the
// key matches several contacts.
//
// An email that is not valid finds nothing: it is kept in the notes, not
// as an email, so it is no key (two rows with the same typo are two
// people unless their names say otherwise).
func (ix *Index) MatchContact(id model.ID, emails []string, first, last string) (c *model.Contact, ambiguous bool) {
	if c, ok := ix.byID[id].(*model.Contact); ok && !id.IsZero() {
		return c, false
	}
	var valid []string
	for _, e := range emails {
		if model.ValidEmail(strings.TrimSpace(e)) {
			valid = append(valid, e)
		}
	}
	emails = valid
	if m := ix.ContactByEmail(emails); len(m) > 0 {
		return m[0], len(m) > 1
	}
	m := ix.ContactByName(first, last)
	if len(m) == 0 {
		return nil, false
	}
	return m[0], len(m) > 1
}

// Named returns the records of the kinds whose name (or, for projects, short
// name; for municipalities, code) is s. Among municipalities, current ones
// win over former ones of the same name.
//
// Names are looked up in a map made on first use (an export asks for every
// row's references: a scan per cell took 50 000 contacts four seconds).
func (ix *Index) Named(s string, kinds ...model.Kind) []model.Record {
	key := nameKey(s)
	var out []model.Record
	for _, k := range kinds {
		byName := ix.namesOf(k)
		if k != model.KindMunicipality {
			out = append(out, byName[key]...)
			continue
		}
		var current, former []model.Record
		for _, r := range append(byName[key], byName[codeKey(s)]...) {
			if r.(*model.Municipality).Former() {
				former = append(former, r)
			} else {
				current = append(current, r)
			}
		}
		if len(current) > 0 {
			out = append(out, current...)
		} else {
			out = append(out, former...)
		}
	}
	return out
}

// nameKey is a name as SameText compares it.
func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// codeKey is a municipality code in the names map, apart from the names.
func codeKey(s string) string { return "\x00" + strings.TrimSpace(s) }

// namesOf returns the records of kind by nameKey of each name they are
// found by, in list order (Put keeps it up to date).
func (ix *Index) namesOf(k model.Kind) map[string][]model.Record {
	if m, ok := ix.names[k]; ok {
		return m
	}
	m := map[string][]model.Record{}
	switch k {
	case model.KindContact:
		for _, c := range ix.Contacts {
			addNames(m, c)
		}
	case model.KindOrganisation:
		for _, o := range ix.Organisations {
			addNames(m, o)
		}
	case model.KindMunicipality:
		for _, mu := range ix.Municipalities {
			addNames(m, mu)
		}
	case model.KindProject:
		for _, p := range ix.Projects {
			addNames(m, p)
		}
	case model.KindGroup:
		for _, g := range ix.Groups {
			addNames(m, g)
		}
	}
	if ix.names == nil {
		ix.names = map[model.Kind]map[string][]model.Record{}
	}
	ix.names[k] = m
	return m
}

// namesKeys are the keys r is found by in a names map.
func namesKeys(r model.Record) []string {
	var keys []string
	add := func(name string) {
		if k := nameKey(name); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	switch v := r.(type) {
	case *model.Contact:
		add(v.Title())
	case *model.Organisation:
		add(v.Name)
	case *model.Municipality:
		add(v.Name.FI)
		add(v.Name.SV) // Raseborg finds Raasepori
		if strings.TrimSpace(v.Code) != "" {
			keys = append(keys, codeKey(v.Code))
		}
	case *model.Project:
		add(v.Name)
		add(v.ShortName)
	case *model.Group:
		add(v.Name)
	}
	return keys
}

func addNames(m map[string][]model.Record, r model.Record) {
	for _, k := range namesKeys(r) {
		m[k] = append(m[k], r)
	}
}

// renamed updates the names maps for Put: r replaces old (when had).
func (ix *Index) renamed(old model.Record, had bool, r model.Record) {
	m, ok := ix.names[r.Kind()]
	if !ok {
		return
	}
	if had && old != nil {
		for _, k := range namesKeys(old) {
			m[k] = slices.DeleteFunc(m[k], func(x model.Record) bool { return x == old })
		}
	}
	addNames(m, r)
}

// RefText is how a reference is written in a file: the record's name, or
// its ID when the name would not find it again unambiguously.
func (ix *Index) RefText(id model.ID, kinds ...model.Kind) string {
	if id.IsZero() {
		return ""
	}
	r := ix.byID[id]
	if r == nil {
		return id.String()
	}
	name := r.Title()
	if strings.TrimSpace(name) == "" || LooksLikeID(name) {
		return id.String()
	}
	if m := ix.Named(name, kinds...); len(m) == 1 && m[0].GetMeta().ID == id {
		return name
	}
	return id.String()
}

// LooksLikeID reports whether s parses as an ID.
func LooksLikeID(s string) bool {
	_, err := model.ParseID(s)
	return err == nil
}

// Resolve finds the record a reference cell names: an ID, or a name that
// only one record of the kinds has.
func (ix *Index) Resolve(s string, kinds ...model.Kind) (model.ID, *model.Error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return model.NilID, nil
	}
	if id, err := model.ParseID(s); err == nil {
		if r := ix.byID[id]; r != nil && slices.Contains(kinds, r.Kind()) {
			return id, nil
		}
		return model.NilID, &model.Error{Code: model.EINVALID, Key: "table.unknown_ref"}
	}
	m := ix.Named(s, kinds...)
	switch len(m) {
	case 0:
		return model.NilID, &model.Error{Code: model.EINVALID, Key: "table.unknown_ref"}
	case 1:
		return m[0].GetMeta().ID, nil
	}
	return model.NilID, &model.Error{Code: model.EINVALID, Key: "table.ambiguous_ref"}
}
