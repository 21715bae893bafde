package store

import (
	"context"
	"os"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Stats are the counts `hankekirja stats` prints.
type Stats struct {
	Path      string             `json:"path"`
	Schema    int                `json:"schema"`
	Device    model.ID           `json:"device"`
	Size      int64              `json:"size_bytes"`
	Records   map[model.Kind]int `json:"records"`
	Trash     int                `json:"trash"`
	Revisions int                `json:"revisions"`
}

// Stats counts the records of each kind (outside the trash), the trash,
// the revisions kept, and the file's size.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Path: db.path, Schema: SchemaVersion(), Device: db.device, Records: map[model.Kind]int{}}
	err := db.view(ctx, func(tx *bolt.Tx) error {
		for _, kind := range model.Kinds {
			st.Records[kind] = count(tx, kind, stateLive)
			st.Trash += count(tx, kind, stateTrash)
		}
		// Every current revision, and every older one kept with content
		// or known by its metadata.
		st.Revisions = st.Trash + total(st.Records) + bucket(tx, bucketHistory).Stats().KeyN
		st.Size = tx.Size()
		return nil
	})
	if fi, err := os.Stat(db.path); err == nil {
		st.Size = fi.Size()
	}
	return st, err
}

func total(m map[model.Kind]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
