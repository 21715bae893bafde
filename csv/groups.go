package csv

import (
	"context"
	"slices"
	"strings"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

// groupTable is the groups' table: one row per membership, the group's own
// columns repeated on each; a group without members has one row with the
// member columns empty. Importing a group replaces its members with the
// rows' (when the file has member columns). Members are existing contacts,
// found by the contact ID column, else email, else first and last name:
// import contacts first. A member row without a role is a member.
type groupTable struct{}

var groupKeys = []string{"group_id", "project", "group", "group_type", "parent_group", "mandate", "group_start", "group_end"}
var memberKeys = []string{"contact_id", "first_name", "last_name", "email", "role", "represents", "term_start", "term_end"}

// groupTypes are the columns' cell types, in key order.
var groupTypes = []cellType{cellText, cellText, cellText, cellText, cellText, cellText, cellDate, cellDate,
	cellText, cellText, cellText, cellText, cellText, cellText, cellDate, cellDate}

func (groupTable) kind() model.Kind { return model.KindGroup }
func (groupTable) keys() []string   { return append(slices.Clone(groupKeys), memberKeys...) }

// parentText writes a group's parent: its name when it is the only group
// of that name in the project, else its ID.
func parentText(ix *importing.Index, g *model.Group) string {
	if g.Parent.IsZero() {
		return ""
	}
	p, ok := ix.Get(g.Parent).(*model.Group)
	if !ok {
		return g.Parent.String()
	}
	if m := groupsNamed(ix, g.Project, p.Name); len(m) == 1 && !importing.LooksLikeID(p.Name) {
		return p.Name
	}
	return p.ID.String()
}

// groupsNamed returns the project's groups named name.
func groupsNamed(ix *importing.Index, project model.ID, name string) []*model.Group {
	var out []*model.Group
	for _, g := range ix.Groups {
		if g.Project == project && importing.SameText(g.Name, name) && strings.TrimSpace(name) != "" {
			out = append(out, g)
		}
	}
	return out
}

func (t groupTable) groupCells(x *env, g *model.Group) []string {
	return []string{g.ID.String(), x.ix.RefText(g.Project, model.KindProject), g.Name, choice(x.lang, "group_type.", string(g.Type)),
		parentText(x.ix, g), g.Mandate, g.Period.Start.String(), g.Period.End.String()}
}

func (t groupTable) memberCells(x *env, m model.Membership) []string {
	var first, last, email string
	if c, ok := x.ix.Get(m.Contact).(*model.Contact); ok {
		first, last = c.FirstName, c.LastName
		if len(c.Emails) > 0 {
			email = c.Emails[0]
		}
	}
	return []string{m.Contact.String(), first, last, email, choice(x.lang, "role.", string(m.Role)),
		x.ix.RefText(m.Represents, model.KindMunicipality, model.KindOrganisation), m.Term.Start.String(), m.Term.End.String()}
}

func (t groupTable) export(ctx context.Context, x *env, w *writer, only []model.ID) error {
	keys := t.keys()
	head := make([]string, len(keys))
	for i, k := range keys {
		head[i] = header(x.lang, k)
	}
	w.row(head, nil)
	groups := slices.Clone(x.ix.Groups)
	// By project, then as listed (Finnish order of names).
	slices.SortStableFunc(groups, func(a, b *model.Group) int {
		return model.CompareNames(x.ix.RefText(a.Project, model.KindProject), x.ix.RefText(b.Project, model.KindProject))
	})
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return err
		}
		if only != nil && !containsID(only, g.ID) {
			continue
		}
		gc := t.groupCells(x, g)
		if len(g.Members) == 0 {
			w.row(append(gc, make([]string, len(memberKeys))...), groupTypes)
		}
		for _, m := range g.Members {
			w.row(append(slices.Clone(gc), t.memberCells(x, m)...), groupTypes)
		}
	}
	return nil
}

// groupPlan is one group of an import and the rows it came from.
type groupPlan struct {
	item       int
	existing   *model.Group
	g          *model.Group
	firstRow   int
	firstCells map[string]string
	memberRows []int
	problems   int
}

