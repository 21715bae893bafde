package calendar

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode"

	"hankekirja/assets"
	"hankekirja/importing"
	"hankekirja/model"
)

// ImportOptions tune Import.
type ImportOptions struct {
	importing.Options
	// Group is the group whose meetings the events become; zero takes
	// the one Suggest names, and refuses the file when it names none.
	Group model.ID
	// NewContacts creates a contact for each attendee whose email
	// address no contact has; without it they are named by their name
	// (or address) only.
	NewContacts bool
}

// formatError is a file that cannot be imported at all.
func formatError(key string, err error) error {
	args := map[string]any{}
	if err != nil {
		args["Detail"] = err.Error()
	}
	return &importing.FormatError{Key: key, Args: args, Err: err}
}

// Detect reports whether a file's first bytes are an iCalendar file.
func Detect(head []byte) bool {
	s := strings.TrimLeft(strings.TrimPrefix(string(head[:min(len(head), 512)]), "\ufeff"), " \t\r\n")
	return len(s) >= 15 && strings.EqualFold(s[:15], "BEGIN:VCALENDAR")
}

// Suggest names the group an invitation's events most likely belong to:
// the one whose name the titles say ("Ohjausryhmän kokous" for
// "Ohjausryhmä"), else the one whose chair or secretary (then a member)
// organises them. Zero when no group stands out.
func Suggest(ix *importing.Index, events []Event) model.ID {
	best, bestScore, tie := model.NilID, 0, false
	for _, g := range ix.Groups {
		if g.InTrash() {
			continue
		}
		score := 0
		name := foldName(g.Name)
		for _, ev := range events {
			if name != "" && strings.Contains(foldName(ev.Summary), stem(name)) {
				score += 4
			}
			if c := contactOf(ix, ev.Organizer.Email); c != nil {
				switch role, ok := roleIn(g, c.ID); {
				case ok && (role == model.RoleChair || role == model.RoleSecretary):
					score += 2
				case ok:
					score++
				}
			}
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = g.ID, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	if tie {
		return model.NilID
	}
	return best
}

// SuggestFor reads an iCalendar file and names the group Suggest would
// (zero when none stands out), with the groups to choose from.
func SuggestFor(ctx context.Context, svc model.Services, data []byte) (model.ID, []*model.Group, error) {
	events, err := Parse(data)
	if err != nil {
		return model.NilID, nil, err
	}
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		return model.NilID, nil, err
	}
	var groups []*model.Group
	for _, g := range ix.Groups {
		if !g.InTrash() {
			groups = append(groups, g)
		}
	}
	return Suggest(ix, events), groups, nil
}

// foldName is text for comparing names: lower case, single spaces.
func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// roleIn returns a contact's role in a group, whichever term.
func roleIn(g *model.Group, id model.ID) (model.Role, bool) {
	for _, m := range g.Members {
		if m.Contact == id {
			return m.Role, true
		}
	}
	return "", false
}

// stem drops the end a Finnish inflection changes, so "ohjausryhmä"
// also finds "ohjausryhmän" and "ohjausryhmän kokous".
func stem(s string) string {
	r := []rune(s)
	if len(r) > 6 && !unicode.IsSpace(r[len(r)-1]) {
		return string(r[:len(r)-1])
	}
	return s
}

func contactOf(ix *importing.Index, email string) *model.Contact {
	if email == "" {
		return nil
	}
	if m := ix.ContactByEmail([]string{email}); len(m) == 1 {
		return m[0]
	}
	return nil
}

// findMeeting returns the meeting an event is: one imported from the same
// UID, or the meeting whose own invitation it is.
func findMeeting(ix *importing.Index, uid string) *model.Meeting {
	if uid == "" {
		return nil
	}
	if id, ok := strings.CutSuffix(uid, "@hankekirja"); ok {
		if mid, err := model.ParseID(id); err == nil {
			if m, ok := ix.Get(mid).(*model.Meeting); ok && !m.InTrash() {
				return m
			}
		}
	}
	for _, m := range ix.Meetings {
		if m.CalendarUID == uid && !m.InTrash() {
			return m
		}
	}
	return nil
}

// Import reads an iCalendar file and makes each event a planned meeting
// of one group (opts.Group, or the suggested one): its date, start and
// end in Europe/Helsinki, place, online link, the description as the
// background of an agenda item, and the attendees matched to contacts by
// email. An event whose UID was imported before updates that meeting
// (while it is planned); METHOD:CANCEL or STATUS:CANCELLED marks it
// cancelled. Unless opts.DryRun, everything is written in one
// transaction; an event without a date makes the file rejected unless
// opts.SkipInvalid. The errors are those of csv.Import.
func Import(ctx context.Context, svc model.Services, data []byte, opts ImportOptions) (importing.Report, error) {
	rep := importing.Report{Format: "ics", Lang: opts.Lang, Kind: model.KindMeeting}
	events, err := Parse(data)
	if err != nil {
		return rep, err
	}
	if len(events) == 0 {
		return rep, formatError("ics.error.no_events", nil)
	}
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		return rep, err
	}
	group := opts.Group
	if group.IsZero() {
		group = Suggest(ix, events)
	}
	g, _ := ix.Get(group).(*model.Group)
	if g == nil || g.InTrash() {
		if group.IsZero() {
			return rep, formatError("ics.error.no_group", nil)
		}
		return rep, formatError("ics.error.unknown_group", nil)
	}
	p := &plan{ix: ix, lang: opts.Lang, group: g, newContacts: opts.NewContacts, created: map[string]*model.Contact{}}
	for i, ev := range events {
		p.event(&rep, i+1, ev)
	}
	return rep, importing.Apply(ctx, svc, &rep, opts.Options, func(ctx context.Context) error {
		return p.write(ctx, svc, &rep)
	})
}

