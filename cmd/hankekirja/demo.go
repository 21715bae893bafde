package main

import (
	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/store"
)

// demo: hankekirja demo. Loading the example data again adds nothing.
func (c *cli) demo(args []string) int {
	fs := c.flags("demo")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		res, err := demo.Load(c.ctx, db.Services())
		if err != nil {
			return c.fail(err)
		}
		if res.TotalAdded() == 0 {
			c.println(c.msg("cli.demo_nothing", map[string]any{"Path": db.Path()}))
			return exitOK
		}
		c.println(c.msg("cli.demo_added", map[string]any{"Path": db.Path()}))
		var rows [][]string
		for _, k := range model.Kinds {
			if n := res.Added[k]; n > 0 {
				rows = append(rows, []string{"  " + c.msg("kinds."+k.String(), nil) + ":", formatInt(c.lang, int64(n))})
			}
		}
		return c.writeTable(rows)
	})
}
