package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/term"

	"hankekirja/assets"
	"hankekirja/model"
	"hankekirja/snapshot"
	"hankekirja/store"
)

// Snapshots on the command line:
//
//	hankekirja export snapshot --out FILE [--project ID] [--encrypt]
//	hankekirja import FILE [--dry-run] [--theirs]
//
// The passphrase of an encrypted snapshot comes from $HANKEKIRJA_PASSPHRASE
// (scripts, CI) or else is asked on the terminal without echo.
//
// import prints the preview and then applies it. The command line cannot
// ask about each conflict, so a record both sides changed is merged field
// by field: a field only they changed since the last common revision is
// taken, every other differing field keeps this database's value, and
// both versions stay in the record's history. --theirs takes their value
// for every differing field instead. --dry-run prints the preview, checks
// that it could be applied and changes nothing. A snapshot that cannot be
// imported exits with status 1 and leaves the database untouched.

func init() {
	exporters["snapshot"] = (*cli).exportSnapshot
	// First, so that no looser format's detection claims a snapshot.
	importers = append([]importer{{name: "snapshot", detect: snapshot.IsSnapshot, runFile: (*cli).importSnapshot}}, importers...)
}

// openTerminal opens the terminal for the passphrase prompt (tests replace
// it: a test must never wait for a person).
var openTerminal = func() (*os.File, error) {
	if runtime.GOOS == "windows" {
		return os.OpenFile("CONIN$", os.O_RDWR, 0)
	}
	return os.OpenFile("/dev/tty", os.O_RDWR, 0)
}

// passphrase returns $HANKEKIRJA_PASSPHRASE or asks for one on the
// terminal, twice when confirm (a typo would make the file unreadable).
func (c *cli) passphrase(confirm bool) (string, error) {
	if p := c.getenv("HANKEKIRJA_PASSPHRASE"); p != "" {
		return p, nil
	}
	noPass := &model.Error{Code: model.EINVALID, Key: "cli.snapshot.no_passphrase"}
	tty, err := openTerminal()
	if err != nil {
		return "", noPass
	}
	defer tty.Close()
	// The prompt goes to the terminal itself, so that it shows even when
	// standard error is redirected (Windows' console input cannot be
	// written to: there it goes to standard error).
	var prompt io.Writer = tty
	if runtime.GOOS == "windows" {
		prompt = c.stderr
	}
	ask := func(key string) (string, error) {
		fmt.Fprint(prompt, c.msg(key, nil))
		b, err := term.ReadPassword(int(tty.Fd()))
		fmt.Fprintln(prompt)
		if err != nil {
			return "", noPass
		}
		return string(b), nil
	}
	p, err := ask("cli.snapshot.passphrase_prompt")
	if err != nil || p == "" {
		return "", noPass
	}
	if confirm {
		again, err := ask("cli.snapshot.passphrase_again")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", &model.Error{Code: model.EINVALID, Key: "cli.snapshot.passphrase_mismatch"}
		}
	}
	return p, nil
}

// exportSnapshot: hankekirja export snapshot --out FILE [--project ID] [--encrypt]
func (c *cli) exportSnapshot(args []string) int {
	fs := c.flags("export snapshot")
	incl := fs.Bool("include-confidential", false, "include the content of confidential items")
	out := fs.String("out", "", "file to write")
	project := fs.String("project", "", "project ID or name")
	encrypt := fs.Bool("encrypt", false, "encrypt with a passphrase")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	if *out == "" {
		return c.usageError(c.msg("cli.snapshot.usage_export", nil))
	}
	if err := c.checkOut(*out); err != nil {
		return c.fail(err)
	}
	var pass string
	if *encrypt {
		if pass, err = c.passphrase(true); err != nil {
			return c.fail(err)
		}
	}
	return c.withDB(func(db *store.DB) int {
		opts := snapshot.ExportOptions{Passphrase: pass, AppVersion: version, IncludeConfidential: *incl}
		if *project != "" {
			p, err := c.find(db.Services(), model.KindProject, *project)
			if err != nil {
				return c.fail(err)
			}
			opts.Project = p.GetMeta().ID
		}
		// Streamed into the file as the records are read; the file
		// appears under its name only once complete.
		var h snapshot.Header
		var exportErr error
		err := store.WriteFileAtomic(*out, 0o600, func(w io.Writer) error {
			h, exportErr = snapshot.ExportTo(c.ctx, db, opts, w)
			return exportErr
		})
		if exportErr != nil {
			return c.fail(exportErr)
		}
		if err != nil {
			return c.fail(model.Internal(err))
		}
		c.println(c.msg("cli.snapshot.written", map[string]any{"Path": *out, "Count": formatInt(c.lang, int64(h.Records)), "Detail": c.countsText(h.Counts)}))
		if *encrypt {
			c.println(c.msg("cli.snapshot.encrypted_note", nil))
		}
		return exitOK
	})
}

