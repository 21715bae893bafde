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
func (ix *Index) MatchContact(id model.ID, emails []string, first, last string) (c *model.Contact, ambiguous bool) {
	if c, ok := ix.byID[id].(*model.Contact); ok && !id.IsZero() {
		return c, false
	}
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
func (ix *Index) Named(s string, kinds ...model.Kind) []model.Record {
	var out []model.Record
	for _, k := range kinds {
		switch k {
		case model.KindContact:
			for _, c := range ix.Contacts {
				if SameText(c.Title(), s) {
					out = append(out, c)
				}
			}
		case model.KindOrganisation:
			for _, o := range ix.Organisations {
				if SameText(o.Name, s) {
					out = append(out, o)
				}
			}
		case model.KindMunicipality:
			var current, former []model.Record
			for _, m := range ix.Municipalities {
				if SameText(m.Name.FI, s) || m.Code == strings.TrimSpace(s) {
					if m.Former() {
						former = append(former, m)
					} else {
						current = append(current, m)
					}
				}
			}
			if len(current) > 0 {
				out = append(out, current...)
			} else {
				out = append(out, former...)
			}
		case model.KindProject:
			for _, p := range ix.Projects {
				if SameText(p.Name, s) || (p.ShortName != "" && SameText(p.ShortName, s)) {
					out = append(out, p)
				}
			}
		case model.KindGroup:
			for _, g := range ix.Groups {
				if SameText(g.Name, s) {
					out = append(out, g)
				}
			}
		}
	}
	return out
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
