package main

import (
	"errors"
	"io"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
	"hankekirja/xlsx"
)

// The Excel half of export and import (package xlsx):
//
//	hankekirja export xlsx KIND --out FILE
//	hankekirja import FILE.xlsx [--dry-run] [--skip-invalid]
//
// KIND as for export csv. Import recognises a workbook by its content
// (a zip archive with a workbook's parts) and reads its active sheet as a
// CSV file of the same table.

func init() {
	exporters["xlsx"] = (*cli).exportXLSX
	importers = append(importers, importer{name: "xlsx", detect: xlsx.Detect, run: (*cli).importXLSX})
}

func (c *cli) exportXLSX(args []string) int {
	fs := c.flags("export xlsx")
	incl := fs.Bool("include-confidential", false, "include the content of confidential items")
	out := fs.String("out", "", "file to write")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 || *out == "" {
		return c.usageError(c.msg("xlsx.cli.export_usage", nil))
	}
	name, ok := tableName(args[0])
	if !ok {
		return c.usageError(c.msg("table.unknown_kind", map[string]any{"Name": args[0]}))
	}
	return c.writeTableExport(*out, func(svc model.Services, w io.Writer) (int, error) {
		return xlsx.ExportOnly(c.ctx, exportServices(svc, *incl, c.lang), name, w, c.lang, nil)
	})
}

func (c *cli) importXLSX(path string, data []byte, args []string) int {
	opts, status, ok := c.importFlags(args)
	if !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		rep, err := xlsx.Import(c.ctx, db.Services(), data, opts)
		var fe *importing.FormatError
		if errors.As(err, &fe) && rep.Kind == 0 {
			return c.failInterchange(err)
		}
		c.println(c.msg("xlsx.cli.import", map[string]any{"Path": path, "Kind": assets.Message(c.lang, "kinds."+rep.Kind.String(), nil)}))
		return c.report(rep, err, opts)
	})
}
