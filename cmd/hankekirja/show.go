package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
	"hankekirja/store"
)

// show: hankekirja show KIND ID [--json]
func (c *cli) show(args []string) int {
	fs := c.flags("show")
	asJSON := fs.Bool("json", false, "print JSON")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 2, 2); !ok {
		return status
	}
	kind, status, ok := c.kindArg(args[0])
	if !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		svcs := db.Services()
		r, err := c.find(svcs, kind, args[1])
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			return c.writeJSON(recordJSON(r))
		}
		sh := &sheet{c: c, svcs: svcs}
		sh.record(r)
		return c.writeTable(sh.rows)
	})
}

// find looks a record of kind up by its ID or, failing that, by the words of
// its name when they match one record only (or one record's whole name). A
// municipality can also be named by its code or a former name.
func (c *cli) find(svcs model.Services, kind model.Kind, ref string) (model.Record, error) {
	svc := serviceFor(svcs, kind)
	if id, err := model.ParseID(ref); err == nil {
		return svc.Get(c.ctx, id)
	}
	if kind == model.KindMunicipality {
		m, err := svcs.Queries.ResolveMunicipality(c.ctx, ref)
		if err == nil {
			return m, nil
		}
		if model.ErrorCode(err) != model.ENOTFOUND {
			return nil, err
		}
	}
	notFound := &model.Error{Code: model.ENOTFOUND, Key: "error.not_found", Args: map[string]any{"Kind": kind.String(), "ID": ref}}
	if len(model.SearchWords(ref)) == 0 {
		return nil, notFound
	}
	page, err := svc.List(c.ctx, model.Filter{Query: ref})
	if err != nil {
		return nil, err
	}
	matches := page.Items
	if len(matches) > 1 {
		var exact []model.Summary
		for _, s := range matches {
			if strings.EqualFold(s.Title, strings.TrimSpace(ref)) {
				exact = append(exact, s)
			}
		}
		if len(exact) > 0 {
			matches = exact
		}
	}
	switch len(matches) {
	case 0:
		return nil, notFound
	case 1:
		return svc.Get(c.ctx, matches[0].ID)
	}
	names := make([]string, 0, 5)
	for i, s := range matches {
		if i == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, s.Title)
	}
	return nil, &model.Error{Code: model.EINVALID, Key: "cli.ambiguous", Args: map[string]any{
		"Text": ref, "Count": len(matches), "Names": strings.Join(names, ", "),
	}}
}

// sheet collects the "label: value" rows of a record.
type sheet struct {
	c    *cli
	svcs model.Services
	rows [][]string
}

// add adds a row labelled with a field's label; empty values are left out.
func (s *sheet) add(field, value string) {
	s.addLines(field, []string{value})
}

// addLines adds values under one label, one row each.
func (s *sheet) addLines(field string, values []string) {
	label := assets.FieldLabel(s.c.lang, field) + ":"
	for _, v := range values {
		for line := range strings.Lines(v) {
			line = strings.TrimRight(strings.ReplaceAll(line, "\t", " "), "\r\n ")
			if line == "" {
				continue
			}
			s.rows = append(s.rows, []string{label, line})
			label = ""
		}
	}
}

// title returns the title of a referenced record, or its ID when it cannot
// be read.
func (s *sheet) title(id model.ID) string {
	if id.IsZero() {
		return ""
	}
	sum, err := s.svcs.Queries.Summary(s.c.ctx, id)
	if err != nil {
		return id.String()
	}
	return sum.Title
}

// label translates one of the model's choices ("status.", "running").
func (s *sheet) label(prefix, value string) string {
	return assets.Label(s.c.lang, prefix, value)
}

// record adds the rows of any record, then its metadata.
func (s *sheet) record(r model.Record) {
	switch v := r.(type) {
	case *model.Project:
		s.project(v)
	case *model.Group:
		s.group(v)
	case *model.Meeting:
		s.meeting(v)
	case *model.Contact:
		s.contact(v)
	case *model.Organisation:
		s.organisation(v)
	case *model.Municipality:
		s.municipality(v)
	}
	s.meta(r.GetMeta())
}

func (s *sheet) meta(m *model.Meta) {
	s.add("id", m.ID.String())
	if !m.Created.IsZero() {
		s.add("created", formatTime(m.Created))
	}
	if !m.Updated.IsZero() && !m.Updated.Equal(m.Created) {
		s.add("updated", formatTime(m.Updated))
	}
	if m.Deleted != nil {
		s.add("deleted", formatTime(*m.Deleted))
	}
}

