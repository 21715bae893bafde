package ui

import (
	"context"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// projectsView lists projects and shows one: its facts and relations on the
// first tab, its governance diagram on the second and its milestones on a
// timeline on the third.
type projectsView struct {
	u *UI
	b *browser
	// tab is the detail tab last chosen; the next project opens on it too.
	tab int
	// last is the detail shown last and form the form opened last (tests
	// look inside them).
	last *projectDetail
	form *projectForm
}

func newProjectsView(u *UI) *projectsView {
	v := &projectsView{u: u}
	v.b = newBrowser(u, model.KindProject, v)
	return v
}

func (v *projectsView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	return svc.Projects.List(ctx, model.Filter{Text: query, Offset: offset, Limit: limit})
}

// projectInfo is everything a project's detail shows, loaded in one go off
// Fyne's thread.
type projectInfo struct {
	p                     *model.Project
	admin, office, parent *model.Summary
	subprojects           []model.Summary
	municipalities        []projectParticipant
	summaries             map[model.ID]model.Summary // funders and staff
	tree                  []*model.GroupNode
	groupCount            int
}

// projectParticipant is a participating municipality as the detail lists it.
type projectParticipant struct {
	id           model.ID
	name, region string
	role         string
}

func (v *projectsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	lang := currentLanguage
	background(v.u, func(ctx context.Context, svc model.Services) (projectInfo, error) {
		return loadProjectInfo(ctx, svc, id, lang)
	}, func(info projectInfo) { done(v.render(info)) })
}

// loadProjectInfo reads a project and the names of everything it refers to.
// A reference whose record cannot be read (it is in the trash) is left out
// rather than failing the whole view.
func loadProjectInfo(ctx context.Context, svc model.Services, id model.ID, lang string) (projectInfo, error) {
	info := projectInfo{summaries: map[model.ID]model.Summary{}}
	p, err := svc.Projects.Get(ctx, id)
	if err != nil {
		return info, err
	}
	info.p = p
	summary := func(id model.ID) *model.Summary {
		if id.IsZero() {
			return nil
		}
		s, err := svc.Queries.Summary(ctx, id)
		if err != nil {
			return nil
		}
		return &s
	}
	info.admin, info.office, info.parent = summary(p.Administrator), summary(p.Office), summary(p.Parent)
	subs, err := svc.Projects.List(ctx, model.Filter{Facets: []string{"parent:" + id.String()}})
	if err != nil {
		return info, err
	}
	info.subprojects = subs.Items
	for _, m := range p.Municipalities {
		part := projectParticipant{id: m.Municipality, role: m.Role}
		if mu, err := svc.Municipalities.Get(ctx, m.Municipality); err == nil {
			part.name, part.region = mu.Name.In(lang), mu.Region.In(lang)
		} else if s := summary(m.Municipality); s != nil {
			part.name = s.Title
		} else {
			continue
		}
		info.municipalities = append(info.municipalities, part)
	}
	slices.SortStableFunc(info.municipalities, func(a, b projectParticipant) int { return model.CompareNames(a.name, b.name) })
	for _, f := range p.Funding {
		if s := summary(f.Funder); s != nil {
			info.summaries[f.Funder] = *s
		}
	}
	for _, st := range p.Staff {
		if s := summary(st.Contact); s != nil {
			info.summaries[st.Contact] = *s
		}
	}
	if info.tree, err = svc.Queries.GroupTree(ctx, id); err != nil {
		return info, err
	}
	projectWalkGroups(info.tree, 0, func(*model.GroupNode, int) { info.groupCount++ })
	return info, nil
}

// projectWalkGroups visits a group tree depth first, parents before children.
func projectWalkGroups(nodes []*model.GroupNode, depth int, visit func(n *model.GroupNode, depth int)) {
	for _, n := range nodes {
		visit(n, depth)
		projectWalkGroups(n.Children, depth+1, visit)
	}
}

// projectDetail is a rendered project (kept for tests).
type projectDetail struct {
	info     projectInfo
	tabs     *container.AppTabs
	diagram  *governanceDiagram
	timeline *timeline
	funding  *fyne.Container
}

func (v *projectsView) render(info projectInfo) fyne.CanvasObject {
	p := info.p
	pd := &projectDetail{info: info}
	v.last = pd
	d := newDetails(v.u, p.Name, p.ShortName)
	d.actions(model.KindProject, p, func() { v.b.editRecord(p.ID) })
	d.action(T("projects.new_group"), theme.ContentAddIcon(), func() { v.u.newGroup(p.ID, model.NilID) })

	d.row(fieldLabel("status"), projectTr("status.", string(p.Status)))
	d.row(fieldLabel("period"), p.Period.String())
	d.row(fieldLabel("regions"), projectRegionNames(p.Regions))
	v.refRow(d, "administrator", info.admin)
	v.refRow(d, "office", info.office)
	v.refRow(d, "parent", info.parent)
	if len(p.Funding) > 0 {
		d.row(fieldLabel("total_funding"), moneyText(p.TotalFunding()))
	}
	d.row(fieldLabel("tags"), strings.Join(p.Tags, ", "))
	d.row(fieldLabel("description"), p.Description)

	if len(info.subprojects) > 0 {
		d.section(T("projects.subprojects_count", map[string]any{"Count": len(info.subprojects)}))
		for _, s := range info.subprojects {
			d.link(model.KindProject, s.ID, s.Title, s.Subtitle)
		}
	}
	if len(p.Goals) > 0 {
		d.section(fieldLabel("goals"))
		for i, g := range p.Goals {
			d.add(projectNumberedLine(i+1, g))
		}
	}
	d.section(T("projects.municipalities_count", map[string]any{"Count": len(info.municipalities)}))
	if len(info.municipalities) == 0 {
		d.note(T("projects.no_municipalities"))
	} else {
		grid := container.NewGridWithColumns(2)
		for _, m := range info.municipalities {
			grid.Add(d.linkLine(model.KindMunicipality, m.id, m.name, joinNonEmpty(m.region, m.role)))
		}
		d.add(grid)
	}
	if len(p.Funding) > 0 {
		d.section(fieldLabel("funding"))
		pd.funding = v.fundingTable(info)
		d.add(pd.funding)
	}
	d.section(fieldLabel("milestones"))
	if len(p.Milestones) == 0 {
		d.note(T("projects.no_milestones"))
	}
	for _, m := range p.Milestones {
		d.add(milestoneLine(m))
	}
	if len(p.Staff) > 0 {
		d.section(fieldLabel("staff"))
		for _, s := range p.Staff {
			name := T("ui.none")
			if sum, ok := info.summaries[s.Contact]; ok {
				name = sum.Title
			}
			d.link(model.KindContact, s.Contact, name, projectTr("staff_role.", s.Role))
		}
	}
	if len(p.Links) > 0 {
		d.section(fieldLabel("links"))
		for _, l := range p.Links {
			d.add(projectWebLink(l))
		}
	}
	d.section(T("projects.groups_count", map[string]any{"Count": info.groupCount}))
	if info.groupCount == 0 {
		d.note(T("projects.no_groups"))
	}
	projectWalkGroups(info.tree, 0, func(n *model.GroupNode, depth int) {
		g := n.Group
		line := d.linkLine(model.KindGroup, g.ID, g.Name, joinNonEmpty(projectTr("group_type.", string(g.Type)), g.Period.String()))
		if depth > 0 {
			line = container.NewBorder(nil, nil, projectIndent(depth), nil, line)
		}
		d.add(line)
	})

	pd.diagram = newGovernanceDiagram(v.u, info.tree)
	pd.timeline = newTimeline(p.Milestones, p.Period)
	pd.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("projects.tab_details"), theme.InfoIcon(), container.NewVScroll(d.rows)),
		container.NewTabItemWithIcon(T("projects.tab_organisation"), theme.GridIcon(), v.organisationTab(pd, info)),
		container.NewTabItemWithIcon(T("projects.tab_timeline"), theme.CalendarIcon(), v.timelineTab(pd, p)),
	)
	pd.tabs.SelectIndex(v.tab)
	pd.tabs.OnSelected = func(*container.TabItem) { v.tab = pd.tabs.SelectedIndex() }
	return container.NewBorder(d.top, nil, nil, nil, pd.tabs)
}

