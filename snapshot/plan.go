package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"hankekirja/model"
)

// Choice resolves one differing field of a conflict.
type Choice int

// The choices.
const (
	KeepMine Choice = iota
	TakeTheirs
)

// FieldTrash is the name of the pseudo-field that holds a record's trash
// state in a conflict ("true" in the trash, "false" not).
const FieldTrash = "deleted"

// metaFields are the JSON fields of model.Meta, which are not compared.
var metaFields = []string{"id", "rev", "parent_rev", "created", "updated", "device", "deleted", "note"}

// Item is one record in a plan's lists.
type Item struct {
	ID    model.ID
	Kind  model.Kind
	Title string
	// Mine is this database's current revision (nil for an added record),
	// Theirs the snapshot's.
	Mine, Theirs model.Record
	// ReferredBy names a record that refers to this one, for records kept
	// out of the trash or restored from it for that reason.
	ReferredBy string
}

// FieldDiff is one field in which the two versions of a conflict differ.
type FieldDiff struct {
	// Field is the field's JSON name ("first_name", "members"), or
	// FieldTrash.
	Field string
	// Mine and Theirs are the field's JSON values; nil when absent.
	Mine, Theirs json.RawMessage
	// TheirsOnly is true when, since the newest revision both sides know,
	// only the other side changed this field.
	TheirsOnly bool
	// Choice is what Apply will do; it starts as TakeTheirs when only
	// they changed the field and KeepMine otherwise.
	Choice Choice
}

// Conflict is a record both sides changed since they last agreed.
type Conflict struct {
	Item
	// Base is the newest revision both sides know whose content this
	// database has; nil when there is none.
	Base   model.Record
	Fields []*FieldDiff
}

// Choose sets the choice for one field and reports whether the conflict
// has that field.
func (c *Conflict) Choose(field string, ch Choice) bool {
	for _, f := range c.Fields {
		if f.Field == field {
			f.Choice = ch
			return true
		}
	}
	return false
}

// ChooseAll sets every field's choice.
func (c *Conflict) ChooseAll(ch Choice) {
	for _, f := range c.Fields {
		f.Choice = ch
	}
}

// Plan is what importing a snapshot would do. Conflicts' choices may be
// changed before Apply.
type Plan struct {
	Header Header
	// Add lists records new here, Update records only the other side
	// changed, Trash records the other side moved to the trash that were
	// unchanged here.
	Add, Update, Trash []Item
	// Kept lists records the other side moved to the trash that stay out
	// of it because records here (or merged ones) still refer to them.
	Kept []Item
	// Restore lists records in this database's trash that come back out
	// because a merged record refers to them.
	Restore   []Item
	Conflicts []*Conflict
	// Unchanged counts the snapshot's records that change nothing visible
	// (some may still add revision metadata).
	Unchanged int

	device    model.ID
	now       func() time.Time
	local     map[model.ID]*model.Chain
	decisions []*decision // in ID order
	byID      map[model.ID]*decision
	// merged holds each conflict's resolution as the last resolve made it.
	merged map[model.ID]model.Record
}

// Empty reports whether applying the plan would change nothing visible.
func (p *Plan) Empty() bool {
	return len(p.Add)+len(p.Update)+len(p.Trash)+len(p.Kept)+len(p.Restore)+len(p.Conflicts) == 0
}

type action int

const (
	actSame     action = iota // keep ours
	actAdd                    // a record new here
	actTake                   // take their current revision
	actConflict               // both changed: merge by the conflict's choices
)

// decision is what happens to one record of the snapshot.
type decision struct {
	theirs   *Record
	line     int          // the record's line in the snapshot
	local    *model.Chain // nil for actAdd
	act      action
	keepLive bool // actTake of a trash move undone: keep ours
	// storeTheirs keeps their current revision in the history when ours
	// stays current.
	storeTheirs bool
	conflict    *Conflict
}

// PlanOptions tune MakePlan.
type PlanOptions struct {
	// Now replaces the clock stamped on merged revisions (tests).
	Now func() time.Time
}

