package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"hankekirja/internal/jsondecode"
	"hankekirja/model"
)

// This file is the store's side of exchanging snapshots with another
// laptop (package snapshot): reading each record with the chain of
// revisions this database knows, and writing the result of a merge with
// the revision IDs, parents and devices it was given.
//
// Besides a record's current revision and its older revisions, a record
// may have revisions known only by their metadata: revisions made on
// another laptop whose content never came here (a snapshot carries the
// content of the current revision only). They live in bucketHistory under
// partKnown (see buckets.go), so that "has this database seen revision X"
// has an answer even when X was an intermediate state on a third laptop.
// Purge removes them with the record (they share its key prefix).

// ReadChains calls fn with each record's chain, all read in one
// transaction (a consistent snapshot of the file). With ids nil it reads
// every record; otherwise only those IDs (missing ones are skipped). Either
// way in ID order.
func (db *DB) ReadChains(ctx context.Context, ids []model.ID, fn func(*model.Chain) error) error {
	return db.viewTx(func(tx *bolt.Tx) error {
		hist := bucket(tx, bucketHistory).Cursor()
		if ids == nil {
			return readAllChains(ctx, tx, fn)
		}
		sorted := slices.Clone(ids)
		slices.SortFunc(sorted, func(a, b model.ID) int { return bytes.Compare(a[:], b[:]) })
		sorted = slices.Compact(sorted)
		for _, id := range sorted {
			v := rawCurrent(tx, id)
			if v == nil {
				continue
			}
			ch, err := readChain(hist, id, v)
			if err != nil {
				return err
			}
			if err := fn(ch); err != nil {
				return err
			}
		}
		return nil
	})
}

// readAllChains is ReadChains of every record. Decoding the records'
// JSON is nearly all of a full read's work, so blocks of records are
// decoded on every core while this goroutine walks the file (bbolt's
// cursors are not safe to share) and hands the chains to fn in ID order.
func readAllChains(ctx context.Context, tx *bolt.Tx, fn func(*model.Chain) error) error {
	type block struct {
		ids    []model.ID
		vals   [][]byte
		older  [][]model.Meta
		chains []*model.Chain
		bad    int // the index of the record that did not decode, with err
		err    error
		done   chan struct{}
	}
	const blockSize = 64
	decodeBlock := func(b *block) {
		b.chains = make([]*model.Chain, len(b.vals))
		for i, v := range b.vals {
			b.bad = i
			r, err := decodeRecord(v)
			if err != nil {
				b.err = err
				return
			}
			b.chains[i] = &model.Chain{Kind: r.Kind(), Current: r, Older: b.older[i]}
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	work := make(chan *block)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				// A value whose length runs past the end of a damaged
				// (cut short) file is read here, outside the
				// transaction's contain.
				if fault := catchDamage(func() { decodeBlock(b) }); fault != nil {
					b.err = fmt.Errorf("%v", fault)
				}
				close(b.done)
			}
		}()
	}
	defer func() {
		close(work)
		wg.Wait()
	}()
	// At most twice as many blocks as workers are on their way: enough to
	// keep every core busy while fn takes a block, few enough that the
	// records in memory stay a few hundred.
	var pending []*block
	deliver := func() error {
		b := pending[0]
		pending = pending[1:]
		<-b.done
		if b.err != nil {
			return corrupt(tx, fmt.Errorf("record %s: %w", b.ids[b.bad], b.err))
		}
		for _, c := range b.chains {
			if err := fn(c); err != nil {
				return err
			}
		}
		return ctx.Err()
	}
	cur := &block{done: make(chan struct{})}
	send := func() error {
		if len(cur.vals) == 0 {
			return nil
		}
		work <- cur
		pending = append(pending, cur)
		cur = &block{done: make(chan struct{})}
		if len(pending) > 2*workers {
			return deliver()
		}
		return nil
	}
	hist := bucket(tx, bucketHistory).Cursor()
	read := 0
	err := eachCurrentByID(tx, func(k, v []byte) error {
		// Reading every record maps the whole file: give the pages back
		// as we go (see releasePages). A page a worker still reads is
		// read again from the file.
		if read += len(v); read >= releaseEvery {
			releasePages(tx)
			read = 0
		}
		id := idFrom(k[1:])
		older, err := readOlder(hist, id)
		if err != nil {
			return err
		}
		cur.ids = append(cur.ids, id)
		cur.vals = append(cur.vals, v)
		cur.older = append(cur.older, older)
		if len(cur.vals) < blockSize {
			return nil
		}
		return send()
	})
	if err == nil {
		err = send()
	}
	for err == nil && len(pending) > 0 {
		err = deliver()
	}
	return err
}

