package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
	"hankekirja/snapshot"
)

// File → Export snapshot…, Import snapshot…, Backups… (package snapshot,
// and the backups Config.Backups gives). Exports, reading, planning,
// applying and restoring run in the background behind a progress dialog;
// an import shows its preview, with a keep-mine/take-theirs choice for
// each field changed on both sides, before anything is written.

// SnapshotStore is what exporting and importing snapshots need of an open
// database (see Config.Snapshots).
type SnapshotStore interface {
	snapshot.Store
}

func init() {
	fileMenuExtensions = append(fileMenuExtensions, func(u *UI) []*fyne.MenuItem {
		export := fyne.NewMenuItem(T("ui.snapshot.export"), u.exportSnapshotDialog)
		imp := fyne.NewMenuItem(T("ui.snapshot.import"), u.importSnapshotDialog)
		backups := fyne.NewMenuItem(T("ui.snapshot.backups"), u.backupsDialog)
		export.Disabled = u.cfg.Snapshots == nil
		imp.Disabled = u.cfg.Snapshots == nil
		backups.Disabled = u.cfg.Backups == nil
		return []*fyne.MenuItem{export, imp, backups}
	})
}

// snapshotStore returns the open database's snapshot store. When there is
// none it says so and returns nil.
func (u *UI) snapshotStore() SnapshotStore {
	if u.db == nil {
		u.showMessage(T("ui.snapshot.no_database"))
		return nil
	}
	var s SnapshotStore
	if u.cfg.Snapshots != nil {
		s = u.cfg.Snapshots(u.db)
	}
	if s == nil {
		u.showMessage(T("ui.snapshot.unavailable"))
	}
	return s
}

// showMessage shows a translated sentence in a dialog.
func (u *UI) showMessage(text string) {
	u.showInfo("Hankekirja", text)
}

