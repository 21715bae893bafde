package main

import (
	"bytes"
	"path/filepath"
	"strings"

	"hankekirja/model"
	"hankekirja/person"
	"hankekirja/store"
)

// person: what the register holds about one person (GDPR art. 15 and 17).
//
//	hankekirja person export CONTACT --out FILE [--lang fi|sv|en]
//	hankekirja person erase CONTACT [--yes] [--replace-names]
//
// export writes everything about the person as JSON to FILE and, beside
// it, the same as an HTML summary (FILE with the extension .html); --out -
// prints the JSON only. erase runs with the database closed, since it
// compacts the file and rewrites the backups.

func init() { subcommands["person"] = (*cli).person }

func (c *cli) person(args []string) int {
	if len(args) == 0 {
		return c.usageError(c.msg("cli.person.usage", nil))
	}
	switch args[0] {
	case "export":
		return c.personExport(args[1:])
	case "erase":
		return c.personErase(args[1:])
	}
	return c.usageError(c.msg("cli.person.usage", nil))
}

func (c *cli) personExport(args []string) int {
	fs := c.flags("person export")
	out := fs.String("out", "", "JSON file to write (- for standard output)")
	langFlag := fs.String("lang", "", "language of the HTML summary: fi, sv or en")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 || *out == "" {
		return c.usageError(c.msg("cli.person.usage", nil))
	}
	lang, ok := docLang(*langFlag)
	if !ok {
		return c.usageError(c.msg("cli.unknown_format", map[string]any{"Name": *langFlag, "Names": "fi, sv, en"}))
	}
	return c.withDB(func(db *store.DB) int {
		svc := db.Services()
		r, err := c.find(svc, model.KindContact, args[0])
		if err != nil {
			return c.fail(err)
		}
		rep, err := person.Collect(c.ctx, svc, r.GetMeta().ID, nil)
		if err != nil {
			return c.fail(err)
		}
		var js, html bytes.Buffer
		if err := rep.WriteJSON(&js); err != nil {
			return c.fail(err)
		}
		if err := c.writeOut(*out, js.Bytes()); err != nil {
			return c.fail(err)
		}
		if *out == "-" {
			return exitOK
		}
		htmlPath := strings.TrimSuffix(*out, filepath.Ext(*out)) + ".html"
		if err := rep.WriteHTML(&html, lang); err != nil {
			return c.fail(err)
		}
		if err := c.writeOut(htmlPath, html.Bytes()); err != nil {
			return c.fail(err)
		}
		c.println(c.msg("cli.person.exported", map[string]any{"Name": r.Title(), "Path": *out, "Detail": htmlPath}))
		return exitOK
	})
}

func (c *cli) personErase(args []string) int {
	fs := c.flags("person erase")
	yes := fs.Bool("yes", false, "do not ask")
	replace := fs.Bool("replace-names", false, "replace the name in the texts of the minutes too")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 {
		return c.usageError(c.msg("cli.person.usage", nil))
	}
	path, err := c.dbFile()
	if err != nil {
		return c.fail(err)
	}
	var id model.ID
	var name string
	var texts []model.TextMention
	status := c.withDB(func(db *store.DB) int {
		svc := db.Services()
		r, err := c.find(svc, model.KindContact, args[0])
		if err != nil {
			return c.fail(err)
		}
		id, name = r.GetMeta().ID, r.Title()
		hist, err := svc.Contacts.History(c.ctx, id)
		if err != nil {
			return c.fail(err)
		}
		if texts, err = model.ScanTexts(svc)(c.ctx, model.NameVariants(hist...)); err != nil {
			return c.fail(err)
		}
		return exitOK
	})
	if status != exitOK {
		return status
	}
	c.printTexts(texts)
	if !*yes {
		c.print(c.msg("cli.person.erase_question", map[string]any{"Name": name, "Path": path}))
		if !c.confirmed() {
			c.println("")
			c.println(c.msg("cli.person.erase_cancelled", nil))
			return exitFailure
		}
		if len(texts) > 0 && !*replace {
			c.print(c.msg("cli.person.replace_question", map[string]any{"Count": len(texts)}))
			*replace = c.confirmed()
		}
	}
	rep, err := store.ErasePerson(c.ctx, path, nil, id, model.EraseOptions{ReplaceInTexts: *replace})
	if err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.person.erased", map[string]any{"Name": name, "Count": rep.Records}))
	if len(rep.Texts) > 0 {
		if rep.Replaced {
			c.println(c.msg("cli.person.texts_replaced", map[string]any{"Count": len(rep.Texts)}))
		} else {
			c.println(c.msg("cli.person.texts_left", map[string]any{"Count": len(rep.Texts)}))
		}
	}
	c.printBackupChanges(rep.Backups)
	return exitOK
}

// printBackupChanges says which backups an erasure rewrote or removed.
func (c *cli) printBackupChanges(changes []model.BackupChange) {
	for _, b := range changes {
		key := "cli.person.backup_rewritten"
		if b.Removed {
			key = "cli.person.backup_removed"
		}
		c.println(c.msg(key, map[string]any{"Path": b.Path}))
	}
}

// printTexts lists the texts of the minutes that name the person.
func (c *cli) printTexts(texts []model.TextMention) {
	if len(texts) == 0 {
		return
	}
	c.println(c.msg("cli.person.texts", map[string]any{"Count": len(texts)}))
	var rows [][]string
	for _, t := range texts {
		where := t.MeetingTitle
		if t.Number > 0 {
			where += " § " + formatInt(c.lang, int64(t.Number))
		}
		rows = append(rows, []string{"  " + where, t.ItemTitle, c.msg("cli.person.field."+fieldHead(t.Field), nil)})
	}
	c.writeTable(rows)
}

// fieldHead is the name of a text's field without its index
// ("tasks[0].description" → "tasks").
func fieldHead(f string) string {
	if i := strings.IndexByte(f, '['); i >= 0 {
		return f[:i]
	}
	return f
}
