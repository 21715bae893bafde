package model

import "context"

// EachPerson calls fn with every Person the meeting names: chair,
// secretary, checkers, attendees and their deputies, and the presenters,
// dissenters, people with a conflict of interest and task owners of its
// items.
func (m *Meeting) EachPerson(fn func(p *Person)) {
	fn(&m.Chair)
	fn(&m.Secretary)
	for i := range m.Checkers {
		fn(&m.Checkers[i])
	}
	for i := range m.Attendance {
		fn(&m.Attendance[i].Person)
		fn(&m.Attendance[i].Deputy)
	}
	for i := range m.Items {
		it := &m.Items[i]
		fn(&it.Presenter)
		for j := range it.Dissents {
			fn(&it.Dissents[j].By)
		}
		for j := range it.Conflicts {
			fn(&it.Conflicts[j].By)
		}
		for j := range it.Tasks {
			fn(&it.Tasks[j].Owner)
		}
		it.eachVotingPerson(func(_ string, p *Person) { fn(p) })
	}
	for i := range m.Checked.By {
		fn(&m.Checked.By[i])
	}
}

// ContactNames adds to names the name of each contact id that is not
// there yet, as the contact's summary gives it; a contact that cannot be
// read is left out.
func ContactNames(ctx context.Context, q Queries, names map[ID]string, ids ...ID) {
	for _, id := range ids {
		if id.IsZero() {
			continue
		}
		if _, ok := names[id]; ok {
			continue
		}
		if s, err := q.Summary(ctx, id); err == nil {
			names[id] = s.Title
		}
	}
}

// fillContactNames copies the current name of every contact m names into
// m (FillNames), so that the minutes read right even when a contact is
// later deleted.
func fillContactNames(ctx context.Context, q Queries, m *Meeting) {
	names := map[ID]string{}
	m.EachPerson(func(p *Person) { ContactNames(ctx, q, names, p.Contact) })
	m.FillNames(func(id ID) string { return names[id] })
}
