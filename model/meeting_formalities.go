package model

import (
	"strconv"
	"strings"
)

// The formalities of a meeting: the sentences of the standard items
// (opening, legality and quorum, checkers, the agenda, closing) written
// from the record and the group's rules, and the warnings the attendance
// gives about the people an item names. Like revision notes they cross
// packages as codes (Phrase), translated where they are printed.

// StandardItem names a standard item of the agenda.
type StandardItem string

// The standard items.
const (
	StandardOpening  StandardItem = "opening"  // Kokouksen avaus
	StandardLegality StandardItem = "legality" // Laillisuus ja päätösvaltaisuus
	StandardCheckers StandardItem = "checkers" // Pöytäkirjantarkastajien valinta
	StandardAgenda   StandardItem = "agenda"   // Esityslistan hyväksyminen
	StandardClosing  StandardItem = "closing"  // Kokouksen päättäminen
)

// StandardItems lists the standard items in agenda order.
var StandardItems = []StandardItem{StandardOpening, StandardLegality, StandardCheckers, StandardAgenda, StandardClosing}

// standardTitles are the titles that mark an item standard when it has no
// Standard of its own (items made before the field, or typed by hand), in
// the three languages.
var standardTitles = map[string]StandardItem{
	"kokouksen avaus":                          StandardOpening,
	"kokouksen avaaminen":                      StandardOpening,
	"mötets öppnande":                          StandardOpening,
	"opening of the meeting":                   StandardOpening,
	"laillisuus ja päätösvaltaisuus":           StandardLegality,
	"kokouksen laillisuus ja päätösvaltaisuus": StandardLegality,
	"mötets laglighet och beslutförhet":        StandardLegality,
	"legality and quorum":                      StandardLegality,
	"pöytäkirjantarkastajien valinta":          StandardCheckers,
	"val av protokolljusterare":                StandardCheckers,
	"election of minute checkers":              StandardCheckers,
	"esityslistan hyväksyminen":                StandardAgenda,
	"godkännande av föredragningslistan":       StandardAgenda,
	"approval of the agenda":                   StandardAgenda,
	"kokouksen päättäminen":                    StandardClosing,
	"mötets avslutande":                        StandardClosing,
	"closing of the meeting":                   StandardClosing,
}

// StandardOf returns the standard item it is: its Standard, else the one
// its title names, else "".
func StandardOf(it *AgendaItem) StandardItem {
	if it.Standard != "" {
		return it.Standard
	}
	return standardTitles[strings.ToLower(strings.Join(strings.Fields(it.Title), " "))]
}

// Phrase is a sentence of the minutes as a message key ("formality.quorate")
// and its arguments, translated where it is printed (minutes.<key> in the
// catalogues).
type Phrase struct {
	Key  string
	Args map[string]string
}

func phrase(key string, nameValues ...string) Phrase {
	p := Phrase{Key: key, Args: map[string]string{}}
	for i := 0; i+1 < len(nameValues); i += 2 {
		p.Args[nameValues[i]] = nameValues[i+1]
	}
	return p
}

// Quorum is the count the legality item states: members present against
// the group's members, and whether that makes a quorum under the rule.
type Quorum struct {
	Present, Total int
	Rule           QuorumRule
	OK             bool
}

// QuorumOf counts the members at the start of meeting m of group g (nil
// when it cannot be read): the members with a vote are the group's chair,
// vice chair, members and staff representatives on the meeting's date,
// each present in person or by a deputy. Without the group the attendance
// rows of members are the total.
func QuorumOf(g *Group, m *Meeting) Quorum {
	rules := MeetingRules{}
	if g != nil {
		rules = g.Rules
	}
	q := Quorum{Rule: rules.Defaults().Quorum}
	voting := map[ID]bool{}
	if g != nil {
		for _, mb := range g.MembersOn(m.Date) {
			switch mb.Role {
			case RoleChair, RoleViceChair, RoleMember, RoleStaffRepresent:
				if !voting[mb.Contact] {
					voting[mb.Contact] = true
					q.Total++
				}
			}
		}
	}
	for _, a := range m.Attendance {
		if a.Role != AttendeeMember {
			continue
		}
		if g == nil {
			q.Total++
		} else if !voting[a.Contact] {
			continue
		}
		if a.PresentAt(0) {
			q.Present++
		}
	}
	q.OK = q.Rule.Quorate(q.Present, q.Total)
	return q
}

