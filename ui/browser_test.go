package ui

import (
	"context"
	"fmt"
	"testing"

	"hankekirja/model"
)

// TestBrowserPagesThroughALongList: a list longer than a page shows its
// full count, loads a far page when its rows are drawn, keeps at most
// maxListPages pages, and every loaded row is the record the store has at
// that place in Finnish order.
func TestBrowserPagesThroughALongList(t *testing.T) {
	u := newTestUI(t)
	n := 3*listPage + 17
	err := u.svc.Atomic(context.Background(), func(ctx context.Context) error {
		for i := range n {
			if err := u.svc.Contacts.Create(ctx, &model.Contact{FirstName: "Etu", LastName: fmt.Sprintf("Suku%04d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	selectSection(u, "contacts")
	b := browserOf(u, model.KindContact)
	b.reload()
	u.Wait()
	if b.total != n || len(b.pages) != 1 {
		t.Fatalf("total %d with %d pages loaded, want %d with 1", b.total, len(b.pages), n)
	}
	last := n - 1
	if _, ok := b.item(last); ok {
		t.Fatal("the last row is loaded before it was drawn")
	}
	b.list.ScrollToBottom()
	u.Wait()
	s, ok := b.item(last)
	all, err := u.svc.Contacts.List(context.Background(), model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !ok || s.ID != all.Items[last].ID {
		t.Fatalf("last row after scrolling: %q (loaded %v), want %q", s.Title, ok, all.Items[last].Title)
	}
	for i, s := range loadedItems(b) {
		if s.ID != all.Items[i].ID {
			t.Fatalf("row %d is %q, the store has %q there", i, s.Title, all.Items[i].Title)
		}
	}
	for p := range 3*maxListPages + 1 {
		b.fetch(p % 4)
		u.Wait()
	}
	if len(b.pages) > maxListPages {
		t.Errorf("%d pages kept, at most %d", len(b.pages), maxListPages)
	}
}
