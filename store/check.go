package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"hankekirja/model"
)

// Check verifies the file and its contents: bbolt's own page consistency,
// that every record and revision decodes and every current record
// validates, that every reference of a live record is one the store would
// accept (it points at a live record of an allowed kind, and parents do not
// loop), and that the summaries and the reverse reference index are exactly what the records
// imply (they are rebuilt in memory and compared). It returns one line per
// problem; none means the database is clean.
func (db *DB) Check(ctx context.Context) ([]string, error) {
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			report("bbolt: %v", err)
		}
		summaries := map[model.ID][]byte{}
		wantSummaries := map[model.ID][]byte{}
		wantRefs := map[string]bool{}
		err := tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			if len(k) < 17 {
				report("records: malformed key %x", k)
				return nil
			}
			id := idFrom(k)
			switch {
			case k[16] == partSummary && len(k) == 17:
				summaries[id] = bytes.Clone(v)
			case k[16] == partHistory && len(k) == 33:
				if r, err := decodeRecord(v); err != nil {
					report("revision %x of %s: %v", k[17:], id, err)
				} else if r.GetMeta().ID != id || r.GetMeta().Rev != idFrom(k[17:]) {
					report("revision %x of %s: stored under the wrong key", k[17:], id)
				}
			case k[16] == partKnown && len(k) == 33:
				var m model.Meta
				if err := json.Unmarshal(v, &m); err != nil {
					report("known revision %x of %s: %v", k[17:], id, err)
				} else if m.ID != id || m.Rev != idFrom(k[17:]) {
					report("known revision %x of %s: stored under the wrong key", k[17:], id)
				}
			case k[16] == partCurrent && len(k) == 17:
				r, err := decodeRecord(v)
				if err != nil {
					report("record %s: %v", id, err)
					return nil
				}
				if r.GetMeta().ID != id || model.Kind(v[0]) != r.Kind() {
					report("%s %s: stored under the wrong key or kind", r.Kind(), id)
				}
				if err := r.Validate(); err != nil {
					report("%s %s (%s): %v", r.Kind(), id, r.Title(), err)
				}
				if !r.GetMeta().InTrash() {
					checkRefs(tx, r, report)
				}
				wantSummaries[id] = encodeSummary(model.SummaryOf(r))
				for k := range liveRefs(r) {
					wantRefs[k] = true
				}
			default:
				report("records: malformed key %x", k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id, want := range wantSummaries {
			got, ok := summaries[id]
			switch {
			case !ok:
				report("summary of %s missing", id)
			case !sameSummary(want, got):
				report("summary of %s is stale", id)
			}
		}
		for id := range summaries {
			if _, ok := wantSummaries[id]; !ok {
				report("summary of %s has no record", id)
			}
		}
		n := 0
		tx.Bucket(bucketRefs).ForEach(func(k, v []byte) error {
			if wantRefs[string(k)] {
				n++
			} else {
				report("reference index: stale entry %x", k)
			}
			return nil
		})
		if n != len(wantRefs) {
			report("reference index: %d entries missing", len(wantRefs)-n)
		}
		return nil
	})
	return problems, err
}

// sameSummary compares two encoded summaries. The sort key bytes come from
// the collator, so a newer x/text could change them without changing the
// order: they are left out of the comparison.
func sameSummary(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	sa, err1 := decodeSummary(a)
	sb, err2 := decodeSummary(b)
	if err1 != nil || err2 != nil {
		return false
	}
	sa.SortKey, sb.SortKey = nil, nil
	return fmt.Sprint(sa) == fmt.Sprint(sb)
}

// checkRefs reports the references of the live record r that validation
// would refuse: written by an older version, by hand, or before a bug was
// fixed (restoring a revision once skipped the loop check).
func checkRefs(tx *bolt.Tx, r model.Record, report func(format string, args ...any)) {
	id := r.GetMeta().ID
	for _, p := range refProblems(tx, r) {
		switch p.key {
		case "error.missing_ref":
			report("reference from %s (%s) to missing record %s", id, p.ref.Field, p.ref.ID)
		case "error.wrong_ref_kind":
			report("reference from %s (%s) to %s, which is not of a kind the field allows", id, p.ref.Field, p.ref.ID)
		case "error.parent_cycle":
			report("%s %s (%s): its parents make a loop through %s", r.Kind(), id, r.Title(), p.ref.ID)
		}
	}
}
