package model

import (
	"context"
	"testing"
)

func confidentialMeeting() *Meeting {
	ground := &Confidential{Ground: "JulkL 24 § 1 mom. 25 k"}
	return &Meeting{Items: []AgendaItem{
		{Number: 5, Title: "Henkilöstöasia", Background: "salainen tausta", Decision: "salainen päätös", Confidential: ground,
			Dissents: []Dissent{{By: Person{Name: "A"}, Text: "salainen eriävä"}}, Tasks: []Task{{Description: "salainen tehtävä"}}},
		{Number: 6, Title: "Palveluverkko", Decision: "julkinen päätös",
			Tasks: []Task{{Description: "julkinen tehtävä"}, {Description: "salainen tehtävä 2", Confidential: ground}}},
	}}
}

func TestRedact(t *testing.T) {
	m := confidentialMeeting()
	if !Redact(m, nil) {
		t.Fatal("Redact reports nothing taken out")
	}
	it := m.Items[0]
	if it.Title != "Henkilöstöasia" || it.Number != 5 || it.Confidential == nil {
		t.Errorf("the heading or the mark went: %+v", it)
	}
	if got, want := it.Background, "Salassa pidettävä (JulkL 24 § 1 mom. 25 k)"; got != want {
		t.Errorf("background = %q, want %q", got, want)
	}
	if it.Decision != "" || len(it.Dissents)+len(it.Tasks) != 0 {
		t.Errorf("confidential content kept: %+v", it)
	}
	if got := m.Items[1].Tasks; len(got) != 1 || got[0].Description != "julkinen tehtävä" {
		t.Errorf("tasks of the open item = %+v, want the public one only", got)
	}
	if Redact(m, nil) {
		t.Error("a second Redact reports a change")
	}
	c := &Contact{LastName: "X", Notes: "salaista", NotesConfidential: &Confidential{Ground: "JulkL 24 §"}}
	if !Redact(c, nil) || c.Notes != "" {
		t.Errorf("confidential notes kept: %q", c.Notes)
	}
}

func TestKeepConfidential(t *testing.T) {
	mine := confidentialMeeting()
	theirs := confidentialMeeting()
	Redact(theirs, nil)
	theirs.Items[1].Decision = "muutettu päätös"
	if !KeepConfidential(theirs, mine) {
		t.Fatal("nothing put back")
	}
	if theirs.Items[0].Decision != "salainen päätös" || len(theirs.Items[0].Tasks) != 1 {
		t.Errorf("the confidential item was not put back: %+v", theirs.Items[0])
	}
	if len(theirs.Items[1].Tasks) != 2 || theirs.Items[1].Decision != "muutettu päätös" {
		t.Errorf("the open item = %+v, want their decision and both tasks", theirs.Items[1])
	}
}

func TestConfidentialNeedsGround(t *testing.T) {
	m := &Meeting{Group: NewID(), Date: MustDate(2026, 11, 3), Items: []AgendaItem{{Title: "Asia", Confidential: &Confidential{}}}}
	m.Normalize()
	errs := FieldErrors(m.Validate())
	if len(errs) != 1 || errs[0].Field != "items[0].confidential.ground" {
		t.Errorf("errors = %v, want items[0].confidential.ground", errs)
	}
}

func TestWithoutConfidentialLeavesTheStoreAlone(t *testing.T) {
	m := confidentialMeeting()
	svc := WithoutConfidential(Services{Meetings: fakeMeetings{m}}, nil)
	got, err := svc.Meetings.Get(context.Background(), NilID)
	if err != nil {
		t.Fatal(err)
	}
	if got == m || got.Items[0].Decision != "" {
		t.Error("the export's copy was not redacted")
	}
	if m.Items[0].Decision != "salainen päätös" {
		t.Error("redacting changed the stored record")
	}
}

type fakeMeetings struct{ m *Meeting }

func (f fakeMeetings) Get(context.Context, ID) (*Meeting, error)        { return f.m, nil }
func (f fakeMeetings) List(context.Context, Filter) (Page, error)       { return Page{}, nil }
func (f fakeMeetings) Create(context.Context, *Meeting) error           { return nil }
func (f fakeMeetings) Update(context.Context, *Meeting) error           { return nil }
func (f fakeMeetings) Delete(context.Context, ID, bool) error           { return nil }
func (f fakeMeetings) Restore(context.Context, ID) error                { return nil }
func (f fakeMeetings) Purge(context.Context, ID) error                  { return nil }
func (f fakeMeetings) History(context.Context, ID) ([]*Meeting, error)  { return nil, nil }
func (f fakeMeetings) RestoreRevision(context.Context, ID, ID) error    { return nil }
func (f fakeMeetings) Each(context.Context, func(*Meeting) error) error { return nil }

func TestErasedLabelAndErasePersonFrom(t *testing.T) {
	if got := ErasedLabel(RoleMember, "Jyväskylä"); got != "jäsen, Jyväskylä" {
		t.Errorf("label = %q", got)
	}
	if got := ErasedLabel("", ""); got != ErasedPerson {
		t.Errorf("label = %q, want %q", got, ErasedPerson)
	}
	id := NewID()
	m := &Meeting{Chair: Person{Contact: id, Name: "Lauri Heikkinen"}, Secretary: Person{Name: "Lauri Heikkinen"},
		Items: []AgendaItem{{Title: "Asia", Background: "Lauri Heikkinen esitteli."}}}
	names := NameVariants(&Contact{FirstName: "Lauri", LastName: "Heikkinen"})
	if !ErasePersonFrom(m, id, names, "jäsen", false) {
		t.Fatal("nothing changed")
	}
	if m.Chair != (Person{Name: "jäsen"}) || m.Secretary != (Person{Name: "jäsen"}) {
		t.Errorf("people = %+v, %+v", m.Chair, m.Secretary)
	}
	if m.Items[0].Background != "Lauri Heikkinen esitteli." {
		t.Error("the text changed without being asked")
	}
	if len(TextsNaming(m, names)) != 1 {
		t.Error("the text naming the person is not listed")
	}
	ErasePersonFrom(m, id, names, "jäsen", true)
	if m.Items[0].Background != "jäsen esitteli." {
		t.Errorf("background = %q", m.Items[0].Background)
	}
}

// TestRedactTakesTheVoteToo: a confidential item's proposals, vote and
// elections are its content and go with its texts.
func TestRedactTakesTheVoteToo(t *testing.T) {
	m := &Meeting{Items: []AgendaItem{{Title: "Virkavaali", Background: ConfidentialText("JulkL 24 § 1 mom. 29 k"),
		Confidential:     &Confidential{Ground: "JulkL 24 § 1 mom. 29 k"},
		CounterProposals: []CounterProposal{{Text: "Valitaan Virtanen"}},
		Vote:             &Vote{}}}}
	if !Redact(m, nil) {
		t.Fatal("Redact left a confidential item's vote")
	}
	if it := m.Items[0]; it.Vote != nil || len(it.CounterProposals) > 0 {
		t.Fatalf("after Redact: %+v", it)
	}
}
