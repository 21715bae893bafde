package model

import (
	"slices"
	"strings"
)

// CloneMeeting copies a meeting deeply enough that the copy can be saved
// while the original goes on being edited.
func CloneMeeting(m *Meeting) *Meeting {
	if m == nil {
		return nil
	}
	c := *m
	c.Checkers = slices.Clone(m.Checkers)
	c.Attendance = slices.Clone(m.Attendance)
	c.Reopenings = slices.Clone(m.Reopenings)
	c.Items = slices.Clone(m.Items)
	c.Checked.By = slices.Clone(m.Checked.By)
	for i := range c.Items {
		it := &c.Items[i]
		it.Dissents = slices.Clone(it.Dissents)
		it.Conflicts = slices.Clone(it.Conflicts)
		it.Tasks = slices.Clone(it.Tasks)
		it.CounterProposals = slices.Clone(it.CounterProposals)
		if it.Vote != nil {
			v := *it.Vote
			v.Ballots = slices.Clone(v.Ballots)
			it.Vote = &v
		}
		it.Elections = slices.Clone(it.Elections)
		for j := range it.Elections {
			it.Elections[j].Candidates = slices.Clone(it.Elections[j].Candidates)
		}
	}
	return &c
}

// Salvage returns a copy of m that the model accepts, for the
// autosave of notes that are still incomplete: nothing typed is dropped
// except rows with nothing in them. An item without a title gets the
// title untitled, a dissent or conflict without its person gets "?",
// unreadable values (a link, a time range, § numbers of arrival) fall back
// to the stored ones or to none, and minute checkers and a vote the model
// refuses (one that does not add up) are left out until they are fixed.
func Salvage(m, stored *Meeting, untitled string) *Meeting {
	s := CloneMeeting(m)
	if stored == nil {
		stored = &Meeting{}
	}
	if s.Date.IsZero() {
		s.Date = stored.Date
	}
	if !s.Date.IsZero() && s.Number > 0 {
		s.Year = s.Date.Year
	}
	if !s.Start.IsZero() && !s.End.IsZero() && s.End.Before(s.Start) {
		s.End = Clock{}
	}
	if s.Link != "" && !ValidURL(s.Link) {
		s.Link = ""
		if ValidURL(stored.Link) {
			s.Link = stored.Link
		}
	}
	unknown := Person{Name: "?"}
	// Items.
	numbers := map[int]bool{}
	for i := range s.Items {
		it := &s.Items[i]
		if strings.TrimSpace(it.Title) == "" {
			it.Title = untitled
		}
		if it.Number < 0 || (it.Number > 0 && numbers[it.Number]) {
			it.Number = 0
		}
		numbers[it.Number] = true
		var ds []Dissent
		for _, d := range it.Dissents {
			if strings.TrimSpace(d.Text) == "" {
				continue
			}
			if d.By.IsZero() {
				d.By = unknown
			}
			ds = append(ds, d)
		}
		it.Dissents = ds
		var cs []Conflict
		for _, c := range it.Conflicts {
			if c.By.IsZero() {
				if strings.TrimSpace(c.Reason) == "" {
					continue
				}
				c.By = unknown
			}
			cs = append(cs, c)
		}
		it.Conflicts = cs
		var ts []Task
		for _, t := range it.Tasks {
			if strings.TrimSpace(t.Description) == "" {
				if t.Owner.IsZero() && t.Due.IsZero() {
					continue
				}
				t.Description = "?"
			}
			if t.Status != TaskOpen && t.Status != TaskDone {
				t.Status = TaskOpen
			}
			ts = append(ts, t)
		}
		it.Tasks = ts
		salvageVoting(it, unknown)
	}
	// Attendance.
	var att []Attendee
	for _, a := range s.Attendance {
		if a.IsZero() || slices.ContainsFunc(att, func(b Attendee) bool { return a.Person.Same(b.Person) }) {
			continue
		}
		if !slices.Contains(AttendanceStatuses, a.Status) {
			a.Status = AttendancePresent
		}
		if !slices.Contains(AttendeeRoles, a.Role) {
			a.Role = AttendeeMember
		}
		switch {
		case a.Status == AttendanceRepresented && a.Deputy.IsZero():
			a.Status = AttendanceAbsent
		case a.Status != AttendanceRepresented:
			a.Deputy = Person{}
		}
		if a.ArrivedAt != 0 && !numbers[a.ArrivedAt] {
			a.ArrivedAt = 0
		}
		if a.LeftAt != 0 && (!numbers[a.LeftAt] || a.LeftAt < a.ArrivedAt) {
			a.LeftAt = 0
		}
		att = append(att, a)
	}
	s.Attendance = att
	// Minute checkers.
	var checkers []Person
	for _, p := range s.Checkers {
		if len(checkers) == 2 || p.IsZero() || (p.Contact.IsZero() && s.Status != MeetingChecked) ||
			p.Same(s.Chair) || p.Same(s.Secretary) ||
			slices.ContainsFunc(checkers, func(q Person) bool { return p.Same(q) }) {
			continue
		}
		checkers = append(checkers, p)
	}
	s.Checkers = checkers
	// A vote that breaks a rule (it does not add up, or is against no
	// seconded counter-proposal) waits in the editor until it is fixed.
	for i := range s.Items {
		if it := &s.Items[i]; it.Vote != nil {
			var c errs
			s.validateVoting(&c, "item", it)
			for _, e := range c.list {
				if strings.HasPrefix(e.Field, "item.vote") {
					it.Vote = nil
					break
				}
			}
		}
	}
	return s
}

// salvageVoting keeps what an item's proposals and elections say, "?"
// for a missing name or text, and drops rows with nothing in them. The
// vote is checked by Validate afterwards (see Salvage's caller): one that
// breaks a rule is left out of the salvaged copy.
func salvageVoting(it *AgendaItem, unknown Person) {
	var ps []CounterProposal
	for _, p := range it.CounterProposals {
		if p.By.IsZero() && p.SecondedBy.IsZero() && strings.TrimSpace(p.Text) == "" {
			continue
		}
		if p.By.IsZero() {
			p.By = unknown
		}
		if strings.TrimSpace(p.Text) == "" {
			p.Text = "?"
		}
		if p.SecondedBy.Same(p.By) {
			p.SecondedBy = Person{}
		}
		ps = append(ps, p)
	}
	it.CounterProposals = ps
	var es []Election
	for _, e := range it.Elections {
		if strings.TrimSpace(e.Office) == "" && e.Elected.IsZero() && len(e.Candidates) == 0 {
			continue
		}
		if strings.TrimSpace(e.Office) == "" {
			e.Office = "?"
		}
		if e.Elected.IsZero() {
			e.Elected = unknown
		}
		for k := range e.Candidates {
			e.Candidates[k].Votes = max(e.Candidates[k].Votes, 0)
		}
		es = append(es, e)
	}
	it.Elections = es
	if !slices.Contains(StandardItems, it.Standard) {
		it.Standard = ""
	}
}
