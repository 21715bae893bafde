package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// pickInDialog chooses, in the record picker dialog on top, the first
// record found by query, as a user typing and clicking would.
func pickInDialog(t *testing.T, u *UI, query string) {
	t.Helper()
	u.Wait()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no picker dialog open")
	}
	p := u.lastPicker
	if p == nil || !slices.Contains(objects(top), fyne.CanvasObject(p.list)) {
		t.Fatal("the dialog on top is not a record picker")
	}
	search, list := p.search, p.list
	test.Type(search, query)
	u.Wait()
	if list.Length() == 0 {
		t.Fatalf("the picker found nothing for %q", query)
	}
	list.Select(0)
	u.Wait()
}

// tapPicker opens the picker dialog of a record picker (its search button).
func tapPicker(t *testing.T, box fyne.CanvasObject) {
	t.Helper()
	for _, o := range objects(box) {
		if b, ok := o.(*widget.Button); ok {
			test.Tap(b)
			return
		}
	}
	t.Fatal("no button in the picker")
}

// textOrder reports whether the texts appear on screen in this order.
func textOrder(screen string, texts ...string) bool {
	at := 0
	for _, s := range texts {
		i := strings.Index(screen[at:], s)
		if i < 0 {
			return false
		}
		at += i + len(s)
	}
	return true
}

// findProject returns the demo project whose name starts with prefix.
func findProject(t *testing.T, u *UI, query string) model.Summary {
	t.Helper()
	page, err := u.svc.Projects.List(ctx(), model.Filter{Query: query})
	if err != nil || page.Total == 0 {
		t.Fatalf("no project %q: %v", query, err)
	}
	return page.Items[0]
}

