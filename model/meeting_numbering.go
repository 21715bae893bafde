package model

import (
	"context"
)

// numberGroupMeetings numbers m and the other meetings of its group (the
// model's rules: per group and calendar year, in the order held) and
// returns the other meetings whose numbers changed. New items of a held
// meeting, whose numbers are otherwise fixed, get the next free numbers.
func numberGroupMeetings(ctx context.Context, svc Services, m *Meeting) ([]*Meeting, error) {
	all, err := groupMeetings(ctx, svc, m.Group)
	if err != nil {
		return nil, err
	}
	ms := []*Meeting{m}
	for _, o := range all {
		if o.ID != m.ID {
			ms = append(ms, o)
		}
	}
	if m.Status.Locked() {
		NumberNewItems(m, ms)
	}
	var changed []*Meeting
	seen := map[ID]bool{}
	for _, c := range append(NumberMeetings(ms), NumberItems(ms)...) {
		if c != m && !seen[c.ID] {
			seen[c.ID] = true
			changed = append(changed, c)
		}
	}
	return changed, nil
}

// NumberNewItems gives the unnumbered items of a held meeting the numbers
// after its own, skipping those other held meetings of the year hold (ms).
func NumberNewItems(m *Meeting, ms []*Meeting) {
	taken := map[int]bool{}
	for _, o := range ms {
		if o.Group == m.Group && o.Date.Year == m.Date.Year && o.Status.Locked() {
			for _, it := range o.Items {
				taken[it.Number] = true
			}
		}
	}
	last := 0
	for _, it := range m.Items {
		last = max(last, it.Number)
	}
	for i := range m.Items {
		if m.Items[i].Number != 0 {
			continue
		}
		n := last + 1
		for taken[n] {
			n++
		}
		m.Items[i].Number, last = n, n
		taken[n] = true
	}
}

// groupMeetings reads every meeting of a group (not those in the trash),
// found through the references to the group: a save of the minutes reads
// the group's few dozen meetings, not the summaries of twenty thousand.
func groupMeetings(ctx context.Context, svc Services, group ID) ([]*Meeting, error) {
	refs, err := svc.Queries.ReferencesTo(ctx, group)
	if err != nil {
		return nil, err
	}
	var out []*Meeting
	seen := map[ID]bool{}
	for _, r := range refs {
		if r.Field != RefGroup || r.From.Kind != KindMeeting || seen[r.From.ID] {
			continue
		}
		seen[r.From.ID] = true
		m, err := svc.Meetings.Get(ctx, r.From.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
