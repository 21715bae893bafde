package main

import (
	"errors"

	"hankekirja/model"
	"hankekirja/snapshot"
	"hankekirja/store"
)

// loadSnapshot imports a snapshot into a fresh database (a new file: the
// registry and nothing else) without the merge: the file is checked and
// then read a batch at a time into a staging copy of the database, which
// replaces it once every record is in (store.Staging; a stopped import
// leaves the database as it was). The full-text index is built by the
// next start of the window, in the background. ok is false when the
// snapshot or the database needs the merge after all (a database with
// records, tombstones, a refused snapshot: the merge then says why);
// nothing was changed then.
func (c *cli) loadSnapshot(path, pass string) (status int, ok bool) {
	s, err := snapshot.OpenStream(path, pass)
	if err != nil {
		return 0, false
	}
	defer s.Close()
	if s.Header.Tombstones > 0 {
		return 0, false
	}
	status = c.withDB(func(db *store.DB) int {
		if fresh, err := db.IsFresh(c.ctx); err != nil || !fresh {
			return exitOK
		}
		st, err := db.Stage()
		if err != nil {
			return exitOK
		}
		plan, err := snapshot.Load(c.ctx, st, s)
		if err == nil && plan.Empty() {
			err = snapshot.ErrNotFresh // the merge records what metadata it adds
		}
		if err != nil {
			st.Abort()
			if errors.Is(err, snapshot.ErrNotFresh) {
				return exitOK
			}
			ok = true
			return c.fail(err)
		}
		ok = true
		backup, err := db.AutoBackup(model.BackupImport)
		if err != nil && backup == "" {
			st.Abort()
			return c.fail(err)
		}
		c.printPlan(db, plan)
		if err := st.Commit(c.ctx); err != nil {
			return c.fail(err)
		}
		c.println(c.msg("cli.snapshot.applied", map[string]any{"Path": backup}))
		return exitOK
	})
	return status, ok
}
