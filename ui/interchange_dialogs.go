package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"hankekirja/calendar"
	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/vcard"
	"hankekirja/xlsx"
)

// File → Export Excel workbook…, Export CSV…, Export contacts as vCard…,
// Import (packages xlsx, csv and vcard). Reading, writing and the import's preview
// run in the background; the preview is shown before anything is written.

func init() {
	fileMenuExtensions = append(fileMenuExtensions, func(u *UI) []*fyne.MenuItem {
		return []*fyne.MenuItem{
			// The workbook first: it keeps codes, dates and amounts as
			// they are in every spreadsheet, CSV only where it is read
			// as Finnish Excel reads it.
			fyne.NewMenuItem(T("xlsx.ui.export"), u.exportXLSXDialog),
			fyne.NewMenuItem(T("table.ui.export_csv"), u.exportCSVDialog),
			fyne.NewMenuItem(T("table.ui.export_vcard"), u.exportVCardDialog),
			fyne.NewMenuItem(T("table.ui.import"), u.importFileDialog),
		}
	})
}

// interchangeError shows an error of package csv or vcard.
func (u *UI) interchangeError(err error) {
	var me *model.Error
	if errors.As(err, &me) && !errors.Is(err, importing.ErrRejected) {
		u.showError(err)
		return
	}
	u.showNotice(dialog.NewError(errors.New(importing.ErrorText(currentLanguage, err)), u.win))
}

// exportFileNames are the suggested file names of each kind's export.
var exportFileNames = map[model.Kind]string{
	model.KindContact:      "yhteyshenkilot.csv",
	model.KindOrganisation: "organisaatiot.csv",
	model.KindMunicipality: "kunnat.csv",
	model.KindProject:      "hankkeet.csv",
	model.KindGroup:        "ryhmat.csv",
	model.KindMeeting:      "tehtavat.csv",
}

// tableName is how the export dialog names a kind's table (meetings'
// table is their tasks).
func tableName(k model.Kind) string {
	if k == model.KindMeeting {
		return T("table.ui.tasks")
	}
	return kindHeading(k)
}

// tableExport writes one kind's table in one file format.
type tableExport struct {
	title string
	ext   string // the file name's extension, with its dot
	// option, when set, is the label of a check box the dialog offers
	// (CSV for old Excel); write gets whether it was checked.
	option string
	write  func(ctx context.Context, svc model.Services, kind string, w io.Writer, option bool) error
}

// exportXLSXDialog asks which kind to export as an Excel workbook, then
// where.
func (u *UI) exportXLSXDialog() {
	u.exportTableDialog(tableExport{title: T("xlsx.ui.export"), ext: xlsx.FileExtension,
		write: func(ctx context.Context, svc model.Services, kind string, w io.Writer, _ bool) error {
			return xlsx.Export(ctx, svc, kind, w, currentLanguage)
		}})
}

// exportCSVDialog asks which kind to export as CSV, then where.
func (u *UI) exportCSVDialog() {
	// Formula-texts only when asked for: every other program shows them.
	u.exportTableDialog(tableExport{title: T("table.ui.export_csv"), ext: ".csv", option: T("import.ui.old_excel"),
		write: func(ctx context.Context, svc model.Services, kind string, w io.Writer, oldExcel bool) error {
			return csv.ExportWith(ctx, svc, kind, w, currentLanguage, csv.ExportOptions{OldExcel: oldExcel})
		}})
}

// exportTableDialog asks which kind to export, then where.
func (u *UI) exportTableDialog(x tableExport) {
	if u.db == nil {
		return
	}
	kinds := csv.Kinds()
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = tableName(k)
	}
	radio := widget.NewRadioGroup(labels, nil)
	radio.SetSelected(labels[0])
	content := container.NewVBox(widget.NewLabel(T("table.ui.choose_kind")), radio)
	option := widget.NewCheck(x.option, nil)
	if x.option != "" {
		content.Add(option)
	}
	include := includeConfidentialCheck()
	content.Add(include)
	dialog.ShowCustomConfirm(dialogTitle(x.title), T("table.ui.next"), T("ui.cancel"),
		content, func(ok bool) {
			if !ok {
				return
			}
			for i, l := range labels {
				if l == radio.Selected {
					file := strings.TrimSuffix(exportFileNames[kinds[i]], ".csv") + x.ext
					u.saveExport(file, func(ctx context.Context, svc model.Services, w io.Writer) error {
						name := kinds[i].String()
						if kinds[i] == model.KindMeeting {
							name = "tasks"
						}
						return x.write(ctx, exportServices(svc, include.Checked), name, w, option.Checked)
					})
				}
			}
		}, u.win)
}

