package model

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ErasedPerson is what the minutes say in place of a person whose data was
// erased (GDPR art. 17) when their role in the group is not known. It is
// stored text, in Finnish like the minutes themselves.
const ErasedPerson = "poistettu henkilö"

// roleNames are the Finnish names of the member roles, as an erased
// person's place in the minutes reads ("jäsen, Jyväskylä").
var roleNames = map[Role]string{
	RoleChair:          "puheenjohtaja",
	RoleViceChair:      "varapuheenjohtaja",
	RoleSecretary:      "sihteeri",
	RoleMember:         "jäsen",
	RoleDeputy:         "varajäsen",
	RoleExpert:         "asiantuntija",
	RoleStaffRepresent: "henkilöstön edustaja",
}

// ErasedLabel is the text that stands for an erased person who sat in a
// group in role, for the body named represents (either may be empty):
// "jäsen, Jyväskylä", or ErasedPerson when neither is known. It says what
// the person's part was without saying who they were.
func ErasedLabel(role Role, represents string) string {
	parts := []string{}
	if n := roleNames[role]; n != "" {
		parts = append(parts, n)
	}
	if represents = strings.TrimSpace(represents); represents != "" {
		parts = append(parts, represents)
	}
	if len(parts) == 0 {
		return ErasedPerson
	}
	return strings.Join(parts, ", ")
}

// Tombstone marks a record that was erased or purged here. It holds no
// personal data, only the ID and the day, so it can be kept for good and
// travel in snapshots: an import never brings the record back.
type Tombstone struct {
	ID ID   `json:"id"`
	On Date `json:"on"`
	// Purged is set for a record purged from the trash: it is kept from
	// coming back here, but a purge stays local and does not travel.
	Purged bool `json:"purged,omitempty"`
	// Texts is set when the erasure also replaced the name in the texts of
	// the minutes, so that a colleague's copy does the same and the
	// minutes of both read alike.
	Texts bool `json:"texts,omitempty"`
}

// TextMention is a text of the minutes that names a person: where it is,
// so the user can find and edit it.
type TextMention struct {
	Meeting      ID     `json:"meeting"`
	MeetingTitle string `json:"meeting_title"`
	Date         Date   `json:"date,omitzero"`
	// Item is the agenda item's index in the meeting and Number its §
	// number (0 while not numbered).
	Item      int    `json:"item"`
	Number    int    `json:"number,omitempty"`
	ItemTitle string `json:"item_title"`
	// Field is the text's JSON name ("background", "tasks[0].description").
	Field string `json:"field"`
	Text  string `json:"text"`
}

// EraseOptions say how far an erasure goes.
type EraseOptions struct {
	// ReplaceInTexts replaces the person's name in the texts of the
	// minutes (backgrounds, decisions, task descriptions…) with the text
	// that stands for them; otherwise those texts are only listed.
	ReplaceInTexts bool
}

// BackupChange is what an erasure did to one automatic backup.
type BackupChange struct {
	Path string `json:"path"`
	// Removed is set when the backup could not be rewritten without the
	// person and was deleted instead.
	Removed bool `json:"removed,omitempty"`
}

// EraseReport says what an erasure did.
type EraseReport struct {
	Contact ID   `json:"contact"`
	On      Date `json:"on"`
	// Records is how many other records' revisions (current or older)
	// were rewritten without the person.
	Records int `json:"records"`
	// Texts are the texts that named the person (before any replacement).
	Texts    []TextMention  `json:"texts,omitempty"`
	Replaced bool           `json:"replaced,omitempty"`
	Backups  []BackupChange `json:"backups,omitempty"`
	// Compacted is set once the file was rewritten without free pages.
	Compacted bool `json:"compacted"`
}

