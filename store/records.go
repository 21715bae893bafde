package store

import (
	"bytes"
	"context"
	"errors"
	"strings"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// recordPtr is a pointer to one of model's record structs.
type recordPtr[T any] interface {
	*T
	model.Record
}

// policy holds the rules particular to one kind (see the kind's own file).
// A nil policy allows everything the model's validation allows.
type policy interface {
	beforeCreate(r model.Record) error
	beforeUpdate(old, r model.Record) error
	beforeDelete(r model.Record) error
}

// noter is a policy that explains some updates in the new revision's notes
// (a meeting's reopening gives its reason).
type noter interface {
	updateNotes(old, r model.Record) model.Notes
}

// updateNotes returns the notes pol gives the update of old to r, or nil.
func updateNotes(pol policy, old, r model.Record) model.Notes {
	if n, ok := pol.(noter); ok {
		return n.updateNotes(old, r)
	}
	return nil
}

// kindStore implements model.Service for one kind. The logic is the same
// for every kind; what differs is in the kind's policy and in its model
// methods (Validate, Refs, Unlink, ...).
type kindStore[T any, P recordPtr[T]] struct {
	db     *DB
	kind   model.Kind
	policy policy
}

func newKindStore[T any, P recordPtr[T]](db *DB, kind model.Kind, pol policy) *kindStore[T, P] {
	return &kindStore[T, P]{db: db, kind: kind, policy: pol}
}

func (s *kindStore[T, P]) Get(ctx context.Context, id model.ID) (*T, error) {
	var out *T
	err := s.db.view(ctx, func(tx *bolt.Tx) error {
		r, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		out = (*T)(r.(P))
		return nil
	})
	return out, err
}

func (s *kindStore[T, P]) List(ctx context.Context, f model.Filter) (model.Page, error) {
	return s.db.list(ctx, s.kind, f)
}

func (s *kindStore[T, P]) Create(ctx context.Context, rec *T) (err error) {
	r := P(rec)
	defer keepMetaOnError(r, &err)()
	if s.policy != nil {
		if err := s.policy.beforeCreate(r); err != nil {
			return err
		}
	}
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		m := r.GetMeta()
		if m.ID.IsZero() {
			m.ID = model.NewID()
		} else if rawCurrent(tx, m.ID) != nil {
			return &model.Error{Code: model.ECONFLICT, Field: "id", Key: "error.duplicate"}
		}
		now := s.db.now()
		*m = model.Meta{ID: m.ID, Rev: model.NewID(), Created: now, Updated: now, Device: s.db.device}
		if err := s.db.validate(tx, r); err != nil {
			return err
		}
		return s.db.put(tx, r, nil)
	})
}

func (s *kindStore[T, P]) Update(ctx context.Context, rec *T) (err error) {
	r := P(rec)
	defer keepMetaOnError(r, &err)()
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		m := r.GetMeta()
		old, err := getRecord(tx, s.kind, m.ID)
		if err != nil {
			return err
		}
		om := old.GetMeta()
		if om.Rev != m.Rev {
			return &model.Error{Code: model.ECONFLICT, Key: "error.stale"}
		}
		if om.InTrash() {
			return &model.Error{Code: model.ECONFLICT, Key: "error.in_trash"}
		}
		if s.policy != nil {
			if err := s.policy.beforeUpdate(old, r); err != nil {
				return err
			}
		}
		*m = s.db.nextMeta(om, updateNotes(s.policy, old, r)...)
		if err := s.db.validate(tx, r); err != nil {
			return err
		}
		return s.db.saveRevision(ctx, tx, r, old)
	})
}

func (s *kindStore[T, P]) Delete(ctx context.Context, id model.ID, unlink bool) error {
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		r, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		if r.GetMeta().InTrash() {
			return &model.Error{Code: model.ECONFLICT, Key: "error.in_trash"}
		}
		if s.policy != nil {
			if err := s.policy.beforeDelete(r); err != nil {
				return err
			}
		}
		if err := s.db.releaseReferences(tx, r, unlink); err != nil {
			return err
		}
		old, _ := getRecord(tx, s.kind, id)
		now := s.db.now()
		*r.GetMeta() = s.db.nextMeta(old.GetMeta(), model.NewNote(model.NoteDeleted))
		r.GetMeta().Deleted = &now
		return s.db.put(tx, r, old)
	})
}