// exportVCardDialog asks for the version, then where to save every
// contact.
func (u *UI) exportVCardDialog() {
	if u.db == nil {
		return
	}
	version := newSelect([]string{vcard.V3, vcard.V4}, nil)
	version.SetSelected(vcard.V3)
	hint := widget.NewLabel(T("table.ui.vcard_version_hint"))
	hint.Wrapping = fyne.TextWrapWord
	include := includeConfidentialCheck()
	form := container.NewVBox(widget.NewForm(widget.NewFormItem(T("table.ui.vcard_version"), version)), hint, include)
	d := dialog.NewCustomConfirm(dialogTitle(T("table.ui.export_vcard")), T("table.ui.next"), T("ui.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		v := version.Selected
		u.saveExport("yhteyshenkilot.vcf", func(ctx context.Context, svc model.Services, w io.Writer) error {
			return vcard.Export(ctx, exportServices(svc, include.Checked), w, v)
		})
	}, u.win)
	d.Resize(fyne.NewSize(420, 200))
	d.Show()
}

// saveExport asks where to save and writes the export there in the
// background.
func (u *UI) saveExport(name string, write func(ctx context.Context, svc model.Services, w io.Writer) error) {
	u.chooseFile(fileRequest{kind: fileExport, title: T("table.ui.save_export"), save: true, name: name,
		exts: []string{strings.ToLower(filepath.Ext(name))}}, func(path string) {
		u.writeExport(path, write)
	})
}

// writeExport writes an export to path in the background and says where
// it went. The export is made in memory first, so a failure leaves any
// earlier file of that name as it was.
func (u *UI) writeExport(path string, write func(ctx context.Context, svc model.Services, w io.Writer) error) {
	progress := showProgress(u, T("table.ui.exporting"))
	backgroundErr(u, func(ctx context.Context, svc model.Services) error {
		var buf bytes.Buffer
		if err := write(ctx, svc, &buf); err != nil {
			return err
		}
		return u.writeFile(path, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		})
	}, func(err error) {
		progress.Hide()
		if err != nil {
			u.interchangeError(err)
			return
		}
		u.showExported(T("table.ui.exported_title"), T("table.ui.exported", map[string]any{"Path": path}), path)
	})
}

// importFileDialog asks for a file and previews its import.
func (u *UI) importFileDialog() {
	if u.db == nil {
		return
	}
	u.chooseFile(fileRequest{kind: fileImport, title: T("table.ui.choose_import"), exts: importExtensions}, func(path string) {
		name := filepath.Base(path)
		type result struct {
			data []byte
			err  error
		}
		progress := showProgress(u, T("table.ui.reading"))
		background(u, func(ctx context.Context, svc model.Services) (result, error) {
			data, err := os.ReadFile(path)
			return result{data, model.FileError(path, err)}, nil
		}, func(r result) {
			progress.Hide()
			if r.err != nil {
				u.showError(r.err)
				return
			}
			u.previewImport(name, r.data)
		})
	})
}

// importExtensions are the files the import dialog lists.
var importExtensions = []string{".csv", ".txt", ".vcf", ".vcard", ".xlsx", ".ics"}

// importFunc is the Import of package csv or vcard.
type importFunc func(ctx context.Context, svc model.Services, data []byte, opts importing.Options) (importing.Report, error)

// detectImport picks the importer of a file's content, or nil.
func detectImport(data []byte) importFunc {
	head := data[:min(len(data), 64<<10)]
	switch {
	case xlsx.Detect(head):
		return xlsx.Import
	case vcard.Detect(head):
		return vcard.Import
	case csv.Detect(head):
		return csv.Import
	}
	return nil
}

// importPreview is the preview dialog of one import (tests reach it
// through lastImportPreview).
type importPreview struct {
	report importing.Report
	dialog dialog.Dialog
	// apply imports for real (the valid records when some are invalid).
	apply func()
	// createOrgs, when the file names organisations that do not exist,
	// is the check box that adds them (checked) or keeps their names in
	// the contacts' notes; nil when there are none.
	createOrgs *widget.Check
}

// lastImportPreview is the last preview shown (tests).
var lastImportPreview *importPreview

// previewImport runs the import as a dry run and shows what it would do.
// A calendar first asks whose meetings its events are.
func (u *UI) previewImport(name string, data []byte) {
	if calendar.Detect(data[:min(len(data), 64<<10)]) {
		u.chooseCalendarGroup(name, data)
		return
	}
	imp := detectImport(data)
	if imp == nil {
		u.showNotice(dialog.NewError(errors.New(T("table.ui.unknown_format", map[string]any{"Path": name})), u.win))
		return
	}
	u.runPreview(name, data, imp)
}

