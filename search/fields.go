package search

import (
	"strings"

	"hankekirja/model"
)

// Field says where in a record a text is. The codes are stored in the
// index, so they never change meaning; add new ones at the end.
type Field uint8

// The fields of every kind that the index reads.
const (
	FieldName Field = iota + 1
	FieldShortName
	FieldJobTitle
	FieldEmail
	FieldPhone
	FieldBusinessID
	FieldNotes
	FieldDescription
	FieldGoal
	FieldTag
	FieldMunicipality
	FieldMandate
	FieldPlace
	FieldItemTitle
	FieldBackground
	FieldProposal
	FieldDiscussion
	FieldDecision
	FieldDissent
	FieldConflict
	FieldTask
	FieldCity
	FieldMilestone
	FieldGroupName
	FieldPerson
	FieldCode
)

var fieldNames = map[Field]string{
	FieldName: "name", FieldShortName: "short_name", FieldJobTitle: "job_title",
	FieldEmail: "email", FieldPhone: "phone", FieldBusinessID: "business_id",
	FieldNotes: "notes", FieldDescription: "description", FieldGoal: "goal",
	FieldTag: "tag", FieldMunicipality: "municipality", FieldMandate: "mandate",
	FieldPlace: "place", FieldItemTitle: "item_title", FieldBackground: "background",
	FieldProposal: "proposal", FieldDiscussion: "discussion", FieldDecision: "decision",
	FieldDissent: "dissent", FieldConflict: "conflict", FieldTask: "task",
	FieldCity: "city", FieldMilestone: "milestone", FieldGroupName: "group_name",
	FieldPerson: "person", FieldCode: "code",
}

// String is the field's name in JSON and in the translation keys
// ("search.field.decision").
func (f Field) String() string { return fieldNames[f] }

// IsName reports whether the field names the record (a match there ranks
// above a match in running text).
func (f Field) IsName() bool {
	switch f {
	case FieldName, FieldShortName, FieldEmail, FieldPhone, FieldBusinessID, FieldCode:
		return true
	}
	return false
}

// Text is one text of a record: which field, for a meeting which agenda
// item (its index in Items plus one; 0 for the meeting itself), and the
// text as the user wrote it.
type Text struct {
	Field Field
	Item  int
	Text  string
}

// Names resolves the IDs a record refers to into the names the index
// keeps with it (a project's participating municipalities, in Finnish and
// Swedish). A nil Names keeps no such names.
type Names func(id model.ID) []string

// Texts lists every text a user wrote in r that search finds it by.
func Texts(r model.Record, names Names) []Text {
	var out []Text
	add := func(f Field, item int, s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, Text{f, item, s})
		}
	}
	switch r := r.(type) {
	case *model.Contact:
		add(FieldName, 0, r.Title())
		add(FieldJobTitle, 0, r.JobTitle)
		for _, e := range r.Emails {
			add(FieldEmail, 0, e)
		}
		for _, p := range r.Phones {
			add(FieldPhone, 0, p)
		}
		add(FieldCity, 0, r.Address.City)
		add(FieldNotes, 0, r.Notes)
	case *model.Organisation:
		add(FieldName, 0, r.Name)
		add(FieldBusinessID, 0, r.BusinessID)
		add(FieldCity, 0, r.Address.City)
		add(FieldNotes, 0, r.Notes)
	case *model.Municipality:
		add(FieldName, 0, r.Name.FI)
		if r.Name.SV != r.Name.FI {
			add(FieldName, 0, r.Name.SV)
		}
		add(FieldCode, 0, r.Code)
	case *model.Project:
		add(FieldName, 0, r.Name)
		add(FieldShortName, 0, r.ShortName)
		add(FieldDescription, 0, r.Description)
		for _, g := range r.Goals {
			add(FieldGoal, 0, g)
		}
		for _, t := range r.Tags {
			add(FieldTag, 0, t)
		}
		for _, m := range r.Milestones {
			add(FieldMilestone, 0, m.Description)
		}
		if names != nil {
			for _, p := range r.Municipalities {
				add(FieldMunicipality, 0, strings.Join(names(p.Municipality), " "))
			}
		}
	case *model.Group:
		add(FieldName, 0, r.Name)
		add(FieldMandate, 0, r.Mandate)
	case *model.Meeting:
		add(FieldName, 0, r.Title())
		add(FieldPlace, 0, r.Place)
		for i, it := range r.Items {
			n := i + 1
			add(FieldItemTitle, n, it.Title)
			add(FieldBackground, n, it.Background)
			add(FieldProposal, n, it.Proposal)
			add(FieldDiscussion, n, it.Discussion)
			add(FieldDecision, n, it.Decision)
			// People's names are texts of their own, so that a surname
			// is found by its start as in a contact's name.
			for _, d := range it.Dissents {
				add(FieldDissent, n, d.Text)
				add(FieldPerson, n, d.By.Name)
			}
			for _, c := range it.Conflicts {
				add(FieldConflict, n, c.Reason)
				add(FieldPerson, n, c.By.Name)
			}
			for _, t := range it.Tasks {
				add(FieldTask, n, t.Description)
				add(FieldPerson, n, t.Owner.Name)
			}
		}
	default:
		add(FieldName, 0, r.Title())
	}
	return out
}

// Date is the day a record is about, for ordering equal matches newest
// first: a meeting's date as yyyymmdd, 0 for other kinds.
func Date(r model.Record) uint32 {
	if m, ok := r.(*model.Meeting); ok && !m.Date.IsZero() {
		return uint32(m.Date.Year*10000 + int(m.Date.Month)*100 + m.Date.Day)
	}
	return 0
}
