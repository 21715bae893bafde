// Package ui is Hankekirja's desktop window, built with Fyne. It talks to
// the records only through the services of package model; which database
// backs them is the caller's business (package store, wired in
// cmd/hankekirja).
//
// Layout: ui.go holds the application object and its helpers, one file per
// view (projects.go, contacts.go, ...) and one per shared piece (browser.go
// is the list-and-detail frame every view uses, form.go the editing frame).
// Work that touches the database runs off Fyne's thread (see background)
// and comes back through fyne.Do.
package ui

import (
	"context"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// Database is an open database as the window needs it.
type Database interface {
	Services() model.Services
	Path() string
	Close() error
}

// Config is what the window needs from its surroundings.
type Config struct {
	App fyne.App
	// Open opens (creating when missing) the database at path.
	Open func(path string) (Database, error)
	// LoadDemo loads the example data (File → Load example data).
	LoadDemo func(ctx context.Context, svc model.Services) error
	// Version is shown in Help → About.
	Version string
	// Snapshots returns what File → Export snapshot and Import snapshot
	// need of a database Open returned, or nil when that database cannot
	// exchange snapshots (the items then say so). With Snapshots nil the
	// items are disabled.
	Snapshots func(Database) SnapshotStore
	// Backups lists and restores the automatic backups of database files
	// (File → Backups…); nil disables the item.
	Backups Backups
	// Compact compacts a closed database file (File → Compact database…);
	// nil disables the item.
	Compact Compactor
	// WriteFile writes a file the user chose so that it is all there or
	// not changed at all; nil writes it plainly (tests).
	WriteFile func(path string, write func(w io.Writer) error) error
	// Erase erases a person for good (a contact's Erase person…); nil
	// disables the button.
	Erase PersonEraser
	// ScrubErased compacts a closed database file and rewrites its
	// backups without the people a snapshot import erased; nil leaves
	// that to a later compaction.
	ScrubErased func(ctx context.Context, path string, people []*model.Contact) ([]model.BackupChange, error)
	// Crypt encrypts and unlocks database files (File → Encrypt
	// database…, and the passphrase asked before an encrypted database
	// opens); nil disables the items.
	Crypt Crypt
}

// UI is the main window and everything shown in it.
type UI struct {
	cfg Config
	app fyne.App
	win fyne.Window

	db  Database
	svc model.Services

	shell *shell

	// recentMenu is File → Open recent, refreshed when a database opens.
	recentMenu *fyne.MenuItem
	// lastUndo is the Undo button of the last delete (tests tap it).
	lastUndo *widget.Button
	// lastHistory is the last history dialog opened (tests use it).
	lastHistory *historyDialog
	// lastGuide is the text of the last quick guide shown (tests).
	lastGuide *widget.RichText
	// lastDamaged is the last damaged-database dialog shown (tests).
	lastDamaged dialog.Dialog
	// lastErase is the last erase question shown (tests).
	lastErase *eraseDialog
	// lastInclude is the last "include confidential" box shown (tests).
	lastInclude *widget.Check
	// lastPassphrase and lastLockedOut are the last passphrase form and
	// "wrong three times" dialog shown (tests).
	lastPassphrase *passphraseDialog
	lastLockedOut  dialog.Dialog

	// notices are the open information and error dialogs, newest last:
	// Enter or Esc closes the newest (see notice.go).
	notices []dialog.Dialog
	// openURL opens a file or folder in the desktop's program for it;
	// nil means the app's OpenURL (tests record instead).
	openURL func(*url.URL) error
	// lastPicker is the last record search shown (tests drive it).
	lastPicker *recordSearch
	// lastFileDialog is the last file dialog shown (tests drive it).
	lastFileDialog *fileDialog

	// pending counts background work, so tests can wait for it.
	pending sync.WaitGroup
	// post hands a background result to Fyne's thread: fyne.Do, except in
	// tests, where Fyne's test driver would run it at once on the worker's
	// goroutine; there results queue up until the test calls Wait, which
	// runs them on the test's goroutine as Fyne's thread would.
	post func(func())
	// queued holds results waiting for Wait (tests only).
	queueMu sync.Mutex
	queued  []func()
}

// New builds the main window. Call OpenDatabase and then ShowAndRun.
func New(cfg Config) *UI {
	setLanguage(languagePreference(cfg.App.Preferences()))
	u := &UI{cfg: cfg, app: cfg.App, post: fyne.Do}
	cfg.App.Settings().SetTheme(newAppTheme())
	u.win = cfg.App.NewWindow("Hankekirja")
	u.restoreWindowSize()
	u.win.SetMainMenu(u.mainMenu())
	u.win.SetCloseIntercept(u.onClose)
	u.shell = newShell(u)
	u.win.SetContent(u.shell.content)
	u.shell.registerShortcuts()
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs Fyne's event loop until it closes.
func (u *UI) ShowAndRun() { u.win.ShowAndRun() }

// OpenDatabase opens path and shows its records, closing the database that
// was open. On failure the old database stays open and a dialog says what
// went wrong and what to do.
func (u *UI) OpenDatabase(path string) error {
	if u.needsUnlock(path) {
		// Encrypted: nothing opens before the passphrase is given (the
		// form opens the database itself).
		u.askPassphrase(path, 1, nil)
		return nil
	}
	db, err := u.cfg.Open(path)
	if err != nil {
		if model.ErrorCode(err) == model.EDAMAGED && u.cfg.Backups != nil {
			u.showDamaged(path)
		} else {
			u.showError(err)
		}
		return err
	}
	u.useDatabase(db)
	return nil
}

// useDatabase switches the window to db.
func (u *UI) useDatabase(db Database) {
	if u.db != nil {
		u.pending.Wait()
		u.db.Close()
	}
	u.db = db
	u.svc = db.Services()
	title := "Hankekirja – " + strings.TrimSuffix(filepath.Base(db.Path()), filepath.Ext(db.Path()))
	if u.readOnly() {
		title += " (" + T("ui.read_only_mark") + ")"
	}
	u.win.SetTitle(title)
	addRecent(u.app.Preferences(), db.Path())
	u.refreshRecentMenu()
	u.shell.databaseChanged()
	if u.readOnly() {
		u.showInfo(T("ui.read_only_title"), T("ui.read_only_opened", map[string]any{"Path": db.Path()}))
	}
	u.watchBackup(db)
}

// Close closes the database (after any background work).
func (u *UI) Close() {
	u.pending.Wait()
	if u.db != nil {
		u.db.Close()
		u.db = nil
	}
}

// Wait blocks until background work started so far has finished, running
// queued results (tests).
func (u *UI) Wait() {
	for {
		u.pending.Wait()
		u.queueMu.Lock()
		q := u.queued
		u.queued = nil
		u.queueMu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, fn := range q {
			fn()
		}
	}
}

// queueResults makes background results wait for Wait (tests).
func (u *UI) queueResults() {
	u.post = func(fn func()) {
		u.queueMu.Lock()
		u.queued = append(u.queued, fn)
		u.queueMu.Unlock()
	}
}

// background runs work off Fyne's thread and hands its result to done on
// Fyne's thread. An error is shown to the user instead of calling done.
func background[T any](u *UI, work func(ctx context.Context, svc model.Services) (T, error), done func(T)) {
	svc := u.svc
	if svc.Queries == nil {
		return // no database is open
	}
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		v, err := work(context.Background(), svc)
		u.post(func() {
			if err != nil {
				u.showError(err)
				return
			}
			if done != nil {
				done(v)
			}
		})
	}()
}

// backgroundErr is background for work that returns only an error; done
// receives it so the caller can place it (a form marks its fields).
func backgroundErr(u *UI, work func(ctx context.Context, svc model.Services) error, done func(error)) {
	svc := u.svc
	if svc.Queries == nil {
		return // no database is open
	}
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		err := work(context.Background(), svc)
		u.post(func() { done(err) })
	}()
}

// showError tells the user what went wrong, in their language.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	u.showNotice(dialog.NewError(errors.New(errorText(err)), u.win))
}