func (t groupTable) plan(ctx context.Context, x *env, cols []string, rows []fileRow, rep *importing.Report) ([]write, error) {
	hasCol := map[string]bool{}
	for _, c := range cols {
		hasCol[c] = c != ""
	}
	hasMembers := false
	for _, k := range memberKeys {
		hasMembers = hasMembers || hasCol[k]
	}
	var order []*groupPlan
	byTarget := map[model.ID]*groupPlan{}
	problem := func(gp *groupPlan, row int, text string) {
		rep.Items[gp.item].Reject(row, text)
		gp.problems++
	}
	// First find the group of every row, adding new groups to the index so
	// that a row may name as its parent a group that a later row adds.
	type rowPlan struct {
		n        int
		cells    map[string]string
		gp       *groupPlan
		first    bool
		project  model.ID
		problems []string
	}
	var plans []rowPlan
	for _, row := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rp := rowPlan{n: row.n, cells: row.cells(cols)}
		cells := rp.cells
		for k, v := range cells {
			cells[k] = strings.TrimSpace(v)
		}
		var existing *model.Group
		var fileID model.ID
		if v := cells["group_id"]; v != "" {
			if id, err := model.ParseID(v); err != nil {
				rp.problems = append(rp.problems, cellProblem(x.lang, "group_id", v, &model.Error{Key: "table.bad_id"}))
			} else if r := x.ix.Get(id); r != nil {
				if g, ok := r.(*model.Group); ok {
					existing = g
				} else {
					rp.problems = append(rp.problems, cellProblem(x.lang, "group_id", v, &model.Error{Key: "error.wrong_ref_kind"}))
				}
			} else {
				fileID = id
			}
		}
		project, perr := x.ix.Resolve(cells["project"], model.KindProject)
		if perr != nil {
			rp.problems = append(rp.problems, cellProblem(x.lang, "project", cells["project"], perr))
		}
		rp.project = project
		if existing == nil && fileID.IsZero() && perr == nil {
			m := groupsNamed(x.ix, project, cells["group"])
			if len(m) > 1 {
				rp.problems = append(rp.problems, assets.Message(x.lang, "table.ambiguous_key", nil))
			} else if len(m) == 1 {
				existing = m[0]
			}
		}
		if existing != nil {
			rp.gp = byTarget[existing.ID]
		} else if !fileID.IsZero() {
			rp.gp = byTarget[fileID]
		}
		if rp.gp == nil {
			rep.Append(importing.Item{Row: row.n, Kind: model.KindGroup, Title: cells["group"]})
			gp := &groupPlan{item: len(rep.Items) - 1, existing: existing, firstRow: row.n, firstCells: cells}
			if existing != nil {
				gp.g = clone(existing)
			} else {
				gp.g = &model.Group{Name: cells["group"], Project: project}
				gp.g.ID = fileID
				if gp.g.ID.IsZero() {
					gp.g.ID = model.NewID()
				}
			}
			rp.gp, rp.first = gp, true
			order = append(order, gp)
			if len(rp.problems) == 0 {
				byTarget[gp.g.ID] = gp
				if existing == nil {
					x.ix.Put(gp.g)
				}
			}
		}
		plans = append(plans, rp)
	}
	// Then read the cells.
	for _, rp := range plans {
		gp, cells := rp.gp, rp.cells
		if rp.first && len(rp.problems) == 0 {
			t.setGroup(x, gp, cells, hasCol, rp.project, func(text string) { problem(gp, rp.n, text) })
			if hasMembers {
				gp.g.Members = nil
			}
		} else if !rp.first {
			// A further row of the group: its group columns must agree.
			for _, k := range groupKeys {
				if v := cells[k]; v != "" && hasCol[k] && k != "group_id" && !importing.SameText(v, gp.firstCells[k]) {
					rp.problems = append(rp.problems, assets.Message(x.lang, "table.group_differs", map[string]any{"Name": header(x.lang, k), "Count": gp.firstRow}))
				}
			}
		}
		for _, p := range rp.problems {
			problem(gp, rp.n, p)
		}
		if len(rp.problems) > 0 || !hasMembers {
			continue
		}
		t.addMember(x, gp, cells, rp.n, func(text string) { problem(gp, rp.n, text) })
	}

	var writes []write
	for _, gp := range order {
		it := &rep.Items[gp.item]
		if gp.problems == 0 {
			if err := gp.g.Validate(); err != nil {
				for _, fe := range model.FieldErrors(err) {
					row, text := t.placeError(x, gp, fe)
					problem(gp, row, text)
				}
			}
		}
		it.Title = gp.g.Name
		if it.Action == importing.Invalid {
			continue
		}
		g := gp.g
		switch {
		case gp.existing == nil:
			it.Action, it.ID = importing.Add, g.ID
			writes = append(writes, write{item: gp.item, id: g.ID, deps: []model.ID{g.Parent},
				do: func(ctx context.Context, svc model.Services) error { return svc.Groups.Create(ctx, g) }})
		case sameRecord[model.Group, *model.Group](gp.existing, g):
			it.Action, it.ID = importing.Unchanged, g.ID
		default:
			it.Action, it.ID = importing.Update, g.ID
			before, after := t.groupCells(x, gp.existing), t.groupCells(x, g)
			for i, k := range groupKeys {
				if before[i] != after[i] {
					it.Changes = append(it.Changes, header(x.lang, k))
				}
			}
			if !slices.Equal(gp.existing.Members, g.Members) {
				it.Changes = append(it.Changes, assets.Message(x.lang, "table.members", nil))
			}
			x.ix.Put(g)
			writes = append(writes, write{item: gp.item, id: g.ID, deps: []model.ID{g.Parent},
				do: func(ctx context.Context, svc model.Services) error { return svc.Groups.Update(ctx, g) }})
		}
	}
	return writes, nil
}

