package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"text/tabwriter"

	"hankekirja/model"
	"hankekirja/store"
)

// list: hankekirja list KIND [--json] [--filter TEXT] [--all] [--group GROUP],
// or a list that is not of a kind (tasks.go).
func (c *cli) list(args []string) int {
	if run, rest, ok := specialList(args); ok {
		return run(c, rest)
	}
	fs := c.flags("list")
	asJSON := fs.Bool("json", false, "print JSON")
	filter := fs.String("filter", "", "words the records must match")
	all := fs.Bool("all", false, "municipalities: include former ones")
	group := fs.String("group", "", "meetings: only the group's (ID or name)")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 1, 1); !ok {
		return status
	}
	kind, status, ok := c.kindArg(args[0])
	if !ok {
		return status
	}
	// The filter takes words as the window's list filter does, through
	// the full-text index: any inflected form, a compound part, a phone
	// number however written, a name typed without ä and ö. Like search,
	// it builds the index first when the file has none.
	f := model.Filter{Text: *filter}
	c.searching = *filter != ""
	if kind == model.KindMunicipality && !*all {
		f.Facets = []string{"current"}
	}
	if *group != "" && kind != model.KindMeeting {
		return c.usageError(c.msg("cli.flag_unknown", map[string]any{"Flag": "--group"}))
	}
	return c.withDB(func(db *store.DB) int {
		if c.searching {
			select {
			case <-db.SearchReady():
			case <-c.ctx.Done():
				return c.fail(c.ctx.Err())
			}
		}
		svc := serviceFor(db.Services(), kind)
		if *group != "" {
			g, err := c.find(db.Services(), model.KindGroup, *group)
			if err != nil {
				return c.fail(err)
			}
			f.Facets = append(f.Facets, "group:"+g.GetMeta().ID.String())
		}
		page, err := svc.List(c.ctx, f)
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			items := make([]any, 0, len(page.Items))
			for _, s := range page.Items {
				r, err := svc.Get(c.ctx, s.ID)
				if err != nil {
					return c.fail(err)
				}
				items = append(items, recordJSON(r))
			}
			return c.writeJSON(items)
		}
		rows := make([][]string, 0, len(page.Items))
		for _, s := range page.Items {
			rows = append(rows, []string{s.ID.String(), s.Title, s.Subtitle})
		}
		return c.writeTable(rows)
	})
}

// writeTable prints rows in aligned columns.
func (c *cli) writeTable(rows [][]string) int {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, row := range rows {
		io.WriteString(tw, strings.Join(row, "\t")+"\n")
	}
	tw.Flush()
	for line := range strings.Lines(buf.String()) {
		io.WriteString(c.stdout, strings.TrimRight(line, " \n")+"\n")
	}
	return exitOK
}

// writeJSON prints v as indented JSON.
func (c *cli) writeJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return c.fail(err)
	}
	return exitOK
}