// plan is what an import will write.
type plan struct {
	ix          *importing.Index
	lang        string
	group       *model.Group
	newContacts bool
	// created are the new contacts by email, in the order first met.
	created map[string]*model.Contact
	order   []string
	writes  []meetingWrite
}

// meetingWrite is one meeting to add or update.
type meetingWrite struct {
	item   int
	ev     Event
	stored *model.Meeting // nil: a new meeting
}

func (p *plan) msg(key string, args map[string]any) string { return assets.Message(p.lang, key, args) }

// event puts one event into the report.
func (p *plan) event(rep *importing.Report, n int, ev Event) {
	it := importing.Item{Row: n, Kind: model.KindMeeting, Title: strings.TrimSpace(ev.Summary + " " + ev.Date.String())}
	for _, key := range ev.Notes {
		it.Problems = append(it.Problems, importing.Problem{Row: n, Text: p.msg(key, nil)})
	}
	stored := findMeeting(p.ix, ev.UID)
	switch {
	case ev.Date.IsZero():
		it.Action = importing.Invalid
	case stored == nil && ev.Cancelled:
		it.Action = importing.Unchanged
		it.Problems = append(it.Problems, importing.Problem{Row: n, Text: p.msg("ics.note.cancelled_unknown", nil)})
	case stored != nil && stored.Status != model.MeetingPlanned:
		it.Action, it.ID = importing.Unchanged, stored.ID
		it.Problems = append(it.Problems, importing.Problem{Row: n, Text: p.msg("ics.note.already_held", nil)})
	case stored != nil:
		it.ID = stored.ID
		m := model.CloneMeeting(stored)
		p.apply(m, ev, nil)
		it.Changes = p.changes(stored, m)
		it.Action = importing.Unchanged
		if len(it.Changes) > 0 {
			it.Action = importing.Update
			p.writes = append(p.writes, meetingWrite{item: len(rep.Items), ev: ev, stored: stored})
		}
	default:
		it.Action = importing.Add
		p.writes = append(p.writes, meetingWrite{item: len(rep.Items), ev: ev})
	}
	rep.Items = append(rep.Items, it)
	if it.Action != importing.Add && it.Action != importing.Update {
		return
	}
	for _, a := range ev.Attendees {
		if !model.ValidEmail(a.Email) || contactOf(p.ix, a.Email) != nil || p.created[a.Email] != nil || !p.newContacts {
			continue
		}
		c := newContact(a)
		p.created[a.Email] = c
		p.order = append(p.order, a.Email)
		rep.Items = append(rep.Items, importing.Item{Row: n, Kind: model.KindContact, Action: importing.Add, Title: c.Title(),
			Problems: []importing.Problem{{Row: n, Text: p.msg("ics.note.new_contact", map[string]any{"Name": a.Email})}}})
	}
}

// newContact is a contact for an attendee no contact has the address of:
// the name from CN ("Aino Virtanen", "Virtanen, Aino") or else from the
// address ("aino.virtanen@…").
func newContact(a Address) *model.Contact {
	name := a.Name
	if name == "" {
		local, _, _ := strings.Cut(a.Email, "@")
		name = strings.NewReplacer(".", " ", "_", " ", "-", " ").Replace(local)
		words := strings.Fields(name)
		for i, w := range words {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
		name = strings.Join(words, " ")
	}
	c := &model.Contact{Emails: []string{a.Email}}
	if last, first, ok := strings.Cut(name, ","); ok {
		c.FirstName, c.LastName = strings.TrimSpace(first), strings.TrimSpace(last)
	} else if i := strings.LastIndex(strings.TrimSpace(name), " "); i > 0 {
		name = strings.TrimSpace(name)
		c.FirstName, c.LastName = strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+1:])
	} else {
		c.LastName = strings.TrimSpace(name)
	}
	// Outlook in a Finnish organisation often writes "Korhonen Eino":
	// the address (eino.korhonen@…) tells the order.
	local, _, _ := strings.Cut(a.Email, "@")
	if parts := strings.FieldsFunc(strings.ToLower(local), func(r rune) bool { return r == '.' || r == '_' }); len(parts) == 2 &&
		foldName(c.FirstName) == parts[1] && foldName(c.LastName) == parts[0] {
		c.FirstName, c.LastName = c.LastName, c.FirstName
	}
	if c.LastName == "" {
		c.LastName = a.Email
	}
	return c
}

