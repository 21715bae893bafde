package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hankekirja/model"
	"hankekirja/snapshot"
	"hankekirja/store"
)

// storeSnapshots and storeBackups give the window what cmd/hankekirja
// gives it, from package store.
func storeSnapshots(d Database) SnapshotStore { return d.(*store.DB) }

type storeBackups struct{}

func (storeBackups) List(dbPath string) ([]model.BackupInfo, error) { return store.ListBackups(dbPath) }
func (storeBackups) Dir(dbPath string) string                       { return store.BackupDir(dbPath) }
func (storeBackups) Restore(dbPath, backupPath string) (string, error) {
	return store.Restore(dbPath, backupPath, nil)
}

// testStore is the store behind the test window.
func testStore(u *UI) *store.DB {
	db, _ := u.db.(*store.DB)
	return db
}

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
	mine := testStore(u)
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
	db := testStore(u)
	if _, err := db.AutoBackup(model.BackupDaily); err != nil {
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
	if bv.restored == "" || testStore(u) == nil || testStore(u) == db {
		t.Fatalf("restored = %q, database %v", bv.restored, u.db)
	}
	if page, _ := u.svc.Contacts.List(ctx, model.Filter{Query: "Onni"}); page.Total != 0 {
		t.Error("the restored database has the contact made after the backup")
	}
	if info := store.ReadBackupInfo(bv.restored); info.Records[model.KindContact] != 1 {
		t.Errorf("the replaced file = %+v", info)
	}
}

// newUIWith opens a window whose Config offers snapshots through snapshots
// (nil: not at all) and no backups.
func newUIWith(t *testing.T, snapshots func(Database) SnapshotStore) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "fi")
	u := New(Config{
		App:       a,
		Open:      func(p string) (Database, error) { return store.Open(p, nil) },
		Snapshots: snapshots,
	})
	u.queueResults()
	if err := u.OpenDatabase(filepath.Join(t.TempDir(), "ui.db")); err != nil {
		t.Fatal(err)
	}
	u.Wait()
	t.Cleanup(u.Close)
	return u
}

// fileMenuItem returns the File menu's item labelled label.
func fileMenuItem(t *testing.T, u *UI, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("File menu lacks %q", label)
	return nil
}

// TestSnapshotItemsWithoutTheirCapability: a window given no snapshot
// store or backups disables those items; one whose database has no
// snapshot store says so instead of doing nothing.
func TestSnapshotItemsWithoutTheirCapability(t *testing.T) {
	t.Run("Disabled", func(t *testing.T) {
		u := newUIWith(t, nil)
		for _, key := range []string{"ui.snapshot.export", "ui.snapshot.import", "ui.snapshot.backups"} {
			if it := fileMenuItem(t, u, T(key)); !it.Disabled {
				t.Errorf("%s is enabled", key)
			}
		}
		if it := fileMenuItem(t, u, T("ui.snapshot.export")); it.Action == nil {
			t.Error("no action behind the item")
		}
	})
	t.Run("ErrUnavailable", func(t *testing.T) {
		u := newUIWith(t, func(Database) SnapshotStore { return nil })
		for _, key := range []string{"ui.snapshot.export", "ui.snapshot.import"} {
			if it := fileMenuItem(t, u, T(key)); it.Disabled {
				t.Errorf("%s is disabled", key)
			}
		}
		u.exportSnapshotDialog()
		u.Wait()
		if text := screenText(u); !strings.Contains(text, T("ui.snapshot.unavailable")) {
			t.Fatalf("export says nothing of the missing snapshot store:\n%s", text)
		}
	})
	t.Run("ErrNoDatabase", func(t *testing.T) {
		u := newTestUI(t)
		u.Close()
		u.importSnapshotDialog()
		if text := screenText(u); !strings.Contains(text, T("ui.snapshot.no_database")) {
			t.Fatalf("import says nothing of the closed database:\n%s", text)
		}
	})
}

// TestSnapshotPreviewNamesTheProject: a project's snapshot is previewed
// under the project's name as this database calls it (read off Fyne's
// thread, with the plan).
func TestSnapshotPreviewNamesTheProject(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	p := &model.Project{Name: "Hyvinvointihanke", Status: model.ProjectRunning}
	if err := u.svc.Projects.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	data, _, err := snapshot.Export(ctx, testStore(u), snapshot.ExportOptions{Project: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Hyvinvointihanke 2026"
	if err := u.svc.Projects.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	lastSnapshotPreview = nil
	u.openSnapshot("oma.hankekirja", data)
	u.Wait()
	if lastSnapshotPreview == nil {
		t.Fatal("no preview")
	}
	if text := screenText(u); !strings.Contains(text, "Hyvinvointihanke 2026") {
		t.Fatalf("the preview does not name the project as it is here:\n%s", text)
	}
}

// TestConflictPhonesAreShownAsEverywhere: a conflict over phone numbers
// shows them in the national form the contact view uses.
func TestConflictPhonesAreShownAsEverywhere(t *testing.T) {
	got := snapshotValue("phones", []byte(`["+358401234567","+3589123456"]`))
	if want := model.FormatPhone("+358401234567") + ", " + model.FormatPhone("+3589123456"); got != want || strings.Contains(got, "+358") {
		t.Fatalf("phones shown as %q, want %q", got, want)
	}
	if got := snapshotValue("first_name", []byte(`"Aino"`)); got != "Aino" {
		t.Fatalf("a name shown as %q", got)
	}
}
