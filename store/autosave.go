package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// A secretary typing the minutes for two hours autosaves a few hundred
// times. Keeping each autosave as a revision filled the history (and the
// file) with states nobody asked for, so saves made within an editing
// session (model.WithEditSession) replace the session's previous autosave
// instead: the history keeps one revision per session, plus every explicit
// save, change of status and reopening, which are made without a session.
//
// A revision is never replaced once it may have left the laptop: one made
// before the last snapshot was written (metaShared) is kept, as it may be
// the parent of a colleague's revision.

// saveRevision writes r, the new revision of old, as Update does: over
// old when both are autosaves of the same session that has not been
// shared since, else keeping old in the history.
func (db *DB) saveRevision(ctx context.Context, tx *bolt.Tx, r, old model.Record) error {
	session := model.EditSessionOf(ctx)
	id := r.GetMeta().ID
	autosaves := bucket(tx, bucketAutosaves)
	if !session.IsZero() && bytes.Equal(autosaves.Get(id[:]), session[:]) && !isShared(tx, old.GetMeta().Updated) {
		r.GetMeta().ParentRev = old.GetMeta().ParentRev
		if err := db.write(tx, r, old, false); err != nil {
			return err
		}
	} else if err := db.put(tx, r, old); err != nil {
		return err
	}
	if session.IsZero() {
		return autosaves.Delete(id[:])
	}
	return autosaves.Put(id[:], session[:])
}

// isShared reports whether a revision last changed at t may be in a
// snapshot.
func isShared(tx *bolt.Tx, t time.Time) bool {
	v := bucket(tx, bucketMeta).Get(metaShared)
	return len(v) == 8 && t.UnixNano() <= int64(binary.BigEndian.Uint64(v))
}

// MarkShared records that a snapshot of the database is being written
// now: no revision made until now is replaced by an autosave any more.
func (db *DB) MarkShared(ctx context.Context) error {
	return db.update(ctx, func(tx *bolt.Tx) error {
		return bucket(tx, bucketMeta).Put(metaShared, binary.BigEndian.AppendUint64(nil, uint64(db.now().UnixNano())))
	})
}