// apply puts an event into a meeting. ids are the new contacts' records
// by email (nil while planning: they are then matched as they will be).
func (p *plan) apply(m *model.Meeting, ev Event, ids map[string]model.ID) {
	m.Date, m.Start, m.End = ev.Date, ev.Start, ev.End
	if ev.Place != "" {
		m.Place = ev.Place
	}
	if ev.Link != "" && model.ValidURL(ev.Link) {
		m.Link = ev.Link
	}
	own := ev.UID == UID(m.ID)
	if !own {
		m.CalendarUID = ev.UID
	}
	m.Cancelled = ev.Cancelled
	// The description of another program's invitation is the matter's
	// background; an invitation of this database's own holds the agenda,
	// which the meeting has already.
	if ev.Description != "" && !own {
		title := ev.Summary
		if title == "" {
			title = p.msg("ics.item_title", nil)
		}
		i := slices.IndexFunc(m.Items, func(it model.AgendaItem) bool { return it.Title == title })
		if i < 0 {
			m.Items = append(m.Items, model.AgendaItem{Title: title})
			i = len(m.Items) - 1
		}
		m.Items[i].Background = ev.Description
	}
	for _, a := range ev.Attendees {
		person := model.Person{Name: a.Name}
		if person.Name == "" {
			person.Name = a.Email
		}
		if c := contactOf(p.ix, a.Email); c != nil {
			person = model.Person{Contact: c.ID, Name: c.Title()}
		} else if id, ok := ids[a.Email]; ok {
			person = model.Person{Contact: id, Name: p.created[a.Email].Title()}
		} else if p.created[a.Email] != nil {
			// Planned: the contact to be made; counted as a change.
			person.Name = p.created[a.Email].Title()
		}
		if slices.ContainsFunc(m.Attendance, func(x model.Attendee) bool { return x.Person.Same(person) || x.Deputy.Same(person) }) {
			continue
		}
		if m.Chair.Same(person) || m.Secretary.Same(person) {
			continue
		}
		role := model.AttendeeGuest
		if _, member := roleIn(p.group, person.Contact); member && !person.Contact.IsZero() {
			role = model.AttendeeMember
		}
		m.Attendance = append(m.Attendance, model.Attendee{Person: person, Role: role})
	}
}

// changes labels what an update changes.
func (p *plan) changes(old, m *model.Meeting) []string {
	var out []string
	add := func(changed bool, key string) {
		if changed {
			out = append(out, p.msg(key, nil))
		}
	}
	add(old.Date != m.Date, "ics.change.date")
	add(old.Start != m.Start || old.End != m.End, "ics.change.time")
	add(old.Place != m.Place || old.Link != m.Link, "ics.change.place")
	add(old.Cancelled != m.Cancelled, "ics.change.cancelled")
	add(len(old.Attendance) != len(m.Attendance), "ics.change.attendance")
	add(!slices.EqualFunc(old.Items, m.Items, func(a, b model.AgendaItem) bool { return a.Title == b.Title && a.Background == b.Background }), "ics.change.background")
	add(old.CalendarUID != m.CalendarUID && len(out) > 0, "ics.change.uid")
	return out
}

// write makes the contacts, then the meetings, through the meeting use
// cases (numbers of the group's year, attendance from the members).
func (p *plan) write(ctx context.Context, svc model.Services, rep *importing.Report) error {
	ids := map[string]model.ID{}
	for _, email := range p.order {
		c := p.created[email]
		if err := svc.Contacts.Create(ctx, c); err != nil {
			return err
		}
		ids[email] = c.ID
		p.ix.Put(c)
	}
	work := model.NewMeetingWork(svc)
	for _, w := range p.writes {
		it := &rep.Items[w.item]
		stored := w.stored
		if stored == nil {
			m, err := work.Create(ctx, p.group.ID, w.ev.Date, w.ev.Start, w.ev.Place, false)
			if err != nil {
				return &importing.RowError{Row: it.Row, Err: err}
			}
			stored = m
			it.ID = m.ID
		}
		m := model.CloneMeeting(stored)
		p.apply(m, w.ev, ids)
		res, err := work.Save(ctx, m, stored, p.msg("ics.item_title", nil))
		if err != nil {
			return &importing.RowError{Row: it.Row, Err: err}
		}
		if res.Salvaged != nil {
			it.Problems = append(it.Problems, importing.Problem{Row: it.Row, Text: assets.ErrorText(p.lang, res.Salvaged)})
		}
	}
	return nil
}

// ErrNoGroup reports whether err is an import that needs a group chosen.
func ErrNoGroup(err error) bool {
	var fe *importing.FormatError
	return errors.As(err, &fe) && fe.Key == "ics.error.no_group"
}
