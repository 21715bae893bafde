package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"time"

	"hankekirja/archivegen"
	"hankekirja/model"
	"hankekirja/store"
)

// Test data on the command line:
//
//	hankekirja gen [--contacts N] [--meetings M] [--groups G] [--projects P] [--seed S] --out FILE
//
// writes a generated archive (package archivegen) into a new database
// FILE: without counts the default region of ten years, with --contacts or
// --meetings alone groups and projects in proportion. It never overwrites
// a file; a run that fails removes the file it made. Progress goes to
// standard error, a line per batch; the counts, the size and the time to
// standard output.

func init() { subcommands["gen"] = (*cli).gen }

// gen: hankekirja gen ... --out FILE
func (c *cli) gen(args []string) int {
	def := archivegen.Default()
	fs := c.flags("gen")
	contacts := fs.Int("contacts", -1, "contacts")
	meetings := fs.Int("meetings", -1, "meetings")
	groups := fs.Int("groups", -1, "groups")
	projects := fs.Int("projects", -1, "projects")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	out := fs.String("out", "", "new database file")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 0 || *out == "" {
		return c.usageError(c.msg("cli.gen.usage", nil))
	}
	cfg := def
	if *contacts >= 0 || *meetings >= 0 {
		cfg = archivegen.Scaled(orDefault(*contacts, def.Contacts), orDefault(*meetings, def.Meetings), *seed)
	}
	cfg.Seed = *seed
	cfg.Groups = orDefault(*groups, cfg.Groups)
	cfg.Projects = orDefault(*projects, cfg.Projects)
	if err := cfg.Validate(); err != nil {
		return c.usageError(err.Error())
	}
	if _, err := os.Lstat(*out); err == nil || !errors.Is(err, os.ErrNotExist) {
		return c.fail(&model.Error{Code: model.EINVALID, Key: "cli.gen.exists", Args: map[string]any{"Path": *out}})
	}
	began := time.Now()
	// A generated file can be made again: no fsync per batch, one at the
	// end. The search index is built once at the end, not batch by batch.
	db, err := store.Open(*out, &store.Options{NoSync: true, NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		return c.fail(err)
	}
	res, err := archivegen.Generate(c.ctx, db.Services(), cfg, func(done, total int) {
		fmt.Fprintln(c.stderr, c.msg("cli.gen.progress", map[string]any{
			"Text":  formatInt(c.lang, int64(done)) + "/" + formatInt(c.lang, int64(total)),
			"Count": done * 100 / max(total, 1),
		}))
	})
	if err == nil {
		err = db.BuildSearch()
	}
	if err == nil {
		err = db.Bolt().Sync()
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return c.fail(err)
	}
	var size int64
	if fi, err := os.Stat(*out); err == nil {
		size = fi.Size()
	}
	seconds := math.Round(time.Since(began).Seconds()*10) / 10
	c.println(c.msg("cli.gen.done", map[string]any{"Path": *out, "Text": formatDecimal(c.lang, seconds)}))
	var rows [][]string
	for _, k := range model.Kinds {
		if n := res.Created[k]; n > 0 {
			rows = append(rows, []string{"  " + c.msg("kinds."+k.String(), nil) + ":", formatInt(c.lang, int64(n))})
		}
	}
	rows = append(rows, []string{"  " + c.msg("cli.gen.size", nil) + ":", formatSize(c.lang, size)})
	return c.writeTable(rows)
}

// orDefault returns n, or def when n was not given (negative).
func orDefault(n, def int) int {
	if n < 0 {
		return def
	}
	return n
}
