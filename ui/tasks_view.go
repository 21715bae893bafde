package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// tasksView lists the tasks given in every meeting of every group, for the
// follow-up: filtered by owner, by project, by state and to the overdue
// ones; each links to its meeting and §, and can be marked done (also in
// checked minutes, whose tasks' follow-up stays open).
type tasksView struct {
	u       *UI
	v       *meetingsView
	content fyne.CanvasObject

	owner   *widget.Select
	project *widget.Select
	state   *widget.Select
	overdue *widget.Check
	count   *widget.Label
	rows    *fyne.Container

	data  tasksData
	shown []taskRow
	// ownerKeys and projectIDs are the choices behind the selects ("" and
	// NilID first: all).
	ownerKeys  []string
	projectIDs []model.ID
	generation int
}

// taskRow is one task where it was given.
type taskRow struct {
	ref model.TaskRef
	// item and task are the indexes in the meeting.
	item, task int
	project    model.ID
}

// ownerKey tells task owners apart: the contact, else the name.
func ownerKey(p model.Person) string {
	if !p.Contact.IsZero() {
		return "c:" + p.Contact.String()
	}
	return "n:" + p.Name
}

type tasksData struct {
	rows     []taskRow
	projects []model.Summary
}

// Task states the filter offers.
var taskStates = []string{"open", "all", "done"}

func newTasksView(u *UI, v *meetingsView) *tasksView {
	t := &tasksView{u: u, v: v, rows: container.NewVBox(), count: widget.NewLabel("")}
	t.owner = newSelect(nil, func(string) { t.refresh() })
	t.project = newSelect(nil, func(string) { t.refresh() })
	stateLabels := make([]string, len(taskStates))
	for i, s := range taskStates {
		stateLabels[i] = T("meetings_ui.tasks_" + s)
	}
	t.state = newSelect(stateLabels, func(string) { t.refresh() })
	t.overdue = widget.NewCheck(T("meetings_ui.only_overdue"), func(bool) { t.refresh() })
	t.state.SetSelectedIndex(0)
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(t.overdue, t.count),
		container.NewGridWithColumns(3, t.project, t.owner, t.state))
	t.content = container.NewBorder(container.NewVBox(filters, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(t.rows))
	return t
}

// reload reads every meeting again.
func (t *tasksView) reload() {
	t.generation++
	gen := t.generation
	background(t.u, func(ctx context.Context, svc model.Services) (tasksData, error) {
		var d tasksData
		ms, err := loadAllMeetings(ctx, svc)
		if err != nil {
			return d, err
		}
		projectOf, projects, err := groupProjects(ctx, svc)
		if err != nil {
			return d, err
		}
		d.projects = projects
		for _, ref := range model.AllTasks(ms) {
			row := taskRow{ref: ref, project: projectOf[ref.Meeting.Group]}
			for i := range ref.Meeting.Items {
				if &ref.Meeting.Items[i] == ref.Item {
					row.item = i
					for j := range ref.Item.Tasks {
						if &ref.Item.Tasks[j] == ref.Task {
							row.task = j
						}
					}
				}
			}
			d.rows = append(d.rows, row)
		}
		return d, nil
	}, func(d tasksData) {
		if gen != t.generation {
			return
		}
		t.data = d
		t.fillChoices()
		t.refresh()
	})
}

// groupProjects maps every group to its project and lists the projects.
func groupProjects(ctx context.Context, svc model.Services) (map[model.ID]model.ID, []model.Summary, error) {
	out := map[model.ID]model.ID{}
	groups, err := svc.Groups.List(ctx, model.Filter{})
	if err != nil {
		return nil, nil, err
	}
	for _, g := range groups.Items {
		for _, f := range g.Facets {
			if p, ok := strings.CutPrefix(f, "project:"); ok {
				if id, err := model.ParseID(p); err == nil {
					out[g.ID] = id
				}
			}
		}
	}
	projects, err := svc.Projects.List(ctx, model.Filter{})
	if err != nil {
		return nil, nil, err
	}
	return out, projects.Items, nil
}

