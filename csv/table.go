package csv

import (
	"context"
	"io"
	"strings"

	"hankekirja/importing"
	"hankekirja/model"
)

// kindTable is the table of one kind.
type kindTable interface {
	kind() model.Kind
	// keys are the column keys in the order export writes them.
	keys() []string
	// export writes the header and the rows (of the records in only, when
	// it is not nil).
	export(ctx context.Context, x *env, w *writer, only []model.ID) error
	// plan reads rows into the report and returns the writes to make;
	// cols[i] is the key of column i ("" for an unknown one).
	plan(ctx context.Context, x *env, cols []string, rows []fileRow, rep *importing.Report) ([]write, error)
}

// write is one change an import makes.
type write struct {
	item int // index in the report's Items
	id   model.ID
	deps []model.ID
	do   func(ctx context.Context, svc model.Services) error
}

// fileRow is one row of a file and its row number (the header is row 1).
type fileRow struct {
	n      int
	fields []string
}

// cells returns the row's values by column key, formula-texts read. The
// cells of several columns filling one list column (an export's business
// and mobile phones) are its lines.
func (r fileRow) cells(cols []string) map[string]string {
	m := make(map[string]string, len(cols))
	for i, key := range cols {
		if key == "" || i >= len(r.fields) {
			continue
		}
		v := unformula(r.fields[i])
		if old, ok := m[key]; ok && strings.TrimSpace(old) != "" {
			if strings.TrimSpace(v) != "" {
				m[key] = old + "\n" + v
			}
			continue
		}
		m[key] = v
	}
	return m
}

// tables lists the kinds in the order of their precedence when the headers
// fit several equally well.
var tables = []kindTable{
	&simple[model.Contact, *model.Contact]{
		k: model.KindContact, cols: contactCols, canCreate: true,
		svc: func(s model.Services) model.Service[model.Contact] { return s.Contacts },
		match: func(ix *importing.Index, r *model.Contact, _ map[string]string) (*model.Contact, bool) {
			c, ambiguous := ix.MatchContact(model.NilID, r.Emails, r.FirstName, r.LastName)
			return c, !ambiguous
		},
		salvage: func(x *env, r *model.Contact, cells map[string]string) []importing.Kept {
			return importing.SalvageContact(x.lang, r, cells["organisation"])
		},
		deps: func(r *model.Contact) []model.ID { return []model.ID{r.Organisation} },
	},
	&simple[model.Organisation, *model.Organisation]{
		k: model.KindOrganisation, cols: organisationCols, canCreate: true,
		svc: func(s model.Services) model.Service[model.Organisation] { return s.Organisations },
		match: func(ix *importing.Index, r *model.Organisation, _ map[string]string) (*model.Organisation, bool) {
			var m []*model.Organisation
			if r.BusinessID != "" {
				for _, o := range ix.Organisations {
					if importing.SameText(o.BusinessID, r.BusinessID) {
						m = append(m, o)
					}
				}
			}
			if len(m) == 0 {
				for _, o := range ix.Organisations {
					if importing.SameText(o.Name, r.Name) && strings.TrimSpace(r.Name) != "" {
						m = append(m, o)
					}
				}
			}
			return first(m), len(m) <= 1
		},
	},
	&simple[model.Municipality, *model.Municipality]{
		k: model.KindMunicipality, cols: municipalityCols,
		svc: func(s model.Services) model.Service[model.Municipality] { return s.Municipalities },
		// Matched by the code column, which is not imported.
		match: func(ix *importing.Index, r *model.Municipality, cells map[string]string) (*model.Municipality, bool) {
			code := strings.TrimSpace(cells["code"])
			for _, m := range ix.Municipalities {
				if code != "" && m.Code == code {
					return m, true
				}
			}
			return nil, true
		},
	},
	&simple[model.Project, *model.Project]{
		k: model.KindProject, cols: projectCols, canCreate: true,
		svc: func(s model.Services) model.Service[model.Project] { return s.Projects },
		match: func(ix *importing.Index, r *model.Project, _ map[string]string) (*model.Project, bool) {
			var m []*model.Project
			if r.ShortName != "" {
				for _, p := range ix.Projects {
					if importing.SameText(p.ShortName, r.ShortName) {
						m = append(m, p)
					}
				}
			}
			if len(m) == 0 && strings.TrimSpace(r.Name) != "" {
				for _, p := range ix.Projects {
					if importing.SameText(p.Name, r.Name) {
						m = append(m, p)
					}
				}
			}
			return first(m), len(m) <= 1
		},
		deps: func(r *model.Project) []model.ID { return []model.ID{r.Parent} },
	},
	groupTable{},
	taskTable{},
}

