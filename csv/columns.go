package csv

import (
	"strconv"
	"strings"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

// col is one column of a kind's table. The header is the catalogue text
// "table.col.<key>"; key itself is accepted as a header too.
type col[T any] struct {
	key string
	typ cellType
	get func(x *env, r *T) string
	// set reads a cell into the record; nil for columns that are only
	// exported (official data, totals, the ID).
	set func(x *env, r *T, v string) *model.Error
	// fields are the model fields whose validation errors belong here.
	fields []string
	// list columns hold one item per line.
	list bool
	// keep: a cell that cannot be read is kept in the record's notes
	// (with a warning) instead of making the row invalid.
	keep bool
}

// env is what columns read and write with.
type env struct {
	ix   *importing.Index
	lang string
	// svc is the database an export reads.
	svc  model.Services
	opts importing.Options
	// row is the row being read; orgs the organisations the rows so far
	// name that the import adds (opts.CreateOrganisations).
	row  int
	orgs []importing.PlannedOrganisation
}

// organisation finds the organisation or municipality a cell names, or
// plans it (see importing.Index.Organisation).
func (x *env) organisation(v string) (model.ID, *model.Error) {
	id, created, err := x.ix.Organisation(v, x.opts.CreateOrganisations)
	if created != nil {
		x.orgs = append(x.orgs, importing.PlannedOrganisation{Org: created, Row: x.row})
	}
	return id, err
}

// header returns the header of column key in lang.
func header(lang, key string) string { return assets.Message(lang, "table.col."+key, nil) }

// headerAliases returns every header that names column key: its label in
// each language and the key.
func headerAliases(key string) []string {
	out := []string{key}
	for _, l := range assets.Languages {
		out = append(out, header(l, key))
	}
	return out
}

// normHeader reduces a header for comparison.
func normHeader(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, bom))
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// splitList splits a list cell into its items: one per line, and with
// extra, also separated by commas and semicolons (phone numbers, emails),
// and by " ::: " as Google Contacts writes several in a cell.
func splitList(v string, extra bool) []string {
	if extra {
		v = strings.ReplaceAll(v, ":::", "\n")
	}
	f := func(r rune) bool { return r == '\n' || r == '\r' }
	if extra {
		f = func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' }
	}
	var out []string
	for _, s := range strings.FieldsFunc(v, f) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func joinLines(items []string) string { return strings.Join(items, "\n") }

// choice returns the label of a choice value in lang.
func choice(lang, prefix, value string) string { return assets.Label(lang, prefix, value) }

// parseChoice reads a choice from its code or its label in any language.
func parseChoice[T ~string](prefix string, choices []T, v string) (T, *model.Error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	for _, c := range choices {
		if strings.EqualFold(v, string(c)) {
			return c, nil
		}
		for _, l := range assets.Languages {
			if importing.SameText(v, assets.Label(l, prefix, string(c))) {
				return c, nil
			}
		}
	}
	return T(v), &model.Error{Code: model.EINVALID, Key: "error.choice"}
}

func parseDate(v string) (model.Date, *model.Error) {
	d, err := model.ParseDate(v)
	if err != nil {
		return model.Date{}, &model.Error{Code: model.EINVALID, Key: "error.date"}
	}
	return d, nil
}

func formatInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// textCol is a plain text field.
func textCol[T any](key string, p func(r *T) *string, fields ...string) col[T] {
	return col[T]{key: key, fields: fields,
		get: func(x *env, r *T) string { return *p(r) },
		set: func(x *env, r *T, v string) *model.Error { *p(r) = v; return nil },
	}
}

// listCol is a list of texts, one per line.
func listCol[T any](key string, p func(r *T) *[]string, fields ...string) col[T] {
	return col[T]{key: key, list: true, fields: fields,
		get: func(x *env, r *T) string { return joinLines(*p(r)) },
		set: func(x *env, r *T, v string) *model.Error { *p(r) = splitList(v, false); return nil },
	}
}

func dateCol[T any](key string, p func(r *T) *model.Date, fields ...string) col[T] {
	return col[T]{key: key, typ: cellDate, fields: fields,
		get: func(x *env, r *T) string { return p(r).String() },
		set: func(x *env, r *T, v string) *model.Error {
			d, err := parseDate(v)
			if err != nil {
				return err
			}
			*p(r) = d
			return nil
		},
	}
}

// refCol is a reference written as a name (an ID when the name is
// ambiguous).
func refCol[T any](key string, p func(r *T) *model.ID, kinds ...model.Kind) col[T] {
	return col[T]{key: key, fields: []string{key},
		get: func(x *env, r *T) string { return x.ix.RefText(*p(r), kinds...) },
		set: func(x *env, r *T, v string) *model.Error {
			id, err := x.ix.Resolve(v, kinds...)
			if err != nil {
				return err
			}
			*p(r) = id
			return nil
		},
	}
}

// exportOnly is a column that is written and ignored on import.
func exportOnly[T any](key string, typ cellType, get func(r *T) string) col[T] {
	return col[T]{key: key, typ: typ, get: func(x *env, r *T) string { return get(r) }}
}

// idCol is the record's ID; import uses it to match records.
func idCol[T any, P interface {
	*T
	model.Record
}](key string) col[T] {
	return col[T]{key: key, get: func(x *env, r *T) string { return P(r).GetMeta().ID.String() }}
}

func addressCols[T any](p func(r *T) *model.Address) []col[T] {
	return []col[T]{
		textCol("street", func(r *T) *string { return &p(r).Street }, "address.street"),
		textCol("postal_code", func(r *T) *string { return &p(r).PostalCode }, "address.postal_code"),
		textCol("city", func(r *T) *string { return &p(r).City }, "address.city"),
		textCol("country", func(r *T) *string { return &p(r).Country }, "address.country"),
	}
}

var contactCols = append(append([]col[model.Contact]{
	idCol[model.Contact]("id"),
	textCol("first_name", func(r *model.Contact) *string { return &r.FirstName }, "first_name"),
	textCol("last_name", func(r *model.Contact) *string { return &r.LastName }, "last_name"),
	textCol("job_title", func(r *model.Contact) *string { return &r.JobTitle }, "title", "job_title"),
	{key: "organisation", fields: []string{"organisation"}, keep: true,
		get: func(x *env, r *model.Contact) string {
			return x.ix.RefText(r.Organisation, model.KindOrganisation, model.KindMunicipality)
		},
		set: func(x *env, r *model.Contact, v string) *model.Error {
			r.Organisation = model.NilID
			id, err := x.organisation(v)
			if err == nil {
				r.Organisation = id
			}
			return err
		}},
	{key: "phones", list: true, fields: []string{"phones"},
		get: func(x *env, r *model.Contact) string {
			out := make([]string, len(r.Phones))
			for i, p := range r.Phones {
				out[i] = model.FormatPhone(p)
			}
			return joinLines(out)
		},
		set: func(x *env, r *model.Contact, v string) *model.Error {
			// Read once the row's country is known (Normalize).
			r.Phones = splitList(v, true)
			return nil
		}},
	{key: "emails", list: true, fields: []string{"emails"},
		get: func(x *env, r *model.Contact) string { return joinLines(r.Emails) },
		set: func(x *env, r *model.Contact, v string) *model.Error { r.Emails = splitList(v, true); return nil }},
}, addressCols(func(r *model.Contact) *model.Address { return &r.Address })...),
	textCol("notes", func(r *model.Contact) *string { return &r.Notes }, "notes"),
)

var orgTypes = model.OrgTypes

var organisationCols = append(append([]col[model.Organisation]{
	idCol[model.Organisation]("id"),
	textCol("name", func(r *model.Organisation) *string { return &r.Name }, "name"),
	{key: "org_type", fields: []string{"type"},
		get: func(x *env, r *model.Organisation) string { return choice(x.lang, "org_type.", string(r.Type)) },
		set: func(x *env, r *model.Organisation, v string) (err *model.Error) {
			r.Type, err = parseChoice("org_type.", orgTypes, v)
			return err
		}},
	textCol("business_id", func(r *model.Organisation) *string { return &r.BusinessID }, "business_id"),
	textCol("ovt", func(r *model.Organisation) *string { return &r.OVT }, "ovt"),
}, addressCols(func(r *model.Organisation) *model.Address { return &r.Address })...),
	refCol("municipality", func(r *model.Organisation) *model.ID { return &r.Municipality }, model.KindMunicipality),
	textCol("website", func(r *model.Organisation) *string { return &r.Website }, "website"),
	textCol("notes", func(r *model.Organisation) *string { return &r.Notes }, "notes"),
)

var municipalityCols = []col[model.Municipality]{
	idCol[model.Municipality]("id"),
	exportOnly("code", cellText, func(r *model.Municipality) string { return r.Code }),
	exportOnly("name", cellText, func(r *model.Municipality) string { return r.Name.FI }),
	exportOnly("name_sv", cellText, func(r *model.Municipality) string { return r.Name.SV }),
	exportOnly("region_code", cellText, func(r *model.Municipality) string { return r.RegionCode }),
	exportOnly("region", cellText, func(r *model.Municipality) string { return r.Region.FI }),
	exportOnly("county_code", cellText, func(r *model.Municipality) string { return r.CountyCode }),
	exportOnly("county", cellText, func(r *model.Municipality) string { return r.County.FI }),
	{key: "language_status", get: func(x *env, r *model.Municipality) string {
		return choice(x.lang, "language_status.", strconv.Itoa(r.LanguageStatus))
	}},
	exportOnly("population", cellNumber, func(r *model.Municipality) string { return formatInt(r.Population) }),
	exportOnly("population_year", cellNumber, func(r *model.Municipality) string { return formatInt(r.PopulationYear) }),
	exportOnly("merged_year", cellNumber, func(r *model.Municipality) string { return formatInt(r.MergedYear) }),
	exportOnly("merged_into", cellText, func(r *model.Municipality) string { return r.MergedInto }),
	exportOnly("successor", cellText, func(r *model.Municipality) string { return r.Successor }),
	textCol("notes", func(r *model.Municipality) *string { return &r.Notes }, "notes"),
}

var projectCols = []col[model.Project]{
	idCol[model.Project]("id"),
	textCol("name", func(r *model.Project) *string { return &r.Name }, "name"),
	textCol("short_name", func(r *model.Project) *string { return &r.ShortName }, "short_name"),
	textCol("description", func(r *model.Project) *string { return &r.Description }, "description"),
	{key: "status", fields: []string{"status"},
		get: func(x *env, r *model.Project) string { return choice(x.lang, "status.", string(r.Status)) },
		set: func(x *env, r *model.Project, v string) (err *model.Error) {
			r.Status, err = parseChoice("status.", model.ProjectStatuses, v)
			return err
		}},
	dateCol("start", func(r *model.Project) *model.Date { return &r.Period.Start }),
	dateCol("end", func(r *model.Project) *model.Date { return &r.Period.End }, "period"),
	listCol("regions", func(r *model.Project) *[]string { return &r.Regions }, "regions"),
	refCol("administrator", func(r *model.Project) *model.ID { return &r.Administrator }, model.KindOrganisation, model.KindMunicipality),
	refCol("office", func(r *model.Project) *model.ID { return &r.Office }, model.KindOrganisation, model.KindMunicipality),
	refCol("parent", func(r *model.Project) *model.ID { return &r.Parent }, model.KindProject),
	{key: "municipalities", list: true, fields: []string{"municipalities"},
		get: func(x *env, r *model.Project) string {
			var out []string
			for _, m := range r.Municipalities {
				s := x.ix.RefText(m.Municipality, model.KindMunicipality)
				if m.Role != "" {
					s += " (" + m.Role + ")"
				}
				out = append(out, s)
			}
			return joinLines(out)
		},
		set: func(x *env, r *model.Project, v string) *model.Error {
			r.Municipalities = nil
			for _, line := range splitList(v, false) {
				// "Name (role)": the role may hold parentheses of its own,
				// a municipality's name none.
				id, err := x.ix.Resolve(line, model.KindMunicipality)
				role := ""
				for i := 0; err != nil && strings.HasSuffix(line, ")"); {
					j := strings.Index(line[i:], " (")
					if j < 0 {
						break
					}
					i += j
					if mid, merr := x.ix.Resolve(line[:i], model.KindMunicipality); merr == nil {
						id, err, role = mid, nil, line[i+2:len(line)-1]
					}
					i += 2
				}
				if err != nil {
					err.Args = map[string]any{"Text": line}
					return err
				}
				r.Municipalities = append(r.Municipalities, model.Participation{Municipality: id, Role: strings.TrimSpace(role)})
			}
			return nil
		}},
	listCol("goals", func(r *model.Project) *[]string { return &r.Goals }, "goals"),
	listCol("tags", func(r *model.Project) *[]string { return &r.Tags }, "tags"),
	{key: "links", list: true, fields: []string{"links"},
		get: func(x *env, r *model.Project) string {
			var out []string
			for _, l := range r.Links {
				if l.Title == "" {
					out = append(out, l.URL)
				} else {
					out = append(out, l.Title+" <"+l.URL+">")
				}
			}
			return joinLines(out)
		},
		set: func(x *env, r *model.Project, v string) *model.Error {
			r.Links = nil
			for _, line := range splitList(v, false) {
				l := model.Link{URL: line}
				if i := strings.LastIndex(line, "<"); i >= 0 && strings.HasSuffix(line, ">") {
					l = model.Link{Title: strings.TrimSpace(line[:i]), URL: strings.TrimSpace(line[i+1 : len(line)-1])}
				}
				r.Links = append(r.Links, l)
			}
			return nil
		}},
	fundingCol,
	exportOnly("total_funding", cellNumber, func(r *model.Project) string {
		if len(r.Funding) == 0 {
			return ""
		}
		// Ungrouped, so that a spreadsheet reads it as a number.
		return model.FormatCentsWith(r.TotalFunding(), "", ",")
	}),
}
