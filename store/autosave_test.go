package store

import (
	"os"
	"testing"

	"hankekirja/model"
	"hankekirja/snapshot"
)

// TestAutosavesKeepOneRevisionPerSession: thirty autosaves of one editing
// session leave one revision after the last explicit save, each autosave
// with a revision ID of its own; an explicit save, a second session and a
// snapshot (MarkShared) each keep what came before them.
func TestAutosavesKeepOneRevisionPerSession(t *testing.T) {
	db, svc := openTestDB(t)
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Sihteeri", LastName: "Kirjoittaja"})
	history := func() []*model.Contact {
		t.Helper()
		h, err := svc.Contacts.History(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	session := model.NewID()
	sctx := model.WithEditSession(ctx, session)
	revs := map[model.ID]bool{}
	sizeBefore := fileSize(t, db.Path())
	for i := range 30 {
		c.Notes = "muistio " + string(rune('a'+i%26))
		if err := svc.Contacts.Update(sctx, c); err != nil {
			t.Fatal(err)
		}
		if revs[c.Rev] {
			t.Fatalf("autosave %d reused revision %s", i, c.Rev)
		}
		revs[c.Rev] = true
	}
	h := history()
	if len(h) != 2 {
		t.Fatalf("after 30 autosaves: %d revisions, want 2 (created, the session's)", len(h))
	}
	if h[1].ParentRev != h[0].Rev || h[1].Notes != c.Notes {
		t.Errorf("the session's revision: parent %s (want %s), notes %q", h[1].ParentRev, h[0].Rev, h[1].Notes)
	}
	if grown := fileSize(t, db.Path()) - sizeBefore; grown > 256<<10 {
		t.Errorf("30 autosaves grew the file by %d bytes", grown)
	}

	// An explicit save keeps the session's revision; the next autosave of
	// the same session starts a new one.
	c.Notes = "tallennettu"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := svc.Contacts.Update(sctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(history()); n != 4 {
		t.Fatalf("after an explicit save and 3 autosaves: %d revisions, want 4", n)
	}

	// A snapshot written now shares the autosave: the next one keeps it.
	if err := db.MarkShared(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Update(sctx, c); err != nil {
		t.Fatal(err)
	}
	if n := len(history()); n != 5 {
		t.Fatalf("after a snapshot and an autosave: %d revisions, want 5", n)
	}

	// Another session keeps the first one's revision.
	other := model.WithEditSession(ctx, model.NewID())
	for range 2 {
		if err := svc.Contacts.Update(other, c); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(history()); n != 6 {
		t.Fatalf("after a second session: %d revisions, want 6", n)
	}

	// A restore from the trash is no autosave: the session cannot replace it.
	if err := svc.Contacts.Delete(ctx, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Restore(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Contacts.Get(ctx, c.ID)
	if err := svc.Contacts.Update(other, c); err != nil {
		t.Fatal(err)
	}
	h = history()
	if n := len(h); n != 9 || h[6].Deleted == nil || h[7].Deleted != nil {
		t.Fatalf("after delete, restore and an autosave: %d revisions, want 9 with the delete and the restore kept", n)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestSnapshotExportSharesTheAutosave: once a snapshot has been written,
// the autosave in it is kept by the next autosave of the same session.
func TestSnapshotExportSharesTheAutosave(t *testing.T) {
	db, svc := openTestDB(t)
	c := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Jaettu"})
	sctx := model.WithEditSession(ctx, model.NewID())
	svc.Contacts.Update(sctx, c)
	svc.Contacts.Update(sctx, c)
	before, _ := svc.Contacts.History(ctx, c.ID)
	if _, _, err := snapshot.Export(ctx, db, snapshot.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	svc.Contacts.Update(sctx, c)
	after, _ := svc.Contacts.History(ctx, c.ID)
	if len(after) != len(before)+1 {
		t.Errorf("after a snapshot: %d revisions, want %d", len(after), len(before)+1)
	}
}
