package ui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// meetingPeople are the people an editor offers in its person fields: the
// group's members (current on the meeting's date first) and everyone the
// meeting names, by name.
type meetingPeople struct {
	names   []string
	byName  map[string]model.Person
	members map[string]bool
	// deputies are the names of the group's deputy members on the date.
	deputies []string
	// byRole are the names of the group's members on the date by role,
	// which the chair and secretary fields offer.
	byRole map[model.Role][]string
}

// withRoles returns the names of the members holding any of roles.
func (p *meetingPeople) withRoles(roles ...model.Role) []string {
	var out []string
	for _, r := range roles {
		out = append(out, p.byRole[r]...)
	}
	return out
}

func newMeetingPeople(g *model.Group, m *model.Meeting, names map[model.ID]string) *meetingPeople {
	p := &meetingPeople{byName: map[string]model.Person{}, members: map[string]bool{}, byRole: map[model.Role][]string{}}
	if g != nil {
		for _, mb := range g.MembersOn(m.Date) {
			if n := names[mb.Contact]; n != "" {
				p.addPerson(model.Person{Contact: mb.Contact, Name: n})
				p.members[n] = true
				p.byRole[mb.Role] = append(p.byRole[mb.Role], n)
				if mb.Role == model.RoleDeputy {
					p.deputies = append(p.deputies, n)
				}
			}
		}
	}
	m.EachPerson(func(q *model.Person) {
		n := q.Name
		if !q.Contact.IsZero() && names[q.Contact] != "" {
			n = names[q.Contact]
		}
		if n != "" {
			p.addPerson(model.Person{Contact: q.Contact, Name: n})
		}
	})
	if g != nil {
		for _, mb := range g.Members {
			if n := names[mb.Contact]; n != "" {
				p.addPerson(model.Person{Contact: mb.Contact, Name: n})
			}
		}
	}
	sort.Strings(p.deputies)
	return p
}

// addPerson offers a person (the first of a name wins).
func (p *meetingPeople) addPerson(q model.Person) {
	q.Name = strings.TrimSpace(q.Name)
	if q.Name == "" {
		return
	}
	if old, ok := p.byName[q.Name]; ok && (!old.Contact.IsZero() || q.Contact.IsZero()) {
		return
	}
	if _, ok := p.byName[q.Name]; !ok {
		p.names = append(p.names, q.Name)
		sort.SliceStable(p.names, func(i, j int) bool {
			return model.CompareNames(p.names[i], p.names[j]) < 0
		})
	}
	p.byName[q.Name] = q
}

// personField is a name field with a drop-down of the people the editor
// knows; a typed name that is none of them names a guest.
type personField struct {
	people  *meetingPeople
	entry   *widget.SelectEntry
	current model.Person
	// offered are the names in the drop-down.
	offered []string
}

// offer sets the names of the drop-down.
func (f *personField) offer(names []string) {
	f.offered = names
	f.entry.SetOptions(names)
}

func newPersonField(people *meetingPeople, p model.Person, onChanged func(model.Person)) *personField {
	f := &personField{people: people, current: p}
	f.entry = widget.NewSelectEntry(people.names)
	f.offered = people.names
	f.entry.SetText(p.Name)
	f.entry.OnChanged = func(string) {
		f.current = f.person()
		if onChanged != nil {
			onChanged(f.current)
		}
	}
	f.entry.SetPlaceHolder(T("meetings_ui.person_placeholder"))
	return f
}

// person reads the field.
func (f *personField) person() model.Person {
	name := strings.TrimSpace(f.entry.Text)
	switch {
	case name == "":
		return model.Person{}
	case f.current.Name == name && !f.current.Contact.IsZero():
		return f.current
	}
	if q, ok := f.people.byName[name]; ok {
		return q
	}
	return model.Person{Name: name}
}
