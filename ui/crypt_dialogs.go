package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// Crypt encrypts, decrypts and unlocks database files (package store's
// Encrypt, Decrypt, ChangePassphrase and Unlock; cmd/hankekirja passes
// them in). The rewrites work on a closed file; progress reports bytes
// copied of the bytes in use; cancelling ctx leaves the file as it was.
type Crypt interface {
	// NeedsPassphrase reports whether the file at path is encrypted with
	// a key this process has not unlocked yet.
	NeedsPassphrase(path string) bool
	// Unlock checks pass (EPASSPHRASE when wrong) and keeps the key, so
	// that Open needs nothing more.
	Unlock(path string, pass []byte) error
	Encrypt(ctx context.Context, path string, pass []byte, progress func(done, total int64)) (backups int, removed []string, err error)
	Decrypt(ctx context.Context, path string, progress func(done, total int64)) error
	ChangePassphrase(ctx context.Context, path string, pass []byte, progress func(done, total int64)) error
}

// minPassphrase is the shortest new passphrase the dialogs take (as
// package store's MinPassphrase).
const minPassphrase = 8

// unlockTries is how many passphrases the start of an encrypted database
// takes before it gives up.
const unlockTries = 3

func init() {
	fileMenuExtensions = append(fileMenuExtensions, func(u *UI) []*fyne.MenuItem {
		items := []*fyne.MenuItem{
			fyne.NewMenuItem(T("ui.crypt.encrypt_menu"), u.encryptDialog),
			fyne.NewMenuItem(T("ui.crypt.change_menu"), u.changePassphraseDialog),
			fyne.NewMenuItem(T("ui.crypt.decrypt_menu"), u.decryptDialog),
		}
		for _, it := range items {
			it.Disabled = u.cfg.Crypt == nil
		}
		return items
	})
}

// passphraseDialog is an open passphrase form (tests fill it in).
type passphraseDialog struct {
	d       *dialog.FormDialog
	entries []*widget.Entry
	submit  func()
}

// encrypted reports whether the open database is encrypted.
func (u *UI) encrypted() bool {
	e, ok := u.db.(interface{ Encrypted() bool })
	return ok && e.Encrypted()
}

// needsUnlock reports whether opening path must first ask its passphrase.
func (u *UI) needsUnlock(path string) bool {
	return u.cfg.Crypt != nil && u.cfg.Crypt.NeedsPassphrase(path)
}

// askPassphrase asks for the passphrase of the encrypted file at path and
// opens it; try counts the attempts, and after the last wrong one the user
// can quit or open another file. Nothing opens meanwhile.
func (u *UI) askPassphrase(path string, try int, wrong error) {
	pass := widget.NewPasswordEntry()
	text := T("ui.crypt.unlock_message", map[string]any{"Path": path})
	if wrong != nil {
		text = errorText(wrong) + "\n\n" + text
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("", msg), widget.NewFormItem(T("ui.crypt.passphrase"), pass)}
	pd := &passphraseDialog{entries: []*widget.Entry{pass}}
	pd.submit = func() {
		secret := []byte(pass.Text)
		u.pending.Add(1)
		go func() {
			defer u.pending.Done()
			err := u.cfg.Crypt.Unlock(path, secret)
			u.post(func() {
				switch {
				case err == nil:
					u.OpenDatabase(path)
				case model.ErrorCode(err) != model.EPASSPHRASE:
					u.showError(err)
				case try < unlockTries:
					u.askPassphrase(path, try+1, err)
				default:
					u.lockedOut(path)
				}
			})
		}()
	}
	pd.d = dialog.NewForm(T("ui.crypt.unlock_title"), T("ui.crypt.unlock_confirm"), T("ui.cancel"), items, func(ok bool) {
		if ok {
			pd.submit()
		}
	}, u.win)
	pass.OnSubmitted = func(string) { pd.d.Submit() }
	pd.d.Resize(fyne.NewSize(480, 0))
	u.lastPassphrase = pd
	pd.d.Show()
	u.win.Canvas().Focus(pass)
}

