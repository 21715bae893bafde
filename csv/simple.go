package csv

import (
	"context"
	"strings"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

type recordPtr[T any] interface {
	*T
	model.Record
}

// simple is the table of a kind with one row per record.
type simple[T any, P recordPtr[T]] struct {
	k    model.Kind
	cols []col[T]
	svc  func(model.Services) model.Service[T]
	// match finds the existing record a row is, by the kind's key (from
	// the record as the row makes it, or from the row's cells); ok is false
	// when the key matches several.
	match func(ix *importing.Index, r *T, cells map[string]string) (found *T, ok bool)
	// canCreate is false for municipalities, which come only from the
	// registry.
	canCreate bool
	// deps are records this one must be written after (a parent).
	deps func(r *T) []model.ID
	// salvage, for a record that does not validate, moves what it can
	// into the notes (see importing.SalvageContact); nil: none.
	salvage func(x *env, r *T, cells map[string]string) []importing.Kept
}

func (s *simple[T, P]) kind() model.Kind { return s.k }

func (s *simple[T, P]) keys() []string {
	out := make([]string, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.key
	}
	return out
}

func (s *simple[T, P]) export(ctx context.Context, x *env, w *writer, only []model.ID) error {
	types := make([]cellType, len(s.cols))
	head := make([]string, len(s.cols))
	for i, c := range s.cols {
		head[i] = header(x.lang, c.key)
	}
	w.row(head, types)
	for i, c := range s.cols {
		types[i] = c.typ
	}
	// The rows stream from the database in list order, one record at a
	// time.
	return s.svc(x.svc).Each(ctx, func(r *T) error {
		if only != nil && !containsID(only, P(r).GetMeta().ID) {
			return nil
		}
		cells := make([]string, len(s.cols))
		for i, c := range s.cols {
			cells[i] = c.get(x, r)
		}
		w.row(cells, types)
		return w.err
	})
}

func containsID(ids []model.ID, id model.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// plan reads the rows into the report and returns the writes to make. It
// goes over the rows twice: first to find which record each row is (new
// ones join the index then, so that any row can refer to a record a later
// row adds: a sub-project above its programme), then to read the cells.
func (s *simple[T, P]) plan(ctx context.Context, x *env, cols []string, rows []fileRow, rep *importing.Report) ([]write, error) {
	byKey := map[string]col[T]{}
	for _, c := range s.cols {
		byKey[c.key] = c
	}
	notes, hasNotes := byKey["notes"]
	// setCells reads the row's cells into r and returns the problems and
	// the cells kept in the notes.
	setCells := func(r *T, cells map[string]string) (problems, kept []string) {
		var keep []importing.Kept
		var keepKeys []string
		for _, key := range cols {
			c, ok := byKey[key]
			if !ok || c.set == nil {
				continue
			}
			v := strings.TrimSpace(cells[key])
			if err := c.set(x, r, v); err != nil {
				if c.keep && hasNotes {
					keep = append(keep, importing.Kept{Field: key, Value: errValue(err, v), Key: err.Key})
					keepKeys = append(keepKeys, key)
					continue
				}
				problems = append(problems, cellProblem(x.lang, key, errValue(err, v), err))
			}
		}
		for i, k := range keep {
			label := header(x.lang, keepKeys[i])
			notes.set(x, r, importing.KeepInNotesAs(label, notes.get(x, r), k))
			kept = append(kept, k.TextAs(x.lang, label))
		}
		return problems, kept
	}
	type target struct {
		item     int
		cells    map[string]string
		existing *T
		id       model.ID // of a new record
	}
	var targets []target
	claimed := map[model.ID]int{} // record → the row that imports it
	// New records without an ID of their own, to find a second row with
	// the same key: a duplicate rather than another record.
	fresh := importing.NewIndex()
	var placeholders []model.Record
	for _, row := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it := rep.Append(importing.Item{Row: row.n, Kind: s.k})
		cells := row.cells(cols)
		var fileID model.ID
		var existing *T
		if v := strings.TrimSpace(cells["id"]); v != "" {
			id, err := model.ParseID(v)
			if err != nil {
				it.Reject(row.n, cellProblem(x.lang, "id", v, &model.Error{Key: "table.bad_id"}))
				continue
			}
			if r := x.ix.Get(id); r != nil {
				e, ok := r.(P)
				if !ok {
					it.Reject(row.n, cellProblem(x.lang, "id", v, &model.Error{Key: "error.wrong_ref_kind"}))
					continue
				}
				existing = (*T)(e)
			} else {
				fileID = id
			}
		}
		var draft *T
		x.row = row.n
		if existing == nil {
			draft = new(T)
			setCells(draft, cells)
			found, ok := s.match(x.ix, draft, cells)
			if !ok {
				it.Reject(row.n, assets.Message(x.lang, "table.ambiguous_key", nil))
				continue
			}
			existing = found
		}
		if existing == nil && fileID.IsZero() {
			if dup, _ := s.match(fresh, draft, cells); dup != nil {
				it.Reject(row.n, assets.Message(x.lang, "table.same_as_row", map[string]any{"Count": claimed[P(dup).GetMeta().ID]}))
				continue
			}
		}
		if existing == nil && !s.canCreate {
			it.Reject(row.n, assets.Message(x.lang, "table.no_such_record", map[string]any{"Kind": assets.Message(x.lang, "kind."+s.k.String(), nil)}))
			continue
		}
		tg := target{item: len(rep.Items) - 1, cells: cells, existing: existing}
		id := fileID
		if existing != nil {
			id = P(existing).GetMeta().ID
		} else if id.IsZero() {
			id = model.NewID()
		}
		if first, dup := claimed[id]; dup {
			it.Reject(row.n, assets.Message(x.lang, "table.same_as_row", map[string]any{"Count": first}))
			continue
		}
		claimed[id] = row.n
		if existing == nil {
			// A placeholder, so that other rows can refer to the new
			// record.
			P(draft).GetMeta().ID = id
			placeholders = append(placeholders, P(draft))
			if fileID.IsZero() {
				fresh.Put(P(draft))
			}
			tg.id = id
		}
		targets = append(targets, tg)
	}
	for _, r := range placeholders {
		x.ix.Put(r)
	}

	var writes []write
	for _, tg := range targets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it := &rep.Items[tg.item]
		r := new(T)
		if tg.existing != nil {
			r = clone(tg.existing)
		} else {
			P(r).GetMeta().ID = tg.id
		}
		x.row = it.Row
		problems, kept := setCells(r, tg.cells)
		switch n := any(r).(type) {
		case interface{ NormalizeIn(string) }:
			n.NormalizeIn(x.opts.Region)
		case interface{ Normalize() }:
			n.Normalize()
		}
		if err := P(r).Validate(); err != nil {
			var invalid []string
			for _, fe := range model.FieldErrors(err) {
				invalid = append(invalid, fieldProblem(x, s.cols, tg.cells, fe))
			}
			if s.salvage != nil && len(problems) == 0 {
				// Keep what can be kept; a record still invalid is reported
				// with what was wrong in the first place.
				saved := s.salvage(x, r, tg.cells)
				if P(r).Validate() == nil {
					invalid = nil
					for _, k := range saved {
						kept = append(kept, k.TextAs(x.lang, header(x.lang, columnOf(s.cols, k.Field))))
					}
				}
			}
			problems = append(problems, invalid...)
		}
		it.Title = P(r).Title()
		for _, p := range problems {
			it.Reject(it.Row, p)
		}
		for _, k := range kept {
			it.Note(it.Row, k)
		}
		if it.Action == importing.Invalid {
			continue
		}
		rec := r
		switch {
		case tg.existing == nil:
			it.Action, it.ID = importing.Add, tg.id
			x.ix.Put(P(r))
			writes = append(writes, write{item: tg.item, id: tg.id, deps: s.depsOf(rec),
				do: func(ctx context.Context, svc model.Services) error { return s.svc(svc).Create(ctx, rec) }})
		case sameRecord[T, P](P(tg.existing), P(r)):
			it.Action, it.ID = importing.Unchanged, P(tg.existing).GetMeta().ID
		default:
			it.Action, it.ID = importing.Update, P(tg.existing).GetMeta().ID
			for _, key := range cols {
				if c, ok := byKey[key]; ok && c.set != nil && c.get(x, tg.existing) != c.get(x, r) {
					it.Changes = append(it.Changes, header(x.lang, key))
				}
			}
			x.ix.Put(P(r))
			writes = append(writes, write{item: tg.item, id: it.ID, deps: s.depsOf(rec),
				do: func(ctx context.Context, svc model.Services) error { return s.svc(svc).Update(ctx, rec) }})
		}
	}
	return writes, nil
}

