package main

import (
	"os"
	"strconv"

	"hankekirja/model"
	"hankekirja/store"
)

// check: hankekirja check
func (c *cli) check(args []string) int {
	fs := c.flags("check")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	// bbolt's page check can crash on a damaged file: it runs in a child
	// process, before this one opens the file.
	path, err := c.dbFile()
	if err != nil {
		return c.fail(err)
	}
	var pageProblems []string
	if _, err := os.Stat(path); err == nil { // else Open makes a new one
		if pageProblems, err = store.CheckPages(path); err != nil {
			return c.fail(err)
		}
	}
	return c.withDB(func(db *store.DB) int {
		problems, err := db.CheckContents(c.ctx)
		if err != nil {
			return c.fail(err)
		}
		problems = append(pageProblems, problems...)
		if len(problems) == 0 {
			c.println(c.msg("cli.check_ok", nil))
			return exitOK
		}
		c.println(c.msg("cli.check_problems", map[string]any{"Count": len(problems), "Path": db.Path()}))
		for _, p := range problems {
			c.println("  " + p)
		}
		return exitFailure
	})
}

// stats: hankekirja stats [--json]
func (c *cli) stats(args []string) int {
	fs := c.flags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		st, err := db.Stats(c.ctx)
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			return c.writeJSON(st)
		}
		var rows [][]string
		add := func(key, value string) {
			rows = append(rows, []string{c.msg(key, nil) + ":", value})
		}
		current, err := db.Services().Municipalities.List(c.ctx, model.Filter{Facets: []string{"current"}})
		if err != nil {
			return c.fail(err)
		}
		for _, k := range model.Kinds {
			n := formatInt(c.lang, int64(st.Records[k]))
			if k == model.KindMunicipality {
				n += " (" + c.msg("cli.stats.current", map[string]any{"Count": formatInt(c.lang, int64(current.Total))}) + ")"
			}
			add("kinds."+k.String(), n)
		}
		add("cli.stats.trash", formatInt(c.lang, int64(st.Trash)))
		add("cli.stats.revisions", formatInt(c.lang, int64(st.Revisions)))
		add("cli.stats.size", formatSize(c.lang, st.Size))
		add("cli.stats.schema", strconv.Itoa(st.Schema))
		add("cli.stats.path", st.Path)
		return c.writeTable(rows)
	})
}
