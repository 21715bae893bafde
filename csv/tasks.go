package csv

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

// taskTable is the follow-up list of the tasks that meetings' decisions
// gave: one row per task, by meeting and § (agenda item). A task is
// identified by its meeting's ID, its § and its number within the item
// (1, 2, ...); a row without a number adds a task to the item. Import
// changes the description, owner, due date, status and done date; the
// meeting's and item's columns are there to read. Checked minutes accept
// only tasks marked done, as in the window.
type taskTable struct{}

var taskKeys = []string{"meeting_id", "group", "meeting", "meeting_date", "item", "item_title", "task_no", "description", "owner", "due", "task_status", "done_on"}
var taskTypes = []cellType{cellText, cellText, cellText, cellDate, cellNumber, cellText, cellNumber, cellText, cellText, cellDate, cellText, cellDate}

func (taskTable) kind() model.Kind { return model.KindMeeting }
func (taskTable) keys() []string   { return taskKeys }

// personText is a person's name: the contact's when it is one.
func personText(ix *importing.Index, p model.Person) string {
	if !p.Contact.IsZero() {
		return ix.RefText(p.Contact, model.KindContact)
	}
	return p.Name
}

func (t taskTable) export(ctx context.Context, x *env, w *writer, only []model.ID) error {
	head := make([]string, len(taskKeys))
	for i, k := range taskKeys {
		head[i] = header(x.lang, k)
	}
	w.row(head, nil)
	meetings := slices.Clone(x.ix.Meetings)
	slices.SortStableFunc(meetings, func(a, b *model.Meeting) int { return a.Date.Compare(b.Date) })
	for _, m := range meetings {
		if err := ctx.Err(); err != nil {
			return err
		}
		if only != nil && !containsID(only, m.ID) {
			continue
		}
		for _, it := range m.Items {
			for j, task := range it.Tasks {
				w.row([]string{m.ID.String(), m.GroupName, meetingNumber(m), m.Date.String(), formatInt(it.Number), it.Title,
					strconv.Itoa(j + 1), task.Description, personText(x.ix, task.Owner), task.Due.String(),
					choice(x.lang, "task_status.", string(task.Status)), task.DoneOn.String()}, taskTypes)
			}
		}
	}
	return nil
}

// meetingNumber is "3/2019", or "" for an unnumbered meeting.
func meetingNumber(m *model.Meeting) string {
	if m.Number == 0 {
		return ""
	}
	return strconv.Itoa(m.Number) + "/" + strconv.Itoa(m.Year)
}

func (t taskTable) plan(ctx context.Context, x *env, cols []string, rows []fileRow, rep *importing.Report) ([]write, error) {
	has := map[string]bool{}
	for _, c := range cols {
		has[c] = c != ""
	}
	type change struct {
		old, m *model.Meeting
		items  []int // report items of the meeting's rows
	}
	changes := map[model.ID]*change{}
	var order []model.ID
	claimed := map[string]int{}
	for _, row := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cells := row.cells(cols)
		for k, v := range cells {
			cells[k] = strings.TrimSpace(v)
		}
		it := rep.Append(importing.Item{Row: row.n, Kind: model.KindMeeting, Title: cells["description"]})
		id, err := model.ParseID(cells["meeting_id"])
		if err != nil {
			it.Reject(row.n, cellProblem(x.lang, "meeting_id", cells["meeting_id"], &model.Error{Key: "table.bad_id"}))
			continue
		}
		orig, ok := x.ix.Get(id).(*model.Meeting)
		if !ok {
			it.Reject(row.n, cellProblem(x.lang, "meeting_id", cells["meeting_id"], &model.Error{Key: "table.unknown_ref"}))
			continue
		}
		ch := changes[id]
		if ch == nil {
			ch = &change{old: orig, m: clone(orig)}
			changes[id] = ch
			order = append(order, id)
		}
		ch.items = append(ch.items, len(rep.Items)-1)
		// The agenda item, by its § number.
		item := -1
		for i, ai := range ch.m.Items {
			if cells["item"] != "" && strconv.Itoa(ai.Number) == cells["item"] {
				item = i
			}
		}
		if item < 0 {
			it.Reject(row.n, cellProblem(x.lang, "item", cells["item"], &model.Error{Key: "table.unknown_ref"}))
			continue
		}
		tasks := &ch.m.Items[item].Tasks
		var task *model.Task
		if v := cells["task_no"]; v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > len(*tasks) {
				it.Reject(row.n, cellProblem(x.lang, "task_no", v, &model.Error{Key: "table.unknown_ref"}))
				continue
			}
			key := id.String() + "/" + cells["item"] + "/" + v
			if first, dup := claimed[key]; dup {
				it.Reject(row.n, assets.Message(x.lang, "table.same_as_row", map[string]any{"Count": first}))
				continue
			}
			claimed[key] = row.n
			task = &(*tasks)[n-1]
		} else {
			*tasks = append(*tasks, model.Task{})
			task = &(*tasks)[len(*tasks)-1]
		}
		if has["description"] {
			task.Description = cells["description"]
		}
		if has["owner"] && cells["owner"] != personText(x.ix, task.Owner) {
			task.Owner = model.Person{}
			if v := cells["owner"]; v != "" {
				if cid, err := x.ix.Resolve(v, model.KindContact); err == nil {
					task.Owner.Contact = cid
				} else {
					task.Owner.Name = v
				}
			}
		}
		for _, d := range []struct {
			key string
			p   *model.Date
		}{{"due", &task.Due}, {"done_on", &task.DoneOn}} {
			if has[d.key] {
				v, err := parseDate(cells[d.key])
				if err != nil {
					it.Reject(row.n, cellProblem(x.lang, d.key, cells[d.key], err))
				}
				*d.p = v
			}
		}
		if has["task_status"] {
			s, err := parseChoice("task_status.", model.TaskStatuses, cells["task_status"])
			if err != nil {
				it.Reject(row.n, cellProblem(x.lang, "task_status", cells["task_status"], err))
			}
			task.Status = s
		}
	}
	var writes []write
	for _, id := range order {
		ch := changes[id]
		ch.m.Normalize()
		invalid := false
		for _, i := range ch.items {
			invalid = invalid || rep.Items[i].Action == importing.Invalid
		}
		same := sameRecord[model.Meeting, *model.Meeting](ch.old, ch.m)
		var problem error
		if !invalid && !same {
			if err := ch.m.Validate(); err != nil {
				problem = err
			} else if _, err := model.CheckChange(ch.old, ch.m); err != nil {
				problem = err
			}
		}
		if problem != nil {
			for _, i := range ch.items {
				rep.Items[i].Reject(rep.Items[i].Row, assets.ErrorText(x.lang, problem))
			}
			continue
		}
		for _, i := range ch.items {
			it := &rep.Items[i]
			if it.Action == importing.Invalid {
				continue
			}
			it.ID = id
			if same {
				it.Action = importing.Unchanged
			} else {
				it.Action = importing.Update
				it.Changes = []string{assets.Message(x.lang, "kind.meeting", nil) + " " + meetingNumber(ch.m)}
			}
		}
		if same || invalid {
			continue
		}
		m := ch.m
		writes = append(writes, write{item: ch.items[0], id: id,
			do: func(ctx context.Context, svc model.Services) error { return svc.Meetings.Update(ctx, m) }})
	}
	return writes, nil
}
