package main

import (
	"strconv"
	"strings"

	"hankekirja/model"
	"hankekirja/store"
)

// hankekirja list tasks [--open] [--overdue] [--group GROUP] [--json]
//
// Tasks live inside the meetings' agenda items; the list gathers them from
// every meeting (or the group's), soonest due first: due date, status
// ("avoin", "myöhässä" when overdue), the task, its owner, and the meeting
// and § it was given in. --open keeps the open tasks, --overdue the open
// ones past their due date.

// listers are the list subcommands that are not kinds of record; list
// hands "list NAME ..." to them.
var listers = map[string]func(c *cli, args []string) int{
	"tasks":     (*cli).listTasks,
	"task":      (*cli).listTasks,
	"tehtävät":  (*cli).listTasks,
	"tehtävä":   (*cli).listTasks,
	"uppgifter": (*cli).listTasks,
}

// listValueFlags are list's flags that take a value, so that the value is
// not taken for the name of a list ("--filter tasks").
var listValueFlags = map[string]bool{"db": true, "filter": true, "group": true}

// specialList finds a lister's name among list's arguments and returns the
// lister and the other arguments.
func specialList(args []string) (func(c *cli, args []string) int, []string, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && listValueFlags[name] {
				i++
			}
			continue
		}
		run, ok := listers[strings.ToLower(a)]
		if !ok {
			return nil, nil, false
		}
		rest := append(append([]string{}, args[:i]...), args[i+1:]...)
		return run, rest, true
	}
	return nil, nil, false
}

// taskJSON is one task in list tasks --json.
type taskJSON struct {
	Description string           `json:"description"`
	Owner       model.Person     `json:"owner,omitzero"`
	OwnerName   string           `json:"owner_name,omitempty"`
	Due         model.Date       `json:"due,omitzero"`
	Status      model.TaskStatus `json:"status"`
	DoneOn      model.Date       `json:"done_on,omitzero"`
	Overdue     bool             `json:"overdue"`
	Meeting     model.ID         `json:"meeting"`
	MeetingName string           `json:"meeting_name"`
	Group       model.ID         `json:"group"`
	Item        int              `json:"item,omitempty"`
	ItemTitle   string           `json:"item_title"`
}

func (c *cli) listTasks(args []string) int {
	fs := c.flags("list tasks")
	asJSON := fs.Bool("json", false, "print JSON")
	open := fs.Bool("open", false, "open tasks only")
	overdue := fs.Bool("overdue", false, "overdue tasks only")
	group := fs.String("group", "", "tasks of this group's meetings only")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return status
	}
	return c.withDB(func(db *store.DB) int {
		svc := db.Services()
		var f model.Filter
		if *group != "" {
			g, err := c.find(svc, model.KindGroup, *group)
			if err != nil {
				return c.fail(err)
			}
			f.Facets = append(f.Facets, "group:"+g.GetMeta().ID.String())
		}
		if *open || *overdue {
			f.Facets = append(f.Facets, "open_tasks")
		}
		page, err := svc.Meetings.List(c.ctx, f)
		if err != nil {
			return c.fail(err)
		}
		var ms []*model.Meeting
		for _, s := range page.Items {
			m, err := svc.Meetings.Get(c.ctx, s.ID)
			if err != nil {
				return c.fail(err)
			}
			ms = append(ms, m)
		}
		today := model.Today()
		var tasks []model.TaskRef
		switch {
		case *overdue:
			tasks = model.OverdueTasks(ms, today)
		case *open:
			tasks = model.OpenTasks(ms)
		default:
			tasks = model.AllTasks(ms)
		}
		names := map[model.ID]string{}
		name := func(p model.Person) string {
			if p.Contact.IsZero() {
				return p.Name
			}
			if n, ok := names[p.Contact]; ok {
				return n
			}
			n := p.Name
			if ct, err := svc.Contacts.Get(c.ctx, p.Contact); err == nil {
				n = ct.Title()
			}
			names[p.Contact] = n
			return n
		}
		if *asJSON {
			items := make([]taskJSON, 0, len(tasks))
			for _, t := range tasks {
				items = append(items, taskJSON{
					Description: t.Task.Description, Owner: t.Task.Owner, OwnerName: name(t.Task.Owner),
					Due: t.Task.Due, Status: t.Task.Status, DoneOn: t.Task.DoneOn, Overdue: t.Task.Overdue(today),
					Meeting: t.Meeting.ID, MeetingName: t.Meeting.Title(), Group: t.Meeting.Group,
					Item: t.Item.Number, ItemTitle: t.Item.Title,
				})
			}
			return c.writeJSON(items)
		}
		if len(tasks) == 0 {
			c.println(c.msg("cli.no_tasks", nil))
			return exitOK
		}
		rows := make([][]string, 0, len(tasks))
		for _, t := range tasks {
			status := c.msg("task_status."+string(t.Task.Status), nil)
			if t.Task.Overdue(today) {
				status = c.msg("minutes.overdue", nil)
			}
			where := t.Meeting.Title()
			if t.Item.Number != 0 {
				where += ", " + strconv.Itoa(t.Item.Number) + " §"
			}
			rows = append(rows, []string{t.Task.Due.String(), status, oneLineText(t.Task.Description), name(t.Task.Owner), where})
		}
		return c.writeTable(rows)
	})
}

// oneLineText puts a text on one line for a table.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
