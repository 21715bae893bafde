package main

import (
	"errors"

	"hankekirja/assets"
	"hankekirja/calendar"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// Calendar invitations in (package calendar):
//
//	hankekirja import FILE.ics [--group GROUP] [--no-new-contacts] [--dry-run] [--skip-invalid]
//
// Each event becomes a planned meeting of GROUP (an ID or a name; without
// it the group the invitation's titles or organiser name); attendees
// whose address no contact has become contacts unless --no-new-contacts.
// The same invitation again updates its meetings.

func init() {
	importers = append(importers, importer{name: "ics", detect: calendar.Detect, run: (*cli).importICS})
}

func (c *cli) importICS(path string, data []byte, args []string) int {
	fs := c.flags("import")
	dry := fs.Bool("dry-run", false, "show what would change, change nothing")
	skip := fs.Bool("skip-invalid", false, "import the valid events of a file with invalid ones")
	group := fs.String("group", "", "the group whose meetings the events are")
	noNew := fs.Bool("no-new-contacts", false, "name unknown attendees without making them contacts")
	rest, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(rest) > 0 {
		return c.usageError(c.msg("table.cli.import_usage", nil))
	}
	opts := calendar.ImportOptions{Options: importing.Options{DryRun: *dry, SkipInvalid: *skip, Lang: c.lang}, NewContacts: !*noNew}
	return c.withDB(func(db *store.DB) int {
		svc := db.Services()
		if *group != "" {
			g, err := c.find(svc, model.KindGroup, *group)
			if err != nil {
				c.errorLine(c.msg("ics.cli.unknown_group", map[string]any{"Name": *group}))
				return exitFailure
			}
			opts.Group = g.GetMeta().ID
		}
		if opts.Group.IsZero() {
			suggested, _, err := calendar.SuggestFor(c.ctx, svc, data)
			if err != nil {
				return c.failInterchange(err)
			}
			opts.Group = suggested
		}
		name := ""
		if g, gerr := svc.Groups.Get(c.ctx, opts.Group); gerr == nil {
			name = g.Name
		}
		rep, err := calendar.Import(c.ctx, svc, data, opts)
		var fe *importing.FormatError
		if errors.As(err, &fe) {
			return c.failInterchange(err)
		}
		c.println(assets.Message(c.lang, "ics.cli.import", map[string]any{"Path": path, "Name": name}))
		return c.report(rep, err, opts.Options)
	})
}
