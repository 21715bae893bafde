package main

import (
	"errors"
	"io"

	"hankekirja/assets"
	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// The CSV half of export and import (package csv):
//
//	hankekirja export csv KIND --out FILE [--old-excel]
//	hankekirja import FILE [--dry-run] [--skip-invalid] [--no-create-organisations] [--region CC]
//
// KIND is contacts, organisations, municipalities, projects, groups or
// tasks (or their Finnish names). FILE "-" is standard output. Import recognises a
// CSV file by its headers, prints what it adds, updates and leaves as it
// is and what is wrong with each invalid row, and exits 1 when the file is
// rejected.

func init() {
	exporters["csv"] = (*cli).exportCSV
	importers = append(importers, importer{name: "csv", detect: csv.Detect, run: (*cli).importCSV})
}

// tableName is the table a command line names, by the table's own name
// ("contacts", "tasks") or by a kind's name in any of our languages, as
// package csv calls it: a meeting's table is its tasks.
func tableName(name string) (string, bool) {
	kind, ok := csv.ParseKind(name)
	if !ok {
		if k, known := parseKind(name); known {
			kind, ok = csv.ParseKind(k.String())
		}
	}
	if kind == model.KindMeeting {
		return "tasks", ok
	}
	return kind.String(), ok
}

func (c *cli) exportCSV(args []string) int {
	fs := c.flags("export csv")
	incl := fs.Bool("include-confidential", false, "include the content of confidential items")
	out := fs.String("out", "", "file to write")
	oldExcel := fs.Bool("old-excel", false, "CSV for old Excel: codes and phone numbers as =\"…\" formulas that keep their leading zeros")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 || *out == "" {
		return c.usageError(c.msg("table.cli.export_csv_usage", nil))
	}
	name, ok := tableName(args[0])
	if !ok {
		return c.usageError(c.msg("table.unknown_kind", map[string]any{"Name": args[0]}))
	}
	return c.writeTableExport(*out, func(svc model.Services, w io.Writer) (int, error) {
		lines := &counter{w: w, token: []byte("\r\n")}
		err := csv.ExportWith(c.ctx, exportServices(svc, *incl, c.lang), name, lines, c.lang, csv.ExportOptions{OldExcel: *oldExcel})
		return lines.n - 1, err // the header is no row
	})
}

// writeTableExport writes a table's export to out and says how many rows went;
// an error of the export itself is told as the importers tell theirs.
func (c *cli) writeTableExport(out string, export func(svc model.Services, w io.Writer) (rows int, err error)) int {
	return c.withDB(func(db *store.DB) int {
		var exportErr error
		rows := 0
		err := c.writeOutput(out, func(w io.Writer) error {
			rows, exportErr = export(db.Services(), w)
			return exportErr
		})
		switch {
		case exportErr != nil:
			return c.failInterchange(exportErr)
		case err != nil:
			return c.fail(err)
		}
		if out != "-" {
			c.println(c.msg("table.cli.exported", map[string]any{"Path": out, "Count": rows}))
		}
		return exitOK
	})
}

// failInterchange reports an error of package csv or vcard.
func (c *cli) failInterchange(err error) int {
	c.errorLine(importing.ErrorText(c.lang, err))
	return exitFailure
}

// importFlags parses the flags import takes after FILE.
func (c *cli) importFlags(args []string) (opts importing.Options, status int, ok bool) {
	fs := c.flags("import")
	dry := fs.Bool("dry-run", false, "show what would change, change nothing")
	skip := fs.Bool("skip-invalid", false, "import the records of a file with records that cannot be imported (no name, email or organisation; ambiguous)")
	noOrgs := fs.Bool("no-create-organisations", false, "keep organisations not found as text in the contact's notes instead of adding them")
	region := fs.String("region", model.DefaultRegion, "the country (ISO 3166 code, SE) of national phone numbers on records whose address names none")
	rest, err := c.parse(fs, args, false)
	if err != nil {
		return opts, c.flagError(err), false
	}
	if len(rest) > 0 {
		return opts, c.usageError(c.msg("table.cli.import_usage", nil)), false
	}
	r := model.CountryRegion(*region)
	if r == "" {
		return opts, c.usageError(c.msg("import.cli.bad_region", map[string]any{"Name": *region})), false
	}
	return importing.Options{DryRun: *dry, SkipInvalid: *skip, Lang: c.lang, Region: r, CreateOrganisations: !*noOrgs}, exitOK, true
}

func (c *cli) importCSV(path string, data []byte, args []string) int {
	opts, status, ok := c.importFlags(args)
	if !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		rep, err := csv.Import(c.ctx, db.Services(), data, opts)
		var fe *importing.FormatError
		if errors.As(err, &fe) && rep.Kind == 0 {
			return c.failInterchange(err)
		}
		c.println(c.msg("table.cli.import_csv", map[string]any{"Path": path, "Kind": assets.Message(c.lang, "kinds."+rep.Kind.String(), nil)}))
		return c.report(rep, err, opts)
	})
}

// report prints an import's report and its outcome.
func (c *cli) report(rep importing.Report, err error, opts importing.Options) int {
	for _, line := range rep.Lines() {
		c.println(line)
	}
	if err != nil {
		return c.failInterchange(err)
	}
	if opts.DryRun {
		c.println(c.msg("table.cli.dry_run", nil))
	}
	return exitOK
}