// refRow adds a labelled link to a referenced record, when there is one.
func (v *projectsView) refRow(d *details, field string, s *model.Summary) {
	if s == nil {
		return
	}
	d.rowObject(fieldLabel(field), recordLink(v.u, s.Kind, s.ID, s.Title))
}

// organisationTab holds the governance diagram and its export button.
func (v *projectsView) organisationTab(pd *projectDetail, info projectInfo) fyne.CanvasObject {
	if info.groupCount == 0 {
		return placeholder(T("projects.no_groups"))
	}
	export := widget.NewButtonWithIcon(T("projects.export_png"), theme.DocumentSaveIcon(), func() {
		exportDiagramDialog(v.u, info.p, info.tree)
	})
	hint := projectLowLabel(T("projects.diagram_hint"))
	hint.Truncation = fyne.TextTruncateEllipsis
	return diagramView(pd.diagram, export, hint)
}

// timelineTab holds the milestones on a timeline.
func (v *projectsView) timelineTab(pd *projectDetail, p *model.Project) fyne.CanvasObject {
	if len(p.Milestones) == 0 {
		return placeholder(T("projects.no_milestones"))
	}
	return container.NewScroll(pd.timeline)
}

// fundingTable lays out the funding lines: funder, amount, share, period,
// and the note under its line; a total row closes it.
func (v *projectsView) fundingTable(info projectInfo) *fyne.Container {
	p := info.p
	total := p.TotalFunding()
	t := &projectTable{stretch: 0, gap: theme.Padding() * 4}
	box := container.NewVBox()
	bold := fyne.TextStyle{Bold: true}
	heading := func(text string, align fyne.TextAlign) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, align, bold)
	}
	box.Add(t.row(heading(fieldLabel("funder"), fyne.TextAlignLeading), heading(fieldLabel("amount"), fyne.TextAlignTrailing),
		heading(fieldLabel("share"), fyne.TextAlignTrailing), heading(fieldLabel("period"), fyne.TextAlignLeading)))
	box.Add(widget.NewSeparator())
	for _, f := range p.Funding {
		var funder fyne.CanvasObject
		if s, ok := info.summaries[f.Funder]; ok {
			funder = recordLink(v.u, s.Kind, s.ID, s.Title)
		} else {
			funder = projectLowLabel(T("projects.funder_unknown"))
		}
		share := f.Share
		if share == 0 && total > 0 {
			share = float64(f.Amount) * 100 / float64(total)
		}
		box.Add(t.row(funder, projectAlignedLabel(moneyText(f.Amount), fyne.TextAlignTrailing),
			projectAlignedLabel(percentText(share), fyne.TextAlignTrailing), widget.NewLabel(f.Period.String())))
		if f.Note != "" {
			note := projectLowLabel(f.Note)
			note.Wrapping = fyne.TextWrapWord
			box.Add(container.NewBorder(nil, nil, projectIndent(1), nil, note))
		}
	}
	box.Add(widget.NewSeparator())
	box.Add(t.row(heading(T("projects.total"), fyne.TextAlignLeading), heading(moneyText(total), fyne.TextAlignTrailing),
		heading(percentText(100), fyne.TextAlignTrailing), widget.NewLabel("")))
	return box
}

