package csv

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"hankekirja/model"
)

// Index is the database as an import or export sees it: every record not
// in the trash, by ID and by name, plus the records an import is about to
// add, so that later rows can refer to earlier ones. Package vcard uses it
// to match contacts.
type Index struct {
	Contacts       []*model.Contact
	Organisations  []*model.Organisation
	Municipalities []*model.Municipality
	Projects       []*model.Project
	Groups         []*model.Group
	Meetings       []*model.Meeting
	byID           map[model.ID]model.Record
}

// LoadIndex reads every record of the kinds interchange files refer to.
func LoadIndex(ctx context.Context, svc model.Services) (*Index, error) {
	ix := &Index{byID: map[model.ID]model.Record{}}
	var err error
	if ix.Contacts, err = loadAll(ctx, svc.Contacts); err != nil {
		return nil, err
	}
	if ix.Organisations, err = loadAll(ctx, svc.Organisations); err != nil {
		return nil, err
	}
	if ix.Municipalities, err = loadAll(ctx, svc.Municipalities); err != nil {
		return nil, err
	}
	if ix.Projects, err = loadAll(ctx, svc.Projects); err != nil {
		return nil, err
	}
	if ix.Groups, err = loadAll(ctx, svc.Groups); err != nil {
		return nil, err
	}
	if svc.Meetings != nil {
		if ix.Meetings, err = loadAll(ctx, svc.Meetings); err != nil {
			return nil, err
		}
	}
	for _, r := range ix.Contacts {
		ix.byID[r.ID] = r
	}
	for _, r := range ix.Organisations {
		ix.byID[r.ID] = r
	}
	for _, r := range ix.Municipalities {
		ix.byID[r.ID] = r
	}
	for _, r := range ix.Projects {
		ix.byID[r.ID] = r
	}
	for _, r := range ix.Groups {
		ix.byID[r.ID] = r
	}
	for _, r := range ix.Meetings {
		ix.byID[r.ID] = r
	}
	return ix, nil
}

// loadAll returns every record of a service that is not in the trash, in
// the service's (Finnish) order.
func loadAll[T any](ctx context.Context, s model.Service[T]) ([]*T, error) {
	page, err := s.List(ctx, model.Filter{})
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(page.Items))
	for _, sum := range page.Items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := s.Get(ctx, sum.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Get returns the record with id, or nil.
func (ix *Index) Get(id model.ID) model.Record { return ix.byID[id] }

// Put adds or replaces a record (one an import is about to write).
func (ix *Index) Put(r model.Record) {
	id := r.GetMeta().ID
	old, had := ix.byID[id]
	ix.byID[id] = r
	switch v := r.(type) {
	case *model.Contact:
		ix.Contacts = putRecord(ix.Contacts, v, old, had)
	case *model.Organisation:
		ix.Organisations = putRecord(ix.Organisations, v, old, had)
	case *model.Municipality:
		ix.Municipalities = putRecord(ix.Municipalities, v, old, had)
	case *model.Project:
		ix.Projects = putRecord(ix.Projects, v, old, had)
	case *model.Group:
		ix.Groups = putRecord(ix.Groups, v, old, had)
	case *model.Meeting:
		ix.Meetings = putRecord(ix.Meetings, v, old, had)
	}
}

func putRecord[T any, P interface {
	*T
	model.Record
}](list []P, r P, old model.Record, had bool) []P {
	if had {
		for i, x := range list {
			if model.Record(x) == old {
				list[i] = r
				return list
			}
		}
	}
	return append(list, r)
}

// sameText compares names as people mean them: ignoring case and runs of
// spaces.
func sameText(a, b string) bool {
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
		if sameText(c.FirstName, first) && sameText(c.LastName, last) {
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

// named returns the records of the kinds whose name (or, for projects, short
// name; for municipalities, code) is s. Among municipalities, current ones
// win over former ones of the same name.
func (ix *Index) named(s string, kinds ...model.Kind) []model.Record {
	var out []model.Record
	for _, k := range kinds {
		switch k {
		case model.KindContact:
			for _, c := range ix.Contacts {
				if sameText(c.Title(), s) {
					out = append(out, c)
				}
			}
		case model.KindOrganisation:
			for _, o := range ix.Organisations {
				if sameText(o.Name, s) {
					out = append(out, o)
				}
			}
		case model.KindMunicipality:
			var current, former []model.Record
			for _, m := range ix.Municipalities {
				if sameText(m.Name.FI, s) || m.Code == strings.TrimSpace(s) {
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
				if sameText(p.Name, s) || (p.ShortName != "" && sameText(p.ShortName, s)) {
					out = append(out, p)
				}
			}
		case model.KindGroup:
			for _, g := range ix.Groups {
				if sameText(g.Name, s) {
					out = append(out, g)
				}
			}
		}
	}
	return out
}

// refText is how a reference is written in a file: the record's name, or
// its ID when the name would not find it again unambiguously.
func (ix *Index) refText(id model.ID, kinds ...model.Kind) string {
	if id.IsZero() {
		return ""
	}
	r := ix.byID[id]
	if r == nil {
		return id.String()
	}
	name := r.Title()
	if strings.TrimSpace(name) == "" || looksLikeID(name) {
		return id.String()
	}
	if m := ix.named(name, kinds...); len(m) == 1 && m[0].GetMeta().ID == id {
		return name
	}
	return id.String()
}

// looksLikeID reports whether s parses as an ID.
func looksLikeID(s string) bool {
	_, err := model.ParseID(s)
	return err == nil
}

// resolve finds the record a reference cell names: an ID, or a name that
// only one record of the kinds has.
func (ix *Index) resolve(s string, kinds ...model.Kind) (model.ID, *model.Error) {
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
	m := ix.named(s, kinds...)
	switch len(m) {
	case 0:
		return model.NilID, &model.Error{Code: model.EINVALID, Key: "table.unknown_ref"}
	case 1:
		return m[0].GetMeta().ID, nil
	}
	return model.NilID, &model.Error{Code: model.EINVALID, Key: "table.ambiguous_ref"}
}

// clone returns a deep copy of a record.
func clone[T any](r *T) *T {
	data, err := json.Marshal(r)
	if err != nil {
		panic("table: cannot copy a record: " + err.Error())
	}
	out := new(T)
	if err := json.Unmarshal(data, out); err != nil {
		panic("table: cannot copy a record: " + err.Error())
	}
	return out
}

// sameRecord reports whether two records hold the same data, metadata
// aside.
func sameRecord[T any, P interface {
	*T
	model.Record
}](a, b P) bool {
	x, y := clone[T]((*T)(a)), clone[T]((*T)(b))
	*P(x).GetMeta(), *P(y).GetMeta() = model.Meta{}, model.Meta{}
	dx, _ := json.Marshal(x)
	dy, _ := json.Marshal(y)
	return string(dx) == string(dy)
}
