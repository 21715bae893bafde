package main

import (
	"errors"
	"io"
	"os"
	"sort"
	"strings"
)

// The export and import subcommands dispatch to formats that register
// themselves from their own files (export_snapshot.go, export_csv.go,
// export_minutes.go, ...), so that each format's command line lives beside
// nothing else.

// exporters maps "export WHAT" to its handler, which gets the arguments
// after WHAT.
var exporters = map[string]func(c *cli, args []string) int{}

// importer reads one file format. detect looks at the file's first bytes
// (at most 64 KiB); run gets the whole file and the import's own
// arguments, or, for a format whose files are too large to hold
// (snapshots), runFile gets the first bytes and reads the file itself.
type importer struct {
	name    string
	detect  func(head []byte) bool
	run     func(c *cli, path string, data []byte, args []string) int
	runFile func(c *cli, path string, head []byte, args []string) int
}

// importers are tried in order; the first whose detect accepts the file
// imports it.
var importers []importer

func init() {
	subcommands["export"] = (*cli).export
	subcommands["import"] = (*cli).importFile
}

// export: hankekirja export WHAT ... (snapshot, csv, vcard, minutes, agenda, ics).
func (c *cli) export(args []string) int {
	if len(args) == 0 {
		return c.usageError(c.msg("cli.export_what", map[string]any{"Names": strings.Join(exporterNames(), ", ")}))
	}
	run, ok := exporters[args[0]]
	if !ok {
		return c.usageError(c.msg("cli.export_what", map[string]any{"Names": strings.Join(exporterNames(), ", ")}))
	}
	return run(c, args[1:])
}

func exporterNames() []string {
	var names []string
	for n := range exporters {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// importFile: hankekirja import FILE [flags]; the format is read from the
// file's content, not its name.
func (c *cli) importFile(args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return c.usageError(c.msg("cli.import_file", nil))
	}
	path := args[0]
	head, err := readHead(path, 64<<10)
	if err != nil {
		return c.fail(err)
	}
	for _, imp := range importers {
		if !imp.detect(head) {
			continue
		}
		if imp.runFile != nil {
			return imp.runFile(c, path, head, args[1:])
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return c.fail(err)
		}
		return imp.run(c, path, data, args[1:])
	}
	c.errorLine(c.msg("cli.import_unknown_format", map[string]any{"Path": path}))
	return exitFailure
}

// readHead reads the first n bytes of a file (fewer when it is shorter).
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, n)
	got, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return head[:got], nil
}