// milestoneLine is a milestone in the detail: ✓ or ○, its date or period
// and its description.
func milestoneLine(m model.Milestone) fyne.CanvasObject {
	mark := widget.NewLabelWithStyle("○", fyne.TextAlignCenter, fyne.TextStyle{})
	state := T("projects.open")
	if m.Done {
		mark.SetText("✓")
		mark.Importance = widget.SuccessImportance
		state = T("projects.done")
	}
	when := widget.NewLabelWithStyle(milestoneWhen(m.Period), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	desc := widget.NewLabel(m.Description + " · " + state)
	desc.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewHBox(container.New(&projectMinWidthLayout{width: 24}, mark),
		container.New(&projectMinWidthLayout{width: 190}, when)), nil, desc)
}

// milestoneWhen is a milestone's date ("16.4.2019"), period
// ("1.1.2016–31.8.2016") or open start ("1.1.2018–").
func milestoneWhen(p model.Period) string {
	if p.End == p.Start {
		return p.Start.String()
	}
	return p.String()
}

// projectNumberedLine is "1. text" with the text wrapping under itself.
func projectNumberedLine(n int, text string) fyne.CanvasObject {
	num := widget.NewLabel(strconv.Itoa(n) + ".")
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, num, nil, l)
}

// projectWebLink is a link that opens in the browser; the address shows after the
// title.
func projectWebLink(l model.Link) fyne.CanvasObject {
	u, err := url.Parse(l.URL)
	title := l.Title
	if title == "" {
		title = l.URL
	}
	if err != nil {
		return widget.NewLabel(title)
	}
	h := widget.NewHyperlink(title, u)
	if l.Title == "" {
		return h
	}
	return container.NewBorder(nil, nil, h, nil, projectLowLabel(l.URL))
}