func TestAddGroupWithMembers(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	kuuma := findProject(t, u, "KUUMA-kuntien")
	selectSection(u, "groups")
	b := browserOf(u, model.KindGroup)
	before := b.total
	b.newRecord()
	f := b.editing
	if f == nil {
		t.Fatal("no form opened")
	}
	ed := b.view.(*groupsView).lastMembers
	test.Type(formField(f, "name"), "KUUMA-sote viestintätyöryhmä")
	f.items["type"].Widget.(*widget.Select).SetSelected("Työryhmä")
	tapPicker(t, f.items["project"].Widget)
	pickInDialog(t, u, "KUUMA-kuntien")
	tapPicker(t, f.items["parent"].Widget)
	pickInDialog(t, u, "KUUMA-sote ohjausryhmä")
	test.Type(formField(f, "mandate"), "Hankkeen viestintä kuntalaisille.")

	// An existing contact as the chair, representing Hyvinkää.
	test.Tap(findButton(t, u, "Lisää jäsen"))
	pickInDialog(t, u, "Hietanen")
	if len(ed.rows) != 1 || ed.rows[0].contact.label.Text != "Raija Hietanen" || ed.rows[0].represents.label.Text != "Edustaa: –" {
		t.Fatalf("rows after picking a member: %d", len(ed.rows))
	}
	ed.rows[0].role.SetSelected("Puheenjohtaja")
	tapPicker(t, ed.rows[0].represents.box)
	pickInDialog(t, u, "Hyvinkää")
	if got := ed.rows[0].represents.label.Text; got != "Edustaa: Hyvinkää" {
		t.Fatalf("represents = %q", got)
	}

	// A new contact, created on the spot; first with an address that is
	// not one, which the dialog reports without closing.
	test.Tap(findButton(t, u, "Lisää uusi henkilö…"))
	n := ed.lastNewContact
	test.Type(n.first, "Ulla")
	test.Type(n.last, "Uusimaa")
	test.Type(n.jobTitle, "viestintäpäällikkö")
	test.Type(n.email, "ulla(at)example.com")
	test.Type(n.phone, "040 765 4321")
	test.Tap(n.create)
	u.Wait()
	if !n.problem.Visible() || !strings.Contains(n.problem.Text, "Sähköpostiosoite: ei ole kelvollinen") {
		t.Fatalf("dialog problem = %q (visible %v)", n.problem.Text, n.problem.Visible())
	}
	if len(ed.rows) != 1 {
		t.Fatal("a contact that could not be created was added")
	}
	n.email.SetText("ulla.uusimaa@example.com")
	test.Tap(n.create)
	u.Wait()
	if len(ed.rows) != 2 || ed.rows[1].contact.label.Text != "Ulla Uusimaa" {
		t.Fatalf("the new contact is not a member: %d rows", len(ed.rows))
	}
	created, _ := u.svc.Contacts.List(ctx(), model.Filter{Query: "Ulla Uusimaa"})
	if created.Total != 1 {
		t.Fatalf("contacts named Ulla Uusimaa: %d", created.Total)
	}
	ulla := created.Items[0].ID

	// A past member, whose term ended.
	test.Tap(findButton(t, u, "Lisää jäsen"))
	pickInDialog(t, u, "Holm")
	ed.rows[2].role.SetSelected("Jäsen")
	test.Type(ed.rows[2].start, "1.1.2016")
	test.Type(ed.rows[2].end, "31.12.2016")

	// A new member starts as a member (Jäsen); without a role nothing is
	// saved, and the error, naming her, is at the members item, at her
	// row and above the form.
	if got := ed.rows[1].role.Selected; got != "Jäsen" {
		t.Fatalf("a new member's role is %q, want Jäsen", got)
	}
	ed.rows[1].role.ClearSelected()
	f.submit()
	u.Wait()
	if b.editing != f {
		t.Fatal("the form closed although a member has no role")
	}
	if got, want := f.items["members"].HintText, "Ulla Uusimaa › Rooli: on pakollinen"; got != want {
		t.Fatalf("members hint = %q, want %q", got, want)
	}
	if r := ed.rows[1]; !r.problem.Visible() || r.problem.Text != "Rooli: on pakollinen" {
		t.Fatalf("row problem = %q", r.problem.Text)
	}
	if !strings.Contains(f.problem.Text, "Ulla Uusimaa › Rooli") {
		t.Fatalf("form problem = %q", f.problem.Text)
	}
	if page, _ := u.svc.Groups.List(ctx(), model.Filter{}); page.Total != before {
		t.Fatalf("groups after a refused save: %d, want %d", page.Total, before)
	}

	// An end before the start is refused too.
	ed.rows[1].role.SetSelected("Sihteeri")
	ed.rows[2].end.SetText("31.12.2015")
	f.submit()
	u.Wait()
	if got, want := f.items["members"].HintText, "Petri Holm › Toimikausi: loppu on ennen alkua"; got != want {
		t.Fatalf("members hint = %q, want %q", got, want)
	}
	if ed.rows[1].problem.Visible() {
		t.Fatal("the previous attempt's mark stayed")
	}
	if page, _ := u.svc.Groups.List(ctx(), model.Filter{}); page.Total != before {
		t.Fatalf("groups after a refused save: %d, want %d", page.Total, before)
	}

	ed.rows[2].end.SetText("31.12.2016")
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q / %q", f.problem.Text, f.items["members"].HintText)
	}

	page, _ := u.svc.Groups.List(ctx(), model.Filter{Query: "viestintätyöryhmä"})
	if page.Total != 1 {
		t.Fatalf("stored groups: %d", page.Total)
	}
	g, err := u.svc.Groups.Get(ctx(), page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if g.Project != kuuma.ID || g.Type != model.GroupWorking || g.Parent.IsZero() || g.Mandate != "Hankkeen viestintä kuntalaisille." {
		t.Fatalf("stored group = %+v", g)
	}
	if len(g.Members) != 3 {
		t.Fatalf("members = %+v", g.Members)
	}
	chair := g.Members[0]
	if chair.Role != model.RoleChair || chair.Represents != model.MunicipalityID("106") {
		t.Fatalf("chair = %+v", chair)
	}
	if m := g.Members[1]; m.Contact != ulla || m.Role != model.RoleSecretary {
		t.Fatalf("secretary = %+v", m)
	}
	if m := g.Members[2]; m.Term.End != model.MustDate(2016, 12, 31) || m.Term.Start != model.MustDate(2016, 1, 1) {
		t.Fatalf("past member = %+v", m)
	}

	// The new contact's roles show the group.
	roles, err := u.svc.Queries.RolesOfContact(ctx(), ulla)
	if err != nil || len(roles) != 1 || roles[0].Group.ID != g.ID || roles[0].Membership.Role != model.RoleSecretary {
		t.Fatalf("roles of the new contact = %+v, %v", roles, err)
	}

	// The detail shows the current members in role order and the past
	// member apart.
	screen := screenText(u)
	if !textOrder(screen, "Nykyiset jäsenet (2)", "Raija Hietanen", "Puheenjohtaja", "Hyvinkää",
		"Ulla Uusimaa", "Sihteeri", "Entiset jäsenet (1)", "Petri Holm", "1.1.2016–31.12.2016") {
		t.Fatalf("group detail:\n%s", screen)
	}
	if !strings.Contains(screen, "KUUMA-sote ohjausryhmä") || !strings.Contains(screen, "KUUMA-kuntien sote-alueyksikkö") {
		t.Fatalf("no parent group or project in the detail:\n%s", screen)
	}
}

