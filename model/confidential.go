package model

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
)

// Confidential marks an agenda item, a task or a contact's notes as
// salassa pidettävä, with the legal ground of the secrecy ("JulkL 24 § 1
// mom. 25 k"). Exports leave the content out unless they are told to
// include it; the minutes then show the item's heading and "Salassa
// pidettävä (ground)".
type Confidential struct {
	Ground string `json:"ground"`
}

func (c *Confidential) validate(field string) *Error {
	if c == nil {
		return nil
	}
	return required(field+".ground", c.Ground)
}

// ConfidentialText is what stands in a document for a confidential text
// in Finnish, the language of the records: "Salassa pidettävä (ground)".
func ConfidentialText(ground string) string {
	if ground = strings.TrimSpace(ground); ground == "" {
		return "Salassa pidettävä"
	}
	return "Salassa pidettävä (" + ground + ")"
}

// HasConfidential reports whether any item or task of m is confidential.
func (m *Meeting) HasConfidential() bool {
	for _, it := range m.Items {
		if it.Confidential != nil {
			return true
		}
		for _, t := range it.Tasks {
			if t.Confidential != nil {
				return true
			}
		}
	}
	return false
}

// Redact takes the confidential content out of r, which it changes: a
// confidential agenda item keeps its number, heading and presenter, its
// background becomes notice(ground) and its other texts, dissents,
// conflicts and tasks go; a confidential task goes; a contact's
// confidential notes go. notice nil is ConfidentialText. The mark itself
// stays, so a reader can tell what was left out. It reports whether
// anything was taken out.
func Redact(r Record, notice func(ground string) string) bool {
	if notice == nil {
		notice = ConfidentialText
	}
	changed := false
	switch x := r.(type) {
	case *Meeting:
		for i := range x.Items {
			it := &x.Items[i]
			if it.Confidential != nil {
				bg := notice(it.Confidential.Ground)
				if it.Background != bg || it.Proposal != "" || it.Discussion != "" || it.Decision != "" ||
					len(it.Dissents)+len(it.Conflicts)+len(it.Tasks)+len(it.CounterProposals)+len(it.Elections) > 0 || it.Vote != nil {
					// A fresh item: the proposals, votes and elections of a
					// confidential matter are its content too.
					*it = AgendaItem{Number: it.Number, Title: it.Title, Presenter: it.Presenter,
						Background: bg, Confidential: it.Confidential, Standard: it.Standard}
					changed = true
				}
				continue
			}
			n := len(it.Tasks)
			it.Tasks = removeWhere(it.Tasks, func(t Task) bool { return t.Confidential != nil })
			changed = changed || n != len(it.Tasks)
		}
	case *Contact:
		if x.NotesConfidential != nil && x.Notes != "" {
			x.Notes = ""
			changed = true
		}
	}
	return changed
}

// cloneRecord returns a deep copy of r through its JSON.
func cloneRecord[T any](r *T) *T {
	b, err := json.Marshal(r)
	if err != nil {
		return r
	}
	out := new(T)
	if json.Unmarshal(b, out) != nil {
		return r
	}
	return out
}

// WithoutConfidential returns services that read as svc does, except
// that the meetings and contacts they return have their confidential
// content taken out (Redact with notice): what every export reads unless
// the user asked to include it.
func WithoutConfidential(svc Services, notice func(ground string) string) Services {
	svc.Meetings = redacting[Meeting]{svc.Meetings, notice}
	svc.Contacts = redacting[Contact]{svc.Contacts, notice}
	return svc
}

// redacting is a Service whose Get and History return redacted copies.
type redacting[T any] struct {
	Service[T]
	notice func(string) string
}

func (s redacting[T]) Get(ctx context.Context, id ID) (*T, error) {
	r, err := s.Service.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.redact(r), nil
}

func (s redacting[T]) History(ctx context.Context, id ID) ([]*T, error) {
	rs, err := s.Service.History(ctx, id)
	for i, r := range rs {
		rs[i] = s.redact(r)
	}
	return rs, err
}

func (s redacting[T]) Each(ctx context.Context, fn func(*T) error) error {
	return s.Service.Each(ctx, func(r *T) error { return fn(s.redact(r)) })
}

func (s redacting[T]) redact(r *T) *T {
	rec, ok := any(r).(Record)
	if !ok || !IsConfidential(rec) {
		return r
	}
	c := cloneRecord(r)
	Redact(any(c).(Record), s.notice)
	return c
}

// IsConfidential reports whether r holds content marked confidential.
func IsConfidential(r Record) bool {
	switch x := r.(type) {
	case *Meeting:
		return x.HasConfidential()
	case *Contact:
		return x.NotesConfidential != nil && x.Notes != ""
	}
	return false
}

// KeepConfidential puts back into theirs, a meeting from a snapshot, the
// content of the confidential items that the snapshot left out and that
// mine (the same meeting here) still has: an item of theirs that is
// marked confidential and holds only the notice takes mine's item of the
// same index and heading. It reports whether anything was put back. So a
// colleague's edit of other parts of the minutes does not replace what
// was never sent.
func KeepConfidential(theirs, mine *Meeting) bool {
	changed := false
	for i := range theirs.Items {
		t := &theirs.Items[i]
		if t.Confidential == nil || i >= len(mine.Items) {
			continue
		}
		m := mine.Items[i]
		if m.Confidential == nil || m.Title != t.Title {
			continue
		}
		redacted := AgendaItem{Number: t.Number, Title: t.Title, Presenter: t.Presenter,
			Background: ConfidentialText(t.Confidential.Ground), Confidential: t.Confidential}
		if t.Background == redacted.Background && t.Proposal == "" && t.Discussion == "" && t.Decision == "" &&
			len(t.Dissents)+len(t.Conflicts)+len(t.Tasks)+len(t.CounterProposals)+len(t.Elections) == 0 && t.Vote == nil {
			num, conf, pres := t.Number, t.Confidential, t.Presenter
			*t = m
			t.Number, t.Confidential, t.Presenter = num, conf, pres
			changed = true
		}
	}
	for i := range theirs.Items {
		t := &theirs.Items[i]
		if t.Confidential != nil || i >= len(mine.Items) || mine.Items[i].Title != t.Title ||
			slices.ContainsFunc(t.Tasks, func(x Task) bool { return x.Confidential != nil }) {
			continue
		}
		for _, task := range mine.Items[i].Tasks {
			if task.Confidential != nil {
				t.Tasks = append(t.Tasks, task)
				changed = true
			}
		}
	}
	return changed
}
