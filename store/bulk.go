package store

import (
	"context"
	"fmt"

	"hankekirja/model"
)

// CreateAll validates and creates many new records in one transaction: all
// or nothing. It is for bulk work (imports, test data): one transaction with
// many puts is two orders of magnitude faster than a transaction per
// record. Records may refer to records created earlier in recs. Each record
// goes through its kind's Create, so the kind's rules apply as they do to
// one record (contacts' phone numbers normalised, meetings normalised,
// municipalities refused). It returns the error of the first record that
// fails (ValidationErrors naming its fields when it is invalid).
func (db *DB) CreateAll(ctx context.Context, recs []model.Record) error {
	creators := creatorsOf(db.Services())
	return db.Atomic(ctx, func(ctx context.Context) error {
		for _, r := range recs {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, ok := creators[r.Kind()]
			if !ok {
				return model.Internal(fmt.Errorf("no store for %s", r.Kind()))
			}
			if err := c.createRecord(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordCreator is a kind's store taking a record of its kind as a
// model.Record.
type recordCreator interface {
	createRecord(ctx context.Context, r model.Record) error
}

// createRecord is Create for a record given as a model.Record.
func (s *kindStore[T, P]) createRecord(ctx context.Context, r model.Record) error {
	p, ok := r.(P)
	if !ok {
		return model.Internal(fmt.Errorf("a %s given to the store of %s", r.Kind(), s.kind))
	}
	return s.Create(ctx, (*T)(p))
}

// creatorsOf returns the kinds' stores by kind.
func creatorsOf(svcs model.Services) map[model.Kind]recordCreator {
	out := map[model.Kind]recordCreator{}
	for k, s := range map[model.Kind]any{
		model.KindMunicipality: svcs.Municipalities, model.KindOrganisation: svcs.Organisations,
		model.KindProject: svcs.Projects, model.KindGroup: svcs.Groups,
		model.KindContact: svcs.Contacts, model.KindMeeting: svcs.Meetings,
	} {
		if c, ok := s.(recordCreator); ok {
			out[k] = c
		}
	}
	return out
}