// fillChoices offers the owners and projects the tasks have, keeping the
// choices made.
func (t *tasksView) fillChoices() {
	oldOwner, oldProject := "", model.NilID
	if i := t.owner.SelectedIndex(); i > 0 && i < len(t.ownerKeys) {
		oldOwner = t.ownerKeys[i]
	}
	if i := t.project.SelectedIndex(); i > 0 && i < len(t.projectIDs) {
		oldProject = t.projectIDs[i]
	}
	names := map[string]string{}
	for _, r := range t.data.rows {
		if o := r.ref.Task.Owner; !o.IsZero() {
			names[ownerKey(o)] = o.Name
		}
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return model.CompareNames(names[a], names[b]) })
	t.ownerKeys = append([]string{""}, keys...)
	labels := []string{T("meetings_ui.all_owners")}
	for _, k := range keys {
		labels = append(labels, names[k])
	}
	t.owner.OnChanged = nil
	t.owner.SetOptions(labels)
	t.owner.SetSelectedIndex(max(slices.Index(t.ownerKeys, oldOwner), 0))
	t.owner.OnChanged = func(string) { t.refresh() }

	used := map[model.ID]bool{}
	for _, r := range t.data.rows {
		used[r.project] = true
	}
	t.projectIDs = []model.ID{model.NilID}
	plabels := []string{T("meetings_ui.all_projects")}
	for _, p := range t.data.projects {
		if used[p.ID] {
			t.projectIDs = append(t.projectIDs, p.ID)
			plabels = append(plabels, p.Title)
		}
	}
	t.project.OnChanged = nil
	t.project.SetOptions(plabels)
	t.project.SetSelectedIndex(max(slices.Index(t.projectIDs, oldProject), 0))
	t.project.OnChanged = func(string) { t.refresh() }
}

// setOwner and setProject choose a filter (tests).
func (t *tasksView) setOwner(key string) {
	t.owner.SetSelectedIndex(max(slices.Index(t.ownerKeys, key), 0))
}

func (t *tasksView) setProject(id model.ID) {
	t.project.SetSelectedIndex(max(slices.Index(t.projectIDs, id), 0))
}

// taskColumns: description, owner, due date, where given.
var taskColumns = []float32{0.34, 0.17, 0.19}

// refresh shows the tasks the filters let through.
func (t *tasksView) refresh() {
	today := model.Today()
	owner, project := "", model.NilID
	if i := t.owner.SelectedIndex(); i > 0 && i < len(t.ownerKeys) {
		owner = t.ownerKeys[i]
	}
	if i := t.project.SelectedIndex(); i > 0 && i < len(t.projectIDs) {
		project = t.projectIDs[i]
	}
	state := taskStates[max(t.state.SelectedIndex(), 0)]
	t.shown = nil
	t.rows.Objects = nil
	for _, r := range t.data.rows {
		task := r.ref.Task
		switch {
		case owner != "" && ownerKey(task.Owner) != owner,
			!project.IsZero() && r.project != project,
			state == "open" && !task.IsOpen(),
			state == "done" && task.IsOpen(),
			t.overdue.Checked && !task.Overdue(today):
			continue
		}
		t.shown = append(t.shown, r)
		t.rows.Add(t.line(r, today))
	}
	if len(t.shown) == 0 {
		t.rows.Add(placeholder(T("meetings_ui.no_tasks")))
	}
	t.count.SetText(T("ui.count", map[string]any{"Count": len(t.shown)}))
	t.rows.Refresh()
}

func (t *tasksView) line(r taskRow, today model.Date) fyne.CanvasObject {
	task := r.ref.Task
	done := widget.NewCheck("", nil)
	done.SetChecked(!task.IsOpen())
	done.OnChanged = func(on bool) { t.setDone(r, on) }
	desc := wrapped(task.Description)
	owner := truncated(task.Owner.Name)
	due := truncated(task.Due.String())
	if task.Overdue(today) {
		due.SetText(T("meetings_ui.overdue_since", map[string]any{"When": task.Due.String()}))
		due.Importance = widget.DangerImportance
	}
	m := r.ref.Meeting
	link := widget.NewHyperlink(itemRef(m, r.ref.Item, false), nil)
	link.Truncation = fyne.TextTruncateEllipsis
	link.OnTapped = func() { t.v.openMeeting(m.ID) }
	return container.NewBorder(nil, nil, done, nil,
		container.New(&columnsLayout{shares: taskColumns}, desc, owner, due, link))
}

// setDone marks a task done or open again in its meeting.
func (t *tasksView) setDone(r taskRow, on bool) {
	id, item, task := r.ref.Meeting.ID, r.item, r.task
	if e := t.v.openEditor(id); e != nil && e.setTaskDone(item, task, on) {
		// The minutes are open: the change goes through their autosave.
		e.auto.flush(func(bool) { t.reload() })
		return
	}
	backgroundErr(t.u, func(ctx context.Context, svc model.Services) error {
		return model.NewMeetingWork(svc).SetTaskDone(ctx, id, item, task, on)
	}, func(err error) {
		if err != nil {
			t.u.showError(err)
		}
		t.reload()
	})
}