// checkOut refuses to write a snapshot over a file that is not one (the
// database itself, say).
func (c *cli) checkOut(path string) error {
	if db, err := c.path(); err == nil && sameFile(db, path) {
		return &model.Error{Code: model.EINVALID, Key: "cli.snapshot.out_exists", Args: map[string]any{"Path": path}}
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return model.Internal(err)
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := f.Read(head)
	if fi, err := f.Stat(); err == nil && fi.Size() == 0 {
		return nil
	}
	if !snapshot.IsSnapshot(head[:n]) {
		return &model.Error{Code: model.EINVALID, Key: "cli.snapshot.out_exists", Args: map[string]any{"Path": path}}
	}
	return nil
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(fa, fb)
	}
	pa, _ := filepath.Abs(a)
	pb, _ := filepath.Abs(b)
	return pa == pb
}

// countsText says a snapshot's counts: "Hankkeet 1, Yhteyshenkilöt 12".
func (c *cli) countsText(counts map[string]int) string {
	var parts []string
	for _, k := range model.Kinds {
		if n := counts[k.String()]; n > 0 {
			parts = append(parts, c.msg("kinds."+k.String(), nil)+" "+formatInt(c.lang, int64(n)))
		}
	}
	return strings.Join(parts, ", ")
}

// importSnapshot: hankekirja import FILE [--dry-run] [--theirs]
func (c *cli) importSnapshot(path string, head []byte, args []string) int {
	fs := c.flags("import")
	dryRun := fs.Bool("dry-run", false, "preview only")
	theirs := fs.Bool("theirs", false, "take their side of every conflict")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	var pass string
	if snapshot.IsEncrypted(head) {
		if pass, err = c.passphrase(false); err != nil {
			return c.fail(err)
		}
	}
	if !*dryRun {
		if status, ok := c.loadSnapshot(path, pass); ok {
			return status
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return c.fail(err)
	}
	snap, err := snapshot.Read(data, pass)
	if err != nil {
		return c.fail(err)
	}
	var erased []*model.Contact
	status := c.withDB(func(db *store.DB) int {
		plan, err := snapshot.MakePlan(c.ctx, db, snap, nil)
		if err != nil {
			return c.fail(err)
		}
		if *theirs {
			for _, cf := range plan.Conflicts {
				cf.ChooseAll(snapshot.TakeTheirs)
			}
		}
		c.printPlan(db, plan)
		if *dryRun {
			// Everything Apply would check, in a transaction rolled back.
			if err := plan.Check(c.ctx, db); err != nil {
				return c.fail(err)
			}
		}
		switch {
		case plan.Empty():
			c.println(c.msg("cli.snapshot.nothing", nil))
			if !*dryRun {
				// Revision metadata the snapshot adds is still recorded.
				if _, err := snapshot.Apply(c.ctx, db, plan); err != nil {
					return c.fail(err)
				}
			}
			return exitOK
		case *dryRun:
			c.println(c.msg("cli.snapshot.dry_run", nil))
			return exitOK
		}
		res, err := snapshot.Apply(c.ctx, db, plan)
		if err != nil {
			return c.fail(err)
		}
		c.println(c.msg("cli.snapshot.applied", map[string]any{"Path": res.Backup}))
		erased = plan.ErasedContacts()
		return exitOK
	})
	if status != exitOK || len(erased) == 0 {
		return status
	}
	// The people the other laptop erased are gone from the records; their
	// bytes may still be in free pages and in the backups (the import's
	// own among them).
	dbPath, err := c.path()
	if err != nil {
		return c.fail(err)
	}
	changes, err := store.ScrubErased(c.ctx, dbPath, nil, erased)
	if err != nil {
		return c.fail(err)
	}
	c.printBackupChanges(changes)
	return exitOK
}

// printPlan prints an import's preview.
func (c *cli) printPlan(db *store.DB, p *snapshot.Plan) {
	h := p.Header
	scope := c.msg("cli.snapshot.scope_all", nil)
	if id := h.Project(); !id.IsZero() {
		name := id.String()
		for _, r := range p.Add {
			if r.ID == id {
				name = r.Title
			}
		}
		if s, err := db.Services().Queries.Summary(c.ctx, id); err == nil {
			name = s.Title
		}
		scope = c.msg("cli.snapshot.scope_project", map[string]any{"Name": name})
	}
	c.println(c.msg("cli.snapshot.preview_header", map[string]any{
		"Text": scope, "ID": h.ExportedBy.String(), "When": formatTime(h.ExportedAt), "Version": h.AppVersion,
		"Count": formatInt(c.lang, int64(h.Records)),
	}))
	section := func(key, mark string, items []snapshot.Item) {
		if len(items) == 0 {
			return
		}
		c.println(c.msg(key, map[string]any{"Count": len(items)}))
		var rows [][]string
		for _, it := range items {
			row := []string{"  " + mark, c.msg("kind."+it.Kind.String(), nil), it.Title}
			if it.ReferredBy != "" {
				row[2] += " " + c.msg("cli.snapshot.referred_by", map[string]any{"Name": it.ReferredBy})
			}
			rows = append(rows, row)
		}
		c.writeTable(rows)
	}
	section("cli.snapshot.add", "+", p.Add)
	section("cli.snapshot.update", "~", p.Update)
	section("cli.snapshot.trash", "-", p.Trash)
	section("cli.snapshot.kept", "=", p.Kept)
	section("cli.snapshot.restore", "^", p.Restore)
	section("cli.snapshot.erase", "x", p.Erase)
	if p.Refused > 0 {
		c.println(c.msg("cli.snapshot.refused", map[string]any{"Count": formatInt(c.lang, int64(p.Refused))}))
	}
	if len(p.Conflicts) > 0 {
		c.println(c.msg("cli.snapshot.conflicts", map[string]any{"Count": len(p.Conflicts)}))
		for _, cf := range p.Conflicts {
			c.println("  ! " + c.msg("kind."+cf.Kind.String(), nil) + "  " + cf.Title)
			for _, f := range cf.Fields {
				choice := c.msg("cli.snapshot.mine", nil)
				if f.Choice == snapshot.TakeTheirs {
					choice = c.msg("cli.snapshot.theirs", nil)
				}
				c.println("      " + c.msg("cli.snapshot.field", map[string]any{
					"Name": c.fieldName(f.Field), "Text": c.fieldValue(f.Field, f.Mine),
					"Detail": c.fieldValue(f.Field, f.Theirs), "Arg": choice,
				}))
			}
		}
		c.println(c.msg("cli.snapshot.conflict_note", nil))
	}
	if p.Unchanged > 0 {
		c.println(c.msg("cli.snapshot.unchanged", map[string]any{"Count": formatInt(c.lang, int64(p.Unchanged))}))
	}
}

// fieldName labels a record's JSON field for people.
func (c *cli) fieldName(field string) string {
	if field == snapshot.FieldTrash {
		return c.msg("cli.snapshot.field_trash", nil)
	}
	if assets.Has(c.lang, "field."+field) {
		return assets.FieldLabel(c.lang, field)
	}
	return field
}

// fieldValue shows a field's value on one line, at most 60 characters.
func (c *cli) fieldValue(field string, v []byte) string {
	if field == snapshot.FieldTrash {
		if string(v) == "true" {
			return c.msg("cli.snapshot.trash_yes", nil)
		}
		return c.msg("cli.snapshot.trash_no", nil)
	}
	s := snapshot.ValueText(v)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}
