package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/person"
)

// PersonEraser erases a contact for good from a closed database file,
// compacting it and rewriting its backups (package store's ErasePerson;
// cmd/hankekirja passes it in).
type PersonEraser func(ctx context.Context, path string, id model.ID, opts model.EraseOptions) (model.EraseReport, error)

// personActions adds the contact view's buttons for the person's rights:
// export everything held about them, and erase them.
func (v *contactsView) personActions(d *details, c *model.Contact) {
	d.section(T("ui.person.section"))
	export := widget.NewButtonWithIcon(T("ui.person.export"), theme.DownloadIcon(), func() { v.exportPerson(c) })
	erase := widget.NewButtonWithIcon(T("ui.person.erase"), theme.DeleteIcon(), func() { v.u.erasePersonDialog(c) })
	if v.u.cfg.Erase == nil {
		erase.Disable()
	}
	d.add(container.NewHBox(export, erase))
}

// exportPerson asks where to save and writes the person's data there as
// JSON, with the HTML summary beside it.
func (v *contactsView) exportPerson(c *model.Contact) {
	u := v.u
	req := fileRequest{kind: fileExport, title: T("ui.person.export"), save: true,
		name: strings.Join(model.SearchWords(c.Title()), "-") + ".json", exts: []string{".json"}}
	u.chooseFile(req, func(path string) {
		htmlPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".html"
		id, lang := c.ID, currentLanguage
		backgroundErr(u, func(ctx context.Context, svc model.Services) error {
			rep, err := person.Collect(ctx, svc, id, nil)
			if err != nil {
				return err
			}
			var js, html bytes.Buffer
			if err := rep.WriteJSON(&js); err != nil {
				return err
			}
			if err := rep.WriteHTML(&html, lang); err != nil {
				return err
			}
			for file, data := range map[string][]byte{path: js.Bytes(), htmlPath: html.Bytes()} {
				if err := u.writeFile(file, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
					return err
				}
			}
			return nil
		}, func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.showExported(dialogTitle(T("ui.person.exported_title")), T("ui.person.exported", map[string]any{"Path": path, "Detail": htmlPath}), htmlPath)
		})
	})
}

// erasePersonDialog lists the texts that name the person and asks before
// erasing them, with the choice to replace the name in those texts.
func (u *UI) erasePersonDialog(c *model.Contact) {
	id, name := c.ID, c.Title()
	background(u, func(ctx context.Context, svc model.Services) ([]model.TextMention, error) {
		hist, err := svc.Contacts.History(ctx, id)
		if err != nil {
			return nil, err
		}
		return model.ScanTexts(svc)(ctx, model.NameVariants(hist...))
	}, func(texts []model.TextMention) {
		u.lastErase = newEraseDialog(u, id, name, texts)
		u.lastErase.dialog.Show()
	})
}

// eraseDialog is the question before an erasure.
type eraseDialog struct {
	dialog  *dialog.ConfirmDialog
	replace *widget.Check
}

func newEraseDialog(u *UI, id model.ID, name string, texts []model.TextMention) *eraseDialog {
	e := &eraseDialog{replace: widget.NewCheck(T("ui.person.replace"), nil)}
	q := widget.NewLabel(T("ui.person.erase_question", map[string]any{"Name": name}))
	q.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(q)
	if len(texts) > 0 {
		lines := make([]string, 0, len(texts))
		for i, t := range texts {
			if i == maxListed {
				lines = append(lines, fmt.Sprintf("… (+%d)", len(texts)-maxListed))
				break
			}
			where := t.MeetingTitle
			if t.Number > 0 {
				where += " " + itemNumber(t.Number)
			}
			lines = append(lines, where+" · "+t.ItemTitle)
		}
		body.Add(widget.NewLabel(T("ui.person.texts", map[string]any{"Count": len(texts)})))
		list := widget.NewLabel(strings.Join(lines, "\n"))
		list.Wrapping = fyne.TextWrapWord
		body.Add(list)
		body.Add(e.replace)
	}
	e.dialog = dialog.NewCustomConfirm(T("ui.person.erase_title"), T("ui.person.erase_confirm"), T("ui.cancel"), body, func(ok bool) {
		if ok {
			opts := model.EraseOptions{ReplaceInTexts: e.replace.Checked}
			u.keepForms(func() { u.erasePerson(id, opts) })
		}
	}, u.win)
	e.dialog.Resize(fyne.NewSize(560, 320))
	return e
}

// erasePerson closes the database, erases the person behind a progress
// dialog and opens the database again, then says what was done to the
// backups.
func (u *UI) erasePerson(id model.ID, opts model.EraseOptions) {
	erase := u.cfg.Erase
	if erase == nil {
		return
	}
	var rep model.EraseReport
	u.whileClosed(func(path string) (err error) {
		rep, err = erase(context.Background(), path, id, opts)
		return err
	}, func() {
		lines := []string{T("ui.person.erased")}
		if len(rep.Texts) > 0 && !rep.Replaced {
			lines = append(lines, T("ui.person.texts_left", map[string]any{"Count": len(rep.Texts)}))
		}
		u.showInfo(T("ui.person.erase_title"), strings.Join(append(lines, backupLines(rep.Backups)...), "\n"))
	})
}

// whileClosed closes the database, runs work on its file behind a
// progress dialog, opens it again and then, if work succeeded, calls
// done; an erasure and its compaction need the file to themselves.
func (u *UI) whileClosed(work func(path string) error, done func()) {
	open := u.cfg.Open
	if u.db == nil {
		return
	}
	path := u.db.Path()
	progress := showProgress(u, T("ui.person.erasing"))
	u.pending.Wait()
	old := u.db
	u.db = nil
	u.pending.Add(1)
	go func() {
		defer u.pending.Done()
		old.Close()
		err := work(path)
		db, openErr := open(path)
		u.post(func() {
			progress.Hide()
			if openErr != nil {
				u.showError(openErr)
			} else {
				u.useDatabase(db)
			}
			if err != nil {
				u.showError(err)
				return
			}
			done()
		})
	}()
}

// backupLines say which backups an erasure rewrote or removed.
func backupLines(changes []model.BackupChange) []string {
	var lines []string
	for _, b := range changes {
		key := "ui.person.backup_rewritten"
		if b.Removed {
			key = "ui.person.backup_removed"
		}
		lines = append(lines, T(key, map[string]any{"Path": b.Path}))
	}
	return lines
}

// scrubErased finishes the erasures an import made: with the database
// closed, the file is compacted and the backups holding the people are
// rewritten (the import's own backup holds them).
func (u *UI) scrubErased(people []*model.Contact) {
	scrub := u.cfg.ScrubErased
	if scrub == nil {
		return
	}
	var changes []model.BackupChange
	u.whileClosed(func(path string) (err error) {
		changes, err = scrub(context.Background(), path, people)
		return err
	}, func() {
		if len(changes) > 0 {
			u.showInfo(T("ui.person.erase_title"), strings.Join(backupLines(changes), "\n"))
		}
	})
}
