package store

import (
	"context"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// CreateAll validates and creates many new records in one transaction: all
// or nothing. It is for bulk work (imports, test data): one transaction with
// many puts is two orders of magnitude faster than a transaction per
// record. Records may refer to records created earlier in recs. It returns
// ValidationErrors naming the first invalid record's fields.
func (db *DB) CreateAll(ctx context.Context, recs []model.Record) error {
	for _, r := range recs {
		if c, ok := r.(*model.Contact); ok {
			c.Normalize()
		}
		if _, ok := r.(*model.Municipality); ok {
			return (municipalityPolicy{}).beforeCreate(r)
		}
	}
	return db.update(ctx, func(tx *bolt.Tx) error {
		now := db.now()
		for _, r := range recs {
			if err := ctx.Err(); err != nil {
				return err
			}
			m := r.GetMeta()
			if m.ID.IsZero() {
				m.ID = model.NewID()
			} else if rawCurrent(tx, m.ID) != nil {
				return &model.Error{Code: model.ECONFLICT, Field: "id", Key: "error.duplicate"}
			}
			*m = model.Meta{ID: m.ID, Rev: model.NewID(), Created: now, Updated: now, Device: db.device}
			if err := db.validate(tx, r); err != nil {
				return err
			}
			if err := db.put(tx, r, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
