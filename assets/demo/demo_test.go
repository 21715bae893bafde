package demo

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hankekirja/assets/registry"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// openDB opens a new database file in a temporary directory; when the test
// ends it checks the database for consistency and closes it.
func openDB(t *testing.T) (*store.DB, model.Services) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db, db.Services()
}

// loaded opens a database and loads the example data into it.
func loaded(t *testing.T) model.Services {
	t.Helper()
	_, svc := openDB(t)
	if _, err := Load(ctx, svc); err != nil {
		t.Fatalf("Load: %v", err)
	}
	return svc
}

func get[T any](t *testing.T, s model.Service[T], name string) *T {
	t.Helper()
	r, err := s.Get(ctx, ID(name))
	if err != nil {
		t.Fatalf("Get %s: %v", name, err)
	}
	return r
}

func list(t *testing.T, s interface {
	List(context.Context, model.Filter) (model.Page, error)
}, facets ...string) model.Page {
	t.Helper()
	p, err := s.List(ctx, model.Filter{Facets: facets})
	if err != nil {
		t.Fatalf("List %v: %v", facets, err)
	}
	return p
}

// totals counts the records of each kind the demo adds to.
func totals(t *testing.T, svc model.Services) map[model.Kind]int {
	t.Helper()
	return map[model.Kind]int{
		model.KindOrganisation: list(t, svc.Organisations).Total,
		model.KindContact:      list(t, svc.Contacts).Total,
		model.KindProject:      list(t, svc.Projects).Total,
		model.KindGroup:        list(t, svc.Groups).Total,
		model.KindMeeting:      list(t, svc.Meetings).Total,
	}
}

func TestLoad(t *testing.T) {
	_, svc := openDB(t)
	municipalities := list(t, svc.Municipalities).Total
	res, err := Load(ctx, svc)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := map[model.Kind]int{
		model.KindOrganisation: len(organisations()),
		model.KindContact:      len(contacts()),
		model.KindProject:      len(projects()),
		model.KindGroup:        len(groups()),
	}
	for k, n := range want {
		if res.Added[k] != n {
			t.Errorf("added %d %ss, want %d", res.Added[k], k, n)
		}
	}
	if res.TotalSkipped() != 0 {
		t.Errorf("skipped %v in an empty database", res.Skipped)
	}
	got := totals(t, svc)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("List finds %d %ss, want %d", got[k], k, n)
		}
	}
	if n := list(t, svc.Municipalities).Total; n != municipalities {
		t.Errorf("municipalities %d → %d", municipalities, n)
	}
	if n := len(contacts()); n < 25 || n > 45 {
		t.Errorf("%d contacts, want about 25–40", n)
	}
}

func TestLoadTwiceAddsNothing(t *testing.T) {
	_, svc := openDB(t)
	first, err := Load(ctx, svc)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	before := totals(t, svc)
	second, err := Load(ctx, svc)
	if err != nil {
		t.Fatalf("second Load: %v", err)
	}
	if second.TotalAdded() != 0 {
		t.Errorf("second Load added %v", second.Added)
	}
	for k, n := range first.Added {
		if second.Skipped[k] != n {
			t.Errorf("second Load skipped %d %ss, want %d", second.Skipped[k], k, n)
		}
	}
	after := totals(t, svc)
	for k := range before {
		if before[k] != after[k] {
			t.Errorf("%ss: %d after the first Load, %d after the second", k, before[k], after[k])
		}
	}
}

// A record in the trash is not brought back, and records created after it
// leave out their links to it.
func TestLoadRespectsTrash(t *testing.T) {
	_, svc := openDB(t)
	if _, err := Load(ctx, svc); err != nil {
		t.Fatalf("Load: %v", err)
	}
	sub, contact := ID("group/ks/palvelutuotanto/ikaihmiset"), ID("contact/puranen-jouni")
	if err := svc.Groups.Delete(ctx, sub, false); err != nil {
		t.Fatalf("Delete group: %v", err)
	}
	if err := svc.Groups.Purge(ctx, sub); err != nil {
		t.Fatalf("Purge group: %v", err)
	}
	if err := svc.Contacts.Delete(ctx, contact, true); err != nil {
		t.Fatalf("Delete contact: %v", err)
	}
	res, err := Load(ctx, svc)
	if err != nil {
		t.Fatalf("Load after deletes: %v", err)
	}
	if res.TotalAdded() != 1 || res.Added[model.KindGroup] != 1 {
		t.Errorf("added %v, want the purged group only", res.Added)
	}
	c, err := svc.Contacts.Get(ctx, contact)
	if err != nil || !c.InTrash() {
		t.Errorf("contact in trash: %v, %v", c != nil && c.InTrash(), err)
	}
	g, err := svc.Groups.Get(ctx, sub)
	if err != nil {
		t.Fatalf("Get recreated group: %v", err)
	}
	for _, m := range g.Members {
		if m.Contact == contact {
			t.Errorf("recreated group links to the contact in the trash")
		}
	}
	if len(g.Members) == 0 {
		t.Errorf("recreated group lost all its members")
	}
}

