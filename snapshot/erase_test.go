package snapshot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// marker is written into the erased person's name and notes: after the
// erasure no byte of it may be left anywhere.
const marker = "Zqxmerkki"

// TestEraseMeansGone erases a contact named in a group, in the minutes
// (attendance and an agenda text) and in a backup: the marker is in
// neither the file, the backup nor a new snapshot, the file checks clean,
// a snapshot taken before does not bring the person (or a purged record)
// back, and a colleague's copy erases them on import.
func TestEraseMeansGone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	a, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	w := seed(t, a)
	svc := a.Services()
	update(t, svc.Contacts, w.lauri.ID, func(c *model.Contact) {
		c.LastName = marker
		c.Notes = "Soittaa " + marker + "-asiat maanantaisin"
	})
	update(t, svc.Groups, w.group.ID, func(g *model.Group) { g.Members[1].Represents = w.hyvinkaa })
	update(t, svc.Meetings, w.meeting.ID, func(m *model.Meeting) {
		m.Attendance = []model.Attendee{{Person: model.Person{Contact: w.lauri.ID}}}
		m.Items = []model.AgendaItem{{Title: "Palveluverkko", Background: "Lauri " + marker + " esitteli selvityksen."}}
	})
	before := export(t, a)
	if err := svc.Contacts.Delete(ctx, w.onni.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Purge(ctx, w.onni.ID); err != nil {
		t.Fatal(err)
	}
	backup, err := a.AutoBackup(model.BackupDaily)
	if err != nil {
		t.Fatal(err)
	}
	colleague := testDB(t)
	importAll(t, colleague, before)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	rep, err := store.ErasePerson(ctx, path, nil, w.lauri.ID, model.EraseOptions{ReplaceInTexts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Texts) != 1 || rep.Texts[0].Field != "background" {
		t.Errorf("texts naming the person = %+v, want the background", rep.Texts)
	}
	if len(rep.Backups) != 1 || rep.Backups[0].Path != backup || rep.Backups[0].Removed {
		t.Errorf("backups = %+v, want %s rewritten", rep.Backups, backup)
	}
	for _, f := range []string{path, backup} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(marker)) {
			t.Errorf("%s still holds the marker", filepath.Base(f))
		}
	}

	a, err = store.Open(path, &store.Options{NoSync: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	checkDB(t, a)
	svc = a.Services()
	if _, err := svc.Contacts.Get(ctx, w.lauri.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("erased contact: %v, want ENOTFOUND", err)
	}
	m := get(t, svc.Meetings, w.meeting.ID)
	if got, want := m.Attendance[0].Person, (model.Person{Name: "jäsen, Hyvinkää"}); got != want {
		t.Errorf("attendance = %+v, want %+v", got, want)
	}
	if got, want := m.Items[0].Background, "jäsen, Hyvinkää esitteli selvityksen."; got != want {
		t.Errorf("background = %q, want %q", got, want)
	}
	after := export(t, a)
	if bytes.Contains(after, []byte(marker)) {
		t.Error("a new snapshot holds the marker")
	}
	if !bytes.Contains(after, []byte(`{"tombstone":{"id":"`+w.lauri.ID.String())) {
		t.Error("the new snapshot has no tombstone of the erased person")
	}

	// The snapshot taken before brings back neither the erased person nor
	// the purged one.
	p, _ := importAll(t, a, before)
	if p.Refused != 2 {
		t.Errorf("refused = %d, want 2 (the erased and the purged contact)", p.Refused)
	}
	for _, id := range []model.ID{w.lauri.ID, w.onni.ID} {
		if _, err := svc.Contacts.Get(ctx, id); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("contact %s came back: %v", id, err)
		}
	}
	if got := get(t, svc.Meetings, w.meeting.ID).Attendance[0].Person; got.Contact == w.lauri.ID {
		t.Errorf("the minutes name the erased person again: %+v", got)
	}
	checkDB(t, a)

	// The colleague, who still has the person, erases them on import.
	p = plan(t, colleague, after)
	if got := titles(p.Erase); len(got) != 1 || got[0] != "Lauri "+marker {
		t.Errorf("the colleague's preview erases %v, want Lauri", got)
	}
	if _, err := Apply(ctx, colleague, p); err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.Services().Contacts.Get(ctx, w.lauri.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("the colleague still has the erased contact: %v", err)
	}
	for _, r := range get(t, colleague.Services().Meetings, w.meeting.ID).Attendance {
		if r.Contact == w.lauri.ID || bytes.Contains([]byte(r.Name), []byte(marker)) {
			t.Errorf("the colleague's minutes still name the person: %+v", r)
		}
	}
}

// TestTombstoneLines: tombstones survive encoding and decoding, and a
// file whose tombstones are out of order or miscounted is refused.
func TestTombstoneLines(t *testing.T) {
	a, b := model.NewID(), model.NewID()
	on := model.MustDate(2026, 12, 3)
	s := &Snapshot{Header: Header{Scope: ScopeAll, ExportedAt: time.Now().UTC(), ExportedBy: model.NewID()},
		Tombstones: []model.Tombstone{{ID: a, On: on}, {ID: b, On: on, Texts: true}}}
	data, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tombstones) != 2 || got.Tombstones[1] != (model.Tombstone{ID: b, On: on, Texts: true}) {
		t.Errorf("tombstones = %+v", got.Tombstones)
	}
	s.Tombstones[0], s.Tombstones[1] = s.Tombstones[1], s.Tombstones[0]
	if _, err := Encode(s); err == nil {
		t.Error("tombstones out of order were encoded")
	}
	// Without tombstones the header has no count: the file reads as an
	// older version wrote it.
	s.Tombstones = nil
	data, err = Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("tombstone")) {
		t.Error("a snapshot without tombstones mentions them")
	}
}

// TestRedactedSnapshotBackIntoItsSource: a snapshot leaves a confidential
// item's text out under the item's own revision; importing it back into
// the database it came from is not mistaken for tampering, and the text
// stays.
func TestRedactedSnapshotBackIntoItsSource(t *testing.T) {
	a := testDB(t)
	w := seed(t, a)
	svc := a.Services()
	const secret = "Salainen neuvottelutulos"
	update(t, svc.Meetings, w.meeting.ID, func(m *model.Meeting) {
		m.Items = []model.AgendaItem{{Title: "Henkilöstöasia", Background: secret,
			Confidential: &model.Confidential{Ground: "JulkL 24 § 1 mom. 29 k"}}}
	})
	data := export(t, a)
	if bytes.Contains(data, []byte(secret)) {
		t.Fatal("the snapshot holds the confidential text")
	}
	importAll(t, a, data)
	if got := get(t, svc.Meetings, w.meeting.ID).Items[0].Background; got != secret {
		t.Fatalf("after the round trip the item says %q", got)
	}
}
