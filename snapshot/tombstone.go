package snapshot

import (
	"context"
	"slices"

	"hankekirja/model"
)

// tombstones reads what was erased or purged here and what the snapshot
// says was erased on the other laptop. It returns the IDs the import must
// leave out, lists in p.Erase the people here the import erases, and
// takes every mention of an erased person out of the snapshot's records
// and out of this database's records as the plan sees them (the import
// erases them from the stored ones before it merges), so that no merged
// revision names them again.
func (p *Plan) tombstones(ctx context.Context, db Reader, s *Snapshot) (map[model.ID]bool, error) {
	gone := map[model.ID]bool{}
	erased := map[model.ID]bool{}
	if t, ok := db.(Tombstoner); ok {
		ts, err := t.Tombstones(ctx)
		if err != nil {
			return nil, err
		}
		for _, x := range ts {
			gone[x.ID] = true
			if !x.Purged {
				erased[x.ID] = true
			}
		}
	}
	for _, x := range s.Tombstones {
		if x.Purged {
			continue
		}
		p.tombs = append(p.tombs, x)
		if c := p.local[x.ID]; c != nil && !erased[x.ID] && c.Kind == model.KindContact {
			p.Erase = append(p.Erase, Item{ID: x.ID, Kind: c.Kind, Title: c.Current.Title(), Mine: c.Current})
			delete(p.local, x.ID)
		}
		gone[x.ID] = true
		erased[x.ID] = true
	}
	if len(erased) == 0 {
		return gone, nil
	}
	p.scrubbed = map[model.ID]bool{}
	for id, c := range p.local {
		if scrubErased(c.Current, erased) {
			p.scrubbed[id] = true
		}
	}
	// The names of the people erased by this import are known (they are
	// still here): revision notes that name them ("link to … removed") are
	// rewritten too, in the snapshot's revisions and in its history.
	var names []string
	for _, it := range p.Erase {
		if c, ok := it.Mine.(*model.Contact); ok {
			names = append(names, model.NameVariants(c)...)
		}
	}
	for i := range s.Records {
		r := &s.Records[i]
		if scrubErased(r.Current, erased) {
			p.scrubbed[r.ID()] = true
		}
		if len(names) > 0 {
			model.EraseFromNotes(r.Current.GetMeta(), names, model.ErasedPerson)
			for j := range r.History {
				model.EraseFromNotes(&r.History[j], names, model.ErasedPerson)
			}
		}
	}
	return gone, nil
}

// scrubErased replaces every reference r makes to an erased person and
// reports whether there was one.
func scrubErased(r model.Record, erased map[model.ID]bool) bool {
	var ids []model.ID
	for _, ref := range r.Refs() {
		if erased[ref.ID] && !slices.Contains(ids, ref.ID) {
			ids = append(ids, ref.ID)
		}
	}
	for _, id := range ids {
		model.ErasePersonFrom(r, id, nil, model.ErasedPerson, false)
	}
	return len(ids) > 0
}

// hasConfidential reports whether r is a meeting with confidential items
// or tasks.
func hasConfidential(r model.Record) bool {
	m, ok := r.(*model.Meeting)
	return ok && m.HasConfidential()
}

// tombstonesOf returns the erasures of db to write into a snapshot: not
// the purges, which stay local.
func tombstonesOf(ctx context.Context, db Reader) ([]model.Tombstone, error) {
	t, ok := db.(Tombstoner)
	if !ok {
		return nil, nil
	}
	ts, err := t.Tombstones(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.Tombstone
	for _, x := range ts {
		if !x.Purged {
			out = append(out, model.Tombstone{ID: x.ID, On: x.On, Texts: x.Texts})
		}
	}
	return out, nil
}

// keepConfidential puts back into a meeting of the snapshot the content
// of confidential items that the other side never received (see
// model.KeepConfidential).
func keepConfidential(theirs *Record, local *model.Chain) {
	if local == nil {
		return
	}
	t, ok1 := theirs.Current.(*model.Meeting)
	m, ok2 := local.Current.(*model.Meeting)
	if ok1 && ok2 && m.HasConfidential() {
		model.KeepConfidential(t, m)
	}
}

// ErasedContacts returns the contacts the plan erases here, as they were
// before: what is needed to scrub them from the file's free pages and its
// backups afterwards (package store's ScrubErased).
func (p *Plan) ErasedContacts() []*model.Contact {
	var out []*model.Contact
	for _, it := range p.Erase {
		if c, ok := it.Mine.(*model.Contact); ok {
			out = append(out, c)
		}
	}
	return out
}