func TestGroupDetail(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "groups")
	b := browserOf(u, model.KindGroup)

	selectTitle(t, u, b, "KUUMA-sote johtoryhmä")
	screen := screenText(u)
	// Kari Vuorinen's term ended in 2016; Johanna Aho took his seat.
	if !textOrder(screen, "Nykyiset jäsenet (7)", "Hannele Pursiainen", "Puheenjohtaja",
		"Arto Kuusela", "Varapuheenjohtaja", "Jukka Halme", "Sihteeri", "Johanna Aho",
		"Entiset jäsenet (1)", "Kari Vuorinen", "1.1.2016–31.12.2016") {
		t.Fatalf("group detail:\n%s", screen)
	}

	// The parent lists its subgroups; links lead to them.
	selectTitle(t, u, b, "KUUMA-sote ohjausryhmä")
	if !textOrder(screenText(u), "Alaryhmät (1)", "KUUMA-sote johtoryhmä") {
		t.Fatalf("no subgroups:\n%s", screenText(u))
	}
	findHyperlink(t, u, "Raija Hietanen").OnTapped()
	u.Wait()
	if u.shell.currentBrowser() != browserOf(u, model.KindContact) {
		t.Fatal("the member link did not open the contact")
	}
}

func TestEditGroupKeepsMembers(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "groups")
	b := browserOf(u, model.KindGroup)
	selectTitle(t, u, b, "KUUMA-sote johtoryhmä")
	id := b.selected
	before, _ := u.svc.Groups.Get(ctx(), id)
	test.Tap(findButton(t, u, "Muokkaa"))
	u.Wait()
	f := b.editing
	if f == nil || f.dirty {
		t.Fatalf("form = %v (dirty after loading)", f)
	}
	ed := b.view.(*groupsView).lastMembers
	if len(ed.rows) != len(before.Members) {
		t.Fatalf("rows = %d, members = %d", len(ed.rows), len(before.Members))
	}
	// Remove the past member.
	for i, m := range before.Members {
		if !m.Term.End.IsZero() {
			test.Tap(ed.rows[i].remove)
			break
		}
	}
	if !f.dirty {
		t.Fatal("removing a member did not mark the form changed")
	}
	f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", f.problem.Text)
	}
	after, _ := u.svc.Groups.Get(ctx(), id)
	if len(after.Members) != len(before.Members)-1 || after.Name != before.Name || after.Project != before.Project || after.Parent != before.Parent {
		t.Fatalf("after = %+v", after)
	}
	if strings.Contains(screenText(u), "Entiset jäsenet") {
		t.Fatal("past members still shown")
	}
}

func TestNewGroupOfProject(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	kuuma := findProject(t, u, "KUUMA-kuntien")
	selectSection(u, "projects")
	u.newGroup(kuuma.ID, model.NilID)
	u.Wait()
	b := browserOf(u, model.KindGroup)
	if u.shell.currentBrowser() != b || b.editing == nil {
		t.Fatal("the new group's form did not open in the groups view")
	}
	shown := ""
	for _, o := range objects(b.editing.items["project"].Widget) {
		if l, ok := o.(*widget.Label); ok {
			shown = l.Text
		}
	}
	if shown != kuuma.Title {
		t.Fatalf("project shown = %q, want %q", shown, kuuma.Title)
	}
}
