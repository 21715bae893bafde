package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/store"
)

// failedBackupDB is the store's database whose automatic backup failed
// on a full disk.
type failedBackupDB struct{ *store.DB }

func (failedBackupDB) BackupError() error {
	return &model.Error{Code: model.EFULL, Key: "error.disk_full", Args: map[string]any{"Path": "/media/muistitikku/backups/hanke.bak"}}
}

// TestFailedBackupShowsABar: a database whose automatic backup failed
// opens as usual, and a bar at the window's foot says why, without a
// dialog in the way; its close button hides it. A backup that worked
// shows nothing.
func TestFailedBackupShowsABar(t *testing.T) {
	u := newTestUI(t)
	if u.shell.bar.box.Visible() {
		t.Fatal("the bar shows although the backup worked")
	}
	if len(u.notices) != 0 {
		t.Fatalf("notices after a good open: %d", len(u.notices))
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "hanke.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	u.useDatabase(failedBackupDB{db})
	u.Wait()
	if !u.shell.bar.box.Visible() {
		t.Fatal("no bar after the automatic backup failed")
	}
	want := "Automaattinen varmuuskopio epäonnistui: tiedoston /media/muistitikku/backups/hanke.bak levy on täynnä"
	if got := u.shell.bar.label.Text; !strings.HasPrefix(got, want) {
		t.Errorf("the bar says %q, want it to start %q", got, want)
	}
	if len(u.notices) != 0 {
		t.Errorf("a failed backup opened %d dialogs; the bar is enough", len(u.notices))
	}
	var closeButton *widget.Button
	for _, o := range objects(u.shell.bar.box) {
		if b, ok := o.(*widget.Button); ok {
			closeButton = b
		}
	}
	if closeButton == nil {
		t.Fatal("the bar has no close button")
	}
	test.Tap(closeButton)
	if u.shell.bar.box.Visible() {
		t.Error("the bar stays after its close button")
	}
}