func (s *kindStore[T, P]) Restore(ctx context.Context, id model.ID) error {
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		r, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		if !r.GetMeta().InTrash() {
			return &model.Error{Code: model.ECONFLICT, Key: "error.not_in_trash"}
		}
		old, _ := getRecord(tx, s.kind, id)
		*r.GetMeta() = s.db.nextMeta(old.GetMeta(), model.NewNote(model.NoteRestored))
		s.db.unlinkMissing(tx, r)
		return s.db.put(tx, r, old)
	})
}

func (s *kindStore[T, P]) Purge(ctx context.Context, id model.ID) error {
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		r, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		if !r.GetMeta().InTrash() {
			return &model.Error{Code: model.ECONFLICT, Key: "error.not_in_trash"}
		}
		return s.db.purge(tx, r)
	})
}

func (s *kindStore[T, P]) History(ctx context.Context, id model.ID) ([]*T, error) {
	var out []*T
	err := s.db.view(ctx, func(tx *bolt.Tx) error {
		cur, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		prefix := historyPrefix(id)
		c := bucket(tx, bucketHistory).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			r, err := decodeRecord(v)
			if err != nil {
				return corrupt(tx, err)
			}
			p, ok := r.(P)
			if !ok {
				return corrupt(tx, errors.New("history holds another kind"))
			}
			out = append(out, (*T)(p))
		}
		out = append(out, (*T)(cur.(P)))
		return nil
	})
	return out, err
}

func (s *kindStore[T, P]) RestoreRevision(ctx context.Context, id, rev model.ID) error {
	return s.db.update(ctx, func(tx *bolt.Tx) error {
		cur, err := getRecord(tx, s.kind, id)
		if err != nil {
			return err
		}
		if cur.GetMeta().InTrash() {
			return &model.Error{Code: model.ECONFLICT, Key: "error.in_trash"}
		}
		v := bucket(tx, bucketHistory).Get(historyKey(id, rev))
		if rev == cur.GetMeta().Rev {
			v = rawCurrent(tx, id)
		}
		if v == nil {
			return &model.Error{Code: model.ENOTFOUND, Key: "error.not_found", Args: map[string]any{"Kind": "revision", "ID": rev.String()}}
		}
		r, err := decodeRecord(v)
		if err != nil {
			return corrupt(tx, err)
		}
		if s.policy != nil {
			if err := s.policy.beforeUpdate(cur, r); err != nil {
				return err
			}
		}
		*r.GetMeta() = s.db.nextMeta(cur.GetMeta(), model.NewNote(model.NoteRestoredRevision, model.NoteArgRev, rev.String()))
		s.db.unlinkMissing(tx, r)
		// The old revision met the rules of its day; the records it refers
		// to may have changed since (its parent may now be its child), so
		// it is checked as an update is.
		if err := s.db.validate(tx, r); err != nil {
			return err
		}
		return s.db.put(tx, r, cur)
	})
}

// update runs fn in a write transaction: the one ctx carries (see Atomic),
// else a new one. Errors that are not the model's own are wrapped as
// internal errors.
func (db *DB) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	var err error
	if tx := txFrom(ctx); tx != nil {
		err = fn(tx)
	} else {
		err = db.updateTx(fn)
	}
	if err != nil && model.ErrorCode(err) == model.EINTERNAL {
		var me *model.Error
		if !errors.As(err, &me) {
			return model.Internal(err)
		}
	}
	return err
}

// nextMeta returns the metadata of a new revision made from old, with the
// notes that say why it was made (none for an ordinary edit).
func (db *DB) nextMeta(old *model.Meta, notes ...model.Note) model.Meta {
	return model.Meta{
		ID:        old.ID,
		Rev:       model.NewID(),
		ParentRev: old.Rev,
		Created:   old.Created,
		Updated:   db.now(),
		Device:    db.device,
		Note:      model.Notes(notes),
	}
}

// getRecord reads the current revision of id, which must be of kind (0:
// any kind).
func getRecord(tx *bolt.Tx, kind model.Kind, id model.ID) (model.Record, error) {
	v := rawCurrent(tx, id)
	if v == nil || (kind != 0 && valueKind(v) != kind) {
		return nil, model.NotFound(kind, id)
	}
	r, err := decodeRecord(v)
	if err != nil {
		return nil, corrupt(tx, err)
	}
	return r, nil
}

// put writes a new revision of r. The revision it replaces (old, nil for a
// new record) moves to the history; the summary is rewritten; references
// that changed are updated in the reverse index (a record in the trash keeps
// none).
func (db *DB) put(tx *bolt.Tx, r model.Record, old model.Record) error {
	return db.write(tx, r, old, true)
}

