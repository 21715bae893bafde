package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
	"hankekirja/store"
)

// Backups on the command line:
//
//	hankekirja backup FILE          write a consistent copy of the database to FILE
//	hankekirja restore FILE [--yes] replace the database with the backup FILE
//	hankekirja backups              list the automatic backups
//
// restore asks for confirmation on standard input (y/N) unless --yes is
// given; without an answer (no input, as in CI) nothing is restored. The
// database is closed while it is replaced, and the replaced file is kept
// in the backups directory.

func init() {
	subcommands["backup"] = (*cli).backup
	subcommands["restore"] = (*cli).restore
	subcommands["backups"] = (*cli).backups
}

// backup: hankekirja backup FILE
func (c *cli) backup(args []string) int {
	fs := c.flags("backup")
	force := fs.Bool("force", false, "copy a damaged database all the same")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 {
		return c.usageError(c.msg("cli.backup.usage", nil))
	}
	out := args[0]
	if _, err := os.Lstat(out); err == nil {
		return c.fail(&model.Error{Code: model.EINVALID, Key: "cli.backup.exists", Args: map[string]any{"Path": out}})
	}
	if db, err := c.path(); err == nil {
		if err := store.CheckOutput(db, out); err != nil {
			return c.fail(err)
		}
	}
	return c.withDB(func(db *store.DB) int {
		if err := db.Backup(out); err != nil {
			return c.fail(err)
		}
		// A copy of a damaged database is no backup: it is checked as the
		// automatic ones are, and kept only with --force.
		if err := store.Verify(c.ctx, out); err != nil && model.ErrorCode(err) == model.EDAMAGED {
			if !*force {
				os.Remove(out)
				return c.fail(&model.Error{Code: model.EDAMAGED, Key: "cli.backup.damaged", Args: map[string]any{"Path": db.Path(), "Detail": assets.ErrorText(c.lang, err)}})
			}
			c.errorLine(c.msg("cli.backup.damaged_kept", map[string]any{"Path": out}))
		}
		c.println(c.msg("cli.backup.written", map[string]any{"Path": out}))
		return exitOK
	})
}

// restore: hankekirja restore FILE [--yes]. It runs with the database
// closed.
func (c *cli) restore(args []string) int {
	fs := c.flags("restore")
	yes := fs.Bool("yes", false, "do not ask")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if len(args) != 1 {
		return c.usageError(c.msg("cli.backup.restore_usage", nil))
	}
	path, err := c.dbFile()
	if err != nil {
		return c.fail(err)
	}
	from := args[0]
	if sameFile(from, path) {
		return c.fail(&model.Error{Code: model.EINVALID, Key: "cli.backup.same_file", Args: map[string]any{"Path": from}})
	}
	info := store.ReadBackupInfo(from)
	if info.Err != nil {
		return c.fail(info.Err)
	}
	if !*yes {
		c.print(c.msg("cli.backup.restore_question", map[string]any{
			"Path": path, "Name": from, "When": formatTime(info.Time), "Count": formatInt(c.lang, int64(info.Total())),
		}))
		if !c.confirmed() {
			c.println("")
			c.println(c.msg("cli.backup.restore_cancelled", nil))
			return exitFailure
		}
	}
	replaced, err := store.Restore(path, from, nil)
	if err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.backup.restored", map[string]any{"Name": from, "Path": path}))
	if replaced != "" {
		c.println(c.msg("cli.backup.replaced_kept", map[string]any{"Path": replaced}))
	}
	return exitOK
}

// confirmed reads one answer from standard input: yes in any of the
// catalogue's words for it (y, yes, k, kyllä, j, ja), anything else or
// nothing is no.
func (c *cli) confirmed() bool {
	if c.stdin == nil {
		return false
	}
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && line == "" {
		return false
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	for _, w := range strings.Split(c.msg("cli.backup.yes_words", nil)+",y,yes", ",") {
		if w = strings.TrimSpace(w); w != "" && answer == w {
			return true
		}
	}
	return false
}

// print writes s without a newline.
func (c *cli) print(s string) { c.stdout.Write([]byte(s)) }

// backups: hankekirja backups
func (c *cli) backups(args []string) int {
	fs := c.flags("backups")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	path, err := c.dbFile()
	if err != nil {
		return c.fail(err)
	}
	list, err := store.ListBackups(path)
	if err != nil {
		return c.fail(err)
	}
	if f := store.LastBackupFailure(path); f != nil {
		c.println(c.msg("cli.backup.last_failure", map[string]any{"When": formatTime(f.Time), "Detail": f.Error}))
	}
	if len(list) == 0 {
		c.println(c.msg("cli.backup.none", map[string]any{"Path": store.BackupDir(path)}))
		return exitOK
	}
	rows := [][]string{{
		c.msg("cli.backup.col_time", nil), c.msg("cli.backup.col_reason", nil), c.msg("cli.backup.col_records", nil),
		c.msg("cli.backup.col_trash", nil), c.msg("cli.backup.col_size", nil), c.msg("cli.backup.col_file", nil),
	}}
	for _, b := range list {
		records, trash := formatInt(c.lang, int64(b.Total())), formatInt(c.lang, int64(b.Trash))
		if b.Err != nil {
			var me *model.Error
			detail := b.Err.Error()
			if errors.As(b.Err, &me) {
				detail = me.Code
			}
			records, trash = c.msg("cli.backup.unreadable", map[string]any{"Detail": detail}), ""
		}
		rows = append(rows, []string{formatTime(b.Time), c.reasonText(b.Reason), records, trash, formatSize(c.lang, b.Size), filepath.Base(b.Path)})
	}
	c.writeTable(rows)
	c.println(c.msg("cli.backup.dir", map[string]any{"Path": store.BackupDir(path)}))
	return exitOK
}

func (c *cli) reasonText(reason string) string {
	key := "cli.backup.reason." + reason
	if s := c.msg(key, nil); s != key {
		return s
	}
	return reason
}

// storeBackups gives the window the automatic backups of package store.
type storeBackups struct{}

func (storeBackups) List(dbPath string) ([]model.BackupInfo, error) { return store.ListBackups(dbPath) }
func (storeBackups) Dir(dbPath string) string                       { return store.BackupDir(dbPath) }
func (storeBackups) Restore(dbPath, backupPath string) (string, error) {
	return store.Restore(dbPath, backupPath, nil)
}