// MakePlan compares a snapshot with db and returns what importing it would
// do, changing nothing. It refuses a snapshot that would leave a record
// referring to a record neither side has.
func MakePlan(ctx context.Context, db Reader, s *Snapshot, opts *PlanOptions) (*Plan, error) {
	p := &Plan{Header: s.Header, device: db.Device(), now: time.Now, local: map[model.ID]*model.Chain{}, byID: map[model.ID]*decision{}}
	if opts != nil && opts.Now != nil {
		p.now = opts.Now
	}
	err := db.ReadChains(ctx, nil, func(c *model.Chain) error {
		p.local[c.Current.GetMeta().ID] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range s.Records {
		r := &s.Records[i]
		d := &decision{theirs: r, local: p.local[r.ID()], line: i + 2}
		if d.local != nil && d.local.Kind != r.Kind {
			return nil, recordError(KeyKindChanged, d.line, r.Kind, r.Current, map[string]any{"Detail": d.local.Kind.String()})
		}
		if err := p.decide(ctx, db, d); err != nil {
			return nil, err
		}
		p.decisions = append(p.decisions, d)
		p.byID[r.ID()] = d
	}
	if _, _, err := p.resolve(true); err != nil {
		return nil, err
	}
	p.list()
	return p, nil
}

// decide classifies one record.
func (p *Plan) decide(ctx context.Context, db Reader, d *decision) error {
	if d.local == nil {
		d.act = actAdd
		return nil
	}
	mine, theirs := d.local.Current.GetMeta(), d.theirs.Current.GetMeta()
	weKnow := d.local.Knows(theirs.Rev)
	theyKnow := d.theirs.Knows(mine.Rev)
	switch {
	case mine.Rev == theirs.Rev:
		if err := sameRevision(d); err != nil {
			return err
		}
		d.act = actSame
	case weKnow && theyKnow:
		// Both have seen both (each kept its own after a conflict): the
		// greater revision ID wins on both sides, so they converge.
		if bytes.Compare(theirs.Rev[:], mine.Rev[:]) > 0 {
			d.act = actTake
		} else {
			d.act = actSame
		}
	case theyKnow:
		d.act = actTake
	case weKnow:
		d.act = actSame
	default:
		same, err := sameContent(d.local.Current, d.theirs.Current)
		if err != nil {
			return err
		}
		if same && mine.InTrash() == theirs.InTrash() {
			// Both made the same change: converge on the greater
			// revision ID, keeping the other in the history.
			if bytes.Compare(theirs.Rev[:], mine.Rev[:]) > 0 {
				d.act = actTake
			} else {
				d.act, d.storeTheirs = actSame, true
			}
			return nil
		}
		c, err := p.conflict(ctx, db, d)
		if err != nil {
			return err
		}
		d.act, d.conflict = actConflict, c
	}
	return nil
}

// sameRevision refuses a record the snapshot holds under a revision this
// database has with other content: one revision ID, two contents, and
// whichever side is kept the other database would go on disagreeing
// without anyone knowing.
func sameRevision(d *decision) error {
	mine, err := ContentSum(d.local.Current)
	if err != nil {
		return err
	}
	if mine == d.theirs.sum {
		return nil
	}
	theirs, err := ContentSum(d.theirs.Current)
	if err != nil {
		return err
	}
	if mine == theirs {
		return nil
	}
	// Named as this database has it: the name the user knows.
	return recordError(KeyRevisionChanged, d.line, d.theirs.Kind, d.local.Current, map[string]any{"Arg": d.theirs.Current.GetMeta().Rev.String()})
}

// conflict builds the field differences of a record both sides changed.
func (p *Plan) conflict(ctx context.Context, db Reader, d *decision) (*Conflict, error) {
	c := &Conflict{Item: item(d)}
	// The base: the newest revision both know whose content is here.
	revs := append([]model.Meta{*d.theirs.Current.GetMeta()}, d.theirs.History...)
	sortMetas(revs)
	for i := len(revs) - 1; i >= 0 && c.Base == nil; i-- {
		if !d.local.Knows(revs[i].Rev) {
			continue
		}
		r, err := db.Revision(ctx, revs[i].ID, revs[i].Rev)
		switch {
		case err == nil:
			c.Base = r
		case model.ErrorCode(err) != model.ENOTFOUND:
			return nil, err
		}
	}
	mine, err := fieldsOf(d.local.Current)
	if err != nil {
		return nil, err
	}
	theirs, err := fieldsOf(d.theirs.Current)
	if err != nil {
		return nil, err
	}
	var base map[string]json.RawMessage
	if c.Base != nil {
		if base, err = fieldsOf(c.Base); err != nil {
			return nil, err
		}
	}
	keys := map[string]bool{}
	for k := range mine {
		keys[k] = true
	}
	for k := range theirs {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if bytes.Equal(mine[k], theirs[k]) {
			continue
		}
		f := &FieldDiff{Field: k, Mine: mine[k], Theirs: theirs[k]}
		f.TheirsOnly = base != nil && bytes.Equal(base[k], mine[k])
		if f.TheirsOnly {
			f.Choice = TakeTheirs
		}
		c.Fields = append(c.Fields, f)
	}
	mineDel, theirsDel := d.local.Current.GetMeta().InTrash(), d.theirs.Current.GetMeta().InTrash()
	if mineDel != theirsDel {
		f := &FieldDiff{Field: FieldTrash, Mine: boolJSON(mineDel), Theirs: boolJSON(theirsDel)}
		f.TheirsOnly = c.Base != nil && c.Base.GetMeta().InTrash() == mineDel
		if f.TheirsOnly {
			f.Choice = TakeTheirs
		}
		c.Fields = append(c.Fields, f)
	}
	return c, nil
}

func boolJSON(b bool) json.RawMessage {
	if b {
		return json.RawMessage("true")
	}
	return json.RawMessage("false")
}

func item(d *decision) Item {
	it := Item{ID: d.theirs.ID(), Kind: d.theirs.Kind, Title: d.theirs.Current.Title(), Theirs: d.theirs.Current}
	if d.local != nil {
		it.Mine = d.local.Current
	}
	return it
}

// list fills the plan's lists from its decisions.
func (p *Plan) list() {
	p.Add, p.Update, p.Trash, p.Kept, p.Conflicts, p.Unchanged = nil, nil, nil, nil, nil, 0
	for _, d := range p.decisions {
		it := item(d)
		switch d.act {
		case actAdd:
			p.Add = append(p.Add, it)
		case actConflict:
			p.Conflicts = append(p.Conflicts, d.conflict)
		case actTake:
			mine, theirs := d.local.Current, d.theirs.Current
			same, _ := sameContent(mine, theirs)
			switch {
			case d.keepLive:
				p.Kept = append(p.Kept, it)
			case theirs.GetMeta().InTrash() && !mine.GetMeta().InTrash():
				p.Trash = append(p.Trash, it)
			case same && theirs.GetMeta().InTrash() == mine.GetMeta().InTrash():
				p.Unchanged++
			default:
				p.Update = append(p.Update, it)
			}
		default:
			p.Unchanged++
		}
	}
}

// merged returns the record a conflict resolves to under its choices, and
// whether it is exactly ours or exactly theirs (then no new revision is
// made).
func (p *Plan) resolveConflict(d *decision) (r model.Record, allMine, allTheirs bool, err error) {
	c := d.conflict
	allMine, allTheirs = true, true
	for _, f := range c.Fields {
		if f.Choice == TakeTheirs {
			allMine = false
		} else {
			allTheirs = false
		}
	}
	switch {
	case allMine:
		return d.local.Current, true, false, nil
	case allTheirs:
		return d.theirs.Current, false, true, nil
	}
	mine, err := json.Marshal(d.local.Current)
	if err != nil {
		return nil, false, false, model.Internal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(mine, &m); err != nil {
		return nil, false, false, model.Internal(err)
	}
	deleted := d.local.Current.GetMeta().Deleted
	for _, f := range c.Fields {
		if f.Choice != TakeTheirs {
			continue
		}
		if f.Field == FieldTrash {
			deleted = d.theirs.Current.GetMeta().Deleted
			continue
		}
		if f.Theirs == nil {
			delete(m, f.Field)
		} else {
			m[f.Field] = f.Theirs
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, false, false, model.Internal(err)
	}
	r = model.NewRecord(d.theirs.Kind)
	if err := json.Unmarshal(b, r); err != nil {
		return nil, false, false, model.Internal(err)
	}
	lm := d.local.Current.GetMeta()
	*r.GetMeta() = model.Meta{
		ID: lm.ID, Rev: model.NewID(), ParentRev: lm.Rev, Created: lm.Created, Updated: p.now(),
		Device: p.device, Deleted: deleted,
		Note: model.Notes{model.NewNote(model.NoteMerged, model.NoteArgRev, d.theirs.Current.GetMeta().Rev.String(), model.NoteArgDevice, d.theirs.Current.GetMeta().Device.String())},
	}
	return r, false, false, nil
}

// resolve computes every record's state after the merge and checks that
// every live record refers only to live records. References that would
// point into the trash are mended: a trash move from the snapshot is not
// made (Kept), and a record in this database's trash is restored
// (Restore). With planning false (at Apply), a conflict whose chosen
// result is in the trash while still referred to is an error instead of
// being changed back. It returns the final records by ID and the restored
// ones.
func (p *Plan) resolve(planning bool) (map[model.ID]model.Record, map[model.ID]string, error) {
	final := make(map[model.ID]model.Record, len(p.local)+len(p.decisions))
	for id, c := range p.local {
		final[id] = c.Current
	}
	p.merged = map[model.ID]model.Record{}
	state := func(d *decision) (model.Record, error) {
		switch {
		case d.act == actAdd, d.act == actTake && !d.keepLive:
			return d.theirs.Current, nil
		case d.act == actConflict:
			r, _, _, err := p.resolveConflict(d)
			p.merged[d.theirs.ID()] = r
			return r, err
		}
		return d.local.Current, nil
	}
	for _, d := range p.decisions {
		r, err := state(d)
		if err != nil {
			return nil, nil, err
		}
		final[d.theirs.ID()] = r
	}
	restored := map[model.ID]string{}
	for changed := true; changed; {
		changed = false
		for _, r := range final {
			if r.GetMeta().InTrash() {
				continue
			}
			for _, ref := range r.Refs() {
				t, ok := final[ref.ID]
				if !ok {
					return nil, nil, newError(model.EINVALID, KeyMissingRef, map[string]any{
						"Kind": r.Kind().String(), "Name": recordName(r), "ID": ref.ID.String(), "Count": p.lineOf(r.GetMeta().ID)}, nil)
				}
				if !t.GetMeta().InTrash() {
					continue
				}
				d := p.byID[ref.ID]
				localLive := d != nil && d.local != nil && !d.local.Current.GetMeta().InTrash()
				switch {
				case d != nil && d.act == actTake && localLive:
					d.keepLive = true
					final[ref.ID] = d.local.Current
				case d != nil && d.act == actConflict && localLive:
					if !planning {
						return nil, nil, newError(model.ECONFLICT, KeyReferenced, map[string]any{
							"Kind": t.Kind().String(), "Name": recordName(t), "Refs": r.Title(), "Count": p.lineOf(ref.ID)}, nil)
					}
					d.conflict.Choose(FieldTrash, KeepMine)
					nr, err := state(d)
					if err != nil {
						return nil, nil, err
					}
					final[ref.ID] = nr
				default:
					restored[ref.ID] = r.Title()
					rr, err := clone(t)
					if err != nil {
						return nil, nil, err
					}
					rr.GetMeta().Deleted = nil
					final[ref.ID] = rr
				}
				changed = true
			}
		}
	}
	// The restored records, as new revisions of their final state.
	p.Restore = nil
	for id, by := range restored {
		r := final[id]
		m := r.GetMeta()
		base := m.Rev
		*m = model.Meta{ID: m.ID, Rev: model.NewID(), ParentRev: base, Created: m.Created, Updated: p.now(),
			Device: p.device, Note: model.Notes{model.NewNote(model.NoteRestoredByImport, model.NoteArgName, by)}}
		p.Restore = append(p.Restore, Item{ID: id, Kind: r.Kind(), Title: r.Title(), Mine: localCurrent(p.local[id]), Theirs: r, ReferredBy: by})
	}
	slices.SortFunc(p.Restore, func(a, b Item) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return final, restored, nil
}

// lineOf returns the line of a record in the snapshot, 0 when the
// snapshot does not hold it.
func (p *Plan) lineOf(id model.ID) int {
	if d := p.byID[id]; d != nil {
		return d.line
	}
	return 0
}

func localCurrent(c *model.Chain) model.Record {
	if c == nil {
		return nil
	}
	return c.Current
}

// writes turns the plan, under its current choices, into the store's
// merge writes.
func (p *Plan) writes() ([]model.MergeWrite, error) {
	final, restored, err := p.resolve(false)
	if err != nil {
		return nil, err
	}
	var out []model.MergeWrite
	done := map[model.ID]bool{}
	for _, d := range p.decisions {
		id := d.theirs.ID()
		w := model.MergeWrite{ID: id, Kind: d.theirs.Kind}
		known := map[model.ID]bool{}
		if d.local != nil {
			w.Expect = d.local.Current.GetMeta().Rev
			known[w.Expect] = true
			for _, m := range d.local.Older {
				known[m.Rev] = true
			}
		}
		for _, m := range d.theirs.History {
			if !known[m.Rev] {
				w.Known = append(w.Known, m)
			}
		}
		theirs := d.theirs.Current
		theirsKnown := known[theirs.GetMeta().Rev]
		switch {
		case d.act == actAdd:
			w.Current = theirs
		case d.act == actTake && !d.keepLive:
			w.Current = theirs
		case d.act == actTake, d.storeTheirs:
			if !theirsKnown {
				w.History = append(w.History, theirs)
			}
		case d.act == actConflict:
			r := p.merged[id]
			allMine, allTheirs := r == d.local.Current, r == d.theirs.Current
			switch {
			case allTheirs:
				w.Current = theirs
			case allMine:
				w.History = append(w.History, theirs)
			default:
				w.Current = r
				w.History = append(w.History, theirs)
			}
		}
		if _, ok := restored[id]; ok {
			if w.Current != nil && w.Current.GetMeta().Rev != w.Expect {
				w.History = append(w.History, w.Current)
			}
			w.Current = final[id]
		}
		done[id] = true
		if w.Current != nil || len(w.History) > 0 || len(w.Known) > 0 {
			out = append(out, w)
		}
	}
	for id := range restored {
		if done[id] {
			continue
		}
		c := p.local[id]
		out = append(out, model.MergeWrite{ID: id, Kind: c.Kind, Expect: c.Current.GetMeta().Rev, Current: final[id]})
	}
	slices.SortFunc(out, func(a, b model.MergeWrite) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	return out, nil
}

// Check runs the plan's writes in a transaction that is rolled back, so
// that whatever Apply would refuse (a merged record that breaks a rule, a
// municipality's official data changed) is known before applying.
func (p *Plan) Check(ctx context.Context, db Store) error {
	w, err := p.writes()
	if err != nil {
		return err
	}
	return p.mergeError(db.CheckMerge(ctx, w))
}

// Result says what Apply did.
type Result struct {
	// Backup is the automatic backup made first ("" when nothing changed).
	Backup string
	// Writes is the number of records written to (0: nothing changed).
	Writes int
}

// Apply backs the database up into its backups directory and then writes
// the plan in one transaction. When the database changed after the plan
// was made, nothing is written (KeyStale). A plan that changes nothing
// makes no backup and no transaction.
func Apply(ctx context.Context, db Store, p *Plan) (Result, error) {
	w, err := p.writes()
	if err != nil {
		return Result{}, err
	}
	if len(w) == 0 {
		return Result{}, nil
	}
	backup, err := db.AutoBackup(model.BackupImport)
	if err != nil && backup == "" {
		return Result{}, err
	}
	if err := db.ApplyMerge(ctx, w); err != nil {
		return Result{Backup: backup}, p.mergeError(err)
	}
	return Result{Backup: backup, Writes: len(w)}, nil
}

// mergeError turns the store's refusal into this package's errors.
func (p *Plan) mergeError(err error) error {
	if err == nil {
		return nil
	}
	var me *model.MergeError
	if errors.As(err, &me) {
		name := me.Title
		if name == "" {
			name = me.ID.String()
		}
		return newError(model.EINVALID, KeyInvalidRecord, map[string]any{
			"Kind": me.Kind.String(), "Name": name, "ID": me.ID.String(), "Detail": me.Err.Error(), "Count": p.lineOf(me.ID)}, err)
	}
	var e *model.Error
	if errors.As(err, &e) && e.Key == "error.stale" {
		return newError(model.ECONFLICT, KeyStale, nil, err)
	}
	return err
}

// fieldsOf returns a record's JSON fields without its metadata.
func fieldsOf(r model.Record) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, model.Internal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, model.Internal(err)
	}
	for _, k := range metaFields {
		delete(m, k)
	}
	return m, nil
}

// sameContent reports whether two revisions hold the same data, metadata
// aside.
func sameContent(a, b model.Record) (bool, error) {
	fa, err := fieldsOf(a)
	if err != nil {
		return false, err
	}
	fb, err := fieldsOf(b)
	if err != nil {
		return false, err
	}
	if len(fa) != len(fb) {
		return false, nil
	}
	for k, v := range fa {
		if !bytes.Equal(v, fb[k]) {
			return false, nil
		}
	}
	return true, nil
}

// clone returns a deep copy of a record.
func clone(r model.Record) (model.Record, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, model.Internal(err)
	}
	c := model.NewRecord(r.Kind())
	if err := json.Unmarshal(b, c); err != nil {
		return nil, model.Internal(err)
	}
	return c, nil
}

// ValueText shows a field's JSON value to people on one line: a string as
// it is, a list of strings joined by commas, nothing as "—", anything else
// as compact JSON.
func ValueText(v json.RawMessage) string {
	if len(v) == 0 || string(v) == "null" {
		return "—"
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if s == "" {
			return "—"
		}
		return s
	}
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return strings.Join(list, ", ")
	}
	var buf bytes.Buffer
	if json.Compact(&buf, v) == nil {
		return buf.String()
	}
	return string(v)
}
