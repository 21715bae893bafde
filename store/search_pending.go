package store

import (
	"context"
	"time"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// A save does not write the full-text index in its own transaction: a new
// contact's words are keys spread over the whole postings bucket, and
// writing them took three quarters of the pages a save wrote (74 against
// 21 for a contact in the archive). The save notes the record as pending
// instead, and the index follows in a transaction of its own a moment
// later (indexDelay), for every record saved meanwhile, or at once when
// something reads the index (a search, a list filtered by text) or the
// file is closed. Search therefore always sees every save.
//
// What the index gave a record is taken away using the revision it was
// indexed at, which only memory holds: after a crash with records still
// pending (their IDs are in bucketSearchPending), the index is built
// again at the next open, in the background, as for a file without one.

// bucketSearchPending: id (16) → nothing; the records saved since the
// index last followed. Absent in files written before it was added.
var bucketSearchPending = []byte("search.pending")

// indexDelay is how long after a save the index follows it, unless
// something reads the index first: typing saves every few seconds, and
// one transaction follows a burst of saves.
var indexDelay = 2 * time.Second

// pendingTx is what the write transaction under way has done to the
// pending records; it becomes the searchIndex's state only when that
// transaction commits (a rolled-back save leaves the index's notes as
// they were).
type pendingTx struct {
	tx *bolt.Tx
	// added: id → the revision the index holds of it (nil: none), for
	// records this transaction saved that were not pending.
	added map[model.ID]model.Record
	// drained are the pending records this transaction indexed.
	drained map[model.ID]bool
}

// inTx returns the pending notes of tx, which must be the write
// transaction under way; s.mu is held.
func (s *searchIndex) inTx(tx *bolt.Tx) *pendingTx {
	if s.ptx != nil && s.ptx.tx == tx {
		return s.ptx
	}
	p := &pendingTx{tx: tx, added: map[model.ID]model.Record{}, drained: map[model.ID]bool{}}
	s.ptx = p
	tx.OnCommit(func() {
		s.mu.Lock()
		for id := range p.drained {
			delete(s.pending, id)
		}
		for id, old := range p.added {
			if _, ok := s.pending[id]; !ok {
				s.pending[id] = old
			}
		}
		if s.ptx == p {
			s.ptx = nil
		}
		waiting := len(s.pending) > 0
		s.mu.Unlock()
		if waiting {
			s.schedule()
		}
	})
	return p
}

// isPending reports whether id is pending in tx; s.mu is held.
func (s *searchIndex) isPending(p *pendingTx, id model.ID) bool {
	if _, ok := p.added[id]; ok {
		return true
	}
	_, ok := s.pending[id]
	return ok && !p.drained[id]
}

// notePending notes in tx that r was saved over old (nil: r is new), for
// the index to follow.
func (db *DB) notePending(tx *bolt.Tx, r, old model.Record) error {
	s := db.search
	id := r.GetMeta().ID
	s.mu.Lock()
	p := s.inTx(tx)
	fresh := !s.isPending(p, id)
	if fresh {
		// The index still holds old, whatever this transaction saves of
		// the record after it.
		p.added[id] = old
	}
	s.mu.Unlock()
	if !fresh {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketSearchPending)
	if err != nil {
		return err
	}
	// Through the sealing wrapper, as every value of an encrypted file.
	return bkt{Bucket: b, s: sealerOf(tx.DB()), name: bucketSearchPending}.Put(id[:], nil)
}

// drainPending brings the index up to date with every pending record, in
// tx. The records must still be current (purge and erase drain before
// they remove one).
func (db *DB) drainPending(tx *bolt.Tx) error {
	s := db.search
	if s == nil || tx.Bucket(bucketSearchPostings) == nil {
		return nil
	}
	s.mu.Lock()
	if s.building {
		// The build reads every current record and notes the saves
		// made meanwhile itself.
		s.mu.Unlock()
		return nil
	}
	p := s.inTx(tx)
	todo := map[model.ID]model.Record{}
	for id, old := range s.pending {
		if !p.drained[id] {
			todo[id] = old
		}
	}
	for id, old := range p.added {
		todo[id] = old
	}
	s.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	be := blockEdits{}
	for id, old := range todo {
		r, err := getRecord(tx, 0, id)
		if err != nil {
			if model.ErrorCode(err) == model.ENOTFOUND {
				continue // removed in a transaction that drained first
			}
			return err
		}
		if err := db.indexInto(tx, be, r, old); err != nil {
			return err
		}
	}
	if err := be.apply(tx); err != nil {
		return err
	}
	if b := tx.Bucket(bucketSearchPending); b != nil {
		for id := range todo {
			if err := b.Delete(id[:]); err != nil {
				return err
			}
		}
	}
	s.mu.Lock()
	for id := range todo {
		if _, ok := p.added[id]; ok {
			delete(p.added, id)
		} else {
			p.drained[id] = true
		}
	}
	s.mu.Unlock()
	return nil
}

// hasPending reports whether saves wait for the index.
func (s *searchIndex) hasPending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending) > 0
}

// FollowSaves brings the full-text index up to date with the saves made
// so far, which it otherwise follows a moment later; search and the
// other readers of the index call it before they read, in ctx: in
// ctx's transaction when that one writes, else in a transaction of its
// own. Inside a read transaction it cannot (a write would wait for that
// transaction to end): the index then misses the last moment's saves.
func (db *DB) FollowSaves(ctx context.Context) error {
	if db.search == nil || db.readOnly {
		return nil
	}
	if tx := txFrom(ctx); tx != nil {
		if tx.Writable() {
			return db.drainPending(tx)
		}
		return nil
	}
	if !db.search.hasPending() {
		return nil
	}
	return db.updateTx(db.drainPending)
}

// schedule makes the index follow the pending saves after indexDelay,
// unless a timer is set already.
func (s *searchIndex) schedule() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil || s.follow == nil {
		return
	}
	s.timer = time.AfterFunc(indexDelay, func() {
		s.mu.Lock()
		s.timer = nil
		follow := s.follow
		s.mu.Unlock()
		if follow != nil {
			follow()
		}
	})
}

// startFollowing lets the index follow saves in the background.
func (db *DB) startFollowing() {
	s := db.search
	s.mu.Lock()
	s.follow = func() {
		// stopFollowing waits for a run under way.
		s.followMu.Lock()
		defer s.followMu.Unlock()
		if db.closing.Load() {
			return
		}
		// An error leaves the records pending: the next read of the
		// index or Close tries again, and a file that cannot be written
		// gets the index built at its next open.
		db.updateTx(db.drainPending)
	}
	s.mu.Unlock()
}

// stopFollowing stops the background following and brings the index up
// to date, for Close.
func (db *DB) stopFollowing() error {
	s := db.search
	if s == nil {
		return nil
	}
	s.mu.Lock()
	s.follow = nil
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.mu.Unlock()
	s.followMu.Lock()
	defer s.followMu.Unlock()
	if !s.hasPending() || db.readOnly {
		return nil
	}
	return db.updateTx(db.drainPending)
}
