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
	// ctx and svc read a record of a kind not loaded (LoadIndexOf).
	ctx context.Context
	svc model.Services
	// names finds records by name (see Named); Put drops it.
	names map[model.Kind]map[string][]model.Record
}

// NewIndex returns an empty index, to collect the records an import adds
// (to find a second row that is the same new record).
func NewIndex() *Index { return &Index{byID: map[model.ID]model.Record{}} }

// LoadIndex reads every record of the kinds interchange files refer to.
func LoadIndex(ctx context.Context, svc model.Services) (*Index, error) {
	return LoadIndexOf(ctx, svc, model.KindContact, model.KindOrganisation, model.KindMunicipality,
		model.KindProject, model.KindGroup, model.KindMeeting)
}

// LoadIndexOf reads every record of the given kinds: an export reads the
// kinds it lists (a CSV of contacts needs the contacts, their
// organisations and municipalities, not twenty thousand meetings). Get
// finds a record of another kind too, reading it when it is first asked
// for.
func LoadIndexOf(ctx context.Context, svc model.Services, kinds ...model.Kind) (*Index, error) {
	ix := NewIndex()
	ix.ctx, ix.svc = ctx, svc
	var err error
	for _, k := range kinds {
		switch k {
		case model.KindContact:
			ix.Contacts, err = loadAll(ctx, svc.Contacts)
		case model.KindOrganisation:
			ix.Organisations, err = loadAll(ctx, svc.Organisations)
		case model.KindMunicipality:
			ix.Municipalities, err = loadAll(ctx, svc.Municipalities)
		case model.KindProject:
			ix.Projects, err = loadAll(ctx, svc.Projects)
		case model.KindGroup:
			ix.Groups, err = loadAll(ctx, svc.Groups)
		case model.KindMeeting:
			if svc.Meetings != nil {
				ix.Meetings, err = loadAll(ctx, svc.Meetings)
			}
		}
		if err != nil {
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
func (ix *Index) Get(id model.ID) model.Record {
	if r, ok := ix.byID[id]; ok || ix.svc.Queries == nil {
		return r
	}
	r := getAny(ix.ctx, ix.svc, id)
	ix.byID[id] = r // nil too: not asked again
	return r
}

// getAny reads the record with id, whatever its kind, unless it is missing
// or in the trash (the index holds live records only).
func getAny(ctx context.Context, svc model.Services, id model.ID) model.Record {
	kind, err := svc.Queries.KindOf(ctx, id)
	if err != nil {
		return nil
	}
	var r model.Record
	switch kind {
	case model.KindContact:
		r, err = asRecord(svc.Contacts.Get(ctx, id))
	case model.KindOrganisation:
		r, err = asRecord(svc.Organisations.Get(ctx, id))
	case model.KindMunicipality:
		r, err = asRecord(svc.Municipalities.Get(ctx, id))
	case model.KindProject:
		r, err = asRecord(svc.Projects.Get(ctx, id))
	case model.KindGroup:
		r, err = asRecord(svc.Groups.Get(ctx, id))
	case model.KindMeeting:
		r, err = asRecord(svc.Meetings.Get(ctx, id))
	}
	if err != nil || r == nil || r.GetMeta().InTrash() {
		return nil
	}
	return r
}

func asRecord[T any, P interface {
	*T
	model.Record
}](r *T, err error) (model.Record, error) {
	if err != nil || r == nil {
		return nil, err
	}
	return P(r), nil
}

// Put adds or replaces a record (one an import is about to write).
func (ix *Index) Put(r model.Record) {
	id := r.GetMeta().ID
	old, had := ix.byID[id]
	ix.byID[id] = r
	ix.renamed(old, had, r)
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

// View runs fn in one read transaction of svc when it offers one (see
// model.Services.View), else as it is.
func View(ctx context.Context, svc model.Services, fn func(ctx context.Context) error) error {
	if svc.View == nil {
		return fn(ctx)
	}
	return svc.View(ctx, fn)
}