// write is put, keeping old in the history only when keepOld is true (an
// autosave replacing the session's previous one does not, see autosave.go).
func (db *DB) write(tx *bolt.Tx, r model.Record, old model.Record, keepOld bool) error {
	m := r.GetMeta()
	v, err := encodeRecord(r)
	if err != nil {
		return model.Internal(err)
	}
	if old != nil && keepOld {
		prev := bytes.Clone(rawCurrent(tx, m.ID))
		if err := bucket(tx, bucketHistory).Put(historyKey(m.ID, old.GetMeta().Rev), prev); err != nil {
			return err
		}
	}
	if err := putCurrent(tx, m.ID, v); err != nil {
		return err
	}
	// Whatever wrote this revision, it is no session's autosave (unless
	// saveRevision says so again): a later autosave must keep it.
	if err := bucket(tx, bucketAutosaves).Delete(m.ID[:]); err != nil {
		return err
	}
	sum := model.SummaryWithSortKey(r, unchangedSortKey(tx, old, r))
	if err := writeSummary(tx, &sum); err != nil {
		return err
	}
	if err := db.indexRecord(tx, r, old); err != nil {
		return err
	}
	return updateRefs(tx, m.ID, liveRefs(old), liveRefs(r))
}

// unchangedSortKey returns the stored sort key of old when the new
// revision r sorts under the same name, else nil.
func unchangedSortKey(tx *bolt.Tx, old, r model.Record) []byte {
	if old == nil || old.SortName() != r.SortName() {
		return nil
	}
	prev, err := decodeSummary(rawSummary(tx, old.GetMeta().ID))
	if err != nil {
		return nil
	}
	return prev.SortKey
}

// liveRefs returns the reverse-index keys a record should have: none while
// it is in the trash.
func liveRefs(r model.Record) map[string]bool {
	if r == nil {
		return nil
	}
	return refKeysOf(r, r.Refs())
}

// refKeysOf is liveRefs of r whose references are refs.
func refKeysOf(r model.Record, refs []model.Ref) map[string]bool {
	if r == nil || r.GetMeta().InTrash() {
		return nil
	}
	keys := make(map[string]bool, len(refs))
	for _, ref := range refs {
		keys[string(refKey(ref.ID, r.GetMeta().ID, string(ref.Field)))] = true
	}
	return keys
}

