package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hankekirja/model"
	"hankekirja/store"
)

// TestDamagedDatabaseOffersTheBackup opens a database whose meta pages
// are gone: the window says it is damaged and unchanged, offers the
// newest backup by its date, and restoring it opens the backup's records.
func TestDamagedDatabaseOffersTheBackup(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "vahinko.db")
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Contact{FirstName: "Varma", LastName: "Kopio"}
	if err := db.Services().Contacts.Create(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AutoBackup(model.BackupDaily); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, _ := os.ReadFile(path)
	clear(b[:8192])
	os.WriteFile(path, b, 0o600)

	if err := u.OpenDatabase(path); model.ErrorCode(err) != model.EDAMAGED {
		t.Fatalf("OpenDatabase: %v", err)
	}
	u.Wait()
	text := screenText(u)
	if !strings.Contains(text, "on vioittunut") || !strings.Contains(text, "Tiedostoon ei koskettu") {
		t.Fatalf("no damage dialog:\n%s", text)
	}
	test.Tap(findButton(t, u, "Palauta varmuuskopio "+formatWhen(store.ReadBackupInfo(latestBackup(t, path)).Time)))
	u.Wait()
	if u.db == nil || u.db.Path() != path {
		t.Fatal("the restored database is not open")
	}
	if p, _ := u.svc.Contacts.List(context.Background(), model.Filter{Query: "kopio"}); p.Total != 1 {
		t.Errorf("after the restore: %d contacts", p.Total)
	}
	if !strings.Contains(screenText(u), "Vioittunut tiedosto säilytettiin") {
		t.Errorf("no word of the kept file:\n%s", screenText(u))
	}
}

func latestBackup(t *testing.T, path string) string {
	t.Helper()
	list, err := store.ListBackups(path)
	if err != nil || len(list) == 0 {
		t.Fatalf("no backups: %v", err)
	}
	return list[0].Path
}
