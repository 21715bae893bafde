package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

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
		if pages {
			// bbolt's checker runs in its own goroutine: read every page
			// here first, where a fault on a damaged page is contained.
			if err := readAllPages(tx); err != nil {
				return err
			}
			for err := range tx.Check() {
				report("bbolt: %v", err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		wantRefs, counts, err := checkCurrent(ctx, tx, report)
		if err != nil {
			return err
		}
		checkHistory(tx, report)
		bucket(tx, bucketAutosaves).ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v) != 16 || rawCurrent(tx, idFrom(k)) == nil {
				report("autosaves: entry %x for no record", k)
			}
			return nil
		})
		checkOrder(tx, counts, report)
		n := 0
		bucket(tx, bucketRefs).ForEach(func(k, v []byte) error {
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
	bucket(tx, bucketHistory).ForEach(func(k, v []byte) error {
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
	sums, order := bucket(tx, bucketSummaries), bucket(tx, bucketOrder)
	inOrder := 0
	order.ForEach(func(k, v []byte) error {
		inOrder++
		if len(k) < 18 || (order.s == nil && len(k) < 20) {
			report("order: malformed key %x", k)
			return nil
		}
		id := idFrom(k[len(k)-16:])
		if !bytes.Equal(order.storeKey(sums.Get(id[:])), k) {
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

// reportRefProblems reports the problems of the live record r's
// references, which validation would refuse: written by an older version, by hand, or before a bug was
// fixed (restoring a revision once skipped the loop check).
func reportRefProblems(r model.Record, problems []refProblem, report func(format string, args ...any)) {
	id := r.GetMeta().ID
	for _, p := range problems {
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

// checkBatch is how many current records checkCurrent decodes together.
const checkBatch = 1024

// checkedRecord is one current record as checkCurrent's workers see it.
type checkedRecord struct {
	id        model.ID
	v, stored []byte // the record's value and its stored summary, in the tx
	r         model.Record
	refs      []model.Ref
	refKeys   map[string]bool // the reference index keys r implies
	decodeErr error
	validErr  error
	staleSum  bool
	state     byte
}

// checkJob is one batch of records on the workers.
type checkJob struct {
	batch []checkedRecord
	// faults holds, per worker, the memory fault or bbolt panic that
	// stopped it: a value whose length runs past the end of a damaged
	// (cut short) file is read there, outside the transaction's contain.
	faults []any
	next   atomic.Int64 // the index of the next record a worker takes
	wg     sync.WaitGroup
}

// startCheckJob checks the records of batch on every core.
func startCheckJob(batch []checkedRecord, workers int) *checkJob {
	j := &checkJob{batch: batch, faults: make([]any, workers)}
	for w := range workers {
		j.wg.Add(1)
		go func() {
			defer j.wg.Done()
			j.faults[w] = catchDamage(func() {
				// Records are taken one at a time, not in stripes: a
				// meeting takes a hundred times a contact's work, and a
				// worker left with the long ones would keep the others
				// waiting.
				for i := int(j.next.Add(1)) - 1; i < len(batch); i = int(j.next.Add(1)) - 1 {
					checkOne(&batch[i])
				}
			})
		}()
	}
	return j
}

// checkCurrent checks every current record: it decodes, is stored under
// its key and kind, validates, refers only to what validation allows, and
// has the summary it implies. Decoding and validating run on every core,
// a batch at a time, while this goroutine walks the file and gives the
// batch before its part: what reads the transaction, in key order, so
// the report's order does not depend on the workers.
//
// The summaries are rebuilt with their stored sort keys: the comparison
// leaves sort keys out anyway (see sameSummary), and computing collation
// keys was a third of the check's time.
func checkCurrent(ctx context.Context, tx *bolt.Tx, report func(string, ...any)) (map[string]bool, map[[2]byte]int, error) {
	wantRefs := map[string]bool{}
	counts := map[[2]byte]int{}
	workers := max(1, runtime.GOMAXPROCS(0))
	// The file does not change in this transaction: a record's kind is
	// looked up once, however many records refer to it.
	kinds := &kindCache{tx: tx}
	finish := func(j *checkJob) error {
		j.wg.Wait()
		for _, r := range j.faults {
			if r != nil {
				return corrupt(tx, fmt.Errorf("%v", r))
			}
		}
		for i := range j.batch {
			c := &j.batch[i]
			if c.decodeErr != nil {
				report("record %s: %v", c.id, c.decodeErr)
				continue
			}
			r := c.r
			if r.GetMeta().ID != c.id || valueKind(c.v) != r.Kind() {
				report("%s %s: stored under the wrong key or kind", r.Kind(), c.id)
			}
			if c.validErr != nil {
				report("%s %s (%s): %v", r.Kind(), c.id, r.Title(), c.validErr)
			}
			if !r.GetMeta().InTrash() {
				reportRefProblems(r, refProblemsOf(tx, r, c.refs, kinds), report)
			}
			counts[[2]byte{byte(r.Kind()), c.state}]++
			switch {
			case c.stored == nil:
				report("summary of %s missing", c.id)
			case c.staleSum:
				report("summary of %s is stale", c.id)
			}
			for k := range c.refKeys {
				wantRefs[k] = true
			}
		}
		return nil
	}
	var pending *checkJob
	batch := make([]checkedRecord, 0, checkBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		j := startCheckJob(batch, workers)
		batch = make([]checkedRecord, 0, checkBatch)
		if pending == nil {
			pending = j
			return nil
		}
		err := finish(pending)
		pending = j
		return err
	}
	// A batch left on the workers is waited for whatever happens: its
	// values are in the transaction's pages.
	defer func() {
		if pending != nil {
			pending.wg.Wait()
		}
	}()
	err := bucket(tx, bucketCurrent).ForEach(func(k, v []byte) error {
		if len(k) != 17 || len(v) == 0 || k[0] != byte(valueKind(v)) {
			report("current: malformed key %x", k)
			return nil
		}
		id := idFrom(k[1:])
		batch = append(batch, checkedRecord{id: id, v: v, stored: rawSummary(tx, id)})
		if len(batch) == checkBatch {
			if err := flush(); err != nil {
				return err
			}
			return ctx.Err()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil && pending != nil {
		err = finish(pending)
	}
	if err != nil {
		return nil, nil, err
	}
	return wantRefs, counts, nil
}

// checkOne is a worker's part of checking one record: nothing here reads
// the transaction (bbolt's Tx is for one goroutine), only the bytes it
// gave.
func checkOne(c *checkedRecord) {
	r, err := decodeRecord(c.v)
	if err != nil {
		c.decodeErr = err
		return
	}
	c.r = r
	c.validErr = r.Validate()
	c.refs = r.Refs()
	c.refKeys = refKeysOf(r, c.refs)
	var key []byte
	if c.stored != nil {
		if s, err := decodeSummary(c.stored); err == nil {
			key = s.SortKey
		}
	}
	if key == nil {
		key = model.SortKey(r.SortName())
	}
	want := model.SummaryWithSortKey(r, key)
	c.state = orderKey(&want)[1]
	c.staleSum = c.stored != nil && !sameSummary(encodeSummary(want), c.stored)
}
