package ui

import (
	"context"
	"strings"
	"testing"

	"hankekirja/model"
)

// TestCompactFromTheMenu compacts through the File menu's dialog: the
// database is closed for it, opened again afterwards and still holds its
// records; the result dialog gives the sizes.
func TestCompactFromTheMenu(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	var compacted string
	u.cfg.Compact = func(ctx context.Context, path string, progress func(done, total int64)) (int64, int64, error) {
		if u.db != nil {
			t.Error("the database is still open while it is compacted")
		}
		compacted = path
		progress(50, 100)
		return 3 << 20, 1 << 20, nil
	}
	path := u.db.Path()
	u.compact()
	u.Wait()
	if compacted != path {
		t.Fatalf("compacted %q, want %q", compacted, path)
	}
	if u.db == nil {
		t.Fatal("the database was not opened again")
	}
	page, err := u.svc.Projects.List(context.Background(), model.Filter{})
	if err != nil || page.Total == 0 {
		t.Fatalf("after compacting: %d projects, %v", page.Total, err)
	}
	if text := screenText(u); !strings.Contains(text, "koko ennen 3,0 Mt, nyt 1,0 Mt") {
		t.Errorf("no result shown:\n%s", text)
	}
}

// TestCompactCancelled: a cancelled compaction says the database is as it
// was, and the database is open again.
func TestCompactCancelled(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	u.cfg.Compact = func(ctx context.Context, path string, progress func(done, total int64)) (int64, int64, error) {
		return 0, 0, context.Canceled
	}
	u.compact()
	u.Wait()
	if u.db == nil || !strings.Contains(screenText(u), "keskeytettiin") {
		t.Errorf("after a cancelled compaction: db %v\n%s", u.db, screenText(u))
	}
}
