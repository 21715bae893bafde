package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// registryTime is the time stamped on the embedded registry's records. It
// and the revision IDs below are the same in every database, so that two
// laptops' copies of Hyvinkää are recognised as the same revision when their
// snapshots meet.
var registryTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// registryRev is the revision ID of a municipality as the registry ships it.
func registryRev(code string) model.ID {
	return model.ReferenceID("municipality-revision", code+"@2026")
}

// seedRegistry writes the embedded municipality registry into a new
// database.
func (db *DB) seedRegistry(tx *bolt.Tx) error {
	ms, err := registry.Municipalities()
	if err != nil {
		return model.Internal(err)
	}
	for i := range ms {
		m := &ms[i]
		m.Meta = model.Meta{
			ID:      model.MunicipalityID(m.Code),
			Rev:     registryRev(m.Code),
			Created: registryTime,
			Updated: registryTime,
		}
		if err := db.put(tx, m, nil); err != nil {
			return err
		}
	}
	return nil
}
