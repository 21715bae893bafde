package ui

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// groupsView lists working groups and shows a group with its place in the
// project's governance tree and its members, current and past.
type groupsView struct {
	u *UI
	b *browser
	// preset fills the next new group's project and parent (openNew).
	preset groupPreset
	// lastMembers is the members editor of the last form opened (tests).
	lastMembers *membersEditor
}

func newGroupsView(u *UI) *groupsView {
	v := &groupsView{u: u}
	v.b = newBrowser(u, model.KindGroup, v)
	return v
}

func (v *groupsView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	p, err := svc.Groups.List(ctx, model.Filter{Text: query, Offset: offset, Limit: limit})
	for i := range p.Items {
		p.Items[i].Subtitle = groupSubtitle(p.Items[i])
	}
	return p, err
}

// groupSubtitle is a group's second line in lists: its type and period
// ("Ohjausryhmä · 1.1.2016–31.12.2018").
func groupSubtitle(s model.Summary) string {
	parts := []string{}
	for _, f := range s.Facets {
		if t, ok := strings.CutPrefix(f, "type:"); ok && t != "" {
			parts = append(parts, T("group_type."+t))
		}
	}
	if s.Subtitle != "" {
		parts = append(parts, s.Subtitle)
	}
	return strings.Join(parts, " · ")
}

// groupInfo is everything the group view shows, loaded in one go.
type groupInfo struct {
	g        *model.Group
	children []model.Summary
	// names holds the summaries of the project, the parent group, the
	// members and the bodies they represent.
	names map[model.ID]model.Summary
}

func (v *groupsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (groupInfo, error) {
		info := groupInfo{names: map[model.ID]model.Summary{}}
		var err error
		if info.g, err = svc.Groups.Get(ctx, id); err != nil {
			return info, err
		}
		ids := []model.ID{info.g.Project, info.g.Parent}
		for _, m := range info.g.Members {
			ids = append(ids, m.Contact, m.Represents)
		}
		lookUpSummaries(ctx, svc, info.names, ids...)
		page, err := svc.Groups.List(ctx, model.Filter{Facets: []string{"parent:" + id.String()}})
		if err != nil {
			return info, err
		}
		info.children = page.Items
		return info, nil
	}, func(info groupInfo) { done(v.render(info)) })
}

// lookUpSummaries adds the summaries of ids to names, skipping zero IDs and
// records that cannot be found (a link to them then shows no name).
func lookUpSummaries(ctx context.Context, svc model.Services, names map[model.ID]model.Summary, ids ...model.ID) {
	for _, id := range ids {
		if id.IsZero() {
			continue
		}
		if _, ok := names[id]; ok {
			continue
		}
		if s, err := svc.Queries.Summary(ctx, id); err == nil {
			names[id] = s
		}
	}
}

func (v *groupsView) render(info groupInfo) fyne.CanvasObject {
	g := info.g
	subtitle := ""
	if g.Type != "" {
		subtitle = T("group_type." + string(g.Type))
	}
	if s, ok := info.names[g.Project]; ok {
		if subtitle != "" {
			subtitle += " · "
		}
		subtitle += s.Title
	}
	d := newDetails(v.u, g.Name, subtitle)
	d.actions(model.KindGroup, g, func() { v.b.editRecord(g.ID) })
	d.action(T("groups.new_meeting"), theme.CalendarIcon(), func() { v.u.newMeeting(g.ID) })
	d.action(T("groups.new_subgroup"), theme.ContentAddIcon(), func() { v.u.newGroup(g.Project, g.ID) })
	if s, ok := info.names[g.Project]; ok {
		d.rowObject(fieldLabel("project"), recordLink(v.u, s.Kind, s.ID, s.Title))
	}
	if s, ok := info.names[g.Parent]; ok {
		d.rowObject(T("groups.parent"), recordLink(v.u, s.Kind, s.ID, s.Title))
	}
	d.row(fieldLabel("mandate"), g.Mandate)
	d.row(fieldLabel("period"), g.Period.String())

	if len(info.children) > 0 {
		d.section(T("groups.children", map[string]any{"Count": len(info.children)}))
		for _, c := range info.children {
			d.link(model.KindGroup, c.ID, c.Title, groupSubtitle(c))
		}
	}

	current, past := splitMembers(g.Members, model.Today())
	d.section(T("groups.members_current", map[string]any{"Count": len(current)}))
	if len(current) == 0 {
		d.note(T("groups.no_members"))
	} else {
		d.add(memberHeader())
		for _, m := range sortMembers(current, info.names) {
			d.add(memberLine(v.u, m, info.names))
		}
	}
	if len(past) > 0 {
		d.section(T("groups.members_past", map[string]any{"Count": len(past)}))
		d.add(memberHeader())
		for _, m := range sortMembers(past, info.names) {
			d.add(memberLine(v.u, m, info.names))
		}
	}
	return d.content()
}

// splitMembers separates the memberships whose term covers today from
// those that have ended (or not yet begun: they count as current, since
// the seat is already decided).
func splitMembers(members []model.Membership, today model.Date) (current, past []model.Membership) {
	for _, m := range members {
		if !m.Term.End.IsZero() && m.Term.End.Before(today) {
			past = append(past, m)
		} else {
			current = append(current, m)
		}
	}
	return current, past
}

// roleRank orders roles as model.Roles lists them: chair first, staff
// representatives last, unknown roles after them.
func roleRank(r model.Role) int {
	if i := slices.Index(model.Roles, r); i >= 0 {
		return i
	}
	return len(model.Roles)
}

