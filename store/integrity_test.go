package store

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// TestRestoreRevisionRefusesParentLoop restores a revision of A that made
// B its parent, after B has become A's child: the restore would make
// A → B → A, which hid both from the governance tree.
func TestRestoreRevisionRefusesParentLoop(t *testing.T) {
	_, svc := openTestDB(t)
	t.Run("Groups", func(t *testing.T) {
		a := mustCreate(t, svc.Groups, &model.Group{Name: "A", Type: model.GroupSteering})
		b := mustCreate(t, svc.Groups, &model.Group{Name: "B", Type: model.GroupWorking})
		a.Parent = b.ID
		if err := svc.Groups.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
		underB := a.Rev
		a.Parent = model.NilID
		if err := svc.Groups.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
		b.Parent = a.ID
		if err := svc.Groups.Update(ctx, b); err != nil {
			t.Fatal(err)
		}
		wantParentCycle(t, svc.Groups.RestoreRevision(ctx, a.ID, underB))
		if got, _ := svc.Groups.Get(ctx, a.ID); !got.Parent.IsZero() {
			t.Fatalf("the refused restore left A's parent %s", got.Parent)
		}
	})
	t.Run("Projects", func(t *testing.T) {
		a := mustCreate(t, svc.Projects, &model.Project{Name: "A"})
		b := mustCreate(t, svc.Projects, &model.Project{Name: "B", Parent: a.ID})
		first := b.Rev
		b.Parent = model.NilID
		if err := svc.Projects.Update(ctx, b); err != nil {
			t.Fatal(err)
		}
		a.Parent = b.ID
		if err := svc.Projects.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
		wantParentCycle(t, svc.Projects.RestoreRevision(ctx, b.ID, first))
	})
	t.Run("OK", func(t *testing.T) {
		a := mustCreate(t, svc.Groups, &model.Group{Name: "C", Type: model.GroupSteering})
		b := mustCreate(t, svc.Groups, &model.Group{Name: "D", Type: model.GroupWorking, Parent: a.ID})
		first := b.Rev
		b.Parent = model.NilID
		if err := svc.Groups.Update(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := svc.Groups.RestoreRevision(ctx, b.ID, first); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Groups.Get(ctx, b.ID)
		if got.Parent != a.ID || !got.Note.Has(model.NoteRestoredRevision) || got.Note[0].Arg(model.NoteArgRev) != first.String() {
			t.Fatalf("restored: parent %s, note %v", got.Parent, got.Note)
		}
	})
}

func wantParentCycle(t *testing.T, err error) {
	t.Helper()
	wantCode(t, err, model.EINVALID)
	for _, fe := range model.FieldErrors(err) {
		if fe.Field == model.RefParent.String() && fe.Key == "error.parent_cycle" {
			return
		}
	}
	t.Fatalf("err = %v, want error.parent_cycle at %s", err, model.RefParent)
}

// putBehindTheStore writes r as the current revision of its ID directly
// with bbolt, as an older version, a bug or a hand-edited file might have:
// no validation, no index update.
func putBehindTheStore(t *testing.T, db *DB, r model.Record) {
	t.Helper()
	v, err := encodeRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Bolt().Update(func(tx *bolt.Tx) error {
		return putCurrent(tx, r.GetMeta().ID, v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckFindsBadReferences writes references that validation refuses
// behind the store's back and expects Check to report each.
func TestCheckFindsBadReferences(t *testing.T) {
	// Not openTestDB: its clean-up check would fail on purpose here.
	db, err := Open(filepath.Join(t.TempDir(), "bad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	a := mustCreate(t, svc.Groups, &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering})
	b := mustCreate(t, svc.Groups, &model.Group{Name: "Työryhmä", Type: model.GroupWorking, Parent: a.ID})
	p := mustCreate(t, svc.Projects, &model.Project{Name: "Hanke"})
	c := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Aalto"})
	if problems, err := db.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("before: %v %q", err, problems)
	}

	a.Parent = b.ID // A → B → A
	putBehindTheStore(t, db, a)
	c.Organisation = p.ID // a contact's organisation may not be a project
	putBehindTheStore(t, db, c)
	gone := model.NewID()
	p.Parent = gone
	putBehindTheStore(t, db, p)

	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(problems, "\n")
	for _, want := range []string{
		a.ID.String() + " (Ohjausryhmä): its parents make a loop",
		b.ID.String() + " (Työryhmä): its parents make a loop",
		"reference from " + c.ID.String() + " (organisation) to " + p.ID.String() + ", which is not of a kind",
		"reference from " + p.ID.String() + " (parent) to missing record " + gone.String(),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Check does not report %q; it says:\n%s", want, text)
		}
	}
}

// TestCreateAllAppliesPolicies: bulk creation follows each kind's rules as
// Create does (it used to skip the meetings' normalisation).
func TestCreateAllAppliesPolicies(t *testing.T) {
	db, svc := openTestDB(t)
	g := &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering}
	g.ID = model.NewID()
	m := &model.Meeting{Group: g.ID, Date: model.Date{Year: 2026, Month: 3, Day: 12}, Place: "  Hyvinkää  "}
	if err := db.CreateAll(ctx, []model.Record{g, m}); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Meetings.Get(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Year != 2026 || got.Status != model.MeetingPlanned || got.Place != "Hyvinkää" {
		t.Fatalf("meeting not normalised: year %d, status %q, place %q", got.Year, got.Status, got.Place)
	}
	err = db.CreateAll(ctx, []model.Record{&model.Municipality{Code: "999", Name: model.Names{FI: "Uusi"}}})
	wantCode(t, err, model.EREADONLY)
}