// formatWhen shows a moment in local time the Finnish way.
func formatWhen(t time.Time) string {
	t = t.Local()
	return fmt.Sprintf("%d.%d.%d %d.%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

// exportSnapshotDialog asks what to export and with which passphrase, then
// where.
func (u *UI) exportSnapshotDialog() {
	db := u.snapshotStore()
	if db == nil {
		return
	}
	type choice struct {
		label string
		id    model.ID
	}
	background(u, func(ctx context.Context, svc model.Services) ([]choice, error) {
		page, err := svc.Projects.List(ctx, model.Filter{})
		if err != nil {
			return nil, err
		}
		out := []choice{{label: T("ui.snapshot.scope_all")}}
		for _, s := range page.Items {
			out = append(out, choice{label: s.Title, id: s.ID})
		}
		return out, nil
	}, func(choices []choice) {
		labels := make([]string, len(choices))
		for i, c := range choices {
			labels[i] = c.label
		}
		scope := newSelect(labels, nil)
		scope.SetSelectedIndex(0)
		pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
		hint := widget.NewLabel(T("ui.snapshot.passphrase_hint"))
		hint.Wrapping = fyne.TextWrapWord
		form := widget.NewForm(
			widget.NewFormItem(T("ui.snapshot.scope"), scope),
			widget.NewFormItem(T("ui.snapshot.passphrase"), pass),
			widget.NewFormItem(T("ui.snapshot.passphrase_again"), again),
		)
		d := dialog.NewCustomConfirm(T("ui.snapshot.export_title"), T("ui.snapshot.export_button"), T("ui.cancel"),
			container.NewVBox(form, hint), func(ok bool) {
				if !ok {
					return
				}
				if pass.Text != again.Text {
					u.showNotice(dialog.NewError(errors.New(T("ui.snapshot.passphrase_mismatch")), u.win))
					return
				}
				c := choices[max(scope.SelectedIndex(), 0)]
				u.saveSnapshot(db, c.id, c.label, pass.Text)
			}, u.win)
		d.Resize(fyne.NewSize(520, 300))
		d.Show()
	})
}

// saveSnapshot asks where to save and writes the snapshot there.
func (u *UI) saveSnapshot(db snapshot.Reader, project model.ID, label, passphrase string) {
	name := "hankekirja-" + time.Now().Format("2006-01-02")
	if !project.IsZero() {
		name += "-" + fileNamePart(label)
	}
	req := fileRequest{kind: fileSnapshot, title: T("ui.snapshot.export_title"), save: true,
		name: name + snapshot.FileExtension, exts: []string{snapshot.FileExtension}}
	u.chooseFile(req, func(path string) { u.writeSnapshot(db, path, project, passphrase) })
}

// writeSnapshot exports in the background into the file at path.
func (u *UI) writeSnapshot(db snapshot.Reader, path string, project model.ID, passphrase string) {
	withProgress(u, T("ui.snapshot.exporting"), func(ctx context.Context, _ model.Services) (snapshot.Header, error) {
		data, h, err := snapshot.Export(ctx, db, snapshot.ExportOptions{Project: project, Passphrase: passphrase, AppVersion: u.cfg.Version})
		if err == nil {
			err = u.writeFile(path, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
		}
		return h, err
	}, func(h snapshot.Header) {
		u.showExported(T("ui.snapshot.export_title"), T("ui.snapshot.exported", map[string]any{"Path": path, "Count": h.Records}), path)
	})
}

// withProgress runs work in the background behind a progress dialog, which
// goes away whatever the outcome; an error is shown, a result handed to
// done on Fyne's thread.
func withProgress[T any](u *UI, text string, work func(ctx context.Context, svc model.Services) (T, error), done func(T)) {
	progress := showProgress(u, text)
	var v T
	backgroundErr(u, func(ctx context.Context, svc model.Services) error {
		var err error
		v, err = work(ctx, svc)
		return err
	}, func(err error) {
		progress.Hide()
		if err != nil {
			u.showError(err)
			return
		}
		done(v)
	})
}

// fileNamePart makes a project name usable in a file name.
func fileNamePart(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == 'ä', r == 'ö', r == 'å':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// importSnapshotDialog asks for a snapshot file and previews its import.
func (u *UI) importSnapshotDialog() {
	if u.snapshotStore() == nil {
		return
	}
	req := fileRequest{kind: fileSnapshot, title: T("ui.snapshot.import_title"), exts: []string{snapshot.FileExtension}}
	u.chooseFile(req, func(path string) {
		name := filepath.Base(path)
		withProgress(u, T("ui.snapshot.reading"), func(ctx context.Context, _ model.Services) ([]byte, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, model.FileError(path, err)
			}
			defer f.Close()
			data, err := io.ReadAll(io.LimitReader(f, snapshot.MaxFileSize+1))
			if err != nil {
				return nil, model.FileError(path, err)
			}
			return data, nil
		}, func(data []byte) { u.openSnapshot(name, data) })
	})
}

// openSnapshot asks for the passphrase when the file is encrypted, then
// plans the import.
func (u *UI) openSnapshot(name string, data []byte) {
	if !snapshot.IsEncrypted(data) {
		u.planSnapshot(name, data, "")
		return
	}
	pass := widget.NewPasswordEntry()
	form := widget.NewForm(widget.NewFormItem(T("ui.snapshot.passphrase"), pass))
	d := dialog.NewCustomConfirm(T("ui.snapshot.passphrase_title"), T("ui.snapshot.open"), T("ui.cancel"), form, func(ok bool) {
		if ok {
			u.planSnapshot(name, data, pass.Text)
		}
	}, u.win)
	lastPassphraseEntry = pass
	pass.OnSubmitted = func(string) { d.Hide(); u.planSnapshot(name, data, pass.Text) }
	d.Show()
	u.win.Canvas().Focus(pass)
}

// lastPassphraseEntry is the passphrase prompt's entry (tests).
var lastPassphraseEntry *widget.Entry

// snapshotPreview is an import's preview dialog (tests reach it through
// lastSnapshotPreview).
type snapshotPreview struct {
	plan   *snapshot.Plan
	dialog dialog.Dialog
	// choices holds each conflict field's radio group, by record and field.
	choices map[model.ID]map[string]*widget.RadioGroup
	// apply writes the plan.
	apply func()
	// applied is the result once apply has succeeded.
	applied *snapshot.Result
}

// lastSnapshotPreview is the last preview shown (tests).
var lastSnapshotPreview *snapshotPreview

// plannedImport is a planned import and the name of the project it is
// limited to ("" for a snapshot of everything).
type plannedImport struct {
	plan  *snapshot.Plan
	scope string
}

// planSnapshot reads and plans the import in the background and shows the
// preview.
func (u *UI) planSnapshot(name string, data []byte, passphrase string) {
	db := u.snapshotStore()
	if db == nil {
		return
	}
	withProgress(u, T("ui.snapshot.reading"), func(ctx context.Context, svc model.Services) (plannedImport, error) {
		s, err := snapshot.Read(data, passphrase)
		if err != nil {
			return plannedImport{}, err
		}
		p, err := snapshot.MakePlan(ctx, db, s, nil)
		if err != nil {
			return plannedImport{}, err
		}
		return plannedImport{plan: p, scope: scopeTitle(ctx, svc, p)}, nil
	}, func(pi plannedImport) { u.showSnapshotPreview(db, name, pi) })
}

// scopeTitle names the project a snapshot is limited to: as this database
// calls it, else as the snapshot does, else by its ID; "" for a snapshot of
// everything. It reads the database (off Fyne's thread).
func scopeTitle(ctx context.Context, svc model.Services, p *snapshot.Plan) string {
	id := p.Header.Project()
	if id.IsZero() {
		return ""
	}
	if s, err := svc.Queries.Summary(ctx, id); err == nil {
		return s.Title
	}
	for _, lists := range [][]snapshot.Item{p.Add, p.Update} {
		for _, it := range lists {
			if it.ID == id {
				return it.Title
			}
		}
	}
	return id.String()
}

// maxListed is how many records of each list the preview names.
const maxListed = 200

func (u *UI) showSnapshotPreview(db snapshot.Store, name string, pi plannedImport) {
	p := pi.plan
	sp := &snapshotPreview{plan: p, choices: map[model.ID]map[string]*widget.RadioGroup{}}
	lastSnapshotPreview = sp
	h := p.Header
	scope := pi.scope
	if scope == "" {
		scope = T("ui.snapshot.scope_all")
	}
	header := widget.NewLabel(name + "\n" + T("ui.snapshot.preview_header", map[string]any{
		"Text": scope, "When": formatWhen(h.ExportedAt), "Count": h.Records}))
	header.TextStyle = fyne.TextStyle{Bold: true}
	header.Wrapping = fyne.TextWrapWord

	body := container.NewVBox()
	section := func(key string, items []snapshot.Item) {
		if len(items) == 0 {
			return
		}
		title := widget.NewLabel(T(key, map[string]any{"Count": len(items)}))
		title.TextStyle = fyne.TextStyle{Bold: true}
		var lines []string
		for i, it := range items {
			if i == maxListed {
				lines = append(lines, fmt.Sprintf("… (+%d)", len(items)-maxListed))
				break
			}
			line := kindName(it.Kind) + " · " + it.Title
			if it.ReferredBy != "" {
				line += " (" + it.ReferredBy + ")"
			}
			lines = append(lines, line)
		}
		list := widget.NewLabel(strings.Join(lines, "\n"))
		list.Wrapping = fyne.TextWrapWord
		body.Add(title)
		body.Add(list)
	}
	section("ui.snapshot.add", p.Add)
	section("ui.snapshot.update", p.Update)
	section("ui.snapshot.trash", p.Trash)
	section("ui.snapshot.kept", p.Kept)
	section("ui.snapshot.restore_items", p.Restore)
	if len(p.Conflicts) > 0 {
		title := widget.NewLabel(T("ui.snapshot.conflicts", map[string]any{"Count": len(p.Conflicts)}))
		title.TextStyle = fyne.TextStyle{Bold: true}
		body.Add(title)
		options := []string{T("ui.snapshot.keep_mine"), T("ui.snapshot.take_theirs")}
		for _, c := range p.Conflicts {
			rows := container.NewVBox()
			sp.choices[c.ID] = map[string]*widget.RadioGroup{}
			for _, f := range c.Fields {
				label := widget.NewLabel(snapshotFieldLabel(f.Field))
				label.TextStyle = fyne.TextStyle{Bold: true}
				values := widget.NewLabel(T("ui.snapshot.mine", map[string]any{"Text": snapshotValue(f.Field, f.Mine)}) + "\n" +
					T("ui.snapshot.theirs", map[string]any{"Text": snapshotValue(f.Field, f.Theirs)}))
				values.Wrapping = fyne.TextWrapWord
				radio := widget.NewRadioGroup(options, nil)
				radio.Horizontal = true
				radio.Required = true
				radio.SetSelected(options[f.Choice])
				radio.OnChanged = func(s string) {
					if s == options[1] {
						f.Choice = snapshot.TakeTheirs
					} else {
						f.Choice = snapshot.KeepMine
					}
				}
				sp.choices[c.ID][f.Field] = radio
				rows.Add(container.NewBorder(nil, nil, label, nil, values))
				rows.Add(radio)
			}
			body.Add(widget.NewCard(kindName(c.Kind)+" · "+c.Title, "", rows))
		}
	}
	if p.Unchanged > 0 {
		body.Add(widget.NewLabel(T("ui.snapshot.unchanged", map[string]any{"Count": p.Unchanged})))
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(640, 380))
	content := container.NewBorder(header, nil, nil, nil, scroll)
	title := T("ui.snapshot.preview_title")
	sp.apply = func() {
		withProgress(u, T("ui.snapshot.applying"), func(ctx context.Context, _ model.Services) (snapshot.Result, error) {
			return snapshot.Apply(ctx, db, p)
		}, func(res snapshot.Result) {
			sp.applied = &res
			u.shell.databaseChanged()
			if !p.Empty() {
				u.showInfo(title, T("ui.snapshot.applied", map[string]any{"Path": res.Backup}))
			}
		})
	}
	if p.Empty() {
		body.Add(widget.NewLabel(T("ui.snapshot.nothing")))
		// Revision metadata the snapshot brings is still recorded.
		sp.dialog = dialog.NewCustom(title, T("ui.close"), content, u.win)
		sp.dialog.SetOnClosed(sp.apply)
		sp.dialog.Show()
		return
	}
	d := dialog.NewCustomConfirm(title, T("ui.snapshot.apply"), T("ui.cancel"), content, func(ok bool) {
		if ok {
			sp.apply()
		}
	}, u.win)
	sp.dialog = d
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// snapshotFieldLabel names a conflict's field for people.
func snapshotFieldLabel(field string) string {
	if field == snapshot.FieldTrash {
		return T("ui.snapshot.field_trash")
	}
	return fieldLabel(field)
}

// snapshotValue shows a conflict field's value, at most 120 characters.
func snapshotValue(field string, v []byte) string {
	if field == snapshot.FieldTrash {
		if string(v) == "true" {
			return T("ui.snapshot.in_trash")
		}
		return T("ui.snapshot.not_in_trash")
	}
	s := snapshot.ValueText(v)
	if field == "phones" {
		// Shown as every other view shows them (040 123 4567), not as
		// stored (+358401234567).
		var phones []string
		if json.Unmarshal(v, &phones) == nil && len(phones) > 0 {
			for i, p := range phones {
				phones[i] = model.FormatPhone(p)
			}
			s = strings.Join(phones, ", ")
		}
	}
	if r := []rune(s); len(r) > 120 {
		s = string(r[:119]) + "…"
	}
	return s
}