// runPreview runs imp as a dry run and shows what it would do.
func (u *UI) runPreview(name string, data []byte, imp importFunc) {
	type result struct {
		rep importing.Report
		err error
	}
	progress := showProgress(u, T("table.ui.reading"))
	background(u, func(ctx context.Context, svc model.Services) (result, error) {
		rep, err := imp(ctx, svc, data, importing.Options{DryRun: true, Lang: currentLanguage, CreateOrganisations: true})
		return result{rep, err}, nil
	}, func(r result) {
		progress.Hide()
		if r.err != nil && !errors.Is(r.err, importing.ErrRejected) {
			u.interchangeError(r.err)
			return
		}
		u.showImportPreview(name, data, imp, r.rep)
	})
}

func (u *UI) showImportPreview(name string, data []byte, imp importFunc, rep importing.Report) {
	lines := rep.Lines()
	text := widget.NewLabel(strings.Join(lines[1:], "\n"))
	text.Wrapping = fyne.TextWrapWord
	summary := widget.NewLabel(lines[0])
	summary.TextStyle = fyne.TextStyle{Bold: true}
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 300))
	p := &importPreview{report: rep}
	var bottom fyne.CanvasObject
	if n := countOrganisations(rep); n > 0 {
		// Offered, and checked: an address book's organisations come in
		// with it unless the user says otherwise.
		p.createOrgs = widget.NewCheck(T("import.create_organisations", map[string]any{"Count": n}), nil)
		p.createOrgs.SetChecked(true)
		p.createOrgs.OnChanged = func(create bool) { u.refreshImportPreview(p, data, imp, create, summary, text) }
		bottom = p.createOrgs
	}
	content := container.NewBorder(summary, bottom, nil, nil, scroll)
	lastImportPreview = p
	title := T("table.ui.preview_title", map[string]any{"Name": name})
	writes := rep.Count(importing.Add) + rep.Count(importing.Update)
	if writes == 0 {
		summary.SetText(lines[0] + "\n" + T("table.ui.nothing_to_do"))
		p.dialog = dialog.NewCustom(title, T("ui.close"), content, u.win)
		p.dialog.Show()
		return
	}
	skip := rep.Count(importing.Invalid) > 0
	p.apply = func() {
		progress := showProgress(u, T("table.ui.importing"))
		backgroundErr(u, func(ctx context.Context, svc model.Services) error {
			create := p.createOrgs == nil || p.createOrgs.Checked
			res, err := imp(ctx, svc, data, importing.Options{SkipInvalid: skip, Lang: currentLanguage, CreateOrganisations: create})
			p.report = res
			return err
		}, func(err error) {
			progress.Hide()
			if b := u.shell.currentBrowser(); b != nil {
				b.reload()
			} else {
				u.shell.databaseChanged()
			}
			if err != nil {
				u.interchangeError(err)
				return
			}
			u.showInfo(T("table.ui.imported_title"), p.report.Summary())
		})
	}
	apply := T("table.ui.apply")
	if skip {
		apply = T("table.ui.apply_valid")
	}
	d := dialog.NewCustomConfirm(title, apply, T("ui.cancel"), content, func(ok bool) {
		if ok {
			p.apply()
		}
	}, u.win)
	p.dialog = d
	d.Show()
}

// countOrganisations is how many organisations an import adds because its
// records name them.
func countOrganisations(rep importing.Report) int {
	n := 0
	for _, it := range rep.Items {
		if it.Kind == model.KindOrganisation && it.Action == importing.Add && rep.Kind != model.KindOrganisation {
			n++
		}
	}
	return n
}

// refreshImportPreview runs the preview again with or without adding the
// organisations not found, and shows what it now says.
func (u *UI) refreshImportPreview(p *importPreview, data []byte, imp importFunc, create bool, summary, text *widget.Label) {
	background(u, func(ctx context.Context, svc model.Services) (importing.Report, error) {
		rep, err := imp(ctx, svc, data, importing.Options{DryRun: true, Lang: currentLanguage, CreateOrganisations: create})
		if err != nil && !errors.Is(err, importing.ErrRejected) {
			return rep, err
		}
		return rep, nil
	}, func(rep importing.Report) {
		p.report = rep
		lines := rep.Lines()
		summary.SetText(lines[0])
		text.SetText(strings.Join(lines[1:], "\n"))
	})
}