func first[T any](list []*T) *T {
	if len(list) == 0 {
		return nil
	}
	return list[0]
}

// tableOf returns the table of kind k, or nil.
func tableOf(k model.Kind) kindTable {
	for _, t := range tables {
		if t.kind() == k {
			return t
		}
	}
	return nil
}

// Kinds lists the kinds that have a table, in the order menus offer them.
func Kinds() []model.Kind {
	return []model.Kind{model.KindContact, model.KindOrganisation, model.KindMunicipality, model.KindProject, model.KindGroup, model.KindMeeting}
}

// ParseKind reads a kind's name as Export takes it: "contacts",
// "contact", "municipalities", "organizations", ...
func ParseKind(s string) (model.Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "task", "tasks", "tehtävät", "meetings", "meeting":
		return model.KindMeeting, true
	case "municipalities":
		return model.KindMunicipality, true
	case "organization", "organizations":
		return model.KindOrganisation, true
	}
	k, ok := model.ParseKind(s)
	if !ok || tableOf(k) == nil {
		return 0, false
	}
	return k, true
}

// ExportOptions tune an export.
type ExportOptions struct {
	// OldExcel writes the text cells a spreadsheet would turn into
	// numbers or dates (codes with leading zeros, phone numbers) as
	// formulas that give the text, ="091": the "CSV for old Excel" choice
	// for spreadsheets that cannot be told a column is text. Other
	// programs show those cells as written, formula and all.
	OldExcel bool
	// IDs limits the export to these records; nil exports all.
	IDs []model.ID
}

// Export writes every record of a kind ("contacts", "municipalities",
// "organisations", "projects", "groups") that is not in the trash as CSV,
// with headers and choices in lang: RFC 4180 with a byte order mark,
// semicolons and no formulas (see ExportWith).
func Export(ctx context.Context, svc model.Services, kind string, w io.Writer, lang string) error {
	return ExportWith(ctx, svc, kind, w, lang, ExportOptions{})
}

// ExportOnly is Export limited to the records with the given IDs (a nil
// list exports all).
func ExportOnly(ctx context.Context, svc model.Services, kind string, w io.Writer, lang string, ids []model.ID) error {
	return ExportWith(ctx, svc, kind, w, lang, ExportOptions{IDs: ids})
}

// ExportWith is Export with options.
func ExportWith(ctx context.Context, svc model.Services, kind string, w io.Writer, lang string, opts ExportOptions) error {
	return exportTo(ctx, svc, kind, lang, opts.IDs, func() *writer {
		cw := newWriter(w)
		cw.oldExcel = opts.OldExcel
		return cw
	})
}

// ExportRows is ExportOnly handing the rows to sink instead of writing
// CSV: another file format (package xlsx) then writes the same columns.
func ExportRows(ctx context.Context, svc model.Services, kind, lang string, ids []model.ID, sink RowSink) error {
	return exportTo(ctx, svc, kind, lang, ids, func() *writer { return &writer{sink: sink} })
}

func exportTo(ctx context.Context, svc model.Services, kind, lang string, ids []model.ID, open func() *writer) error {
	k, ok := ParseKind(kind)
	if !ok {
		return &importing.FormatError{Key: "table.unknown_kind", Args: map[string]any{"Name": kind}}
	}
	// One read transaction for the whole file, reading the kind exported
	// and the small registers its rows name; any other record a row
	// refers to is read when it is first needed.
	return importing.View(ctx, svc, func(ctx context.Context) error {
		ix, err := importing.LoadIndexOf(ctx, svc, exportKinds[k]...)
		if err != nil {
			return err
		}
		cw := open()
		if err := tableOf(k).export(ctx, &env{ix: ix, lang: lang, svc: svc}, cw, ids); err != nil {
			return err
		}
		return cw.flush()
	})
}