// sortMembers orders memberships by role and then by the member's name in
// Finnish order.
func sortMembers(ms []model.Membership, names map[model.ID]model.Summary) []model.Membership {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b model.Membership) int {
		if c := cmp.Compare(roleRank(a.Role), roleRank(b.Role)); c != 0 {
			return c
		}
		return slices.Compare(names[a.Contact].SortKey, names[b.Contact].SortKey)
	})
	return out
}

// memberColumns are the shares of the width the columns of a member list
// take: name, role, whom they represent, term.
var memberColumns = []float32{0.28, 0.2, 0.27, 0.25}

// memberHeader is the column heading of a member list.
func memberHeader() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, f := range []string{"name", "role", "represents", "term"} {
		l := widget.NewLabel(fieldLabel(f))
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, l)
	}
	return container.New(&columnsLayout{shares: memberColumns}, cells...)
}

// memberLine shows one membership: the member (a link), their role, whom
// they represent (a link) and their term.
func memberLine(u *UI, m model.Membership, names map[model.ID]model.Summary) fyne.CanvasObject {
	return container.New(&columnsLayout{shares: memberColumns},
		summaryLink(u, m.Contact, names),
		truncLabel(T("role."+string(m.Role))),
		summaryLink(u, m.Represents, names),
		truncLabel(m.Term.String()))
}

// summaryLink is a link to the record id named in names, a dash for no
// record and a plain label for one that was not found.
func summaryLink(u *UI, id model.ID, names map[model.ID]model.Summary) fyne.CanvasObject {
	if id.IsZero() {
		return truncLabel("")
	}
	s, ok := names[id]
	if !ok {
		return truncLabel("?")
	}
	h := recordLink(u, s.Kind, s.ID, s.Title)
	h.Truncation = fyne.TextTruncateEllipsis
	return h
}

// truncLabel is a one-line label that shortens with an ellipsis.
func truncLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// representative is a member of a group who speaks for a municipality or
// an organisation.
type representative struct {
	group   model.Summary
	contact model.Summary
	m       model.Membership
}

// representativesOf finds, through the groups among refs (the records
// referring to body), the members who represent body; current seats
// first, each by group, role and name.
func representativesOf(ctx context.Context, svc model.Services, body model.ID, refs []model.Reference) ([]representative, error) {
	var out []representative
	seen := map[model.ID]bool{}
	names := map[model.ID]model.Summary{}
	for _, r := range refs {
		if r.Field != model.RefRepresents || r.From.Kind != model.KindGroup || seen[r.From.ID] {
			continue
		}
		seen[r.From.ID] = true
		g, err := svc.Groups.Get(ctx, r.From.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range g.Members {
			if m.Represents != body {
				continue
			}
			lookUpSummaries(ctx, svc, names, m.Contact)
			out = append(out, representative{group: r.From, contact: names[m.Contact], m: m})
		}
	}
	today := model.Today()
	slices.SortStableFunc(out, func(a, b representative) int {
		pa, pb := !a.m.Term.End.IsZero() && a.m.Term.End.Before(today), !b.m.Term.End.IsZero() && b.m.Term.End.Before(today)
		if pa != pb {
			if pa {
				return 1
			}
			return -1
		}
		if c := slices.Compare(a.group.SortKey, b.group.SortKey); c != 0 {
			return c
		}
		if c := cmp.Compare(roleRank(a.m.Role), roleRank(b.m.Role)); c != 0 {
			return c
		}
		return slices.Compare(a.contact.SortKey, b.contact.SortKey)
	})
	return out, nil
}

// representativeColumns: member, role, group, term.
var representativeColumns = []float32{0.25, 0.19, 0.31, 0.25}

// addRepresentatives adds a section listing the representatives of a body.
func addRepresentatives(u *UI, d *details, title string, reps []representative) {
	if len(reps) == 0 {
		return
	}
	d.section(title)
	var head []fyne.CanvasObject
	for _, f := range []string{"name", "role", "group", "term"} {
		l := truncLabel(fieldLabel(f))
		l.Importance = widget.LowImportance
		head = append(head, l)
	}
	d.add(container.New(&columnsLayout{shares: representativeColumns}, head...))
	for _, r := range reps {
		names := map[model.ID]model.Summary{r.group.ID: r.group}
		if !r.contact.ID.IsZero() {
			names[r.contact.ID] = r.contact
		}
		d.add(container.New(&columnsLayout{shares: representativeColumns},
			summaryLink(u, r.m.Contact, names),
			truncLabel(T("role."+string(r.m.Role))),
			summaryLink(u, r.group.ID, names),
			truncLabel(r.m.Term.String())))
	}
}

// newGroup opens the form for a new group of project (under parent, when
// set) in the groups view, for the views that show a project's groups.
func (u *UI) newGroup(project, parent model.ID) {
	b := u.shell.browsers[model.KindGroup]
	v, ok := b.view.(*groupsView)
	if !ok {
		return
	}
	open := func() {
		i := sectionIndex("groups", 0)
		if u.shell.current != i {
			u.shell.showSection(i)
		}
		b.list.UnselectAll()
		b.selected = model.NilID
		v.openNew(project, parent)
	}
	if cur := u.shell.currentBrowser(); cur != nil {
		cur.guard(open, nil)
		return
	}
	open()
}