// setGroup reads the group's own columns of its first row.
func (t groupTable) setGroup(x *env, gp *groupPlan, cells map[string]string, hasCol map[string]bool, project model.ID, problem func(string)) {
	g := gp.g
	if hasCol["project"] {
		g.Project = project
	}
	if hasCol["group"] {
		g.Name = cells["group"]
	}
	if hasCol["group_type"] {
		var err *model.Error
		if g.Type, err = parseChoice("group_type.", model.GroupTypes, cells["group_type"]); err != nil {
			problem(cellProblem(x.lang, "group_type", cells["group_type"], err))
		}
	}
	if hasCol["parent_group"] {
		g.Parent = model.NilID
		if v := cells["parent_group"]; v != "" {
			if id, err := model.ParseID(v); err == nil {
				if _, ok := x.ix.Get(id).(*model.Group); ok {
					g.Parent = id
				} else {
					problem(cellProblem(x.lang, "parent_group", v, &model.Error{Key: "table.unknown_ref"}))
				}
			} else if m := groupsNamed(x.ix, g.Project, v); len(m) == 1 {
				g.Parent = m[0].ID
			} else if len(m) > 1 {
				problem(cellProblem(x.lang, "parent_group", v, &model.Error{Key: "table.ambiguous_ref"}))
			} else {
				problem(cellProblem(x.lang, "parent_group", v, &model.Error{Key: "table.unknown_ref"}))
			}
		}
	}
	if hasCol["mandate"] {
		g.Mandate = cells["mandate"]
	}
	for _, d := range []struct {
		key string
		p   *model.Date
	}{{"group_start", &g.Period.Start}, {"group_end", &g.Period.End}} {
		if hasCol[d.key] {
			v, err := parseDate(cells[d.key])
			if err != nil {
				problem(cellProblem(x.lang, d.key, cells[d.key], err))
			}
			*d.p = v
		}
	}
}

// addMember reads a row's member columns into the group.
func (t groupTable) addMember(x *env, gp *groupPlan, cells map[string]string, row int, problem func(string)) {
	empty := true
	for _, k := range memberKeys {
		empty = empty && cells[k] == ""
	}
	if empty {
		return
	}
	var m model.Membership
	var contactID model.ID
	if v := cells["contact_id"]; v != "" {
		id, err := model.ParseID(v)
		if err != nil {
			problem(cellProblem(x.lang, "contact_id", v, &model.Error{Key: "table.bad_id"}))
			return
		}
		contactID = id
	}
	var emails []string
	if cells["email"] != "" {
		emails = []string{cells["email"]}
	}
	c, ambiguous := x.ix.MatchContact(contactID, emails, cells["first_name"], cells["last_name"])
	switch {
	case ambiguous:
		problem(assets.Message(x.lang, "table.ambiguous_contact", map[string]any{"Name": strings.TrimSpace(cells["first_name"] + " " + cells["last_name"])}))
		return
	case c == nil:
		name := strings.TrimSpace(cells["first_name"] + " " + cells["last_name"])
		if name == "" {
			name = cells["email"]
		}
		problem(assets.Message(x.lang, "table.no_contact", map[string]any{"Name": name}))
		return
	}
	m.Contact = c.ID
	m.Role = model.RoleMember
	if v := cells["role"]; v != "" {
		var err *model.Error
		if m.Role, err = parseChoice("role.", model.Roles, v); err != nil {
			problem(cellProblem(x.lang, "role", v, err))
		}
	}
	id, err := x.ix.Resolve(cells["represents"], model.KindMunicipality, model.KindOrganisation)
	if err != nil {
		problem(cellProblem(x.lang, "represents", cells["represents"], err))
	}
	m.Represents = id
	for _, d := range []struct {
		key string
		p   *model.Date
	}{{"term_start", &m.Term.Start}, {"term_end", &m.Term.End}} {
		v, err := parseDate(cells[d.key])
		if err != nil {
			problem(cellProblem(x.lang, d.key, cells[d.key], err))
		}
		*d.p = v
	}
	gp.g.Members = append(gp.g.Members, m)
	gp.memberRows = append(gp.memberRows, row)
}

// placeError finds the row and column of a group's validation error.
func (t groupTable) placeError(x *env, gp *groupPlan, fe *model.Error) (int, string) {
	field := fe.Field
	if rest, ok := strings.CutPrefix(field, "members"); ok {
		if i := listIndex(rest); i >= 0 && i < len(gp.memberRows) {
			key := "first_name"
			switch {
			case strings.Contains(rest, ".role"):
				key = "role"
			case strings.Contains(rest, ".term"):
				key = "term_end"
			}
			return gp.memberRows[i], cellProblem(x.lang, key, "", fe)
		}
	}
	key := map[string]string{"name": "group", "type": "group_type", "period": "group_end", "parent": "parent_group", "project": "project"}[field]
	if key == "" {
		return gp.firstRow, assets.ErrorText(x.lang, fe)
	}
	return gp.firstRow, cellProblem(x.lang, key, gp.firstCells[key], fe)
}
