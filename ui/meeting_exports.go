package ui

import (
	"bytes"
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/calendar"
	"hankekirja/minutes"
	"hankekirja/model"
)

// meetingExport is one thing a meeting can be exported as.
type meetingExport struct {
	label  string // catalogue key
	doc    minutes.Doc
	format string // "pdf", "html", "md", "docx", or "ics" for the calendar invitation
}

var meetingExportChoices = []meetingExport{
	{"meetings_ui.export_minutes_pdf", minutes.Minutes, "pdf"},
	{"meetings_ui.export_minutes_html", minutes.Minutes, "html"},
	{"meetings_ui.export_minutes_md", minutes.Minutes, "md"},
	{"meetings_ui.export_minutes_docx", minutes.Minutes, "docx"},
	{"meetings_ui.export_agenda_pdf", minutes.Agenda, "pdf"},
	{"meetings_ui.export_agenda_html", minutes.Agenda, "html"},
	{"meetings_ui.export_agenda_md", minutes.Agenda, "md"},
	{"meetings_ui.export_agenda_docx", minutes.Agenda, "docx"},
	{"meetings_ui.export_invitation_pdf", minutes.Invitation, "pdf"},
	{"meetings_ui.export_ics", minutes.Agenda, "ics"},
}

// meetingExports is the Export button: minutes or agenda as PDF, HTML,
// Markdown or Word, or the calendar invitation (a cancellation for a
// cancelled meeting), saved where the user chooses and
// written off Fyne's thread.
func meetingExports(v *meetingsView, m *model.Meeting) fyne.CanvasObject {
	var button *widget.Button
	button = widget.NewButtonWithIcon(T("meetings_ui.export"), theme.DownloadIcon(), func() {
		items := make([]*fyne.MenuItem, len(meetingExportChoices))
		for i, x := range meetingExportChoices {
			items[i] = fyne.NewMenuItem(T(x.label), func() { v.saveExport(m, x) })
		}
		widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), v.u.win.Canvas(),
			fyne.NewPos(0, button.Size().Height), button)
	})
	return button
}

// exportFileName is "poytakirja-2-2019-sote-selvityksen-ohjausryhma.pdf".
func exportFileName(m *model.Meeting, x meetingExport) string {
	base := "poytakirja"
	switch {
	case x.format == "ics" || x.doc == minutes.Invitation:
		base = "kokouskutsu"
	case x.doc == minutes.Agenda:
		base = "esityslista"
	}
	words := model.SearchWords(m.Title()) // lower case, without accents
	return base + "-" + strings.Join(words, "-") + "." + x.format
}

// saveExport asks where to save and writes the export there.
func (v *meetingsView) saveExport(m *model.Meeting, x meetingExport) {
	name := exportFileName(m, x)
	v.u.chooseFile(fileRequest{kind: fileMinutes, title: T(x.label), save: true, name: name, exts: []string{"." + x.format}}, func(path string) {
		id, lang := m.ID, currentLanguage
		backgroundErr(v.u, func(ctx context.Context, svc model.Services) error {
			var buf bytes.Buffer
			if err := writeMeetingExport(ctx, svc, id, x, lang, &buf); err != nil {
				return err
			}
			return v.u.writeFile(path, func(w io.Writer) error {
				_, err := w.Write(buf.Bytes())
				return err
			})
		}, func(err error) {
			if err != nil {
				v.u.showError(err)
				return
			}
			v.u.showExported(T("meetings_ui.exported_title"), T("meetings_ui.exported", map[string]any{"Path": path}), path)
		})
	})
}

// writeMeetingExport writes meeting id as x in language lang.
func writeMeetingExport(ctx context.Context, svc model.Services, id model.ID, x meetingExport, lang string, w io.Writer) error {
	if x.format == "ics" {
		return calendar.ExportInvitation(ctx, svc, id, lang, w)
	}
	return minutes.Export(ctx, svc, id, x.doc, x.format, lang, w)
}
