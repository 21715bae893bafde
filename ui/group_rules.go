package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// rulesFields are the group form's fields of the group's meeting rules
// (model.MeetingRules): what kind of body it is, its quorum, invitations,
// the default length of a meeting, and what ends its minutes.
type rulesFields struct {
	f            *form
	body         func() string
	quorum       func() string
	bodySelect   *widget.Select
	quorumSelect *widget.Select
	method       *widget.Entry
	days         *widget.Entry
	duration     *widget.Entry
	authority    *widget.Entry
	address      *widget.Entry
	appealDays   *widget.Entry
	publicView   *widget.Entry
	distribution *widget.Entry
	deputies     *widget.Check
}

// The form fields of the rules, as the model's error paths name them.
const (
	fieldRulesBody         = "rules.body"
	fieldRulesQuorum       = "rules.quorum"
	fieldRulesMethod       = "rules.invite_method"
	fieldRulesDays         = "rules.invite_days"
	fieldRulesDuration     = "rules.duration_minutes"
	fieldRulesAuthority    = "rules.appeal_authority"
	fieldRulesAddress      = "rules.appeal_address"
	fieldRulesAppealDays   = "rules.appeal_days"
	fieldRulesPublicView   = "rules.public_view"
	fieldRulesDistribution = "rules.distribution"
	fieldRulesDeputies     = "rules.invite_deputies"
)

func newRulesFields(f *form) *rulesFields {
	r := &rulesFields{f: f}
	codes := func(n int, at func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	bodies := codes(len(model.BodyKinds), func(i int) string { return string(model.BodyKinds[i]) })
	r.body = f.choice(fieldRulesBody, "body_kind.", bodies, string(model.BodyPreparatory))
	r.bodySelect = f.items[fieldRulesBody].Widget.(*widget.Select)
	quorums := codes(len(model.QuorumRules), func(i int) string { return string(model.QuorumRules[i]) })
	r.quorum = f.choice(fieldRulesQuorum, "quorum.", quorums, string(model.QuorumMoreThanHalf))
	r.quorumSelect = f.items[fieldRulesQuorum].Widget.(*widget.Select)
	r.method = f.entry(fieldRulesMethod, "")
	r.method.SetPlaceHolder(T("groups.invite_method_hint"))
	r.days = f.entry(fieldRulesDays, strconv.Itoa(model.DefaultInviteDays))
	r.duration = f.entry(fieldRulesDuration, strconv.Itoa(model.DefaultDurationMinutes))
	r.deputies = widget.NewCheck(T("groups.invite_deputies_check"), func(bool) { f.changed() })
	f.add(fieldRulesDeputies, r.deputies)
	r.authority = f.entry(fieldRulesAuthority, "")
	r.address = f.entry(fieldRulesAddress, "")
	r.appealDays = f.entry(fieldRulesAppealDays, strconv.Itoa(model.DefaultAppealDays))
	r.publicView = f.entry(fieldRulesPublicView, "")
	r.publicView.SetPlaceHolder(T("groups.public_view_hint"))
	r.distribution = f.multiline(fieldRulesDistribution, "")
	r.distribution.SetPlaceHolder(T("groups.distribution_hint"))
	for _, field := range []string{fieldRulesBody, fieldRulesQuorum, fieldRulesMethod, fieldRulesDays, fieldRulesDuration,
		fieldRulesDeputies, fieldRulesAuthority, fieldRulesAddress, fieldRulesAppealDays, fieldRulesPublicView, fieldRulesDistribution} {
		f.items[field].Text = T("field." + field)
	}
	return r
}

// set shows a group's rules, with the defaults where it has none.
func (r *rulesFields) set(rules model.MeetingRules) {
	d := rules.Defaults()
	selectCode(r.bodySelect, model.BodyKinds, d.Body)
	selectCode(r.quorumSelect, model.QuorumRules, d.Quorum)
	r.method.SetText(rules.InviteMethod)
	r.days.SetText(strconv.Itoa(d.InviteDays))
	r.duration.SetText(strconv.Itoa(d.DurationMinutes))
	r.deputies.SetChecked(rules.InviteDeputies)
	r.authority.SetText(rules.AppealAuthority)
	r.address.SetText(rules.AppealAddress)
	r.appealDays.SetText(strconv.Itoa(d.AppealDays))
	r.publicView.SetText(rules.PublicView)
	r.distribution.SetText(strings.Join(rules.Distribution, "\n"))
}

func selectCode[T ~string](s *widget.Select, codes []T, v T) {
	for i, c := range codes {
		if c == v {
			s.SetSelectedIndex(i)
		}
	}
}

// get reads the rules; a number that is not one is marked at its field
// and reported by ok false (what was typed stays in the field).
func (r *rulesFields) get() (model.MeetingRules, bool) {
	ok := true
	number := func(field string, e *widget.Entry) int {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			r.f.markField(field, model.Invalid(field, "error.whole_number"))
			ok = false
		}
		return n
	}
	rules := model.MeetingRules{
		Body:            model.BodyKind(r.body()),
		Quorum:          model.QuorumRule(r.quorum()),
		InviteMethod:    strings.TrimSpace(r.method.Text),
		InviteDays:      number(fieldRulesDays, r.days),
		DurationMinutes: number(fieldRulesDuration, r.duration),
		AppealAuthority: strings.TrimSpace(r.authority.Text),
		AppealAddress:   strings.TrimSpace(r.address.Text),
		AppealDays:      number(fieldRulesAppealDays, r.appealDays),
		PublicView:      strings.TrimSpace(r.publicView.Text),
		Distribution:    splitLines(r.distribution.Text),
		InviteDeputies:  r.deputies.Checked,
	}
	// The defaults are not stored, so that a later change of a default
	// reaches the groups that never chose otherwise.
	if rules.Body == model.BodyPreparatory {
		rules.Body = ""
	}
	if rules.Quorum == model.QuorumMoreThanHalf {
		rules.Quorum = ""
	}
	if rules.InviteDays == model.DefaultInviteDays {
		rules.InviteDays = 0
	}
	if rules.DurationMinutes == model.DefaultDurationMinutes {
		rules.DurationMinutes = 0
	}
	if rules.AppealDays == model.DefaultAppealDays {
		rules.AppealDays = 0
	}
	return rules, ok
}