// NameVariants returns the forms of a contact's name that texts may use,
// longest first: "First Last" and "Last First" of every revision given.
// Names shorter than three letters are left out, so an initial does not
// match every text.
func NameVariants(revs ...*Contact) []string {
	var out []string
	for _, c := range revs {
		for _, n := range []string{c.Title(), c.SortName()} {
			if len([]rune(n)) >= 3 && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// ErasePersonFrom removes contact id from r: a group loses the
// membership, a project the staff row, and in a meeting every Person that
// is the contact (or a name-only Person with one of names) becomes label.
// With replaceTexts the names are also replaced by label in the meeting's
// texts. It reports whether r changed.
func ErasePersonFrom(r Record, id ID, names []string, label string, replaceTexts bool) bool {
	changed := EraseFromNotes(r.GetMeta(), names, label)
	switch x := r.(type) {
	case *Group:
		return x.Unlink(id) || changed
	case *Project:
		return x.Unlink(id) || changed
	case *Meeting:
		x.EachPerson(func(p *Person) {
			if p.Contact == id || (p.Contact.IsZero() && p.Name != "" && nameIn(p.Name, names)) {
				*p = Person{Name: label}
				changed = true
			}
		})
		if replaceTexts {
			x.eachText(func(_ int, _ string, s *string) {
				for _, n := range names {
					if strings.Contains(*s, n) {
						*s = strings.ReplaceAll(*s, n, label)
						changed = true
					}
				}
			})
		}
		return changed
	}
	return changed
}

// EraseFromNotes replaces names in the arguments of m's revision notes
// ("link to Lauri Heikkinen removed") with label, and reports whether
// any was replaced.
func EraseFromNotes(m *Meta, names []string, label string) bool {
	changed := false
	for i := range m.Note {
		for k, v := range m.Note[i].Args {
			for _, n := range names {
				if strings.Contains(v, n) {
					v = strings.ReplaceAll(v, n, label)
					m.Note[i].Args[k] = v
					changed = true
				}
			}
		}
	}
	return changed
}

func nameIn(name string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(name), n) {
			return true
		}
	}
	return false
}

// TextsNaming lists the texts of m that contain one of names.
func TextsNaming(m *Meeting, names []string) []TextMention {
	var out []TextMention
	m.eachText(func(i int, field string, s *string) {
		for _, n := range names {
			if strings.Contains(*s, n) {
				it := m.Items[i]
				out = append(out, TextMention{Meeting: m.ID, MeetingTitle: m.Title(), Date: m.Date,
					Item: i, Number: it.Number, ItemTitle: it.Title, Field: field, Text: *s})
				return
			}
		}
	})
	return out
}

// eachText calls fn with every free text of the meeting's agenda items:
// the item's index, the text's field path within the item and the text.
func (m *Meeting) eachText(fn func(item int, field string, s *string)) {
	for i := range m.Items {
		it := &m.Items[i]
		fn(i, "title", &it.Title)
		fn(i, "background", &it.Background)
		fn(i, "proposal", &it.Proposal)
		fn(i, "discussion", &it.Discussion)
		fn(i, "decision", &it.Decision)
		for j := range it.Dissents {
			fn(i, FieldAt("dissents", j, "text"), &it.Dissents[j].Text)
		}
		for j := range it.Conflicts {
			fn(i, FieldAt("conflicts", j, "reason"), &it.Conflicts[j].Reason)
		}
		for j := range it.Tasks {
			fn(i, FieldAt("tasks", j, "description"), &it.Tasks[j].Description)
		}
	}
}

// TextFinder finds the texts of the minutes that name a person. The plain
// scan below reads every meeting; a search index can stand in for it.
type TextFinder func(ctx context.Context, names []string) ([]TextMention, error)

// ScanTexts returns the TextFinder that reads every meeting of svc.
func ScanTexts(svc Services) TextFinder {
	return func(ctx context.Context, names []string) ([]TextMention, error) {
		if len(names) == 0 {
			return nil, nil
		}
		page, err := svc.Meetings.List(ctx, Filter{})
		if err != nil {
			return nil, err
		}
		var out []TextMention
		for _, s := range page.Items {
			m, err := svc.Meetings.Get(ctx, s.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, TextsNaming(m, names)...)
		}
		return out, nil
	}
}

// Eraser erases a person for good (package store implements it over a
// database file, which it compacts afterwards).
//
// Errors: ENOTFOUND for an unknown contact; EINVALID when id is not a
// contact.
type Eraser interface {
	ErasePerson(ctx context.Context, id ID, opts EraseOptions) (EraseReport, error)
}

// TombstoneOn returns the tombstone of a record erased at t.
func TombstoneOn(id ID, t time.Time) Tombstone { return Tombstone{ID: id, On: DateOf(t.UTC())} }
