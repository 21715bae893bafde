package store

import (
	"bytes"
	"context"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// bucketTombstones remembers the records erased or purged here, so that a
// snapshot import never brings them back:
//
//	id (16) → JSON of model.Tombstone (the ID and the day, no personal data)
//
// The bucket is made by the first erasure or purge; older files lack it.
var bucketTombstones = []byte("tombstones")

// erasedPerson is what one erasure knows of the person: the ID and the
// name forms to look for. names may come from the database itself or, for
// a backup that no longer holds the contact, from the caller.
type erasedPerson struct {
	id    model.ID
	names []string
}

// needles are the byte strings whose presence in a stored value means it
// may name the person: the ID as JSON writes it and every name form.
func (p erasedPerson) needles() [][]byte {
	out := [][]byte{[]byte(p.id.String())}
	for _, n := range p.names {
		out = append(out, []byte(n))
	}
	return out
}

func containsAny(v []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(v, n) {
			return true
		}
	}
	return false
}

// personOf reads the contact id and its older revisions and returns what
// the erasure looks for. A contact not in the database gives ENOTFOUND.
func personOf(tx *bolt.Tx, id model.ID) (erasedPerson, *model.Contact, error) {
	r, err := getRecord(tx, model.KindContact, id)
	if err != nil {
		return erasedPerson{}, nil, err
	}
	c := r.(*model.Contact)
	revs := []*model.Contact{c}
	prefix := historyPrefix(id)
	hc := bucket(tx, bucketHistory).Cursor()
	for k, v := hc.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = hc.Next() {
		if old, err := decodeRecord(v); err == nil {
			if oc, ok := old.(*model.Contact); ok {
				revs = append(revs, oc)
			}
		}
	}
	return erasedPerson{id: id, names: model.NameVariants(revs...)}, c, nil
}

// eraseTx erases p in one transaction: every revision of every other
// record that names them is rewritten in place (the history too, so an
// old revision does not hold what the current one no longer does), the
// contact's own record, history, trash entry and index entries are
// removed, and a tombstone is left. The revisions keep their IDs: an
// erasure is not an edit the user made, and a new revision would keep
// the old one in the history.
func (db *DB) eraseTx(tx *bolt.Tx, p erasedPerson, opts model.EraseOptions) (model.EraseReport, error) {
	rep := model.EraseReport{Contact: p.id, On: model.DateOf(db.now().UTC()), Replaced: opts.ReplaceInTexts}
	labels := erasedLabels(tx, p.id)
	needles := p.needles()

	type rewrite struct {
		key     []byte
		current bool
		rec     model.Record
	}
	var rewrites []rewrite
	var known []keyValue // older revisions known by metadata, whose notes may name them
	consider := func(key, v []byte, current bool) error {
		if valueKind(v) == model.KindContact || !containsAny(v, needles) {
			return nil
		}
		r, err := decodeRecord(v)
		if err != nil {
			return corrupt(tx, err)
		}
		label := model.ErasedPerson
		if m, ok := r.(*model.Meeting); ok {
			if l := labels[m.Group]; l != "" {
				label = l
			}
			if current {
				rep.Texts = append(rep.Texts, model.TextsNaming(m, p.names)...)
			}
		}
		if model.ErasePersonFrom(r, p.id, p.names, label, opts.ReplaceInTexts) {
			rewrites = append(rewrites, rewrite{bytes.Clone(key), current, r})
		}
		return nil
	}
	if err := bucket(tx, bucketCurrent).ForEach(func(k, v []byte) error {
		if len(k) != 17 || len(v) < 2 {
			return nil
		}
		return consider(k, v, true)
	}); err != nil {
		return rep, err
	}
	if err := bucket(tx, bucketHistory).ForEach(func(k, v []byte) error {
		if len(k) != 33 || idFrom(k) == p.id || len(v) < 2 {
			return nil
		}
		if k[16] == partKnown {
			if containsAny(v, needles) {
				known = append(known, keyValue{bytes.Clone(k), bytes.Clone(v)})
			}
			return nil
		}
		if k[16] != partHistory {
			return nil
		}
		return consider(k, v, false)
	}); err != nil {
		return rep, err
	}
	for _, kv := range known {
		var m model.Meta
		if err := json.Unmarshal(kv.v, &m); err != nil {
			return rep, corrupt(tx, err)
		}
		if !model.EraseFromNotes(&m, p.names, model.ErasedPerson) {
			continue
		}
		b, err := json.Marshal(m)
		if err != nil {
			return rep, model.Internal(err)
		}
		if err := bucket(tx, bucketHistory).Put(kv.k, b); err != nil {
			return rep, err
		}
	}

	for _, w := range rewrites {
		v, err := encodeRecord(w.rec)
		if err != nil {
			return rep, model.Internal(err)
		}
		if !w.current {
			if err := bucket(tx, bucketHistory).Put(w.key, v); err != nil {
				return rep, err
			}
			rep.Records++
			continue
		}
		if err := db.rewriteCurrent(tx, w.rec, v); err != nil {
			return rep, err
		}
		rep.Records++
	}

	if r, err := getRecord(tx, model.KindContact, p.id); err == nil {
		if err := updateRefs(tx, p.id, liveRefs(r), nil); err != nil {
			return rep, err
		}
	}
	// Whatever still points at the contact (an index entry of a record in
	// no state to be rewritten) would point at nothing.
	for _, ref := range references(tx, p.id) {
		if err := bucket(tx, bucketRefs).Delete(refKey(p.id, ref.source, string(ref.field))); err != nil {
			return rep, err
		}
	}
	if r, err := getRecord(tx, model.KindContact, p.id); err == nil {
		if err := db.forget(tx, r); err != nil {
			return rep, err
		}
	}
	if err := deleteAll(tx, p.id); err != nil {
		return rep, err
	}
	return rep, putTombstone(tx, model.Tombstone{ID: p.id, On: rep.On, Texts: opts.ReplaceInTexts})
}

