package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"

	"hankekirja/model"
)

// contactsView lists contacts and shows a contact with their groups,
// roles and projects.
type contactsView struct {
	u *UI
	b *browser
}

func newContactsView(u *UI) *contactsView {
	v := &contactsView{u: u}
	v.b = newBrowser(u, model.KindContact, v)
	return v
}

func (v *contactsView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	return svc.Contacts.List(ctx, model.Filter{Text: query, Offset: offset, Limit: limit})
}

// contactInfo is everything the contact view shows, loaded in one go.
type contactInfo struct {
	c        *model.Contact
	org      *model.Summary
	roles    []model.GroupRole
	projects []model.Summary
}

func (v *contactsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (contactInfo, error) {
		var info contactInfo
		var err error
		if info.c, err = svc.Contacts.Get(ctx, id); err != nil {
			return info, err
		}
		if !info.c.Organisation.IsZero() {
			if s, err := svc.Queries.Summary(ctx, info.c.Organisation); err == nil {
				info.org = &s
			}
		}
		if info.roles, err = svc.Queries.RolesOfContact(ctx, id); err != nil {
			return info, err
		}
		info.projects, err = svc.Queries.ProjectsOfContact(ctx, id)
		return info, err
	}, func(info contactInfo) { done(v.render(info)) })
}

func (v *contactsView) render(info contactInfo) fyne.CanvasObject {
	c := info.c
	d := newDetails(v.u, c.Title(), c.JobTitle)
	d.actions(model.KindContact, c, func() { v.b.editRecord(c.ID) })
	if info.org != nil {
		d.rowObject(fieldLabel("organisation"), recordLink(v.u, info.org.Kind, info.org.ID, info.org.Title))
	}
	phones := make([]string, len(c.Phones))
	for i, p := range c.Phones {
		phones[i] = model.FormatPhone(p)
	}
	d.row(fieldLabel("phones"), strings.Join(phones, "\n"))
	d.row(fieldLabel("emails"), strings.Join(c.Emails, "\n"))
	d.row(fieldLabel("address"), c.Address.String())
	notesLabel := fieldLabel("notes")
	if c.NotesConfidential != nil {
		notesLabel += "\n" + confidentialMark(c.NotesConfidential)
	}
	d.row(notesLabel, c.Notes)

	today := model.Today()
	d.section(T("ui.groups_and_roles"))
	if len(info.roles) == 0 {
		d.note(T("ui.none"))
	}
	for _, r := range info.roles {
		after := T("role." + string(r.Membership.Role))
		if t := r.Membership.Term.String(); t != "" {
			after += " · " + t
		}
		if !r.Membership.Term.Contains(today) {
			after += " · " + T("ui.past")
		}
		d.link(model.KindGroup, r.Group.ID, r.Group.Title, after)
	}
	d.section(T("kinds.project"))
	if len(info.projects) == 0 {
		d.note(T("ui.none"))
	}
	for _, p := range info.projects {
		d.link(model.KindProject, p.ID, p.Title, p.Subtitle)
	}
	v.personActions(d, c)
	return d.content()
}

func (v *contactsView) edit(id model.ID) *form {
	title := T("ui.new_record", map[string]any{"Kind": kindName(model.KindContact)})
	if !id.IsZero() {
		title = T("ui.edit_record", map[string]any{"Kind": kindName(model.KindContact)})
	}
	f := newForm(v.u, title)
	c := &model.Contact{}
	first := f.entry("first_name", "")
	last := f.entry("last_name", "")
	jobTitle := f.entry("title", "")
	// The record's field is "title", but a person's title is the job
	// title (Tehtävänimike) everywhere else; "Otsikko" is an item's.
	f.items["title"].Text = fieldLabel("job_title")
	org := newRecordPicker(v.u, f, "organisation", []model.Kind{model.KindOrganisation, model.KindMunicipality})
	phones := f.commaList("phones", nil)
	emails := f.commaList("emails", nil)
	street := f.entry("street", "")
	postal := f.entry("postal_code", "")
	city := f.entry("city", "")
	notes := f.multiline("notes", "")
	notesSecret := newConfidentialField(nil, func(m *model.Confidential) { c.NotesConfidential = m; f.dirty = true })
	f.add("notes_confidential", notesSecret.content)
	fill := func(c *model.Contact) {
		first.SetText(c.FirstName)
		last.SetText(c.LastName)
		jobTitle.SetText(c.JobTitle)
		org.set(c.Organisation)
		shown := make([]string, len(c.Phones))
		for i, p := range c.Phones {
			shown[i] = model.FormatPhone(p)
		}
		phones.SetText(strings.Join(shown, ", "))
		emails.SetText(strings.Join(c.Emails, ", "))
		street.SetText(c.Address.Street)
		postal.SetText(c.Address.PostalCode)
		city.SetText(c.Address.City)
		notes.SetText(c.Notes)
		notesSecret.check.SetChecked(c.NotesConfidential != nil)
		if c.NotesConfidential != nil {
			notesSecret.ground.SetText(c.NotesConfidential.Ground)
		}
		f.dirty = false
	}
	if !id.IsZero() {
		background(v.u, func(ctx context.Context, svc model.Services) (*model.Contact, error) {
			return svc.Contacts.Get(ctx, id)
		}, func(got *model.Contact) {
			c = got
			fill(c)
		})
	}
	f.save = func() {
		c.FirstName = strings.TrimSpace(first.Text)
		c.LastName = strings.TrimSpace(last.Text)
		c.JobTitle = strings.TrimSpace(jobTitle.Text)
		c.Organisation = org.id
		c.Phones = splitList(phones.Text)
		c.Emails = splitList(emails.Text)
		c.Address = model.Address{Street: strings.TrimSpace(street.Text), PostalCode: strings.TrimSpace(postal.Text), City: strings.TrimSpace(city.Text)}
		c.Notes = notes.Text
		rec := *c
		f.store(false, func(ctx context.Context, svc model.Services) (model.ID, error) {
			var err error
			if rec.ID.IsZero() {
				err = svc.Contacts.Create(ctx, &rec)
			} else {
				err = svc.Contacts.Update(ctx, &rec)
			}
			if err == nil {
				*c = rec
			}
			return rec.ID, err
		})
	}
	return f
}