func TestLoadCancelled(t *testing.T) {
	_, svc := openDB(t)
	c, cancel := context.WithCancel(ctx)
	cancel()
	res, err := Load(c, svc)
	if err == nil || res.TotalAdded() != 0 {
		t.Errorf("Load with a cancelled context: %v, added %v", err, res.Added)
	}
}

func TestRegionCodesMatchRegistry(t *testing.T) {
	for region, codes := range map[string][]string{"05": kantaHame, "13": keskiSuomi} {
		if got := registry.MunicipalitiesOfRegion(region); !slices.Equal(got, codes) {
			t.Errorf("region %s: registry has %v, demo %v", region, got, codes)
		}
	}
}

func TestKantaHame(t *testing.T) {
	svc := loaded(t)
	p := get(t, svc.Projects, "project/kanta-hame-sote-selvitys")
	if p.Office != ID("org/hameen-liitto") {
		t.Errorf("office = %v, want Hämeen liitto", p.Office)
	}
	o := get(t, svc.Organisations, "org/hameen-liitto")
	if o.Type != model.OrgRegionalCouncil {
		t.Errorf("Hämeen liitto type %q", o.Type)
	}
	if len(p.Municipalities) != 11 || !slices.Equal(p.Regions, []string{"05"}) {
		t.Errorf("municipalities %d, regions %v; want all 11 of region 05", len(p.Municipalities), p.Regions)
	}
	for _, code := range registry.MunicipalitiesOfRegion("05") {
		if !p.HasMunicipality(model.MunicipalityID(code)) {
			t.Errorf("municipality %s missing", code)
		}
	}
	if len(p.Funding) != 2 || p.Funding[0].Share != 50 || p.Funding[1].Share != 50 {
		t.Errorf("funding %+v, want two halves", p.Funding)
	}
	if len(p.Staff) != 1 || p.Staff[0].Role != model.StaffPreparer {
		t.Errorf("staff %+v, want one preparer", p.Staff)
	}
	if !strings.Contains(p.Description, "16.4.2019") {
		t.Errorf("description does not date the decision: %q", p.Description)
	}
	tree, err := svc.Queries.GroupTree(ctx, p.ID)
	if err != nil {
		t.Fatalf("GroupTree: %v", err)
	}
	if len(tree) != 1 || tree[0].Group.Type != model.GroupSteering || len(tree[0].Children) != 1 ||
		tree[0].Children[0].Group.Type != model.GroupManagement {
		t.Fatalf("group tree is not steering → management")
	}
	if !slices.ContainsFunc(tree[0].Group.Members, func(m model.Membership) bool { return m.Role == model.RoleStaffRepresent }) {
		t.Errorf("steering group has no staff representative")
	}
	if n := len(tree[0].Group.MembersOn(date(1, 6, 2019))); n == len(tree[0].Group.Members) {
		t.Errorf("no past or future member in the steering group")
	}

	r := get(t, svc.Projects, "project/riihimaki-vertailu")
	if len(r.Municipalities) != 1 || r.Municipalities[0].Municipality != model.MunicipalityID("694") {
		t.Errorf("Riihimäki study municipalities %+v", r.Municipalities)
	}
	g := get(t, svc.Groups, "group/oma-hame/lnp")
	if g.Project != ID("project/oma-hame") || g.MemberWithRole(model.RoleChair, model.Today()).IsZero() ||
		g.MemberWithRole(model.RoleSecretary, model.Today()).IsZero() {
		t.Errorf("Oma Häme working group: project %v, chair or secretary missing", g.Project)
	}
	if !strings.Contains(g.Mandate, "viikoittain") || !strings.Contains(g.Mandate, "kolmiportaista") {
		t.Errorf("mandate %q", g.Mandate)
	}
	if f := get(t, svc.Organisations, "org/fshky"); f.Municipality != model.MunicipalityID("061") {
		t.Errorf("Forssa region joint authority municipality %v", f.Municipality)
	}
}

