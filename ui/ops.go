package ui

import (
	"context"

	"hankekirja/model"
)

// recordOps are the service calls every kind has, without the kind's type,
// so that delete, restore, trash and history can be written once.
type recordOps struct {
	get             func(ctx context.Context, id model.ID) (model.Record, error)
	delete          func(ctx context.Context, id model.ID, unlink bool) error
	restore         func(ctx context.Context, id model.ID) error
	purge           func(ctx context.Context, id model.ID) error
	history         func(ctx context.Context, id model.ID) ([]model.Record, error)
	restoreRevision func(ctx context.Context, id, rev model.ID) error
}

// opsOf returns the calls of the service for kind.
func opsOf(svc model.Services, kind model.Kind) recordOps {
	switch kind {
	case model.KindMunicipality:
		return opsFor(svc.Municipalities)
	case model.KindOrganisation:
		return opsFor(svc.Organisations)
	case model.KindProject:
		return opsFor(svc.Projects)
	case model.KindGroup:
		return opsFor(svc.Groups)
	case model.KindContact:
		return opsFor(svc.Contacts)
	default:
		return opsFor(svc.Meetings)
	}
}

func opsFor[T any, P interface {
	*T
	model.Record
}](s model.Service[T]) recordOps {
	return recordOps{
		get: func(ctx context.Context, id model.ID) (model.Record, error) {
			r, err := s.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return P(r), nil
		},
		delete:  s.Delete,
		restore: s.Restore,
		purge:   s.Purge,
		history: func(ctx context.Context, id model.ID) ([]model.Record, error) {
			revs, err := s.History(ctx, id)
			out := make([]model.Record, len(revs))
			for i, r := range revs {
				out[i] = P(r)
			}
			return out, err
		},
		restoreRevision: s.RestoreRevision,
	}
}
