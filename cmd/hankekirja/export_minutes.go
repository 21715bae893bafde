package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"

	"hankekirja/calendar"
	"hankekirja/minutes"
	"hankekirja/model"
	"hankekirja/store"
)

// The meetings' documents (packages minutes and calendar):
//
//	hankekirja export minutes MEETING --format pdf|html|md|docx --out FILE [--lang fi|sv|en]
//	hankekirja export agenda MEETING --format pdf|html|md|docx --out FILE [--lang fi|sv|en]
//	hankekirja export invitation MEETING --format pdf|html|md|docx --out FILE [--lang fi|sv|en]
//	hankekirja export ics (MEETING | --group GROUP) --out FILE [--lang fi|sv|en]
//
// MEETING and GROUP are IDs or words of the name ("1/2019 ohjausryhmä").
// Without --format the format follows the name of FILE (.pdf, .html, .md, .docx),
// PDF otherwise. --out - writes to standard output. The documents are in
// Finnish unless --lang says otherwise: minutes go to a Finnish meeting
// whatever the locale of the secretary's laptop.

func init() {
	exporters["minutes"] = func(c *cli, args []string) int { return c.exportMinutes(minutes.Minutes, args) }
	exporters["agenda"] = func(c *cli, args []string) int { return c.exportMinutes(minutes.Agenda, args) }
	exporters["invitation"] = func(c *cli, args []string) int { return c.exportMinutes(minutes.Invitation, args) }
	exporters["ics"] = (*cli).exportICS
}

// docLang checks a --lang value; "" is Finnish.
func docLang(s string) (string, bool) {
	switch s = strings.ToLower(s); s {
	case "":
		return "fi", true
	case "fi", "sv", "en":
		return s, true
	}
	return "", false
}

func (c *cli) exportMinutes(doc minutes.Doc, args []string) int {
	fs := c.flags("export " + doc.String())
	format := fs.String("format", "", "pdf, html, md or docx")
	out := fs.String("out", "", "file to write (- for standard output)")
	langFlag := fs.String("lang", "", "language of the document: fi, sv or en")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	usage := c.msg("cli.export_minutes_usage", map[string]any{"Name": doc.String()})
	if len(args) != 1 || *out == "" {
		return c.usageError(usage)
	}
	lang, ok := docLang(*langFlag)
	if !ok {
		return c.usageError(c.msg("cli.unknown_format", map[string]any{"Name": *langFlag, "Names": "fi, sv, en"}))
	}
	aliases := map[string]string{"htm": "html", "markdown": "md", "word": "docx"}
	f := strings.ToLower(strings.TrimSpace(*format))
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if _, alias := aliases[f]; !alias && !slices.Contains(minutes.Formats, f) {
			f = "pdf"
		}
	}
	if a, ok := aliases[f]; ok {
		f = a
	}
	if !slices.Contains(minutes.Formats, f) {
		return c.usageError(c.msg("cli.unknown_format", map[string]any{"Name": *format, "Names": strings.Join(minutes.Formats, ", ")}))
	}
	return c.withDB(func(db *store.DB) int {
		svc := db.Services()
		r, err := c.find(svc, model.KindMeeting, args[0])
		if err != nil {
			return c.fail(err)
		}
		var buf bytes.Buffer
		if err := minutes.Export(c.ctx, svc, r.GetMeta().ID, doc, f, lang, &buf); err != nil {
			return c.fail(err)
		}
		return c.writeDocument(*out, buf.Bytes())
	})
}

func (c *cli) exportICS(args []string) int {
	fs := c.flags("export ics")
	out := fs.String("out", "", "file to write (- for standard output)")
	group := fs.String("group", "", "all the meetings of this group")
	langFlag := fs.String("lang", "", "language: fi, sv or en")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if *out == "" || (len(args) == 1) == (*group != "") || len(args) > 1 {
		return c.usageError(c.msg("cli.export_ics_usage", nil))
	}
	lang, ok := docLang(*langFlag)
	if !ok {
		return c.usageError(c.msg("cli.unknown_format", map[string]any{"Name": *langFlag, "Names": "fi, sv, en"}))
	}
	return c.withDB(func(db *store.DB) int {
		svc := db.Services()
		var buf bytes.Buffer
		if *group != "" {
			g, err := c.find(svc, model.KindGroup, *group)
			if err != nil {
				return c.fail(err)
			}
			name, views, err := calendar.LoadGroup(c.ctx, svc, g.GetMeta().ID)
			if err != nil {
				return c.fail(err)
			}
			if len(views) == 0 {
				c.errorLine(c.msg("cli.no_meetings", map[string]any{"Name": name}))
				return exitFailure
			}
			if err := calendar.Write(&buf, calendar.Group(name, views, lang)); err != nil {
				return c.fail(model.Internal(err))
			}
		} else {
			r, err := c.find(svc, model.KindMeeting, args[0])
			if err != nil {
				return c.fail(err)
			}
			if err := calendar.ExportInvitation(c.ctx, svc, r.GetMeta().ID, lang, &buf); err != nil {
				return c.fail(err)
			}
		}
		return c.writeDocument(*out, buf.Bytes())
	})
}

// writeDocument writes an exported document to path (never over the
// database: see writeOutput) and says where it went.
func (c *cli) writeDocument(path string, data []byte) int {
	if err := c.writeOut(path, data); err != nil {
		return c.fail(err)
	}
	if path != "-" {
		c.println(c.msg("cli.wrote", map[string]any{"Path": path}))
	}
	return exitOK
}