// releaseEvery is how many bytes of records a full read takes in before
// it gives the file's mapped pages back.
const releaseEvery = 8 << 20

// readChain reads the chain of id, whose current revision's stored value
// is cur, with hist a cursor over bucketHistory.
func readChain(hist cursor, id model.ID, cur []byte) (*model.Chain, error) {
	r, err := decodeRecord(cur)
	if err != nil {
		return nil, corrupt(hist.Bucket().Tx(), fmt.Errorf("record %s: %w", id, err))
	}
	older, err := readOlder(hist, id)
	if err != nil {
		return nil, err
	}
	return &model.Chain{Kind: r.Kind(), Current: r, Older: older}, nil
}

// readOlder reads the metadata of id's older revisions, oldest first, with
// hist a cursor over bucketHistory.
func readOlder(hist cursor, id model.ID) ([]model.Meta, error) {
	var older []model.Meta
	for k, v := hist.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, v = hist.Next() {
		if len(k) != 33 {
			continue
		}
		switch k[16] {
		case partHistory:
			m, err := decodeMeta(v)
			if err != nil {
				return nil, corrupt(hist.Bucket().Tx(), fmt.Errorf("revision %x of %s: %w", k[17:], id, err))
			}
			older = append(older, m)
		case partKnown:
			var m model.Meta
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, corrupt(hist.Bucket().Tx(), fmt.Errorf("known revision %x of %s: %w", k[17:], id, err))
			}
			older = append(older, m)
		}
	}
	model.SortMetas(older)
	return older, nil
}

// decodeMeta reads only the metadata of a stored revision.
func decodeMeta(b []byte) (model.Meta, error) {
	var m model.Meta
	_, body, err := unframe(b)
	if err != nil {
		return m, err
	}
	var env envelope
	if err := jsondecode.Unmarshal(body, &env); err != nil {
		return m, err
	}
	err = jsondecode.Unmarshal(env.Record, &m)
	return m, err
}

// Revision returns the content of revision rev of record id: the current
// one or one from the history. A revision known only by its metadata, or
// not at all, is ENOTFOUND.
func (db *DB) Revision(ctx context.Context, id, rev model.ID) (model.Record, error) {
	var out model.Record
	err := db.viewTx(func(tx *bolt.Tx) error {
		v := bucket(tx, bucketHistory).Get(historyKey(id, rev))
		if v == nil {
			cur := rawCurrent(tx, id)
			if cur != nil {
				if m, err := decodeMeta(cur); err == nil && m.Rev == rev {
					v = cur
				}
			}
		}
		if v == nil {
			return &model.Error{Code: model.ENOTFOUND, Key: "error.not_found", Args: map[string]any{"Kind": "revision", "ID": rev.String()}}
		}
		r, err := decodeRecord(v)
		if err != nil {
			return corrupt(tx, err)
		}
		out = r
		return nil
	})
	return out, err
}

// errDryRun rolls back CheckMerge's transaction.
var errDryRun = errors.New("dry run")

// bulkThreshold is the number of writes above which a merge grows the
// file in large steps.
const bulkThreshold = 256

// ApplyMerge writes a merge in one transaction: all of it or, on any
// error, nothing. Every written current revision must validate and refer
// only to live records of the right kinds; a record moved to the trash
// must not be referred to by a live record.
func (db *DB) ApplyMerge(ctx context.Context, writes []model.MergeWrite) error {
	if len(writes) == 0 {
		return nil
	}
	enc, err := encodeWrites(writes)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *bolt.Tx) error { return db.applyMerge(tx, writes, enc, nil, true) })
}