func (s *sheet) project(p *model.Project) {
	s.add("name", p.Name)
	s.add("short_name", p.ShortName)
	s.add("status", s.label("status.", string(p.Status)))
	s.add("period", period(p.Period))
	regions := make([]string, 0, len(p.Regions))
	for _, code := range p.Regions {
		regions = append(regions, s.regionName(code))
	}
	s.add("regions", strings.Join(regions, ", "))
	s.add("administrator", s.title(p.Administrator))
	s.add("office", s.title(p.Office))
	s.add(model.RefParent.String(), s.title(p.Parent))
	if refs, err := s.svcs.Queries.ReferencesTo(s.c.ctx, p.ID); err == nil {
		var subs []string
		for _, r := range refs {
			if r.Field == model.RefParent && r.From.Kind == model.KindProject {
				subs = append(subs, r.From.Title)
			}
		}
		slices.SortFunc(subs, model.CompareNames)
		s.addLines("subprojects", subs)
	}
	s.addLines("description", []string{p.Description})
	s.addLines("goals", p.Goals)
	var lines []string
	for _, m := range p.Municipalities {
		lines = append(lines, withNote(s.title(m.Municipality), m.Role))
	}
	s.addLines(model.RefMunicipalities.String(), lines)
	lines = nil
	for _, f := range p.Funding {
		line := joinNonEmpty(": ", s.title(f.Funder), formatCents(s.c.lang, f.Amount))
		if f.Share != 0 {
			line += " (" + formatDecimal(s.c.lang, f.Share) + " %)"
		}
		lines = append(lines, joinNonEmpty(" ", line, period(f.Period), f.Note))
	}
	s.addLines("funding", lines)
	if len(p.Funding) > 1 {
		s.add("total_funding", formatCents(s.c.lang, p.TotalFunding()))
	}
	lines = nil
	for _, m := range p.Milestones {
		line := joinNonEmpty(" ", period(m.Period), m.Description)
		if m.Done {
			line += " (" + s.c.msg("cli.done", nil) + ")"
		}
		lines = append(lines, line)
	}
	s.addLines("milestones", lines)
	lines = nil
	for _, m := range p.Staff {
		lines = append(lines, withNote(s.title(m.Contact), s.label("staff_role.", m.Role)))
	}
	s.addLines(model.RefStaff.String(), lines)
	s.add("tags", strings.Join(p.Tags, ", "))
	lines = nil
	for _, l := range p.Links {
		lines = append(lines, joinNonEmpty(" ", l.Title, "<"+l.URL+">"))
	}
	s.addLines("links", lines)
	if tree, err := s.svcs.Queries.GroupTree(s.c.ctx, p.ID); err == nil {
		lines = nil
		var walk func(nodes []*model.GroupNode, depth int)
		walk = func(nodes []*model.GroupNode, depth int) {
			for _, n := range nodes {
				lines = append(lines, strings.Repeat("  ", depth)+withNote(n.Group.Name, s.label("group_type.", string(n.Group.Type))))
				walk(n.Children, depth+1)
			}
		}
		walk(tree, 0)
		s.addLines("groups", lines)
	}
}

func (s *sheet) group(g *model.Group) {
	s.add("name", g.Name)
	s.add("type", s.label("group_type.", string(g.Type)))
	s.add("project", s.title(g.Project))
	s.add(model.RefParent.String(), s.title(g.Parent))
	s.add("period", period(g.Period))
	s.addLines("mandate", []string{g.Mandate})
	var lines []string
	for _, m := range g.Members {
		line := s.title(m.Contact) + " – " + s.label("role.", string(m.Role))
		if !m.Represents.IsZero() {
			line += " (" + s.title(m.Represents) + ")"
		}
		lines = append(lines, joinNonEmpty(" ", line, period(m.Term)))
	}
	s.addLines(model.RefMembers.String(), lines)
}

func (s *sheet) meeting(m *model.Meeting) {
	s.add("name", m.Title())
	s.add("group", s.title(m.Group))
	if m.Number != 0 {
		s.add("number", fmt.Sprintf("%d/%d", m.Number, m.Year))
	}
	s.add("date", m.Date.String())
	s.add("place", m.Place)
}

