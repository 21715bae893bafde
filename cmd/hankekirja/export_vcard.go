package main

import (
	"io"
	"strings"

	"hankekirja/model"
	"hankekirja/store"
	"hankekirja/vcard"
)

// The vCard half of export and import (package vcard):
//
//	hankekirja export vcard --out FILE [--version 4.0] [--id ID]...
//	hankekirja import FILE [--dry-run] [--skip-invalid] [--no-create-organisations] [--region CC]
//
// Without --id every contact is exported; --id (an ID or words of a
// contact's name, repeatable) exports those contacts only. The default
// version is 3.0, which every address book reads.

func init() {
	exporters["vcard"] = (*cli).exportVCard
	importers = append(importers, importer{name: "vcard", detect: vcard.Detect, run: (*cli).importVCard})
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func (c *cli) exportVCard(args []string) int {
	fs := c.flags("export vcard")
	incl := fs.Bool("include-confidential", false, "include the content of confidential items")
	out := fs.String("out", "", "file to write")
	version := fs.String("version", vcard.V3, "vCard version, 3.0 or 4.0")
	var ids listFlag
	fs.Var(&ids, "id", "contact to export (repeatable)")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 0 || *out == "" {
		return c.usageError(c.msg("table.cli.export_vcard_usage", nil))
	}
	switch *version {
	case "3", "3.0", "4", "4.0":
	default:
		return c.usageError(c.msg("vcard.bad_version", map[string]any{"Name": *version}))
	}
	return c.withDB(func(db *store.DB) int {
		svc := exportServices(db.Services(), *incl, c.lang)
		var only []model.ID
		for _, ref := range ids {
			r, err := c.find(svc, model.KindContact, ref)
			if err != nil {
				return c.fail(err)
			}
			only = append(only, r.GetMeta().ID)
		}
		if len(ids) > 0 && len(only) == 0 {
			return c.usageError(c.msg("table.cli.export_vcard_usage", nil))
		}
		var exportErr error
		cards := &counter{token: []byte("BEGIN:VCARD\r\n")}
		err := c.writeOutput(*out, func(w io.Writer) error {
			cards.w = w
			exportErr = vcard.Export(c.ctx, svc, cards, *version, only...)
			return exportErr
		})
		switch {
		case exportErr != nil:
			return c.failInterchange(exportErr)
		case err != nil:
			return c.fail(err)
		}
		if *out != "-" {
			c.println(c.msg("table.cli.exported_cards", map[string]any{"Path": *out, "Count": cards.n}))
		}
		return exitOK
	})
}

func (c *cli) importVCard(path string, data []byte, args []string) int {
	opts, status, ok := c.importFlags(args)
	if !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		rep, err := vcard.Import(c.ctx, db.Services(), data, opts)
		if err != nil && len(rep.Items) == 0 {
			return c.failInterchange(err)
		}
		c.println(c.msg("table.cli.import_vcard", map[string]any{"Path": path}))
		return c.report(rep, err, opts)
	})
}
