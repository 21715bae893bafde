package store

import (
	"testing"

	"hankekirja/assets/demo"
)

// TestSearchSize: the index's size grows with what it holds, on disk and
// in memory.
func TestSearchSize(t *testing.T) {
	db, svc := openTestDB(t)
	<-db.SearchReady()
	empty, err := db.SearchSize()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	full, err := db.SearchSize()
	if err != nil {
		t.Fatal(err)
	}
	if full.Disk <= empty.Disk || full.Memory <= empty.Memory {
		t.Errorf("SearchSize before the example data %+v, after %+v: want both to grow", empty, full)
	}
	if full.Disk%int64(db.bolt.Info().PageSize) != 0 {
		t.Errorf("Disk %d is not whole pages", full.Disk)
	}
}
