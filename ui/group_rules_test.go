package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// TestGroupMeetingRules: the group form shows the default rules, marks a
// statutory body without an appeal authority at that field, and stores
// what differs from the defaults.
func TestGroupMeetingRules(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "groups")
	b := browserOf(u, model.KindGroup)
	selectTitle(t, u, b, "KUUMA-sote johtoryhmä")
	id := b.selected
	test.Tap(findButton(t, u, "Muokkaa"))
	u.Wait()
	f := b.editing
	if got := formField(f, fieldRulesDays).Text; got != "5" {
		t.Errorf("invitation days %q, want the default 5", got)
	}
	if got := formField(f, fieldRulesDuration).Text; got != "120" {
		t.Errorf("duration %q, want the default 120", got)
	}
	body := f.items[fieldRulesBody].Widget.(*widget.Select)
	body.SetSelectedIndex(slices.Index(model.BodyKinds, model.BodyStatutory))
	formField(f, fieldRulesDuration).SetText("90")
	formField(f, fieldRulesDistribution).SetText("Kunnanhallitukset\nJäsenet")
	f.submit()
	u.Wait()
	if b.editing == nil {
		t.Fatal("saved without an appeal authority")
	}
	if hint := f.items[fieldRulesAuthority].HintText; hint != "on pakollinen" {
		t.Errorf("appeal authority hint %q", hint)
	}
	formField(f, fieldRulesAuthority).SetText("Keski-Uudenmaan hyvinvointialueen aluehallitus")
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", f.problem.Text)
	}
	g, _ := u.svc.Groups.Get(ctx(), id)
	want := model.MeetingRules{Body: model.BodyStatutory, DurationMinutes: 90,
		AppealAuthority: "Keski-Uudenmaan hyvinvointialueen aluehallitus", Distribution: []string{"Kunnanhallitukset", "Jäsenet"}}
	if g.Rules.Body != want.Body || g.Rules.DurationMinutes != 90 || g.Rules.AppealAuthority != want.AppealAuthority ||
		!slices.Equal(g.Rules.Distribution, want.Distribution) || g.Rules.InviteDays != 0 || g.Rules.Quorum != "" {
		t.Errorf("rules %+v, want %+v", g.Rules, want)
	}
}
