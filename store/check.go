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
// loop), and that the summaries, their order, the counts and the reverse
// reference index are exactly what the records imply (they are rebuilt and
// compared). It returns one line per problem; none means the database is
// clean.
//
// Everything is read in one transaction, bucket by bucket in key order,
// and nothing is kept per record but what the comparison needs.
//
// bbolt's page check runs in a goroutine where damage can crash the
// process (see pagecheck.go): Check is for a file whose pages are known to
// be sound (tests, a file just written). The check command runs
// CheckPages in a child process and then CheckContents.
func (db *DB) Check(ctx context.Context) ([]string, error) {
	return db.check(ctx, true)
}

// CheckContents is Check without bbolt's page check.
func (db *DB) CheckContents(ctx context.Context) ([]string, error) {
	return db.check(ctx, false)
}

func (db *DB) check(ctx context.Context, pages bool) ([]string, error) {
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	err := db.viewTx(func(tx *bolt.Tx) error {
		if err := readAllPages(tx); err != nil {
			return err
		}
		if pages {
			for err := range tx.Check() {
				report("bbolt: %v", err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		wantRefs := map[string]bool{}
		counts := map[[2]byte]int{}
		current := 0
		err := tx.Bucket(bucketCurrent).ForEach(func(k, v []byte) error {
			if current++; current%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if len(k) != 17 || len(v) == 0 || k[0] != v[0] {
				report("current: malformed key %x", k)
				return nil
			}
			id := idFrom(k[1:])
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
			want := model.SummaryOf(r)
			counts[[2]byte{byte(want.Kind), orderKey(&want)[1]}]++
			switch got := rawSummary(tx, id); {
			case got == nil:
				report("summary of %s missing", id)
			case !sameSummary(encodeSummary(want), got):
				report("summary of %s is stale", id)
			}
			for k := range liveRefs(r) {
				wantRefs[k] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		checkHistory(tx, report)
		tx.Bucket(bucketAutosaves).ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v) != 16 || rawCurrent(tx, idFrom(k)) == nil {
				report("autosaves: entry %x for no record", k)
			}
			return nil
		})
		checkOrder(tx, counts, report)
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

// checkHistory checks that every older revision decodes, is stored under
// its own key and belongs to a record that exists.
func checkHistory(tx *bolt.Tx, report func(string, ...any)) {
	var last model.ID
	lastExists := false
	tx.Bucket(bucketHistory).ForEach(func(k, v []byte) error {
		if len(k) != 33 || (k[16] != partHistory && k[16] != partKnown) {
			report("history: malformed key %x", k)
			return nil
		}
		id := idFrom(k)
		if id != last {
			last, lastExists = id, rawCurrent(tx, id) != nil
			if !lastExists {
				report("history of %s: the record does not exist", id)
			}
		}
		rev := idFrom(k[17:])
		if k[16] == partKnown {
			var m model.Meta
			if err := json.Unmarshal(v, &m); err != nil {
				report("known revision %s of %s: %v", rev, id, err)
			} else if m.ID != id || m.Rev != rev {
				report("known revision %s of %s: stored under the wrong key", rev, id)
			}
			return nil
		}
		m, err := decodeMeta(v)
		switch {
		case err != nil:
			report("revision %s of %s: %v", rev, id, err)
		case m.ID != id || m.Rev != rev:
			report("revision %s of %s: stored under the wrong key", rev, id)
		}
		return nil
	})
}

// checkOrder checks that bucketOrder and bucketSummaries point at each
// other and that the counts are those of the records (counts, by kind and
// state, from the current revisions).
func checkOrder(tx *bolt.Tx, counts map[[2]byte]int, report func(string, ...any)) {
	sums := tx.Bucket(bucketSummaries)
	inOrder := 0
	tx.Bucket(bucketOrder).ForEach(func(k, v []byte) error {
		inOrder++
		if len(k) < 20 {
			report("order: malformed key %x", k)
			return nil
		}
		id := idFrom(k[len(k)-16:])
		if !bytes.Equal(sums.Get(id[:]), k) {
			report("order: entry of %s is not the one its summary names", id)
		}
		return nil
	})
	if n := sums.Stats().KeyN; n != inOrder {
		report("summaries: %d entries for %d in order", n, inOrder)
	}
	for _, kind := range model.Kinds {
		for _, state := range []byte{stateLive, stateTrash} {
			if got, want := count(tx, kind, state), counts[[2]byte{byte(kind), state}]; got != want {
				report("count of %s (state %d) is %d, the records say %d", kind, state, got, want)
			}
		}
	}
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