// rewriteCurrent replaces r's current revision in place with v (its
// encoding), keeping its metadata: no new revision, no history entry. It
// keeps whatever put keeps beside the value (the summary with its search
// words, the reverse references), so that no index still holds what the
// value no longer does; an index added to put belongs here too.
func (db *DB) rewriteCurrent(tx *bolt.Tx, r model.Record, v []byte) error {
	id := r.GetMeta().ID
	old, err := getRecord(tx, 0, id)
	if err != nil {
		return err
	}
	if err := putCurrent(tx, id, v); err != nil {
		return err
	}
	sum := model.SummaryOf(r)
	if err := writeSummary(tx, &sum); err != nil {
		return err
	}
	if err := updateRefs(tx, id, liveRefs(old), liveRefs(r)); err != nil {
		return err
	}
	// The full-text index holds the words the old text had.
	return db.indexRecord(tx, r, old)
}

// erasedLabels returns, for each group the contact sits in, the text that
// stands for them in that group's minutes: their role and whom they
// represent ("jäsen, Jyväskylä").
func erasedLabels(tx *bolt.Tx, id model.ID) map[model.ID]string {
	out := map[model.ID]string{}
	for _, ref := range references(tx, id) {
		if ref.field != model.RefMembers {
			continue
		}
		r, err := getRecord(tx, model.KindGroup, ref.source)
		if err != nil {
			continue
		}
		g := r.(*model.Group)
		for _, m := range g.Members {
			if m.Contact != id {
				continue
			}
			rep := ""
			if s, err := summaryOf(tx, m.Represents); err == nil && !m.Represents.IsZero() {
				rep = s.Title
			}
			out[g.ID] = model.ErasedLabel(m.Role, rep)
		}
	}
	return out
}

// putTombstone records t, keeping an earlier erasure's day.
func putTombstone(tx *bolt.Tx, t model.Tombstone) error {
	if _, err := tx.CreateBucketIfNotExists(bucketTombstones); err != nil {
		return err
	}
	b := bucket(tx, bucketTombstones)
	if prev := b.Get(t.ID[:]); prev != nil {
		var old model.Tombstone
		if json.Unmarshal(prev, &old) == nil && !old.Purged {
			return nil
		}
	}
	v, err := json.Marshal(t)
	if err != nil {
		return model.Internal(err)
	}
	return b.Put(t.ID[:], v)
}

// Tombstones lists the records erased or purged here, in ID order.
func (db *DB) Tombstones(ctx context.Context) ([]model.Tombstone, error) {
	var out []model.Tombstone
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b := bucket(tx, bucketTombstones)
		if b.Bucket == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var t model.Tombstone
			if err := json.Unmarshal(v, &t); err != nil {
				return corrupt(tx, err)
			}
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// EraseTombstoned erases, in one transaction, every contact this database
// holds that one of ts marks as erased elsewhere (a colleague's snapshot
// said so), and records the tombstones. It returns the IDs it erased.
func (db *DB) EraseTombstoned(ctx context.Context, ts []model.Tombstone) ([]model.ID, error) {
	var erased []model.ID
	err := db.update(ctx, func(tx *bolt.Tx) error {
		for _, t := range ts {
			if t.Purged {
				continue
			}
			if p, _, err := personOf(tx, t.ID); err == nil {
				if _, err := db.eraseTx(tx, p, model.EraseOptions{ReplaceInTexts: t.Texts}); err != nil {
					return err
				}
				erased = append(erased, t.ID)
			}
			if err := putTombstone(tx, model.Tombstone{ID: t.ID, On: t.On, Texts: t.Texts}); err != nil {
				return err
			}
		}
		return nil
	})
	return erased, err
}