func (s *sheet) contact(c *model.Contact) {
	s.add("name", c.Title())
	s.add("job_title", c.JobTitle)
	s.add("organisation", s.title(c.Organisation))
	phones := make([]string, len(c.Phones))
	for i, p := range c.Phones {
		phones[i] = model.FormatPhone(p)
	}
	s.add("phones", strings.Join(phones, ", "))
	s.add("emails", strings.Join(c.Emails, ", "))
	s.add("address", c.Address.String())
	s.addLines("notes", []string{c.Notes})
	if roles, err := s.svcs.Queries.RolesOfContact(s.c.ctx, c.ID); err == nil {
		var lines []string
		for _, r := range roles {
			line := r.Group.Title + " – " + s.label("role.", string(r.Membership.Role))
			lines = append(lines, joinNonEmpty(" ", line, period(r.Membership.Term)))
		}
		s.addLines("groups", lines)
	}
	if projects, err := s.svcs.Queries.ProjectsOfContact(s.c.ctx, c.ID); err == nil {
		var lines []string
		for _, p := range projects {
			lines = append(lines, p.Title)
		}
		s.addLines("projects", lines)
	}
}

func (s *sheet) organisation(o *model.Organisation) {
	s.add("name", o.Name)
	s.add("type", s.label("org_type.", string(o.Type)))
	s.add("business_id", o.BusinessID)
	s.add("ovt", o.OVT)
	s.add("address", o.Address.String())
	s.add("municipality", s.title(o.Municipality))
	s.add("website", o.Website)
	s.addLines("notes", []string{o.Notes})
}

func (s *sheet) municipality(m *model.Municipality) {
	s.add("name", m.Name.FI)
	if m.Name.SV != m.Name.FI {
		s.add("name_sv", m.Name.SV)
	}
	if m.Name.EN != m.Name.FI {
		s.add("name_en", m.Name.EN)
	}
	s.add("code", m.Code)
	if m.Former() {
		s.add("merged_year", strconv.Itoa(m.MergedYear))
		s.add("merged_into", s.municipalityName(m.MergedInto))
		s.add("successor", s.municipalityName(m.Successor))
	} else {
		s.add("region", withNote(m.Region.In(s.c.lang), m.RegionCode))
		s.add("county", withNote(m.County.In(s.c.lang), m.CountyCode))
		s.add("language_status", s.label("language_status.", strconv.Itoa(m.LanguageStatus)))
	}
	if m.Population != 0 {
		pop := formatInt(s.c.lang, int64(m.Population))
		if m.PopulationYear != 0 {
			pop += " (" + strconv.Itoa(m.PopulationYear) + ")"
		}
		s.add("population", pop)
	}
	s.addLines("notes", []string{m.Notes})
	if roles, err := s.svcs.Queries.ProjectsOfMunicipality(s.c.ctx, m.ID); err == nil {
		var lines []string
		for _, r := range roles {
			lines = append(lines, withNote(r.Project.Title, r.Role))
		}
		s.addLines("projects", lines)
	}
}

// municipalityName returns "Hämeenlinna (109)" for a municipality code.
func (s *sheet) municipalityName(code string) string {
	if code == "" {
		return ""
	}
	m, err := s.svcs.Municipalities.Get(s.c.ctx, model.MunicipalityID(code))
	if err != nil {
		return code
	}
	return withNote(m.Name.In(s.c.lang), code)
}

// regionName returns "Kanta-Häme (05)" for a region code, taking the name
// from a municipality of the region.
func (s *sheet) regionName(code string) string {
	page, err := s.svcs.Municipalities.List(s.c.ctx, model.Filter{Facets: []string{"region:" + code}, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		return code
	}
	m, err := s.svcs.Municipalities.Get(s.c.ctx, page.Items[0].ID)
	if err != nil {
		return code
	}
	return withNote(m.Region.In(s.c.lang), code)
}

// period formats a period, a single day as one date.
func period(p model.Period) string {
	if !p.Start.IsZero() && p.Start == p.End {
		return p.Start.String()
	}
	return p.String()
}

// withNote returns "text (note)", or text alone when note is empty.
func withNote(text, note string) string {
	if note == "" {
		return text
	}
	if text == "" {
		return note
	}
	return text + " (" + note + ")"
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
