package model

import (
	"context"
	"slices"
	"time"
)

// MeetingWork is what the window does with meetings that changes more
// than one record: each method is one use case and runs in one
// transaction (Services.Atomic), so that a failure part-way leaves every
// meeting and § number as it was. A view calls one method per user
// action.
type MeetingWork struct{ svc Services }

// NewMeetingWork returns the meeting use cases over svc.
func NewMeetingWork(svc Services) MeetingWork { return MeetingWork{svc} }

// atomic runs fn in one transaction when the services offer one.
func (w MeetingWork) atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if w.svc.Atomic == nil {
		return fn(ctx)
	}
	return w.svc.Atomic(ctx, fn)
}

// Create makes the next meeting of group on day d by the model's rules
// (NewMeeting: the agenda from the group's template, attendance from its
// members on that day, the group's open tasks for review unless
// reviewTasks is false), numbers it among the group's meetings of the
// year and saves the planned meetings whose numbers move.
//
// Errors: ENOTFOUND for an unknown group; EINVALID when the meeting breaks
// a rule.
func (w MeetingWork) Create(ctx context.Context, group ID, d Date, start Clock, place string, reviewTasks bool) (*Meeting, error) {
	var m *Meeting
	err := w.atomic(ctx, func(ctx context.Context) error {
		g, err := w.svc.Groups.Get(ctx, group)
		if err != nil {
			return err
		}
		others, err := groupMeetings(ctx, w.svc, group)
		if err != nil {
			return err
		}
		m = NewMeeting(g, d, others)
		m.Start, m.Place = start, place
		m.End = DefaultEnd(g.Rules, start)
		if !reviewTasks {
			m.Items = slices.DeleteFunc(m.Items, func(it AgendaItem) bool { return it.Title == ReviewItemTitle })
		}
		fillContactNames(ctx, w.svc.Queries, m)
		ms := append([]*Meeting{m}, others...)
		var changed []*Meeting
		for _, c := range append(NumberMeetings(ms), NumberItems(ms)...) {
			if c != m && !slices.Contains(changed, c) {
				changed = append(changed, c)
			}
		}
		if err := w.svc.Meetings.Create(ctx, m); err != nil {
			return err
		}
		for _, o := range changed {
			if err := w.svc.Meetings.Update(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// MeetingSave is what saving minutes gave.
type MeetingSave struct {
	// Saved is the meeting as stored.
	Saved *Meeting
	// Salvaged is the model's refusal of the meeting as it was typed, when
	// a salvaged copy (see Salvage) was stored instead; nil otherwise.
	Salvaged error
}

// Save stores the minutes being edited: it copies the contacts' names into
// the meeting, numbers the group's meetings and items of the year (saving
// the planned meetings whose numbers move) and updates the meeting, all
// in one transaction. When the model refuses the meeting as it is typed, a
// salvaged copy is stored instead, so that nothing typed is lost (see
// Salvage; stored is the meeting as last stored, untitled the title given
// to an item without one). When the meeting was changed elsewhere since it
// was loaded (a status button, a restored revision), what is being typed
// wins and the other version stays in the history.
//
// A save made with a context of model.WithEditSession is an autosave of
// that session (the history keeps one revision per session).
//
// Errors: ENOTFOUND; ECONFLICT when the meeting is in the trash; EINVALID
// when not even the salvaged copy is accepted.
func (w MeetingWork) Save(ctx context.Context, m, stored *Meeting, untitled string) (MeetingSave, error) {
	var res MeetingSave
	err := w.atomic(ctx, func(ctx context.Context) error {
		var err error
		res, err = w.save(ctx, CloneMeeting(m), stored, untitled)
		return err
	})
	if err != nil {
		return MeetingSave{}, err
	}
	return res, nil
}

func (w MeetingWork) save(ctx context.Context, m, stored *Meeting, untitled string) (MeetingSave, error) {
	var res MeetingSave
	fillContactNames(ctx, w.svc.Queries, m)
	m.Normalize()
	if err := m.Validate(); err != nil {
		if ErrorCode(err) != EINVALID {
			return res, err
		}
		res.Salvaged = err
		m = Salvage(m, stored, untitled)
	}
	changed, err := numberGroupMeetings(ctx, w.svc, m)
	if err != nil {
		return res, err
	}
	for _, o := range changed {
		if err := w.svc.Meetings.Update(ctx, o); err != nil {
			return res, err
		}
	}
	err = w.svc.Meetings.Update(ctx, m)
	if err != nil && ErrorCode(err) == ECONFLICT {
		if cur, gerr := w.svc.Meetings.Get(ctx, m.ID); gerr == nil && !cur.InTrash() {
			// The editor never changes the status or the reopenings.
			m.Meta, m.Status, m.Reopenings = cur.Meta, cur.Status, cur.Reopenings
			err = w.svc.Meetings.Update(ctx, m)
		}
	}
	if err != nil && res.Salvaged == nil && ErrorCode(err) == EINVALID {
		// The store's own checks (a reference) refused it: salvage.
		res.Salvaged = err
		s := Salvage(m, stored, untitled)
		s.Meta = m.Meta
		if err = w.svc.Meetings.Update(ctx, s); err == nil {
			m = s
		}
	}
	if err != nil {
		return res, err
	}
	res.Saved = m
	return res, nil
}

// SetStatus marks a meeting held or checked (or back to planned, where
// the model allows it), as one change. Marking checked records the
// checkers as the ones who checked the minutes, today (MarkChecked).
//
// Errors: ENOTFOUND; EINVALID (error.status_change and the rules of
// checked minutes) when the model refuses the change.
func (w MeetingWork) SetStatus(ctx context.Context, id ID, to MeetingStatus) error {
	return w.change(ctx, id, func(m *Meeting) error {
		if to == MeetingChecked && m.Status != MeetingChecked {
			m.MarkChecked(Today())
			return nil
		}
		m.Status = to
		return nil
	})
}

// Cancel calls a planned meeting off (or, with cancel false, on again):
// its invitation becomes a cancellation with the same UID and a higher
// SEQUENCE, which takes it out of the attendees' calendars.
//
// Errors: ENOTFOUND; EINVALID (error.cancel_held) for a meeting already
// held.
func (w MeetingWork) Cancel(ctx context.Context, id ID, cancel bool) error {
	return w.change(ctx, id, func(m *Meeting) error {
		if m.Status != MeetingPlanned {
			return Invalid("status", "error.cancel_held")
		}
		m.Cancelled = cancel
		return nil
	})
}

// Reopen reopens checked minutes for a correction, keeping the reason in
// the meeting and in its revision's note.
//
// Errors: ENOTFOUND; EINVALID when the minutes are not checked or the
// reason is empty.
func (w MeetingWork) Reopen(ctx context.Context, id ID, reason string) error {
	return w.change(ctx, id, func(m *Meeting) error { return m.Reopen(reason, time.Now()) })
}

// SetTaskDone marks task number task of item number item (counting from
// 0) of a meeting done today, or open again. Tasks of checked minutes can
// be marked too: following them up is what the minutes are for.
//
// Errors: ENOTFOUND for an unknown meeting, item or task.
func (w MeetingWork) SetTaskDone(ctx context.Context, id ID, item, task int, done bool) error {
	return w.change(ctx, id, func(m *Meeting) error {
		if item < 0 || item >= len(m.Items) || task < 0 || task >= len(m.Items[item].Tasks) {
			return NotFound(KindMeeting, id)
		}
		t := &m.Items[item].Tasks[task]
		if done {
			t.Status, t.DoneOn = TaskDone, Today()
		} else {
			t.Status, t.DoneOn = TaskOpen, Date{}
		}
		return nil
	})
}

// change reads a meeting, edits it and stores it in one transaction.
func (w MeetingWork) change(ctx context.Context, id ID, edit func(m *Meeting) error) error {
	return w.atomic(ctx, func(ctx context.Context) error {
		m, err := w.svc.Meetings.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := edit(m); err != nil {
			return err
		}
		return w.svc.Meetings.Update(ctx, m)
	})
}
