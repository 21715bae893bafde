package importing

import (
	"context"

	"hankekirja/model"
)

// Index is the database as an import or export sees it: every record not
// in the trash, by ID and by name, plus the records an import is about to
// add, so that later rows can refer to earlier ones.
type Index struct {
	Contacts       []*model.Contact
	Organisations  []*model.Organisation
	Municipalities []*model.Municipality
	Projects       []*model.Project
	Groups         []*model.Group
	Meetings       []*model.Meeting
	byID           map[model.ID]model.Record
}

// NewIndex returns an empty index, to collect the records an import adds
// (to find a second row that is the same new record).
func NewIndex() *Index { return &Index{byID: map[model.ID]model.Record{}} }

// LoadIndex reads every record of the kinds interchange files refer to.
func LoadIndex(ctx context.Context, svc model.Services) (*Index, error) {
	ix := NewIndex()
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
