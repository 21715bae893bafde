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