// projectRegionNames turns region codes into names ("Kanta-Häme, Uusimaa").
func projectRegionNames(codes []string) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		names = append(names, projectRegionName(c))
	}
	return strings.Join(names, ", ")
}

// projectRegionName is a region's name in the interface language, or its code
// when the registry does not know it.
func projectRegionName(code string) string {
	for _, r := range registry.Regions() {
		if r.Code == code {
			return r.Name.In(currentLanguage)
		}
	}
	return code
}

// tr translates prefix+value ("status."+"running"); a value the catalogue
// does not know (a staff role typed by hand) is shown as it is.
func projectTr(prefix, value string) string {
	if value == "" {
		return ""
	}
	key := prefix + value
	if s := T(key); s != key {
		return s
	}
	return value
}

func projectLowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

func projectAlignedLabel(text string, align fyne.TextAlign) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = align
	return l
}

// indent is blank space of depth steps.
func projectIndent(depth int) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(float32(depth)*theme.Padding()*6, 1))
	return r
}

// moneyText formats cents the Finnish way: "9 100 000,00 €".
func moneyText(cents int64) string { return model.FormatCents(cents) + " €" }

// percentText formats a share: "50 %", "33,3 %".
func percentText(p float64) string { return percentNumber(p) + " %" }

// percentNumber formats a share without the sign, at most one decimal,
// with a decimal comma.
func percentNumber(p float64) string {
	p = math.Round(p*10) / 10
	return strings.Replace(strconv.FormatFloat(p, 'f', -1, 64), ".", ",", 1)
}

// projectTable lines up cells in columns across rows that are separate
// containers (so that other lines, like notes, can sit between them). Each
// column is as wide as its widest cell; the stretch column takes what is
// left.
type projectTable struct {
	rows    [][]fyne.CanvasObject
	stretch int
	gap     float32
}

// row makes a row of cells.
func (t *projectTable) row(cells ...fyne.CanvasObject) *fyne.Container {
	t.rows = append(t.rows, cells)
	return container.New(&projectTableRow{t: t}, cells...)
}

func (t *projectTable) widths() []float32 {
	var w []float32
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(w) {
				w = append(w, 0)
			}
			if c.Visible() {
				w[i] = max(w[i], c.MinSize().Width)
			}
		}
	}
	return w
}

type projectTableRow struct{ t *projectTable }

func (l *projectTableRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var width, height float32
	for i, w := range l.t.widths() {
		if i > 0 {
			width += l.t.gap
		}
		width += w
	}
	for _, o := range objs {
		height = max(height, o.MinSize().Height)
	}
	return fyne.NewSize(width, height)
}

func (l *projectTableRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := l.t.widths()
	extra := size.Width - l.MinSize(objs).Width
	x := float32(0)
	for i, o := range objs {
		cw := w[i]
		if i == l.t.stretch && extra > 0 {
			cw += extra
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(cw, size.Height))
		x += cw + l.t.gap
	}
}

// projectMinWidthLayout gives its one object at least a width (a column of
// dates that lines up).
type projectMinWidthLayout struct{ width float32 }

func (l *projectMinWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(m.Width, l.width), m.Height)
}

func (l *projectMinWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// edit opens the project form; see project_form.go.
func (v *projectsView) edit(id model.ID) *form {
	v.form = newProjectForm(v.u, id)
	return v.form.f
}
