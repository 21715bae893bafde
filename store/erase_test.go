package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/model"
)

// TestEraseFromTheTrash erases a contact already in the trash, whom
// deleting unlinked from the minutes (leaving the name) and whom an older
// revision of the minutes still names: neither the file nor the history
// keeps the name, and the tombstone is recorded.
func TestEraseFromTheTrash(t *testing.T) {
	const marker = "Zqxroskakori"
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: marker, Notes: "muistiinpano " + marker})
	g := mustCreate(t, svc.Groups, &model.Group{Name: "Työryhmä", Type: model.GroupWorking,
		Members: []model.Membership{{Contact: c.ID, Role: model.RoleSecretary}}})
	m := mustCreate(t, svc.Meetings, &model.Meeting{Group: g.ID, GroupName: g.Name, Date: model.MustDate(2026, 11, 3),
		Secretary: model.Person{Contact: c.ID, Name: c.Title()}})
	m.Place = "Kaupungintalo"
	if err := svc.Meetings.Update(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Delete(ctx, c.ID, true); err != nil {
		t.Fatal(err)
	}
	db.Close()

	rep, err := ErasePerson(ctx, path, nil, c.ID, model.EraseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records < 2 {
		t.Errorf("rewrote %d revisions, want the meeting's current and older ones", rep.Records)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(marker)) {
		t.Error("the file still holds the name")
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
	got, err := db.Services().Meetings.Get(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (model.Person{Name: model.ErasedPerson}); got.Secretary != want {
		t.Errorf("secretary = %+v, want %+v", got.Secretary, want)
	}
	ts, err := db.Tombstones(ctx)
	if err != nil || len(ts) != 1 || ts[0].ID != c.ID || ts[0].Purged {
		t.Errorf("tombstones = %+v, %v", ts, err)
	}
	db.Close()
	if _, err := ErasePerson(ctx, path, nil, c.ID, model.EraseOptions{}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("erasing again: %v, want ENOTFOUND", err)
	}
}

// TestErasureLeavesNothingInTheSearchIndex: the index held the person's
// name and the texts naming them; after the erasure a search finds
// nothing and no form of the name, folded or not, is left in the file.
func TestErasureLeavesNothingInTheSearchIndex(t *testing.T) {
	const marker = "Zqxhakemisto"
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	<-db.SearchReady()
	svc := db.Services()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: marker})
	other := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Virtanen"})
	g := mustCreate(t, svc.Groups, &model.Group{Name: "Työryhmä", Type: model.GroupWorking,
		Members: []model.Membership{{Contact: c.ID, Role: model.RoleMember}}})
	mustCreate(t, svc.Meetings, &model.Meeting{Group: g.ID, GroupName: g.Name, Date: model.MustDate(2026, 11, 3),
		Items: []model.AgendaItem{{Title: "Palveluverkko", Background: "Aino " + marker + " esitteli selvityksen."}}})
	found, err := svc.Queries.Find(ctx, model.SearchQuery{Text: marker})
	if err != nil || len(found.Hits) < 2 {
		t.Fatalf("before the erasure the search finds %d hits (%v), want the contact and the meeting", len(found.Hits), err)
	}
	db.Close()

	if _, err := ErasePerson(ctx, path, nil, c.ID, model.EraseOptions{ReplaceInTexts: true}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(data), []byte("zqxhakemisto")) {
		t.Error("the file still holds the name in some form")
	}
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	<-db.SearchReady()
	found, err = db.Services().Queries.Find(ctx, model.SearchQuery{Text: marker})
	if err != nil || len(found.Hits) != 0 {
		t.Fatalf("after the erasure the search finds %+v (%v)", found.Hits, err)
	}
	// The name's words that others have stay: Aino Virtanen is found.
	found, err = db.Services().Queries.Find(ctx, model.SearchQuery{Text: "ain", Kind: model.KindContact})
	if err != nil || len(found.Hits) != 1 || found.Hits[0].Summary.ID != other.ID {
		t.Fatalf("the other Aino is not found by a prefix: %+v (%v)", found.Hits, err)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