// InvitedLate reports whether the invitation of m went out later than the
// rules ask (false when the day it went out is not recorded).
func InvitedLate(rules MeetingRules, m *Meeting) bool {
	if m.InvitedOn.IsZero() || m.Date.IsZero() {
		return false
	}
	days := int(m.Date.Time().Sub(m.InvitedOn.Time()).Hours() / 24)
	return days < rules.Defaults().InviteDays
}

// Formalities returns the sentences the standard item it of meeting m
// states, from the record and the rules of group g (nil: the defaults),
// or nil for an item that is not standard. The minutes print them where
// the secretary has not written the item's decision (the agenda: its
// proposal) herself, so every one can be overridden.
func Formalities(g *Group, m *Meeting, it *AgendaItem) []Phrase {
	rules := MeetingRules{}
	if g != nil {
		rules = g.Rules
	}
	rules = rules.Defaults()
	switch StandardOf(it) {
	case StandardOpening:
		at := m.OpenedAt
		if at.IsZero() {
			at = m.Start
		}
		if at.IsZero() {
			return []Phrase{phrase("formality.opened", "Name", m.Chair.Name)}
		}
		return []Phrase{phrase("formality.opened_at", "Name", m.Chair.Name, "Time", at.String())}
	case StandardLegality:
		var out []Phrase
		method := strings.TrimSpace(rules.InviteMethod)
		switch {
		case !m.InvitedOn.IsZero() && method == "":
			out = append(out, phrase("formality.invited_on_plain", "Date", m.InvitedOn.String()))
		case !m.InvitedOn.IsZero():
			out = append(out, phrase("formality.invited_on", "Date", m.InvitedOn.String(), "Method", method))
		case method != "":
			out = append(out, phrase("formality.invited", "Method", method))
		}
		q := QuorumOf(g, m)
		out = append(out, phrase("formality.present", "Present", strconv.Itoa(q.Present), "Total", strconv.Itoa(q.Total)))
		late := InvitedLate(rules, m)
		switch {
		case q.OK && !late:
			out = append(out, phrase("formality.lawful_quorate"))
		case q.OK:
			out = append(out, phrase("formality.late_quorate", "Days", strconv.Itoa(rules.InviteDays)))
		default:
			out = append(out, phrase("formality.not_quorate", "Needed", strconv.Itoa(q.Rule.Needed(q.Total)), "Total", strconv.Itoa(q.Total)))
		}
		return out
	case StandardCheckers:
		var names []string
		for _, c := range m.Checkers {
			if n := strings.TrimSpace(c.Name); n != "" {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			return []Phrase{phrase("formality.checkers_none")}
		}
		out := []Phrase{phrase("formality.checker", "Name", names[0])}
		if len(names) > 1 {
			out = []Phrase{phrase("formality.checkers", "First", names[0], "Second", names[1])}
		}
		switch {
		case !m.CheckOn.IsZero() && m.CheckPlace != "":
			out = append(out, phrase("formality.check_when_where", "Date", m.CheckOn.String(), "Place", m.CheckPlace))
		case !m.CheckOn.IsZero():
			out = append(out, phrase("formality.check_when", "Date", m.CheckOn.String()))
		case m.CheckPlace != "":
			out = append(out, phrase("formality.check_where", "Place", m.CheckPlace))
		}
		return out
	case StandardAgenda:
		return []Phrase{phrase("formality.agenda_approved")}
	case StandardClosing:
		at := m.ClosedAt
		if at.IsZero() {
			at = m.End
		}
		if at.IsZero() {
			return []Phrase{phrase("formality.closed", "Name", m.Chair.Name)}
		}
		return []Phrase{phrase("formality.closed_at", "Name", m.Chair.Name, "Time", at.String())}
	}
	return nil
}

// Warning is something in the record a secretary should look at, though
// it is allowed: at Field (a path as in Error.Field), with a message key
// (warning.*) and arguments.
type Warning struct {
	Field string
	Key   string
	Args  map[string]string
}

// Warnings lists what the attendance says about the people the minutes
// name: a checker who is absent, a dissenter, proposer, seconder, voter or
// task owner who was not there during the item, and a late invitation or
// a missing quorum under the rules of g (nil: the defaults).
func (m *Meeting) Warnings(g *Group) []Warning {
	var out []Warning
	rules := MeetingRules{}
	if g != nil {
		rules = g.Rules
	}
	rules = rules.Defaults()
	if len(m.Attendance) == 0 {
		return nil
	}
	warn := func(field, key string, p Person, n int) {
		out = append(out, Warning{Field: field, Key: key, Args: map[string]string{"Name": p.Name, "Number": strconv.Itoa(n)}})
	}
	// present reports whether p attended item n (0: the meeting).
	present := func(p Person, n int) bool {
		for _, a := range m.Attendance {
			if a.Same(p) || (!a.Deputy.IsZero() && a.Deputy.Same(p)) {
				if a.Status == AttendanceRepresented && a.Same(p) {
					return false // the deputy came instead
				}
				if n == 0 {
					return a.Status != AttendanceAbsent
				}
				return a.PresentAt(n)
			}
		}
		return false
	}
	for i, c := range m.Checkers {
		if !c.IsZero() && !present(c, 0) {
			warn("checkers["+strconv.Itoa(i)+"]", "warning.checker_absent", c, 0)
		}
	}
	for i := range m.Items {
		it := &m.Items[i]
		f := "items[" + strconv.Itoa(i) + "]"
		for j, d := range it.Dissents {
			if !d.By.IsZero() && !present(d.By, it.Number) {
				warn(f+".dissents["+strconv.Itoa(j)+"].by", "warning.dissenter_absent", d.By, it.Number)
			}
		}
		for j, p := range it.CounterProposals {
			cf := f + ".counter_proposals[" + strconv.Itoa(j) + "]"
			if !p.By.IsZero() && !present(p.By, it.Number) {
				warn(cf+".by", "warning.proposer_absent", p.By, it.Number)
			}
			if p.Seconded() && !present(p.SecondedBy, it.Number) {
				warn(cf+".seconded_by", "warning.proposer_absent", p.SecondedBy, it.Number)
			}
		}
		if it.Vote != nil {
			for j, b := range it.Vote.Ballots {
				if b.Choice != VoteAbsent && !present(b.Voter, it.Number) {
					warn(f+".vote.ballots["+strconv.Itoa(j)+"].voter", "warning.voter_absent", b.Voter, it.Number)
				}
			}
		}
		for j, t := range it.Tasks {
			if !t.Owner.IsZero() && !t.Owner.Contact.IsZero() && !present(t.Owner, 0) {
				warn(f+".tasks["+strconv.Itoa(j)+"].owner", "warning.owner_absent", t.Owner, it.Number)
			}
		}
	}
	if InvitedLate(rules, m) {
		out = append(out, Warning{Field: "invited_on", Key: "warning.invited_late", Args: map[string]string{"Days": strconv.Itoa(rules.InviteDays)}})
	}
	if m.Status != MeetingPlanned {
		if q := QuorumOf(g, m); !q.OK {
			out = append(out, Warning{Field: "attendance", Key: "warning.not_quorate",
				Args: map[string]string{"Present": strconv.Itoa(q.Present), "Total": strconv.Itoa(q.Total)}})
		}
	}
	return out
}

// DefaultEnd returns the end time a meeting starting at start gets under
// the rules: start plus the default duration, at most 23.59; zero when
// start is unset.
func DefaultEnd(rules MeetingRules, start Clock) Clock {
	if start.IsZero() {
		return Clock{}
	}
	end := min(start.Minutes()+rules.Defaults().DurationMinutes, 23*60+59)
	return MustClock(end/60, end%60)
}

// MarkChecked marks the minutes checked by their checkers on day d.
func (m *Meeting) MarkChecked(d Date) {
	m.Status = MeetingChecked
	m.Checked = CheckRecord{By: append([]Person(nil), m.Checkers...), On: d}
}
