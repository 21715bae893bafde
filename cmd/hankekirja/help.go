package main

import (
	"fmt"
	"strings"

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
	usage := c.msg("cli.usage", map[string]any{"Default": def})
	// gen's entry goes before the closing paragraph (kinds, database).
	if i := strings.LastIndex(strings.TrimRight(usage, "\n"), "\n\n"); i >= 0 {
		usage = usage[:i] + "\n" + c.msg("cli.search.usage_line", nil) + "\n" + c.msg("cli.gen.usage_line", nil) + "\n" + c.msg("cli.crypt.usage_line", nil) + usage[i:]
	}
	fmt.Fprint(c.stdout, usage)
	return exitOK
}
