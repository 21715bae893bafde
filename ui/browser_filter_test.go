package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hankekirja/model"
	"hankekirja/morph"
	"hankekirja/store"
)

// TestBrowserFilterFindsWordForms: typed into a list's filter, a word in
// another form than the records have lists what search finds of that
// kind, in the list's own order (meetings newest first).
func TestBrowserFilterFindsWordForms(t *testing.T) {
	if !strings.HasPrefix(morph.New().Name(), "Voikko") {
		t.Skip("Voikko is not installed: base forms need it")
	}
	u := newTestUI(t)
	withDemo(t, u)
	<-u.db.(*store.DB).SearchReady()
	for _, c := range []struct {
		section string
		kind    model.Kind
		query   string
	}{
		{"meetings", model.KindMeeting, "kunnassa"},
		{"contacts", model.KindContact, "leppa"},
		{"projects", model.KindProject, "kotihoidon"},
		{"groups", model.KindGroup, "ohjausryhmän"},
	} {
		selectSection(u, c.section)
		b := browserOf(u, c.kind)
		test.Type(b.filter, c.query)
		u.Wait()
		res, err := u.svc.Queries.Find(context.Background(), model.SearchQuery{Text: c.query, Kind: c.kind, PerKind: 10000})
		if err != nil {
			t.Fatal(err)
		}
		found := map[model.ID]bool{}
		for _, h := range res.Hits {
			found[h.Summary.ID] = true
		}
		all, err := b.view.list(context.Background(), u.svc, "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []model.ID
		for _, s := range all.Items {
			if found[s.ID] {
				want = append(want, s.ID)
			}
		}
		for _, s := range loadedItems(b) {
			got = append(got, s.ID)
		}
		if len(want) == 0 || b.total != len(want) || !slices.Equal(got, want) {
			t.Errorf("%s filtered by %q: %d rows %v, search finds %d: %v", c.section, c.query, b.total, got, len(want), want)
		}
		b.filter.SetText("")
		u.Wait()
		if b.total != all.Total {
			t.Errorf("%s with the filter cleared: %d rows, want %d", c.section, b.total, all.Total)
		}
	}
}
