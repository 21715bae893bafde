package model

import "strings"

// MeetingRules are a group's rules for its meetings: what kind of body it
// is, when it has a quorum, how and how early it is called, how long its
// meetings last, and what its minutes say at the end (public view, appeal,
// distribution). The zero value means the defaults (see Defaults), so that
// groups saved before the rules existed read as they always did.
type MeetingRules struct {
	// Body tells a statutory body, whose decisions can be appealed, from a
	// preparatory one, whose minutes cannot; empty means preparatory (most
	// sote working groups prepare matters).
	Body BodyKind `json:"body,omitempty"`
	// Quorum is when a meeting can decide; empty means QuorumMoreThanHalf,
	// as the Local Government Act (kuntalaki 103 §) sets for municipal
	// bodies.
	Quorum QuorumRule `json:"quorum,omitempty"`
	// InviteMethod is how invitations go out, as it reads in the minutes
	// after "Kokouskutsu lähetettiin": "sähköpostilla".
	InviteMethod string `json:"invite_method,omitempty"`
	// InviteDays is how many days before the meeting the invitation must go
	// out; 0 means DefaultInviteDays.
	InviteDays int `json:"invite_days,omitempty"`
	// DurationMinutes is a meeting's default length, which fills in the end
	// time; 0 means DefaultDurationMinutes.
	DurationMinutes int `json:"duration_minutes,omitempty"`
	// AppealAuthority, AppealAddress and AppealDays go into the appeal
	// instructions (oikaisuvaatimusohje) of a statutory body's minutes;
	// AppealDays 0 means DefaultAppealDays.
	AppealAuthority string `json:"appeal_authority,omitempty"`
	AppealAddress   string `json:"appeal_address,omitempty"`
	AppealDays      int    `json:"appeal_days,omitempty"`
	// PublicView is where checked minutes are on public view (nähtävänä),
	// e.g. "hyvinvointialueen verkkosivuilla"; empty means they are not put
	// on view.
	PublicView string `json:"public_view,omitempty"`
	// Distribution is who gets the minutes (jakelu), one recipient a line.
	Distribution []string `json:"distribution,omitempty"`
	// InviteDeputies sends the calendar invitation to the deputy members
	// too, not only to the members.
	InviteDeputies bool `json:"invite_deputies,omitempty"`
}

// BodyKind is whether a group decides (and can be appealed against) or
// prepares.
type BodyKind string

// Body kinds.
const (
	BodyPreparatory BodyKind = "preparatory" // valmisteleva toimielin
	BodyStatutory   BodyKind = "statutory"   // lakisääteinen toimielin
)

// BodyKinds lists the body kinds, the default first.
var BodyKinds = []BodyKind{BodyPreparatory, BodyStatutory}

// QuorumRule says how many members must be present for a meeting to
// decide.
type QuorumRule string

// Quorum rules.
const (
	QuorumMoreThanHalf QuorumRule = "more_than_half" // yli puolet jäsenistä
	QuorumHalf         QuorumRule = "half"           // vähintään puolet
	QuorumTwoThirds    QuorumRule = "two_thirds"     // vähintään kaksi kolmasosaa
	QuorumAll          QuorumRule = "all"            // kaikki jäsenet
	QuorumNone         QuorumRule = "none"           // ei vaatimusta
)

// QuorumRules lists the quorum rules, the default first.
var QuorumRules = []QuorumRule{QuorumMoreThanHalf, QuorumHalf, QuorumTwoThirds, QuorumAll, QuorumNone}

// The defaults of MeetingRules.
const (
	DefaultInviteDays      = 5
	DefaultDurationMinutes = 120
	DefaultAppealDays      = 14
)

// Defaults returns the rules with every unset choice at its default.
func (r MeetingRules) Defaults() MeetingRules {
	if r.Body == "" {
		r.Body = BodyPreparatory
	}
	if r.Quorum == "" {
		r.Quorum = QuorumMoreThanHalf
	}
	if r.InviteDays <= 0 {
		r.InviteDays = DefaultInviteDays
	}
	if r.DurationMinutes <= 0 {
		r.DurationMinutes = DefaultDurationMinutes
	}
	if r.AppealDays <= 0 {
		r.AppealDays = DefaultAppealDays
	}
	return r
}

// Appealable reports whether the body's decisions can be appealed.
func (r MeetingRules) Appealable() bool { return r.Body == BodyStatutory }

// Quorate reports whether present members of total make a quorum under
// the rule. A body of no members has no quorum unless the rule asks for
// none.
func (q QuorumRule) Quorate(present, total int) bool {
	switch q {
	case QuorumNone:
		return true
	case QuorumHalf:
		return total > 0 && 2*present >= total
	case QuorumTwoThirds:
		return total > 0 && 3*present >= 2*total
	case QuorumAll:
		return total > 0 && present >= total
	}
	return total > 0 && 2*present > total
}

// Needed returns how many of total members must be present.
func (q QuorumRule) Needed(total int) int {
	for n := 0; n <= total; n++ {
		if q.Quorate(n, total) {
			return n
		}
	}
	return total + 1
}

func (r MeetingRules) validate(c *errs) {
	c.add(oneOf("rules.body", r.Body, BodyKinds))
	c.add(oneOf("rules.quorum", r.Quorum, QuorumRules))
	for _, x := range []struct {
		field string
		n     int
	}{{"rules.invite_days", r.InviteDays}, {"rules.duration_minutes", r.DurationMinutes}, {"rules.appeal_days", r.AppealDays}} {
		if x.n < 0 {
			c.add(Invalid(x.field, "error.negative_amount"))
		}
	}
	if r.DurationMinutes > 24*60 {
		c.add(Invalid("rules.duration_minutes", "error.duration"))
	}
	if r.Body == BodyStatutory && strings.TrimSpace(r.AppealAuthority) == "" {
		c.add(Invalid("rules.appeal_authority", "error.required"))
	}
}
