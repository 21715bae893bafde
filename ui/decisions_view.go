package ui

import (
	"cmp"
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// decisionsView is the register of decisions (päätösrekisteri): every
// decision made in the meetings of a project's groups, newest meeting
// first, searchable by any word of the item's title, the decision or the
// group, each linked to its meeting and §.
type decisionsView struct {
	u       *UI
	v       *meetingsView
	content fyne.CanvasObject

	project *widget.Select
	search  *widget.Entry
	count   *widget.Label
	rows    *fyne.Container

	data       decisionsData
	shown      []decisionRow
	projectIDs []model.ID
	generation int
}

// decisionRow is one decision where it was made.
type decisionRow struct {
	m       *model.Meeting
	item    model.AgendaItem
	project model.ID
	words   string
}

type decisionsData struct {
	rows     []decisionRow
	projects []model.Summary
}

func newDecisionsView(u *UI, v *meetingsView) *decisionsView {
	d := &decisionsView{u: u, v: v, rows: container.NewVBox()}
	d.project = newSelect(nil, func(string) { d.refresh() })
	d.search = widget.NewEntry()
	d.search.SetPlaceHolder(T("meetings_ui.search_decisions"))
	d.search.OnChanged = func(string) { d.refresh() }
	d.count = widget.NewLabel("")
	top := container.NewBorder(nil, nil, d.project, d.count, d.search)
	d.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(d.rows))
	return d
}

func (d *decisionsView) reload() {
	d.generation++
	gen := d.generation
	background(d.u, func(ctx context.Context, svc model.Services) (decisionsData, error) {
		var data decisionsData
		ms, err := loadAllMeetings(ctx, svc)
		if err != nil {
			return data, err
		}
		projectOf, projects, err := groupProjects(ctx, svc)
		if err != nil {
			return data, err
		}
		data.projects = projects
		for _, m := range ms {
			for _, it := range m.Items {
				if it.Decision == "" {
					continue
				}
				words := model.JoinWords(model.SearchWords(it.Title + " " + it.Decision + " " + m.GroupName + " " + m.NumberText() + " " + m.Date.String()))
				data.rows = append(data.rows, decisionRow{m: m, item: it, project: projectOf[m.Group], words: words})
			}
		}
		slices.SortStableFunc(data.rows, func(a, b decisionRow) int {
			return cmp.Or(b.m.Date.Compare(a.m.Date), cmp.Compare(b.m.Start.Minutes(), a.m.Start.Minutes()), cmp.Compare(a.item.Number, b.item.Number))
		})
		return data, nil
	}, func(data decisionsData) {
		if gen != d.generation {
			return
		}
		d.data = data
		d.fillProjects()
		d.refresh()
	})
}

func (d *decisionsView) fillProjects() {
	old := model.NilID
	if i := d.project.SelectedIndex(); i > 0 && i < len(d.projectIDs) {
		old = d.projectIDs[i]
	}
	used := map[model.ID]bool{}
	for _, r := range d.data.rows {
		used[r.project] = true
	}
	d.projectIDs = []model.ID{model.NilID}
	labels := []string{T("meetings_ui.all_projects")}
	for _, p := range d.data.projects {
		if used[p.ID] {
			d.projectIDs = append(d.projectIDs, p.ID)
			labels = append(labels, p.Title)
		}
	}
	d.project.OnChanged = nil
	d.project.SetOptions(labels)
	d.project.SetSelectedIndex(max(slices.Index(d.projectIDs, old), 0))
	d.project.OnChanged = func(string) { d.refresh() }
}

// setProject chooses the project (tests).
func (d *decisionsView) setProject(id model.ID) {
	d.project.SetSelectedIndex(max(slices.Index(d.projectIDs, id), 0))
}

func (d *decisionsView) refresh() {
	project := model.NilID
	if i := d.project.SelectedIndex(); i > 0 && i < len(d.projectIDs) {
		project = d.projectIDs[i]
	}
	query := model.SearchWords(d.search.Text)
	d.shown = nil
	d.rows.Objects = nil
	for _, r := range d.data.rows {
		if (!project.IsZero() && r.project != project) || !model.MatchQuery(query, r.words) {
			continue
		}
		d.shown = append(d.shown, r)
		d.rows.Add(d.line(r))
	}
	if len(d.shown) == 0 {
		d.rows.Add(placeholder(T("meetings_ui.no_decisions")))
	}
	d.count.SetText(T("ui.count", map[string]any{"Count": len(d.shown)}))
	d.rows.Refresh()
}

func (d *decisionsView) line(r decisionRow) fyne.CanvasObject {
	m := r.m
	link := widget.NewHyperlink(itemRef(m, &r.item, true), nil)
	link.OnTapped = func() { d.v.openMeeting(m.ID) }
	title := widget.NewLabelWithStyle(r.item.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	return container.NewVBox(link, title, wrapped(r.item.Decision), widget.NewSeparator())
}
