package minutes

import (
	"strings"

	"hankekirja/model"
)

// phrase translates one of the model's phrases (minutes.<key>).
func (t text) phrase(p model.Phrase) string {
	args := make(map[string]any, len(p.Args))
	for k, v := range p.Args {
		args[k] = v
	}
	return strings.Join(strings.Fields(t.tf(p.Key, args)), " ")
}

// phrases translates phrases into one paragraph.
func (t text) phrases(ps []model.Phrase) string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, t.phrase(p))
	}
	return strings.Join(out, " ")
}

// decision is what the minutes print as an item's decision: the
// secretary's text, or for a standard item she left empty the sentences
// the record gives (model.Formalities).
func (v *View) decision(t text, it *model.AgendaItem) string {
	if strings.TrimSpace(it.Decision) != "" {
		return it.Decision
	}
	return t.phrases(model.Formalities(v.Group, v.Meeting, it))
}

// howDecided is the paragraphs on how the decision was reached: the
// counter-proposals, the vote and its result, the elections.
func (v *View) howDecided(t text, it *model.AgendaItem) []string {
	var out []string
	for _, p := range v.Meeting.HowDecided(it) {
		out = append(out, t.phrase(p))
	}
	// The votes of each election's candidates: "Vaalit, varapuheenjohtaja:
	// Aino Aho 5 ääntä, Eero Ek 3 ääntä".
	for _, e := range it.Elections {
		var votes []string
		for _, c := range e.Candidates {
			votes = append(votes, t.tf("votes_for", map[string]any{"Name": v.Name(c.Person), "Votes": c.Votes}))
		}
		if len(votes) > 0 {
			out = append(out, t.t("elections")+", "+strings.Join(strings.Fields(e.Office), " ")+": "+strings.Join(votes, ", ")+".")
		}
	}
	return out
}

// rules are the group's meeting rules with their defaults.
func (v *View) rules() model.MeetingRules {
	if v.Group == nil {
		return model.MeetingRules{}.Defaults()
	}
	return v.Group.Rules.Defaults()
}

// closingBlock is one of the notes at the end of the minutes, after the
// signatures: public view, appeal instructions, distribution.
type closingBlock struct {
	Title string
	Paras []string
	// List is set for a list of recipients.
	List []string
}

// checkedLine is the record of the checking, "Pöytäkirja tarkastettu
// 17.3.2026", or "" while it is not checked.
func (v *View) checkedLine(t text) string {
	c := v.Meeting.Checked
	if v.Meeting.Status != model.MeetingChecked || c.On.IsZero() {
		return ""
	}
	return t.tf("checked_by", map[string]any{"Date": c.On.String()})
}

// checkedNames are the names of those who checked the minutes (the
// checkers chosen while they are not checked).
func (v *View) checkedNames() []string {
	ps := v.Meeting.Checkers
	if v.Meeting.Status == model.MeetingChecked && len(v.Meeting.Checked.By) > 0 {
		ps = v.Meeting.Checked.By
	}
	var out []string
	for _, p := range ps {
		out = append(out, v.Name(p))
	}
	return out
}

// closing returns the blocks that end the minutes: where they are on
// public view, the appeal instructions of a statutory body or the note
// that a preparatory body's minutes are not open to appeal, and the
// distribution list.
func (v *View) closing(t text) []closingBlock {
	if v.Group == nil {
		return nil
	}
	r := v.rules()
	var out []closingBlock
	if place := strings.TrimSpace(r.PublicView); place != "" {
		var para string
		if c := v.Meeting.Checked; v.Meeting.Status == model.MeetingChecked && !c.On.IsZero() {
			para = t.tf("public_view_text", map[string]any{"Place": place, "Date": c.On.String()})
		} else {
			para = t.tf("public_view_pending", map[string]any{"Place": place})
		}
		out = append(out, closingBlock{Title: t.t("public_view"), Paras: []string{para}})
	}
	if r.Appealable() {
		out = append(out, closingBlock{Title: t.t("appeal"), Paras: []string{t.tf("appeal_text", map[string]any{
			"Authority": strings.TrimSpace(r.AppealAuthority), "Address": strings.TrimSpace(r.AppealAddress), "Days": r.AppealDays,
		})}})
	} else {
		out = append(out, closingBlock{Title: t.t("no_appeal"), Paras: []string{t.tf("no_appeal_text", map[string]any{"Group": v.GroupName})}})
	}
	var list []string
	for _, d := range r.Distribution {
		if d = strings.TrimSpace(d); d != "" {
			list = append(list, d)
		}
	}
	if len(list) > 0 {
		out = append(out, closingBlock{Title: t.t("distribution"), List: list})
	}
	return out
}

// invitationText is the letter of a meeting's invitation (kokouskutsu):
// the call to the meeting (its time and place are above it), the
// deputies' part,
// and whom to tell when one cannot come.
func (v *View) invitationText(t text) []string {
	m := v.Meeting
	out := []string{t.tf("invitation_text", map[string]any{"Group": v.GroupName})}
	if v.rules().InviteDeputies {
		out = append(out, t.t("invitation_deputies"))
	}
	if s := v.Name(m.Secretary); s != "" {
		out = append(out, t.tf("invitation_regrets", map[string]any{"Name": s}))
	}
	return out
}