func TestKUUMA(t *testing.T) {
	svc := loaded(t)
	p := get(t, svc.Projects, "project/kuuma")
	var got []model.ID
	for _, m := range p.Municipalities {
		got = append(got, m.Municipality)
	}
	var want []model.ID
	for _, code := range []string{"106", "186", "505", "543", "611", "858"} {
		want = append(want, model.MunicipalityID(code))
	}
	sortIDs := func(ids []model.ID) {
		slices.SortFunc(ids, func(a, b model.ID) int { return strings.Compare(a.String(), b.String()) })
	}
	sortIDs(got)
	sortIDs(want)
	if !slices.Equal(got, want) {
		t.Errorf("KUUMA municipalities %v, want %v", got, want)
	}
	if p.ShortName != "KUUMA" || p.Administrator != ID("org/kuuma-seutu") {
		t.Errorf("short name %q, administrator %v", p.ShortName, p.Administrator)
	}
	if len(p.Staff) != 1 || p.Staff[0].Role != model.StaffDirector {
		t.Errorf("staff %+v, want a project director", p.Staff)
	}
	var ends []string
	for _, m := range p.Milestones {
		ends = append(ends, m.Period.Start.String()+"–"+m.Period.End.String())
	}
	for _, w := range []string{"–31.8.2016", "31.12.2016–31.12.2016", "1.1.2017–31.12.2017", "1.1.2018–", "1.1.2019–"} {
		if !slices.ContainsFunc(ends, func(s string) bool { return strings.HasSuffix(s, w) || s == w }) {
			t.Errorf("no milestone %s in %v", w, ends)
		}
	}
	tree, err := svc.Queries.GroupTree(ctx, p.ID)
	if err != nil {
		t.Fatalf("GroupTree: %v", err)
	}
	if len(tree) != 1 || tree[0].Group.Type != model.GroupSteering || len(tree[0].Children) != 1 ||
		tree[0].Children[0].Group.Type != model.GroupManagement {
		t.Errorf("KUUMA groups are not steering → management")
	}
}

func TestKeskiUudenmaanSote(t *testing.T) {
	svc := loaded(t)
	o := get(t, svc.Organisations, "org/keusote")
	if o.Name != "Keski-Uudenmaan sote" || o.Type != model.OrgJointAuthority {
		t.Errorf("name %q, type %q", o.Name, o.Type)
	}
	if o.BusinessID != "2844969-4" || o.OVT != "003728449694" {
		t.Errorf("business ID %q, OVT %q", o.BusinessID, o.OVT)
	}
	if o.Municipality != model.MunicipalityID("106") {
		t.Errorf("home municipality %v, want Hyvinkää", o.Municipality)
	}
	if got := list(t, svc.Organisations, "type:joint_authority").Total; got < 1 {
		t.Errorf("no joint authority in the list")
	}
}

