package main

import (
	"fmt"

	"hankekirja/store"
)

// version: hankekirja version. It does not open the database.
func (c *cli) version(args []string) int {
	fs := c.flags("version")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	fmt.Fprintln(c.stdout, "hankekirja "+version)
	return exitOK
}

// help: hankekirja help (also -h and --help).
func (c *cli) help(args []string) int {
	def, err := store.DefaultPath()
	if err != nil {
		def = c.msg("cli.default_path", nil)
	}
	fmt.Fprint(c.stdout, c.msg("cli.usage", map[string]any{"Default": def}))
	return exitOK
}