// updateRefs removes the index keys that are gone and adds the new ones,
// leaving unchanged ones untouched (so that an ordinary edit does not
// rewrite index pages).
func updateRefs(tx *bolt.Tx, id model.ID, before, after map[string]bool) error {
	refs := bucket(tx, bucketRefs)
	for k := range before {
		if !after[k] {
			if err := refs.Delete([]byte(k)); err != nil {
				return err
			}
		}
	}
	for k := range after {
		if !before[k] {
			if err := refs.Put([]byte(k), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// purge removes every trace of r but a tombstone, so that a snapshot
// that still holds r does not bring it back.
func (db *DB) purge(tx *bolt.Tx, r model.Record) error {
	id := r.GetMeta().ID
	// unindex takes away the document number only: the postings of r
	// (none, in the trash) must be written first.
	if err := db.drainPending(tx); err != nil {
		return err
	}
	if err := unindex(tx, id); err != nil {
		return err
	}
	if err := deleteAll(tx, id); err != nil {
		return err
	}
	return putTombstone(tx, model.Tombstone{ID: id, On: model.DateOf(db.now().UTC()), Purged: true})
}

// validate checks r's own rules and that every reference points at a
// record of an allowed kind that is not in the trash, and that parents do
// not loop.
func (db *DB) validate(tx *bolt.Tx, r model.Record) error {
	return validation(r.Validate(), refProblems(tx, r))
}

// validation is validate's answer for a record whose own validation said
// err and whose references have problems.
func validation(err error, problems []refProblem) error {
	var list model.ValidationErrors
	if err != nil {
		list = append(list, model.FieldErrors(err)...)
	}
	for _, p := range problems {
		list = append(list, model.Invalid(p.ref.Field.String(), p.key))
	}
	if len(list) > 0 {
		return list
	}
	return nil
}

// refProblem is a reference the store refuses, with the message key that
// says why.
type refProblem struct {
	ref model.Ref
	key string // error.missing_ref, error.wrong_ref_kind or error.parent_cycle
}

// refProblems lists r's references that do not point at a live record of
// an allowed kind, or that make a loop of parents. validate refuses a
// record with any; Check reports stored records with any.
func refProblems(tx *bolt.Tx, r model.Record) []refProblem {
	return refProblemsOf(tx, r, r.Refs(), &kindCache{tx: tx})
}

// refProblemsOf is refProblems of r, whose references are refs, with the
// kinds of the records they point at looked up through kinds.
func refProblemsOf(tx *bolt.Tx, r model.Record, refs []model.Ref, kinds *kindCache) []refProblem {
	var out []refProblem
	for _, ref := range refs {
		k, ok := kinds.liveKind(ref.ID)
		switch {
		case !ok:
			out = append(out, refProblem{ref, "error.missing_ref"})
		case !ref.Allows(k):
			out = append(out, refProblem{ref, "error.wrong_ref_kind"})
		case ref.Field == model.RefParent && parentLoops(tx, r.GetMeta().ID, ref.ID):
			out = append(out, refProblem{ref, "error.parent_cycle"})
		}
	}
	return out
}

// parentLoops reports whether making parent the parent of id would create a
// loop.
func parentLoops(tx *bolt.Tx, id, parent model.ID) bool {
	seen := map[model.ID]bool{}
	for cur := parent; !cur.IsZero(); {
		if cur == id || seen[cur] {
			return true
		}
		seen[cur] = true
		r, err := getRecord(tx, 0, cur)
		if err != nil {
			return false
		}
		next := model.NilID
		for _, ref := range r.Refs() {
			if ref.Field == model.RefParent {
				next = ref.ID
			}
		}
		cur = next
	}
	return false
}

// referrer is one entry of the reverse index: who refers, through which
// field.
type referrer struct {
	source model.ID
	field  model.RefField
}

// references lists who refers to id.
func references(tx *bolt.Tx, id model.ID) []referrer {
	var out []referrer
	c := bucket(tx, bucketRefs).Cursor()
	for k, _ := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, _ = c.Next() {
		out = append(out, referrer{idFrom(k[16:32]), model.RefField(k[32:])})
	}
	return out
}

// releaseReferences makes r deletable: with unlink false it refuses when
// anything refers to r, naming the referrers; with unlink true it removes
// the references, each as a new revision of the referring record.
func (db *DB) releaseReferences(tx *bolt.Tx, r model.Record, unlink bool) error {
	id := r.GetMeta().ID
	refs := references(tx, id)
	if len(refs) == 0 {
		return nil
	}
	sources := map[model.ID]bool{}
	var order []model.ID
	for _, ref := range refs {
		if ref.source != id && !sources[ref.source] {
			sources[ref.source] = true
			order = append(order, ref.source)
		}
	}
	if !unlink {
		names := make([]string, 0, len(order))
		for _, src := range order {
			if s, err := getRecord(tx, 0, src); err == nil {
				names = append(names, s.Title())
			}
		}
		return &model.Error{Code: model.ECONFLICT, Key: "error.referenced", Args: map[string]any{"Refs": strings.Join(names, ", ")}}
	}
	for _, src := range order {
		s, err := getRecord(tx, 0, src)
		if err != nil {
			return err
		}
		old, _ := getRecord(tx, 0, src)
		if !s.Unlink(id) {
			continue
		}
		*s.GetMeta() = db.nextMeta(old.GetMeta(), model.NewNote(model.NoteLinkRemoved, model.NoteArgName, r.Title()))
		if err := s.Validate(); err != nil {
			// The link is required (a meeting's group): removing it would
			// leave an invalid record, so the delete is refused.
			return &model.Error{Code: model.ECONFLICT, Key: "error.referenced", Args: map[string]any{"Refs": s.Title()}}
		}
		if err := db.put(tx, s, old); err != nil {
			return err
		}
	}
	return nil
}

// unlinkMissing removes r's references to records that no longer exist or
// are in the trash (a record restored from the trash or from an old
// revision may point at them), noting it in the revision.
func (db *DB) unlinkMissing(tx *bolt.Tx, r model.Record) {
	for _, ref := range r.Refs() {
		if _, ok := liveKind(tx, ref.ID); !ok && r.Unlink(ref.ID) {
			m := r.GetMeta()
			m.Note = append(m.Note, model.NewNote(model.NoteMissingLink, model.NoteArgField, ref.Field.String()))
		}
	}
}

// keepMetaOnError returns a function, to be deferred, that puts r's
// metadata back as it was when *err is set: a save that failed (a
// validation error, a failed commit) must leave the caller's record as it
// was, so that the caller can fix it and save it again.
func keepMetaOnError(r model.Record, err *error) func() {
	saved := *r.GetMeta()
	return func() {
		if *err != nil {
			*r.GetMeta() = saved
		}
	}
}
