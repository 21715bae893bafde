package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"hankekirja/assets"
	"hankekirja/store"
)

// cli is one run of the command line: its streams, its language and the
// database path given with --db.
type cli struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	lang   string
	dbPath string
	// searching is set by the command that searches: the others leave an
	// incomplete full-text index for the window to build (a command's
	// open would start the build of a large archive and abandon it).
	searching bool
	// backupWarned is set once the failed automatic backup was said: a
	// command that opens the database twice (import tries the fast path
	// for a new file first) says it once.
	backupWarned bool
}

// msg renders a catalogue message in the user's language.
func (c *cli) msg(key string, args map[string]any) string {
	return assets.Message(c.lang, key, args)
}

// println writes a line to standard output.
func (c *cli) println(s string) { fmt.Fprintln(c.stdout, s) }

// open opens the database. The caller closes it.
func (c *cli) open() (*store.DB, error) {
	path, err := c.dbFile()
	if err != nil {
		return nil, err
	}
	return store.Open(path, &store.Options{NoSearchBuild: !c.searching})
}

// withDB opens the database, runs fn and closes the database again.
func (c *cli) withDB(fn func(db *store.DB) int) (status int) {
	db, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	defer func() {
		// The day's automatic backup runs beside the command; a failure
		// does not fail the command, but it is said.
		if err := db.BackupError(); err != nil && !c.backupWarned {
			c.backupWarned = true
			c.errorLine(c.msg("cli.backup.auto_failed", map[string]any{"Detail": assets.ErrorText(c.lang, err)}))
		}
		if err := db.Close(); err != nil && status == exitOK {
			status = c.fail(err)
		}
	}()
	return fn(db)
}

// fail reports err on standard error as one line and returns exitFailure.
func (c *cli) fail(err error) int {
	c.errorLine(assets.ErrorText(c.lang, err))
	return exitFailure
}

// errorLine writes "hankekirja: text" on standard error, on one line.
func (c *cli) errorLine(text string) {
	text = strings.Join(strings.Fields(text), " ")
	fmt.Fprintln(c.stderr, "hankekirja: "+text)
}

// usageError reports a mistake in the command line and the short usage, and
// returns exitUsage.
func (c *cli) usageError(text string) int {
	c.errorLine(text)
	fmt.Fprintln(c.stderr, c.msg("cli.usage_short", nil))
	return exitUsage
}

// flags returns a flag set that reports its errors to the caller only, with
// the global --db flag (accepted after the subcommand too).
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.dbPath, "db", c.dbPath, "database file")
	return fs
}

// parse parses flags that may come before, between or after the positional
// arguments ("list projects --json") and returns the positional ones. With
// stopAtFirst it stops at the first positional argument, as the global flags
// do before the subcommand.
func (c *cli) parse(fs *flag.FlagSet, args []string, stopAtFirst bool) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if stopAtFirst || len(rest) == 0 {
			return append(pos, rest...), nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagError reports an error from the flag package in the user's language.
func (c *cli) flagError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return c.help(nil)
	}
	s := err.Error()
	for _, f := range []struct{ prefix, key string }{
		{"flag provided but not defined: ", "cli.flag_unknown"},
		{"flag needs an argument: ", "cli.flag_needs_argument"},
		{"bad flag syntax: ", "cli.flag_unknown"},
	} {
		if name, ok := strings.CutPrefix(s, f.prefix); ok {
			if !strings.HasPrefix(name, "--") {
				name = "-" + name // the usage spells options --name
			}
			return c.usageError(c.msg(f.key, map[string]any{"Flag": name}))
		}
	}
	return c.usageError(c.msg("cli.flag_invalid", map[string]any{"Detail": s}))
}

// wantArgs checks the number of positional arguments, reporting a usage
// error when it is wrong.
func (c *cli) wantArgs(args []string, min, max int) (int, bool) {
	switch {
	case len(args) < min:
		return c.usageError(c.msg("cli.missing_args", nil)), false
	case len(args) > max:
		return c.usageError(c.msg("cli.too_many_args", map[string]any{"Arg": args[max]})), false
	}
	return exitOK, true
}
