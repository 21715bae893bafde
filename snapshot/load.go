package snapshot

import (
	"context"
	"errors"
	"time"

	"hankekirja/model"
)

// Loading a snapshot into a fresh database. MakePlan and Apply hold the
// whole snapshot and the whole database in memory and write everything
// in one transaction, which a region's archive (half a million records,
// hundreds of megabytes) cannot afford. A database that holds nothing
// yet needs none of the merge's planning: every record is new, except the
// registry's municipalities, which a snapshot holds at the same revisions
// or at later ones. Load streams such a snapshot into it in batches.

// Loader is where Load writes: a staging copy of a fresh database
// (package store's Staging) that takes the writes a batch at a time and
// replaces the database only once all of them are in.
type Loader interface {
	// Reader reads the copy: Device and ReadChains of a batch's IDs.
	Reader
	// Merge writes one batch in one transaction; references to records
	// of later batches are checked by Finish.
	Merge(ctx context.Context, writes []model.MergeWrite) error
	// Finish checks, once every batch is in, the references that
	// pointed past their batch.
	Finish(ctx context.Context) error
}

// loadBatch is how many records one transaction of Load writes: enough
// that a commit's cost is spread thin, few enough that a batch of
// meetings stays a few megabytes. Three batches are on their way at a
// time (one read, one encoded, one written): at 512 the import of the
// archive took 365 MB, at 256 270 MB, for a tenth more time.
const loadBatch = 256

// ErrNotFresh is Load's answer when the snapshot needs the merge after
// all (a record the database has at a revision the snapshot does not
// build on, tombstones): nothing was loaded, and MakePlan and Apply are
// the way. Load also returns it when the snapshot is refused: MakePlan
// then says why in its own words.
var ErrNotFresh = errors.New("the snapshot needs a merge")

// Load writes the snapshot s into l, which must be a fresh database's
// staging copy, and returns the plan the import carried out (its lists
// hold the records' kinds and titles, not the records) for the preview.
// Any error but the context's is ErrNotFresh: the caller throws the copy
// away and merges the snapshot the usual way, which gives the refusal of
// a bad snapshot in its usual words.
func Load(ctx context.Context, l Loader, s *Stream) (*Plan, error) {
	p := &Plan{Header: s.Header, device: l.Device(), now: time.Now}
	if s.Header.Tombstones > 0 {
		return nil, ErrNotFresh
	}
	err := s.Batches(loadBatch, func(recs []Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		ids := make([]model.ID, len(recs))
		for i := range recs {
			ids[i] = recs[i].ID()
		}
		local := map[model.ID]*model.Chain{}
		if err := l.ReadChains(ctx, ids, func(c *model.Chain) error {
			local[c.Current.GetMeta().ID] = c
			return nil
		}); err != nil {
			return err
		}
		writes := make([]model.MergeWrite, 0, len(recs))
		for i := range recs {
			w, err := p.loadOne(&recs[i], local[recs[i].ID()])
			if err != nil {
				return err
			}
			if w.Current != nil || len(w.Known) > 0 {
				writes = append(writes, w)
			}
		}
		return l.Merge(ctx, writes)
	})
	if err == nil {
		err = l.Finish(ctx)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, errors.Join(ErrNotFresh, err)
	}
	return p, nil
}

// loadOne is MakePlan's decision and writes' write for one record, for
// the cases a fresh database has: the record is new here, or it is one
// of the registry's municipalities at the same revision or at one that
// builds on it. Anything else is ErrNotFresh.
func (p *Plan) loadOne(r *Record, local *model.Chain) (model.MergeWrite, error) {
	w := model.MergeWrite{ID: r.ID(), Kind: r.Kind}
	it := Item{ID: r.ID(), Kind: r.Kind, Title: r.Current.Title()}
	if local == nil {
		w.Current, w.Known = r.Current, r.History
		p.Add = append(p.Add, it)
		return w, nil
	}
	mine, theirs := local.Current.GetMeta(), r.Current.GetMeta()
	if local.Kind != r.Kind || mine.InTrash() || theirs.InTrash() {
		return w, ErrNotFresh
	}
	known := map[model.ID]bool{mine.Rev: true}
	for _, m := range local.Older {
		known[m.Rev] = true
	}
	for _, m := range r.History {
		if !known[m.Rev] {
			w.Known = append(w.Known, m)
		}
	}
	w.Expect = mine.Rev
	switch {
	case mine.Rev == theirs.Rev:
		if err := sameRevision(&decision{theirs: r, local: local}); err != nil {
			return w, ErrNotFresh
		}
		p.Unchanged++
	case r.Knows(mine.Rev) && !local.Knows(theirs.Rev):
		w.Current = r.Current
		same, err := sameContent(local.Current, r.Current)
		if err != nil {
			return w, err
		}
		if same {
			p.Unchanged++
		} else {
			p.Update = append(p.Update, it)
		}
	default:
		return w, ErrNotFresh
	}
	return w, nil
}