func (s *simple[T, P]) depsOf(r *T) []model.ID {
	if s.deps == nil {
		return nil
	}
	return s.deps(r)
}

// columnOf is the key of the column a model field is read from.
func columnOf[T any](cols []col[T], field string) string {
	for _, c := range cols {
		for _, f := range c.fields {
			if f == field {
				return c.key
			}
		}
	}
	return field
}

// errValue is the value a problem is about: the name in err's arguments
// (one line of a list) or the cell.
func errValue(err *model.Error, cell string) string {
	if t, ok := err.Args["Text"].(string); ok {
		return t
	}
	return cell
}

// cellProblem says what is wrong with a cell: `Sähköposti ”matti@”: ei ole
// kelvollinen sähköpostiosoite`.
func cellProblem(lang, key, value string, err *model.Error) string {
	msg := assets.Message(lang, err.Key, nil)
	value = strings.Join(strings.Fields(value), " ")
	if r := []rune(value); len(r) > 60 {
		value = string(r[:57]) + "…"
	}
	if value == "" {
		return assets.Message(lang, "table.column_problem", map[string]any{"Name": header(lang, key), "Detail": msg})
	}
	return assets.Message(lang, "table.cell_problem", map[string]any{"Name": header(lang, key), "Text": value, "Detail": msg})
}

// fieldProblem places a validation error of the record in its column.
func fieldProblem[T any](x *env, cols []col[T], cells map[string]string, fe *model.Error) string {
	for _, c := range cols {
		for _, f := range c.fields {
			if fe.Field == f || strings.HasPrefix(fe.Field, f+"[") || strings.HasPrefix(fe.Field, f+".") {
				v := cells[c.key]
				if c.list {
					if i := listIndex(fe.Field[len(f):]); i >= 0 {
						items := splitList(v, c.key == "phones" || c.key == "emails")
						if i < len(items) {
							v = items[i]
						}
					}
				}
				return cellProblem(x.lang, c.key, v, fe)
			}
		}
	}
	return assets.ErrorText(x.lang, fe)
}

// listIndex reads "[3]..." as 3, or -1.
func listIndex(s string) int {
	if !strings.HasPrefix(s, "[") {
		return -1
	}
	n := 0
	for _, r := range s[1:] {
		if r == ']' {
			return n
		}
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return -1
}