// CheckMerge runs ApplyMerge's transaction and rolls it back: it reports
// the error ApplyMerge would return, changing nothing.
func (db *DB) CheckMerge(ctx context.Context, writes []model.MergeWrite) error {
	enc, err := encodeWrites(writes)
	if err != nil {
		return err
	}
	// Its own transaction even inside Atomic: it must roll back.
	err = db.update(context.Background(), func(tx *bolt.Tx) error {
		if err := db.applyMerge(tx, writes, enc, nil, false); err != nil {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// encodedWrite is a model.MergeWrite's stored bytes, made before the
// transaction (and in parallel: JSON and collation keys are most of a
// large merge's work).
type encodedWrite struct {
	current []byte
	sum     model.Summary
	history [][]byte
	known   [][]byte
	// Of the current revision, worked out with the encoding (on every
	// core) rather than in the transaction: its references, their index
	// keys, and what its own validation says.
	refs     []model.Ref
	refKeys  map[string]bool
	validErr error
}

func encodeWrites(writes []model.MergeWrite) ([]encodedWrite, error) {
	out := make([]encodedWrite, len(writes))
	workers := min(runtime.GOMAXPROCS(0), 8, len(writes))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(writes); i += workers {
				if err := encodeWrite(&writes[i], &out[i]); err != nil {
					errs[g] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, model.Internal(err)
	}
	return out, nil
}

func encodeWrite(w *model.MergeWrite, e *encodedWrite) error {
	var err error
	if w.Current != nil {
		if e.current, err = encodeRecord(w.Current); err != nil {
			return err
		}
		e.sum = model.SummaryOf(w.Current)
		e.refs = w.Current.Refs()
		e.refKeys = refKeysOf(w.Current, e.refs)
		e.validErr = w.Current.Validate()
	}
	for _, h := range w.History {
		v, err := encodeRecord(h)
		if err != nil {
			return err
		}
		e.history = append(e.history, v)
	}
	for _, m := range w.Known {
		v, err := json.Marshal(m)
		if err != nil {
			return err
		}
		e.known = append(e.known, v)
	}
	return nil
}

// applyMerge writes a merge in tx. With load set (a Staging's batch), a
// live record referring to a record not (yet) in the file is validated
// by itself now and noted in load, to be checked whole when every batch
// is in (Staging.Commit): batches come in ID order, and a record may
// refer to one with a greater ID.
//
// With index set, the full-text index follows the records written, in the
// same transaction, as it does for a save. A dry run (CheckMerge) leaves
// it alone: its transaction is rolled back, but the index's tables in
// memory would keep what it added. A load into a new file defers the index
// and builds it whole.
func (db *DB) applyMerge(tx *bolt.Tx, writes []model.MergeWrite, enc []encodedWrite, load *Staging, index bool) error {
	if len(writes) > bulkThreshold {
		// Grow the file in large steps during a large merge. Only the
		// writer reads AllocSize, and this is the writer.
		prev := db.bolt.AllocSize
		db.bolt.AllocSize = max(prev, largeAllocSize)
		defer func() { db.bolt.AllocSize = prev }()
	}
	hist := bucket(tx, bucketHistory)
	type written struct {
		old, cur model.Record
		enc      *encodedWrite
	}
	var changed []written
	// Reference index changes are applied at the end in key order: 50 000
	// contacts referring to a handful of municipalities would otherwise
	// insert into the middle of the same few pages again and again.
	var refAdd, refDel []string
	var currents []keyValue
	var sums []*model.Summary
	seen := make(map[model.ID]bool, len(writes))
	for i := range writes {
		w, e := &writes[i], &enc[i]
		if seen[w.ID] {
			return model.Internal(fmt.Errorf("merge writes %s twice", w.ID))
		}
		seen[w.ID] = true
		fail := func(err error) error {
			title := ""
			if w.Current != nil {
				title = w.Current.Title()
			}
			return &model.MergeError{ID: w.ID, Kind: w.Kind, Title: title, Err: err}
		}
		var old model.Record
		oldRaw := rawCurrent(tx, w.ID)
		if oldRaw != nil {
			r, err := decodeRecord(oldRaw)
			if err != nil {
				return corrupt(tx, err)
			}
			old = r
			oldRaw = bytes.Clone(oldRaw)
		}
		switch {
		case old == nil && !w.Expect.IsZero(), old != nil && old.GetMeta().Rev != w.Expect:
			return &model.Error{Code: model.ECONFLICT, Key: "error.stale"}
		case old != nil && old.Kind() != w.Kind:
			return fail(model.Invalid("kind", "error.wrong_ref_kind"))
		}
		// A record that does not exist has no older revisions either (a
		// purge removes them all), so a new one needs no look-ups.
		exists := func(key []byte) bool { return old != nil && hist.Get(key) != nil }
		curRev, newRev := model.NilID, model.NilID
		if old != nil {
			curRev = old.GetMeta().Rev
		}
		if w.Current != nil {
			newRev = w.Current.GetMeta().Rev
		}
		for j, h := range w.History {
			m := h.GetMeta()
			if m.ID != w.ID || h.Kind() != w.Kind {
				return model.Internal(fmt.Errorf("merge history of %s holds another record", w.ID))
			}
			if m.Rev == curRev || m.Rev == newRev || exists(historyKey(w.ID, m.Rev)) {
				continue
			}
			if err := hist.Put(historyKey(w.ID, m.Rev), e.history[j]); err != nil {
				return err
			}
			if old != nil {
				if err := hist.Delete(knownKey(w.ID, m.Rev)); err != nil {
					return err
				}
			}
		}
		for j, m := range w.Known {
			if m.ID != w.ID || m.Rev.IsZero() {
				return model.Internal(fmt.Errorf("merge metadata of %s holds another record", w.ID))
			}
			if m.Rev == curRev || m.Rev == newRev || exists(historyKey(w.ID, m.Rev)) || exists(knownKey(w.ID, m.Rev)) || hasRev(w.History, m.Rev) {
				continue
			}
			if err := hist.Put(knownKey(w.ID, m.Rev), e.known[j]); err != nil {
				return err
			}
		}
		if w.Current == nil {
			continue
		}
		r := w.Current
		if r.GetMeta().ID != w.ID || r.Kind() != w.Kind || newRev.IsZero() {
			return model.Internal(fmt.Errorf("merge current revision of %s is malformed", w.ID))
		}
		if r.Kind() == model.KindMunicipality {
			if err := checkMunicipalityMerge(old, r); err != nil {
				return fail(err)
			}
		}
		if old != nil {
			if curRev != newRev && hist.Get(historyKey(w.ID, curRev)) == nil {
				if err := hist.Put(historyKey(w.ID, curRev), oldRaw); err != nil {
					return err
				}
			}
			// The new current revision may have been an older one here.
			if err := hist.Delete(historyKey(w.ID, newRev)); err != nil {
				return err
			}
			if err := hist.Delete(knownKey(w.ID, newRev)); err != nil {
				return err
			}
		}
		// The current revisions and summaries are written at the end, in
		// key order (see writeSorted).
		currents = append(currents, keyValue{currentKey(w.Kind, w.ID), e.current})
		sums = append(sums, &e.sum)
		// A revision from elsewhere is never replaced by an autosave.
		if err := bucket(tx, bucketAutosaves).Delete(w.ID[:]); err != nil {
			return err
		}
		before, after := liveRefs(old), e.refKeys
		for k := range before {
			if !after[k] {
				refDel = append(refDel, k)
			}
		}
		for k := range after {
			if !before[k] {
				refAdd = append(refAdd, k)
			}
		}
		changed = append(changed, written{old, r, e})
	}
	if err := writeSorted(bucket(tx, bucketCurrent), currents); err != nil {
		return err
	}
	if err := writeSummaries(tx, sums); err != nil {
		return err
	}
	refs := bucket(tx, bucketRefs)
	for _, k := range refDel {
		if err := refs.Delete([]byte(k)); err != nil {
			return err
		}
	}
	slices.Sort(refAdd)
	for _, k := range refAdd {
		if err := refs.Put([]byte(k), nil); err != nil {
			return err
		}
	}
	// With every record in place, check the result as a whole. The
	// records of a merge refer to the same few groups and people again
	// and again: their kinds are looked up once.
	kinds := &kindCache{tx: tx}
	for _, c := range changed {
		m := c.cur.GetMeta()
		fail := func(err error) error {
			return &model.MergeError{ID: m.ID, Kind: c.cur.Kind(), Title: c.cur.Title(), Err: err}
		}
		if m.InTrash() {
			if err := c.enc.validErr; err != nil {
				return fail(err)
			}
			for _, ref := range references(tx, m.ID) {
				if ref.source != m.ID {
					title := ref.source.String()
					if s, err := summaryOf(tx, ref.source); err == nil {
						title = s.Title
					}
					return fail(&model.Error{Code: model.ECONFLICT, Key: "error.referenced", Args: map[string]any{"Refs": title}})
				}
			}
			continue
		}
		if load != nil && refersToAbsent(kinds, c.enc.refs) {
			if err := c.enc.validErr; err != nil {
				return fail(err)
			}
			load.deferred = append(load.deferred, m.ID)
			continue
		}
		if err := validation(c.enc.validErr, refProblemsOf(tx, c.cur, c.enc.refs, kinds)); err != nil {
			return fail(err)
		}
	}
	if !index || db.search == nil || tx.Bucket(bucketSearchPostings) == nil {
		return nil
	}
	for _, c := range changed {
		if db.search.noteIfBuilding(c.cur.GetMeta().ID, c.old) {
			continue
		}
		if err := db.notePending(tx, c.cur, c.old); err != nil {
			return err
		}
	}
	return nil
}

// refersToAbsent reports whether any of refs points at a record that is
// not live.
func refersToAbsent(kinds *kindCache, refs []model.Ref) bool {
	for _, ref := range refs {
		if _, ok := kinds.liveKind(ref.ID); !ok {
			return true
		}
	}
	return false
}

func hasRev(rs []model.Record, rev model.ID) bool {
	for _, r := range rs {
		if r.GetMeta().Rev == rev {
			return true
		}
	}
	return false
}

// checkMunicipalityMerge keeps the registry's official data as it is: a
// merge may change a municipality's notes only, and may add a municipality
// only under its official ID.
func checkMunicipalityMerge(old, r model.Record) error {
	n := r.(*model.Municipality)
	if old == nil {
		if n.ID != model.MunicipalityID(n.Code) {
			return &model.Error{Code: model.EREADONLY, Key: "error.read_only"}
		}
		return nil
	}
	return municipalityPolicy{}.beforeUpdate(old, r)
}

// bbolt maps the file into memory and, when a transaction needs more room,
// maps it again, copying every page the transaction has touched: a merge
// of 50 000 contacts was remapped five times on its way from 1 to 64 MiB
// and spent a quarter of its time and most of its memory there. So the
// map starts at 256 MiB of address space (not memory; and read
// transactions then no longer hold up a writer that needs a larger map).
// With a map larger than bbolt's allocation step, bbolt grows the file by
// that step beyond what it needs, so a small database grows in small steps
// (as before, its file stays about as large as its data) and a large merge
// in large ones. On Windows bbolt makes the file as large as the map:
// there everything stays as bbolt has it.
var initialMmapSize = func() int {
	if runtime.GOOS == "windows" {
		return 0
	}
	return 256 << 20
}()

const (
	smallAllocSize = 128 << 10
	largeAllocSize = 16 << 20 // bbolt's default
)

// tuneGrowth sets how a newly opened file grows (see initialMmapSize).
func tuneGrowth(b *bolt.DB) {
	if initialMmapSize == 0 {
		return
	}
	var size int64
	b.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
	if size < largeAllocSize {
		b.AllocSize = smallAllocSize
	}
}

// eachCurrentByID calls fn with every key and value of bucketCurrent in
// the order of the records' IDs (snapshots list records so), merging the
// kinds' ranges, each read in its own order, with one cursor per kind.
func eachCurrentByID(tx *bolt.Tx, fn func(k, v []byte) error) error {
	type head struct {
		c    cursor
		k, v []byte
	}
	var heads []*head
	for _, kind := range model.Kinds {
		c := bucket(tx, bucketCurrent).Cursor()
		k, v := c.Seek([]byte{byte(kind)})
		if k != nil && k[0] == byte(kind) {
			heads = append(heads, &head{c, k, v})
		}
	}
	for len(heads) > 0 {
		min := 0
		for i := 1; i < len(heads); i++ {
			if bytes.Compare(heads[i].k[1:], heads[min].k[1:]) < 0 {
				min = i
			}
		}
		h := heads[min]
		if err := fn(h.k, h.v); err != nil {
			return err
		}
		kind := h.k[0]
		if h.k, h.v = h.c.Next(); h.k == nil || h.k[0] != kind {
			heads = slices.Delete(heads, min, min+1)
		}
	}
	return nil
}
