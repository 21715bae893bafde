package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"hankekirja/assets"
	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/snapshot"
	"hankekirja/store"
	"hankekirja/ui"
)

// The store is what the window's snapshot and backup dialogs work on.
var (
	_ snapshot.Store   = (*store.DB)(nil)
	_ snapshot.Sharer  = (*store.DB)(nil)
	_ ui.SnapshotStore = (*store.DB)(nil)
	_ ui.Backups       = storeBackups{}
)

// appID names the application to Fyne (its preferences live under it).
const appID = "fi.hankekirja.desktop"

// runGUI opens the graphical interface on the database at path and returns
// the exit status when its window closes. Tests replace it.
var runGUI = func(path string) int {
	// Every widget change from another goroutine goes through fyne.Do, so
	// Fyne may drop its own locking (and the race detector checks us).
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: "Hankekirja", Version: version,
		Migrations: map[string]bool{"fyneDo": true}})
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("hankekirja.png", assets.IconPNG))
	u := ui.New(ui.Config{
		App: a,
		Open: func(path string) (ui.Database, error) {
			return store.Open(path, nil)
		},
		LoadDemo: func(ctx context.Context, svc model.Services) error {
			_, err := demo.Load(ctx, svc)
			return err
		},
		Version: version,
		// Open returns only stores, so every database it opened can
		// exchange snapshots.
		Snapshots: func(d ui.Database) ui.SnapshotStore {
			if db, ok := d.(*store.DB); ok {
				return db
			}
			return nil
		},
		Backups: storeBackups{},
		WriteFile: func(path string, write func(w io.Writer) error) error {
			return store.WriteFileAtomic(path, 0o600, write)
		},
		Compact: func(ctx context.Context, path string, progress func(done, total int64)) (int64, int64, error) {
			res, err := store.Compact(ctx, path, nil, progress)
			return res.Before, res.After, err
		},
		Erase: func(ctx context.Context, path string, id model.ID, opts model.EraseOptions) (model.EraseReport, error) {
			return store.ErasePerson(ctx, path, nil, id, opts)
		},
		ScrubErased: func(ctx context.Context, path string, people []*model.Contact) ([]model.BackupChange, error) {
			return store.ScrubErased(ctx, path, nil, people)
		},
		Crypt: storeCrypt{},
	})
	// A failure is shown in the window, which stays open so that the user
	// can open another database from the File menu.
	u.OpenDatabase(path)

	// Quit cleanly (closing the database) on Ctrl+C or a polite kill.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(func() {
			// The minutes being typed are saved first.
			u.SaveDrafts(func() {
				u.Close()
				a.Quit()
			})
		})
	}()
	u.ShowAndRun()
	u.Close()
	return 0
}
