package main

import (
	"hankekirja/store"
)

// compact: hankekirja compact. It rewrites the database without its free
// pages, with a backup first, and prints the size before and after. It
// runs with the database closed (another program holding it is refused).

func init() { subcommands["compact"] = (*cli).compact }

func (c *cli) compact(args []string) int {
	fs := c.flags("compact")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	path, err := c.dbFile()
	if err != nil {
		return c.fail(err)
	}
	res, err := store.Compact(c.ctx, path, nil, nil)
	if err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.compact.done", map[string]any{
		"Path":   path,
		"Before": formatSize(c.lang, res.Before),
		"After":  formatSize(c.lang, res.After),
		"Backup": res.Backup,
	}))
	return exitOK
}
