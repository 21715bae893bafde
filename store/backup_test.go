package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
)

// clock is a settable clock for Options.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestDailyBackupOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	c := &clock{time.Date(2026, 11, 23, 8, 0, 0, 0, time.Local)}
	open := func(change bool) {
		t.Helper()
		db, err := Open(path, &Options{Now: c.now})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.BackupError(); err != nil {
			t.Errorf("backup: %v", err)
		}
		if change {
			mustCreate(t, db.Services().Contacts, &model.Contact{LastName: "Muutos"})
		}
		db.Close()
	}
	count := func() int { return len(backupFiles(path)) }
	open(true) // a new database: nothing to back up
	if n := count(); n != 0 {
		t.Fatalf("%d backups of a new database", n)
	}
	open(true)
	c.t = c.t.Add(3 * time.Hour)
	open(true)
	if n := count(); n != 1 {
		t.Fatalf("%d backups after two opens on one day, want 1", n)
	}
	c.t = c.t.Add(24 * time.Hour)
	open(false)
	if n := count(); n != 2 {
		t.Fatalf("%d backups after a second day, want 2", n)
	}
	if b := backupFiles(path)[0]; b.Reason != model.BackupDaily || !b.Time.Equal(c.t.UTC().Truncate(time.Millisecond)) {
		t.Errorf("newest backup = %+v", b)
	}
	// Nothing changed since that backup: the next days copy nothing.
	for range 3 {
		c.t = c.t.Add(24 * time.Hour)
		open(false)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d backups after three days without a change, want 2", n)
	}
	c.t = c.t.Add(24 * time.Hour)
	open(true)
	c.t = c.t.Add(24 * time.Hour)
	open(false)
	if n := count(); n != 3 {
		t.Fatalf("%d backups after a change, want 3", n)
	}
}

// TestCloseAbandonsTheDailyBackup: Close does not wait for the day's copy
// of the file; the copy it interrupts leaves nothing behind, and the next
// open makes it.
func TestCloseAbandonsTheDailyBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	err = svc.Atomic(ctx, func(ctx context.Context) error {
		for i := range 20000 {
			if err := svc.Contacts.Create(ctx, &model.Contact{FirstName: "Etu", LastName: fmt.Sprint("Suku", i), Notes: strings.Repeat("muistiinpano ", 40)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	db.closing.Store(true) // as Close does
	if err := db.dailyBackup(); err != nil {
		t.Fatalf("abandoned backup reported %v", err)
	}
	db.Close()
	entries, _ := os.ReadDir(BackupDir(path))
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BackupError(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if n := len(backupFiles(path)); n != 1 {
		t.Errorf("%d backups after a full open, want 1", n)
	}
}

// TestRotation backs up several times a day for ten weeks and checks what
// the rotation keeps.
func TestRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	c := &clock{time.Date(2026, 9, 1, 9, 0, 0, 0, time.Local)}
	db, err := Open(path, &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Another database's backups in the same directory are left alone.
	other, err := Open(filepath.Join(dir, "other.db"), &Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	otherBackup, err := other.AutoBackup(model.BackupImport)
	other.Close()
	if err != nil {
		t.Fatal(err)
	}
	start := c.t
	for day := 0; day < 70; day++ {
		if day%9 == 4 {
			continue // days without a backup
		}
		for _, hour := range []int{9, 13, 17} {
			c.t = start.AddDate(0, 0, day).Add(time.Duration(hour-9) * time.Hour)
			if _, err := db.AutoBackup(model.BackupImport); err != nil {
				t.Fatal(err)
			}
		}
	}
	now := c.t
	files := backupFiles(path)
	days, weeks := map[string]bool{}, map[string]bool{}
	for _, b := range files {
		days[b.Time.Local().Format("2006-01-02")] = true
		y, w := b.Time.Local().ISOWeek()
		weeks[time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, w*7).Format("2006-01-02")] = true
	}
	// The last day's three, one each of six more days, and older weeks'.
	recent := 0
	for _, b := range files {
		if now.Sub(b.Time) < keepAllFor {
			recent++
		}
	}
	if recent != 3 {
		t.Errorf("%d backups from the last 24 hours, want 3", recent)
	}
	if len(days) < keepDaily || len(files) > 3+keepDaily-1+keepWeekly {
		t.Errorf("kept %d backups over %d days: %v", len(files), len(days), files)
	}
	oldest := files[len(files)-1].Time
	if age := now.Sub(oldest); age < 14*24*time.Hour || age > 28*24*time.Hour {
		t.Errorf("the oldest backup kept is %v old, want two to four weeks", age)
	}
	if _, err := os.Stat(otherBackup); err != nil {
		t.Errorf("another database's backup was removed: %v", err)
	}
	// Every kept file opens and counts.
	list, _ := ListBackups(path)
	for _, b := range list {
		if b.Err != nil || b.Records[model.KindMunicipality] == 0 {
			t.Errorf("backup %s: %v %v", b.Path, b.Records, b.Err)
		}
	}
}

func TestListBackupsAndRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := db.Services()
	mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Virtanen"})
	gone := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Onni", LastName: "Laine"})
	if err := svc.Contacts.Delete(ctx, gone.ID, false); err != nil {
		t.Fatal(err)
	}
	saved, err := db.AutoBackup(model.BackupImport)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Helmi", LastName: "Mäkinen"})

	list, err := ListBackups(path)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListBackups = %v, %v", list, err)
	}
	if b := list[0]; b.Path != saved || b.Reason != model.BackupImport || b.Records[model.KindContact] != 1 || b.Trash != 1 || b.Size == 0 {
		t.Errorf("backup info = %+v", b)
	}
	// Restoring while the database is open elsewhere is refused.
	if _, err := Restore(path, saved, &Options{Timeout: 50 * time.Millisecond}); model.ErrorCode(err) != model.ELOCKED {
		t.Errorf("Restore of an open database: %v", err)
	}
	db.Close()

	// A damaged backup is refused before anything changes.
	bad := filepath.Join(dir, "bad.bak")
	data, _ := os.ReadFile(saved)
	os.WriteFile(bad, data[:len(data)/3], 0o600)
	if _, err := Restore(path, bad, nil); model.ErrorCode(err) != model.EDAMAGED {
		t.Errorf("Restore of a damaged backup: %v", err)
	}
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("muistiinpanoja"), 0o600)
	if _, err := Restore(path, notes, nil); model.ErrorCode(err) != model.EDAMAGED {
		t.Errorf("Restore of a text file: %v", err)
	}

	replaced, err := Restore(path, saved, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := db.Services().Contacts.List(ctx, model.Filter{})
	var names []string
	for _, s := range page.Items {
		names = append(names, s.Title)
	}
	if !slices.Equal(names, []string{"Aino Virtanen"}) {
		t.Errorf("after restore: %v", names)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
	db.Close()
	// The replaced database is a backup too, with Helmi in it.
	info := ReadBackupInfo(replaced)
	if info.Reason != model.BackupRestore || info.Records[model.KindContact] != 2 {
		t.Errorf("replaced file = %+v", info)
	}
}
