// Package person gathers everything the register holds about one person
// (GDPR art. 15, the right of access) into a Report, and writes it as JSON
// and as a self-contained HTML summary that can be handed to the person.
//
// Collect reads through model.Services only: the contact and its history,
// the groups it sits in (with each term), the projects it works for, and
// every meeting that names it (attendance, roles, dissents, conflicts of
// interest, tasks), plus the texts of the minutes that name it, found by a
// model.TextFinder (a plain scan of the meetings unless a search index is
// given).
package person

import (
	"context"
	"encoding/json"
	"io"
	"slices"

	"hankekirja/model"
)

// Report is what the register holds about one person.
type Report struct {
	Contact *model.Contact `json:"contact"`
	// Organisation is the name of the contact's organisation.
	Organisation string `json:"organisation,omitempty"`
	// History holds the contact's revisions, oldest first (the current
	// one last).
	History     []*model.Contact    `json:"history"`
	Memberships []Membership        `json:"memberships,omitempty"`
	Projects    []Project           `json:"projects,omitempty"`
	Meetings    []Meeting           `json:"meetings,omitempty"`
	Mentions    []model.TextMention `json:"mentions,omitempty"`
}

// Membership is a seat in a group, with its term.
type Membership struct {
	Group      model.ID     `json:"group"`
	GroupName  string       `json:"group_name"`
	Role       model.Role   `json:"role"`
	Represents string       `json:"represents,omitempty"`
	Term       model.Period `json:"term,omitzero"`
}

// Project is a project the person works for or whose groups they sit in.
type Project struct {
	ID   model.ID `json:"id"`
	Name string   `json:"name"`
}

// Meeting is one meeting that names the person and everything it says
// about them.
type Meeting struct {
	ID    model.ID   `json:"id"`
	Title string     `json:"title"`
	Date  model.Date `json:"date,omitzero"`
	// Roles are the person's parts in it: "chair", "secretary",
	// "checker", "presenter" (of an item).
	Roles      []string        `json:"roles,omitempty"`
	Attendance *model.Attendee `json:"attendance,omitempty"`
	Deputy     bool            `json:"deputy,omitempty"`
	Dissents   []ItemText      `json:"dissents,omitempty"`
	Conflicts  []ItemText      `json:"conflicts,omitempty"`
	Tasks      []Task          `json:"tasks,omitempty"`
}

// ItemText is a text of one agenda item (a dissent, a conflict's reason).
type ItemText struct {
	Number int    `json:"number,omitempty"`
	Item   string `json:"item"`
	Text   string `json:"text,omitempty"`
}

// Task is a task the person was given.
type Task struct {
	ItemText
	Due    model.Date       `json:"due,omitzero"`
	Status model.TaskStatus `json:"status"`
}

// Collect gathers the report of contact id. find finds the texts naming
// the person; nil scans every meeting (model.ScanTexts).
//
// Errors: ENOTFOUND for an unknown contact.
func Collect(ctx context.Context, svc model.Services, id model.ID, find model.TextFinder) (*Report, error) {
	if find == nil {
		find = model.ScanTexts(svc)
	}
	var r *Report
	read := func(ctx context.Context) error {
		var err error
		r, err = collect(ctx, svc, id, find)
		return err
	}
	if svc.View != nil {
		return r, svc.View(ctx, read)
	}
	return r, read(ctx)
}

func collect(ctx context.Context, svc model.Services, id model.ID, find model.TextFinder) (*Report, error) {
	c, err := svc.Contacts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	r := &Report{Contact: c}
	if r.History, err = svc.Contacts.History(ctx, id); err != nil {
		return nil, err
	}
	if !c.Organisation.IsZero() {
		if s, err := svc.Queries.Summary(ctx, c.Organisation); err == nil {
			r.Organisation = s.Title
		}
	}
	roles, err := svc.Queries.RolesOfContact(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, g := range roles {
		m := Membership{Group: g.Group.ID, GroupName: g.Group.Title, Role: g.Membership.Role, Term: g.Membership.Term}
		if !g.Membership.Represents.IsZero() {
			if s, err := svc.Queries.Summary(ctx, g.Membership.Represents); err == nil {
				m.Represents = s.Title
			}
		}
		r.Memberships = append(r.Memberships, m)
	}
	projects, err := svc.Queries.ProjectsOfContact(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, p := range projects {
		r.Projects = append(r.Projects, Project{ID: p.ID, Name: p.Title})
	}
	refs, err := svc.Queries.ReferencesTo(ctx, id)
	if err != nil {
		return nil, err
	}
	var meetings []model.ID
	for _, ref := range refs {
		if ref.From.Kind == model.KindMeeting && !slices.Contains(meetings, ref.From.ID) {
			meetings = append(meetings, ref.From.ID)
		}
	}
	for _, mid := range meetings {
		m, err := svc.Meetings.Get(ctx, mid)
		if err != nil {
			return nil, err
		}
		r.Meetings = append(r.Meetings, meetingOf(m, id))
	}
	slices.SortStableFunc(r.Meetings, func(a, b Meeting) int { return a.Date.Compare(b.Date) })
	if r.Mentions, err = find(ctx, model.NameVariants(r.History...)); err != nil {
		return nil, err
	}
	return r, nil
}

// meetingOf picks out of m what it says about contact id.
func meetingOf(m *model.Meeting, id model.ID) Meeting {
	out := Meeting{ID: m.ID, Title: m.Title(), Date: m.Date}
	role := func(name string) {
		if !slices.Contains(out.Roles, name) {
			out.Roles = append(out.Roles, name)
		}
	}
	if m.Chair.Is(id) {
		role("chair")
	}
	if m.Secretary.Is(id) {
		role("secretary")
	}
	for _, p := range m.Checkers {
		if p.Is(id) {
			role("checker")
		}
	}
	for _, a := range m.Attendance {
		if a.Is(id) || a.Deputy.Is(id) {
			a := a
			out.Attendance = &a
			out.Deputy = a.Deputy.Is(id)
		}
	}
	for _, it := range m.Items {
		at := ItemText{Number: it.Number, Item: it.Title}
		if it.Presenter.Is(id) {
			role("presenter")
		}
		for _, d := range it.Dissents {
			if d.By.Is(id) {
				x := at
				x.Text = d.Text
				out.Dissents = append(out.Dissents, x)
			}
		}
		for _, c := range it.Conflicts {
			if c.By.Is(id) {
				x := at
				x.Text = c.Reason
				out.Conflicts = append(out.Conflicts, x)
			}
		}
		for _, t := range it.Tasks {
			if t.Owner.Is(id) {
				x := at
				x.Text = t.Description
				out.Tasks = append(out.Tasks, Task{ItemText: x, Due: t.Due, Status: t.Status})
			}
		}
	}
	return out
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