// exportKinds are the kinds an export of a kind reads into memory: its
// own and those its cells name (a name is written only when it finds its
// record again unambiguously among all of that kind, so those are read
// whole). A CSV of contacts never reads the meetings, and streams the
// contacts (see simple.export): no contact's cell names a contact.
var exportKinds = map[model.Kind][]model.Kind{
	model.KindContact:      {model.KindOrganisation, model.KindMunicipality},
	model.KindOrganisation: {model.KindOrganisation, model.KindMunicipality},
	model.KindMunicipality: {model.KindMunicipality},
	model.KindProject:      {model.KindProject, model.KindOrganisation, model.KindMunicipality, model.KindContact},
	model.KindGroup:        {model.KindGroup, model.KindProject, model.KindContact, model.KindMunicipality, model.KindOrganisation},
	model.KindMeeting:      {model.KindMeeting, model.KindContact, model.KindGroup},
}

// Detect reports whether a file's first bytes are a CSV file this package
// reads: a first line of separated fields of which at least two are
// headers it knows. A vCard, a JSON or zip snapshot or any other text is
// not.
func Detect(head []byte) bool {
	text := decodeText(head)
	// Only the header line matters; cut before parsing so that a head
	// ending inside a quoted field is no error.
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		if line := text[:i]; strings.HasPrefix(strings.ToLower(line), "sep=") {
			rest := strings.TrimLeft(text[i:], "\r\n")
			if j := strings.IndexAny(rest, "\r\n"); j >= 0 {
				rest = rest[:j]
			}
			text = line + "\n" + rest
		} else {
			text = line
		}
	}
	if strings.ContainsRune(text, 0) {
		return false
	}
	rows, err := parseCSV(text)
	if err != nil {
		return false
	}
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		if len(r) < 2 {
			return false
		}
		_, cols, _ := recognise(r, 0)
		known := 0
		for _, c := range cols {
			if c != "" {
				known++
			}
		}
		return known >= 2
	}
	return false
}

// recognise finds the kind whose headers fit a header row best (or takes
// kind when it is given) and returns its table and each column's key.
func recognise(head []string, kind model.Kind) (kindTable, []string, []string) {
	var best kindTable
	var bestCols, bestIgnored []string
	bestScore := 0
	for _, t := range tables {
		if kind != 0 && t.kind() != kind {
			continue
		}
		aliases := map[string]string{}
		for _, key := range t.keys() {
			for _, a := range headerAliases(key) {
				aliases[normHeader(a)] = key
			}
		}
		for _, key := range t.keys() {
			for _, a := range aliasesOf(t, key) {
				if _, own := aliases[normHeader(a)]; !own {
					aliases[normHeader(a)] = key
				}
			}
		}
		cols := make([]string, len(head))
		var ignored []string
		score := 0
		seen := map[string]bool{}
		for i, h := range head {
			key, ok := aliases[normHeader(unformula(h))]
			if !ok || (seen[key] && !multiColumn(key)) {
				if strings.TrimSpace(h) != "" {
					ignored = append(ignored, strings.TrimSpace(h))
				}
				continue
			}
			seen[key] = true
			cols[i] = key
			score++
		}
		if score > bestScore || (kind != 0 && best == nil) {
			best, bestCols, bestIgnored, bestScore = t, cols, ignored, score
		}
	}
	return best, bestCols, bestIgnored
}

// Import reads a CSV file of one kind and, unless opts.DryRun is set or a
// row is invalid (and opts.SkipInvalid is not set), writes its records.
// The report says what each row adds, updates or leaves unchanged, and
// what is wrong with invalid rows. The error is importing.ErrRejected when
// invalid rows stopped the import, a *importing.FormatError when the file
// cannot be read, and an *importing.RowError with the failing write's
// error when the store refused one.
func Import(ctx context.Context, svc model.Services, data []byte, opts importing.Options) (importing.Report, error) {
	rows, err := parseCSV(decodeText(data))
	if err != nil {
		return importing.Report{Format: "csv", Lang: opts.Lang}, err
	}
	return ImportRows(ctx, svc, rows, "csv", opts)
}