// lockedOut says that the passphrase was wrong too often and offers to
// quit or to open another database.
func (u *UI) lockedOut(path string) {
	err := &model.Error{Code: model.EPASSPHRASE, Key: "error.passphrase_tries", Args: map[string]any{"Path": path}}
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(T("ui.crypt.unlock_title"), T("ui.crypt.open_other"), T("ui.crypt.quit"), msg, func(other bool) {
		if other {
			u.openDatabaseDialog()
			return
		}
		if u.db == nil {
			u.app.Quit()
		}
	}, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.lastLockedOut = d
	d.Show()
}

// newPassphraseItems are a new passphrase's two entries, the second
// checked against the first.
func newPassphraseItems(label string) (first, again *widget.Entry, items []*widget.FormItem) {
	first, again = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	first.Validator = func(s string) error {
		if len([]rune(s)) < minPassphrase {
			return errors.New(T("error.passphrase_short", map[string]any{"Count": minPassphrase}))
		}
		return nil
	}
	again.Validator = func(s string) error {
		if s != first.Text {
			return errors.New(T("error.passphrase_mismatch"))
		}
		return nil
	}
	first.OnChanged = func(string) { again.Validate() }
	return first, again, []*widget.FormItem{
		widget.NewFormItem(label, first),
		widget.NewFormItem(T("ui.crypt.passphrase_again"), again),
	}
}

// question is a wrapped label for the top of a form.
func question(text string) *widget.FormItem {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return widget.NewFormItem("", l)
}

// showPassphraseForm shows a form of passphrase entries and calls ok with
// their texts.
func (u *UI) showPassphraseForm(title, confirm string, items []*widget.FormItem, entries []*widget.Entry, ok func(texts []string)) {
	pd := &passphraseDialog{entries: entries}
	pd.submit = func() {
		texts := make([]string, len(entries))
		for i, e := range entries {
			texts[i] = e.Text
		}
		ok(texts)
	}
	pd.d = dialog.NewForm(title, confirm, T("ui.cancel"), items, func(yes bool) {
		if yes {
			pd.submit()
		}
	}, u.win)
	pd.d.Resize(fyne.NewSize(520, 0))
	u.lastPassphrase = pd
	pd.d.Show()
	if len(entries) > 0 {
		u.win.Canvas().Focus(entries[0])
	}
}

// encryptDialog asks for a new passphrase, twice, and encrypts the open
// database.
func (u *UI) encryptDialog() {
	if u.db == nil || u.cfg.Crypt == nil {
		return
	}
	if u.encrypted() {
		u.showError(&model.Error{Code: model.EINVALID, Key: "error.already_encrypted", Args: map[string]any{"Path": u.db.Path()}})
		return
	}
	first, again, items := newPassphraseItems(T("ui.crypt.passphrase"))
	items = append([]*widget.FormItem{question(T("ui.crypt.encrypt_question"))}, items...)
	u.showPassphraseForm(T("ui.crypt.encrypt_title"), T("ui.crypt.encrypt_confirm"), items, []*widget.Entry{first, again}, func(p []string) {
		var backups int
		var removed []string
		u.keepForms(func() {
			u.rewriteClosed(T("ui.crypt.encrypting"), func(ctx context.Context, path string, progress func(done, total int64)) error {
				var err error
				backups, removed, err = u.cfg.Crypt.Encrypt(ctx, path, []byte(p[0]), progress)
				return err
			}, func() string {
				lines := []string{T("ui.crypt.encrypted_done", map[string]any{"Count": backups})}
				for _, r := range removed {
					lines = append(lines, T("cli.crypt.backup_removed", map[string]any{"Path": r}))
				}
				return strings.Join(lines, "\n")
			})
		})
	})
}

// changePassphraseDialog asks for the current passphrase and a new one.
func (u *UI) changePassphraseDialog() {
	if u.db == nil || u.cfg.Crypt == nil {
		return
	}
	if !u.encrypted() {
		u.showError(&model.Error{Code: model.EINVALID, Key: "error.not_encrypted", Args: map[string]any{"Path": u.db.Path()}})
		return
	}
	current := widget.NewPasswordEntry()
	first, again, items := newPassphraseItems(T("ui.crypt.new_passphrase"))
	items = append([]*widget.FormItem{widget.NewFormItem(T("ui.crypt.passphrase"), current)}, items...)
	u.showPassphraseForm(T("ui.crypt.change_title"), T("ui.crypt.change_confirm"), items, []*widget.Entry{current, first, again}, func(p []string) {
		u.keepForms(func() {
			u.rewriteClosed(T("ui.crypt.rewrapping"), func(ctx context.Context, path string, progress func(done, total int64)) error {
				// Whoever sits at an unlocked window must still know the
				// passphrase to change it.
				if err := u.cfg.Crypt.Unlock(path, []byte(p[0])); err != nil {
					return err
				}
				return u.cfg.Crypt.ChangePassphrase(ctx, path, []byte(p[1]), progress)
			}, func() string { return T("ui.crypt.changed_done") })
		})
	})
}

// decryptDialog asks for the passphrase and makes the database plain.
func (u *UI) decryptDialog() {
	if u.db == nil || u.cfg.Crypt == nil {
		return
	}
	if !u.encrypted() {
		u.showError(&model.Error{Code: model.EINVALID, Key: "error.not_encrypted", Args: map[string]any{"Path": u.db.Path()}})
		return
	}
	current := widget.NewPasswordEntry()
	items := []*widget.FormItem{question(T("ui.crypt.decrypt_question")), widget.NewFormItem(T("ui.crypt.passphrase"), current)}
	u.showPassphraseForm(T("ui.crypt.decrypt_title"), T("ui.crypt.decrypt_confirm"), items, []*widget.Entry{current}, func(p []string) {
		u.keepForms(func() {
			u.rewriteClosed(T("ui.crypt.decrypting"), func(ctx context.Context, path string, progress func(done, total int64)) error {
				if err := u.cfg.Crypt.Unlock(path, []byte(p[0])); err != nil {
					return err
				}
				return u.cfg.Crypt.Decrypt(ctx, path, progress)
			}, func() string { return T("ui.crypt.decrypted_done") })
		})
	})
}

// rewriteClosed is rewriteFile for encryption: the progress dialog's
// title, without its "…", heads the result.
func (u *UI) rewriteClosed(title string, work func(ctx context.Context, path string, progress func(done, total int64)) error, done func() string) {
	u.rewriteFile(rewriteTexts{working: title, title: strings.TrimSuffix(title, "…"), cancelled: T("ui.crypt.cancelled")}, work, done)
}