func TestKeskiSuomiProgramme(t *testing.T) {
	svc := loaded(t)
	p := get(t, svc.Projects, "project/keski-suomi")
	subs := list(t, svc.Projects, "parent:"+p.ID.String())
	if subs.Total < 5 {
		t.Errorf("%d sub-projects, want at least 5", subs.Total)
	}
	if f := p.TotalFunding(); f <= 9_000_000_00 {
		t.Errorf("funding %d cents, want over 9 000 000 €", f)
	}
	if p.Funding[0].Funder != ID("org/stm") {
		t.Errorf("funder %v, want STM", p.Funding[0].Funder)
	}
	if o := get(t, svc.Organisations, "org/stm"); o.Type != model.OrgMinistry {
		t.Errorf("STM type %q", o.Type)
	}
	if !strings.Contains(p.Description, "270 000") {
		t.Errorf("description lacks the residents: %q", p.Description)
	}
	if len(p.Staff) == 0 || p.Staff[0].Role != model.StaffDirector {
		t.Errorf("staff %+v, want a project director", p.Staff)
	}

	tree, err := svc.Queries.GroupTree(ctx, p.ID)
	if err != nil {
		t.Fatalf("GroupTree: %v", err)
	}
	if len(tree) == 0 || tree[0].Group.Type != model.GroupSteering {
		t.Fatalf("group tree does not start with the steering group")
	}
	if len(tree) != 1 {
		t.Errorf("%d roots, want 1", len(tree))
	}
	steer := tree[0]
	if len(steer.Children) != 1 || steer.Children[0].Group.Type != model.GroupManagement {
		t.Fatalf("no management group under the steering group")
	}
	mgmt := steer.Children[0]
	var working, expert int
	for _, c := range mgmt.Children {
		switch c.Group.Type {
		case model.GroupWorking:
			working++
		case model.GroupExpert:
			expert++
		}
	}
	if working != 2 || expert != 3 {
		t.Errorf("under the management group: %d coordination groups, %d expert groups; want 2 and 3", working, expert)
	}
}

func TestServiceProductionGroup(t *testing.T) {
	svc := loaded(t)
	g := get(t, svc.Groups, "group/ks/palvelutuotanto")
	subs := list(t, svc.Groups, "parent:"+g.ID.String(), "type:subgroup")
	if subs.Total != 4 {
		t.Errorf("%d subgroups, want 4", subs.Total)
	}
	if g.Parent != ID("group/ks/sote-koordinaatio") {
		t.Errorf("parent %v, want the sote coordination group", g.Parent)
	}
	meeting := date(22, 9, 2016)
	var chair *model.Membership
	for _, m := range g.MembersOn(meeting) {
		if m.Role == model.RoleChair {
			chair = &m
		}
	}
	if chair == nil {
		t.Fatalf("no chair on %s", meeting)
	}
	if chair.Represents != model.MunicipalityID("179") {
		t.Errorf("chair represents %v, want Jyväskylä", chair.Represents)
	}
	c, err := svc.Contacts.Get(ctx, chair.Contact)
	if err != nil {
		t.Fatalf("Get chair: %v", err)
	}
	if c.JobTitle != "peruspalvelujohtaja" || c.Organisation != model.MunicipalityID("179") {
		t.Errorf("chair %s: %q of %v", c.Title(), c.JobTitle, c.Organisation)
	}
	if !strings.Contains(g.Mandate, "Viitasaarella 22.9.2016") {
		t.Errorf("mandate lacks the Viitasaari meeting: %q", g.Mandate)
	}
}

// Every person in the example data is invented: their addresses and
// numbers must be in the example ranges.
func TestContactsAreFictional(t *testing.T) {
	svc := loaded(t)
	phone := regexp.MustCompile(`^\+358(40|50)0000[0-9]{3}$`)
	page := list(t, svc.Contacts)
	if page.Total == 0 {
		t.Fatal("no contacts")
	}
	for _, s := range page.Items {
		c, err := svc.Contacts.Get(ctx, s.ID)
		if err != nil {
			t.Fatalf("Get %s: %v", s.Title, err)
		}
		if len(c.Emails) == 0 || len(c.Phones) == 0 {
			t.Errorf("%s: no email or phone", c.Title())
		}
		for _, e := range c.Emails {
			if !strings.HasSuffix(e, "@"+emailDomain) {
				t.Errorf("%s: email %q outside %s", c.Title(), e, emailDomain)
			}
		}
		for _, p := range c.Phones {
			if !phone.MatchString(p) {
				t.Errorf("%s: phone %q outside 040/050 0000 xxx", c.Title(), p)
			}
		}
	}
}

// Some memberships have ended, so that member lists show former members.
func TestPastMembers(t *testing.T) {
	svc := loaded(t)
	page := list(t, svc.Groups)
	past := 0
	for _, s := range page.Items {
		g, err := svc.Groups.Get(ctx, s.ID)
		if err != nil {
			t.Fatalf("Get %s: %v", s.Title, err)
		}
		for _, m := range g.Members {
			if !m.Term.End.IsZero() && m.Term.End.Before(model.Today()) {
				past++
			}
		}
	}
	if past < 3 {
		t.Errorf("%d past memberships, want some", past)
	}
}