// ImportRows is Import of a table another file format has read (package
// xlsx: a sheet's cells as text, dates as d.M.yyyy): the same headers,
// matching and rules as a CSV file. Rows are numbered from 1 as the
// sheet numbers them; format names the file format in the report.
func ImportRows(ctx context.Context, svc model.Services, rows [][]string, format string, opts importing.Options) (importing.Report, error) {
	rep := importing.Report{Format: format, Lang: opts.Lang}
	// The header is the first row that is not blank.
	h := 0
	for h < len(rows) && blank(rows[h]) {
		h++
	}
	if h == len(rows) {
		return rep, &importing.FormatError{Key: "table.empty"}
	}
	t, cols, ignored := recognise(rows[h], opts.Kind)
	known := 0
	for _, c := range cols {
		if c != "" {
			known++
		}
	}
	if t == nil || known == 0 || (opts.Kind == 0 && known < 2) {
		return rep, unknownHeaders(rows[h], opts)
	}
	rep.Kind, rep.Ignored = t.kind(), ignored
	var body []fileRow
	for i := h + 1; i < len(rows); i++ {
		if !blank(rows[i]) {
			body = append(body, fileRow{n: i + 1, fields: rows[i]})
		}
	}
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		return rep, err
	}
	x := &env{ix: ix, lang: opts.Lang, opts: opts}
	writes, err := t.plan(ctx, x, cols, body, &rep)
	if err != nil {
		return rep, err
	}
	writes = append(organisationWrites(&rep, x.orgs, writes), writes...)
	return rep, importing.Apply(ctx, svc, &rep, opts, func(ctx context.Context) error {
		return applyInOrder(ctx, svc, &rep, writes)
	})
}

// unknownHeaders says which headers a file has and which were expected
// (those of the kind asked for, else of contacts, the usual import).
func unknownHeaders(head []string, opts importing.Options) error {
	var found []string
	for _, h := range head {
		if h = strings.TrimSpace(unformula(h)); h != "" {
			found = append(found, "“"+h+"”")
		}
	}
	if len(found) > 12 {
		found = append(found[:12], "…")
	}
	t := tableOf(opts.Kind)
	if t == nil {
		t = tableOf(model.KindContact)
	}
	var expected []string
	for _, key := range t.keys() {
		if key != "id" && len(expected) < 6 {
			expected = append(expected, "“"+header(opts.Lang, key)+"”")
		}
	}
	return &importing.FormatError{Key: "import.unknown_headers", Args: map[string]any{
		"Found": strings.Join(found, ", "), "Names": strings.Join(expected, ", "),
	}}
}

// organisationWrites lists in the report, and returns the writes of, the
// organisations the import adds because rows name them; not those only
// invalid rows named.
func organisationWrites(rep *importing.Report, orgs []importing.PlannedOrganisation, writes []write) []write {
	used := map[model.ID]bool{}
	for _, w := range writes {
		for _, d := range w.deps {
			used[d] = true
		}
	}
	var keep []importing.PlannedOrganisation
	for _, o := range orgs {
		if used[o.Org.ID] {
			keep = append(keep, o)
		}
	}
	items := importing.AddOrganisationItems(rep, keep)
	out := make([]write, len(keep))
	for i, o := range keep {
		org := o.Org
		out[i] = write{item: items[i], id: org.ID,
			do: func(ctx context.Context, svc model.Services) error { return svc.Organisations.Create(ctx, org) }}
	}
	return out
}

// applyInOrder makes the writes, a record's dependencies first.
func applyInOrder(ctx context.Context, svc model.Services, rep *importing.Report, writes []write) error {
	pending := map[model.ID]bool{}
	for _, w := range writes {
		pending[w.id] = true
	}
	done := make([]bool, len(writes))
	for left := len(writes); left > 0; {
		progress := false
		for i, w := range writes {
			if done[i] {
				continue
			}
			ready := true
			for _, d := range w.deps {
				if d != w.id && pending[d] {
					ready = false
				}
			}
			if !ready {
				continue
			}
			if err := w.do(ctx, svc); err != nil {
				return &importing.RowError{Row: rep.Items[w.item].Row, Err: err}
			}
			done[i], pending[w.id], progress = true, false, true
			left--
		}
		if !progress {
			// A loop of parents: write in file order; the store reports it.
			for i := range writes {
				if !done[i] {
					pending[writes[i].id] = false
				}
			}
		}
	}
	return nil
}

// blank reports whether every field of a row is empty.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
