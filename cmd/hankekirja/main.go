// Command hankekirja keeps the records of Finnish sote preparation projects:
// projects, their working groups and meetings, contacts, organisations and
// the municipalities taking part.
//
// Usage:
//
//	hankekirja [--db PATH] [<subcommand> [arguments]]
//
// Without a subcommand hankekirja opens its graphical interface. The
// subcommands are:
//
//	list KIND [--json] [--filter TEXT] [--all]
//	        List the records of a kind, in Finnish alphabetical order: ID,
//	        name and a short description in aligned columns, or with --json
//	        a JSON array holding each record in full. --filter keeps the
//	        records where every word of TEXT begins a word of theirs
//	        ("hyvin" finds Hyvinkää). Municipalities are the current ones
//	        unless --all asks for former ones too.
//	show KIND ID [--json]
//	        Show one record as "label: value" lines, or as JSON. ID is the
//	        record's ID or, when only one record matches, words of its name;
//	        a municipality can also be given by its code (091) or a former
//	        name (Hauho shows Hämeenlinna).
//	check   Check the database file and its indexes; exit status 1 and a
//	        report of the problems when anything is wrong.
//	compact Rewrite the database without its free pages, after a backup,
//	        and print the size before and after (compact.go).
//	stats [--json]
//	        Count the records of each kind, the trash and the revisions kept,
//	        and show the file's size and path.
//	demo    Load the example data; loading it again adds nothing.
//	gen [--contacts N] [--meetings M] [--groups G] [--projects P] [--seed S] --out FILE
//	        Write a generated archive (package archivegen) into a new file:
//	        test data for benchmarks; the same seed gives the same archive.
//	list meetings [--group ID] [--json], list tasks [--open] [--overdue] [--group ID] [--json]
//	        A group's meetings; the follow-up tasks of all minutes.
//	export minutes|agenda|invitation MEETING --format pdf|html|md|docx --out FILE
//	export ics (MEETING | --group GROUP) --out FILE
//	        Minutes and agendas (export_minutes.go); calendar invitations.
//	export snapshot --out FILE [--project ID] [--encrypt]
//	        A snapshot another Hankekirja can merge (export_snapshot.go,
//	        docs/snapshot-format.md).
//	export csv KIND --out FILE [--old-excel], export vcard --out FILE [--version 4.0]
//	        Spreadsheets for Finnish Excel and address books.
//	import FILE [--dry-run] [--skip-invalid] [--no-create-organisations] [--region CC]
//	        A snapshot, CSV or vCard file; the format is read from the
//	        content (interchange.go).
//	backup FILE, backups, restore FILE [--yes]
//	        A consistent copy of the database; the automatic backups;
//	        putting one back (backup.go).
//	version Print the version (does not open the database).
//	help    Print the usage.
//
// KIND is projects, groups, meetings, contacts, municipalities or
// organisations (the singular works too, as do the Finnish names).
//
// In JSON output every record has "name", a string, beside its own fields;
// a municipality's names in Finnish, Swedish and English are under "names".
//
// The database is the file given with --db, else the one named by the
// environment variable HANKEKIRJA_DB, else hankekirja/hankekirja.db in the
// user's configuration directory. It is created when it does not exist; a
// file that is not a Hankekirja database is never changed.
//
// Messages are in Finnish when the locale (LC_ALL, LC_MESSAGES or LANG, the
// first one set) is Finnish, in Swedish when it is Swedish, and in English
// otherwise. Errors are one line on standard error. The exit status is 0 on
// success, 1 on failure and 2 for a usage error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	// Before Fyne reads the locale: see the package comment.
	_ "hankekirja/cmd/hankekirja/internal/plainlocale"
	"hankekirja/store"
)

// version is set when building a release:
//
//	go build -ldflags "-X main.version=1.0.0" ./cmd/hankekirja
var version = "dev"

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run runs the command line with args (without the program name) and
// returns the exit status. It never panics. stdin is for subcommands that
// read input (restore asks for confirmation on it).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) (status int) {
	c := &cli{ctx: context.Background(), stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, lang: localeLang(getenv)}
	defer func() {
		if r := recover(); r != nil {
			status = c.fail(fmt.Errorf("%v", r))
			// The user sees one line; whoever debugs can ask for the stack.
			if getenv("HANKEKIRJA_DEBUG") != "" {
				fmt.Fprintf(stderr, "%s\n", debug.Stack())
			}
		}
	}()
	fs := c.flags("hankekirja")
	rest, err := c.parse(fs, args, true)
	if err != nil {
		return c.flagError(err)
	}
	if len(rest) == 0 {
		path, err := c.path()
		if err != nil {
			return c.fail(err)
		}
		if runGUI == nil {
			c.println(c.msg("cli.no_gui", nil))
			return exitOK
		}
		if !hasDisplay(thisOS, getenv) {
			c.errorLine(c.msg("cli.no_display", nil))
			return exitFailure
		}
		return runGUI(path)
	}
	cmd, args := rest[0], rest[1:]
	switch cmd {
	case "list", "ls":
		return c.list(args)
	case "show":
		return c.show(args)
	case "check":
		return c.check(args)
	case "stats":
		return c.stats(args)
	case "demo":
		return c.demo(args)
	case "version":
		return c.version(args)
	case "help":
		return c.help(args)
	}
	if sub, ok := subcommands[cmd]; ok {
		return sub(c, args)
	}
	return c.usageError(c.msg("cli.unknown_command", map[string]any{"Name": cmd}))
}

// subcommands holds the subcommands that files of their own register from
// an init function (export, import, backup, ...), so that adding one does
// not touch this file.
var subcommands = map[string]func(c *cli, args []string) int{}

// localeLang picks the language of messages from the locale: the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides.
func localeLang(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(getenv(name))
		switch {
		case v == "":
			continue
		case strings.HasPrefix(v, "fi"):
			return "fi"
		case strings.HasPrefix(v, "sv"):
			return "sv"
		}
		return "en"
	}
	return "en"
}

// path returns the database's path: --db, else $HANKEKIRJA_DB, else the
// default place.
func (c *cli) path() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	if p := c.getenv("HANKEKIRJA_DB"); p != "" {
		return p, nil
	}
	return store.DefaultPath()
}
