package ui

import (
	"context"
	"path/filepath"
	"testing"

	"hankekirja/model"
	"hankekirja/snapshot"
	"hankekirja/store"
)

func TestSnapshotMenuItems(t *testing.T) {
	u := newTestUI(t)
	want := map[string]bool{T("ui.snapshot.export"): false, T("ui.snapshot.import"): false, T("ui.snapshot.backups"): false}
	for _, it := range u.win.MainMenu().Items[0].Items {
		if _, ok := want[it.Label]; ok {
			want[it.Label] = true
		}
	}
	for label, found := range want {
		if !found {
			t.Errorf("File menu lacks %q", label)
		}
	}
}

// TestSnapshotImportWithConflict: a colleague's database diverges from
// ours; importing their snapshot shows the preview with the conflict's
// fields, and the user's choices decide.
func TestSnapshotImportWithConflict(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	mine := u.storeDB()
	aino := &model.Contact{FirstName: "Aino", LastName: "Virtanen", JobTitle: "valmistelija"}
	if err := u.svc.Contacts.Create(ctx, aino); err != nil {
		t.Fatal(err)
	}
	data, _, err := snapshot.Export(ctx, mine, snapshot.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := store.Open(filepath.Join(t.TempDir(), "theirs.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	s, _ := snapshot.Read(data, "")
	p, _ := snapshot.MakePlan(ctx, theirs, s, nil)
	if _, err := snapshot.Apply(ctx, theirs, p); err != nil {
		t.Fatal(err)
	}
	// They change the title and add Eino; we change the notes and the title.
	c, _ := theirs.Services().Contacts.Get(ctx, aino.ID)
	c.JobTitle = "projektijohtaja"
	theirs.Services().Contacts.Update(ctx, c)
	theirs.Services().Contacts.Create(ctx, &model.Contact{FirstName: "Eino", LastName: "Korhonen"})
	c, _ = u.svc.Contacts.Get(ctx, aino.ID)
	c.JobTitle = "kehittämispäällikkö"
	c.Notes = "Tavoitettavissa ma–to"
	u.svc.Contacts.Update(ctx, c)

	back, _, err := snapshot.Export(ctx, theirs, snapshot.ExportOptions{Passphrase: "sauna"})
	if err != nil {
		t.Fatal(err)
	}
	lastSnapshotPreview = nil
	u.openSnapshot("kollega.hankekirja", back)
	lastPassphraseEntry.SetText("sauna")
	lastPassphraseEntry.OnSubmitted("sauna")
	u.Wait()
	sp := lastSnapshotPreview
	if sp == nil {
		t.Fatal("no preview")
	}
	if len(sp.plan.Add) != 1 || len(sp.plan.Conflicts) != 1 {
		t.Fatalf("plan adds %d and has %d conflicts", len(sp.plan.Add), len(sp.plan.Conflicts))
	}
	title := sp.choices[aino.ID]["title"]
	if title == nil || title.Selected != T("ui.snapshot.keep_mine") {
		t.Fatalf("title choice = %v", title)
	}
	if _, ok := sp.choices[aino.ID]["notes"]; !ok {
		t.Error("no choice for the notes")
	}
	title.SetSelected(T("ui.snapshot.take_theirs"))
	sp.apply()
	u.Wait()
	if sp.applied == nil || sp.applied.Backup == "" {
		t.Fatalf("applied = %+v", sp.applied)
	}
	got, _ := u.svc.Contacts.Get(ctx, aino.ID)
	if got.JobTitle != "projektijohtaja" || got.Notes != "Tavoitettavissa ma–to" {
		t.Errorf("merged contact = %q / %q", got.JobTitle, got.Notes)
	}
	page, _ := u.svc.Contacts.List(ctx, model.Filter{Query: "Eino"})
	if page.Total != 1 {
		t.Errorf("Eino was not added")
	}
}

func TestBackupsDialogRestores(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	db := u.storeDB()
	if _, err := db.AutoBackup(store.BackupDaily); err != nil {
		t.Fatal(err)
	}
	if err := u.svc.Contacts.Create(ctx, &model.Contact{FirstName: "Onni", LastName: "Laine"}); err != nil {
		t.Fatal(err)
	}
	u.backupsDialog()
	u.Wait()
	bv := lastBackups
	if bv == nil || len(bv.list) != 1 {
		t.Fatalf("backups = %+v", bv)
	}
	path := db.Path()
	u.restoreBackup(path, bv.list[0], bv)
	u.Wait()
	if bv.restored == "" || u.storeDB() == nil || u.storeDB() == db {
		t.Fatalf("restored = %q, database %v", bv.restored, u.db)
	}
	if page, _ := u.svc.Contacts.List(ctx, model.Filter{Query: "Onni"}); page.Total != 0 {
		t.Error("the restored database has the contact made after the backup")
	}
	if info := store.ReadBackupInfo(bv.restored); info.Records[model.KindContact] != 1 {
		t.Errorf("the replaced file = %+v", info)
	}
}
