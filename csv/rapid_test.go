package csv

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// Property tests: whatever records the generators make, exporting a kind
// and importing the file into a new database gives the same records, and
// importing it again changes nothing.

// template is a new database that each run of a property copies: opening
// a new one seeds the municipality registry, which takes most of a run.
var template struct {
	once sync.Once
	data []byte
	err  error
}

// rapidDB opens a new database for one run of a property (rapid.T has no
// TempDir).
func rapidDB(t *rapid.T) model.Services {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "table-template-")
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "t.db")
		db, err := store.Open(path, nil)
		if err != nil {
			template.err = err
			return
		}
		db.Close()
		template.data, template.err = os.ReadFile(path)
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	dir, err := os.MkdirTemp("", "table-rapid-")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "t.db")
	if err := os.WriteFile(path, template.data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		os.RemoveAll(dir)
	})
	return db.Services()
}

// Texts as people type them, with what is hard for CSV and Excel: the
// separator, quotes, leading =, +, - and @, digits that look like numbers
// or dates, and letters beyond ASCII. Cells are trimmed on import, so the
// texts have no spaces at either end.
func genLine(min int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		for {
			s := rapid.OneOf(
				rapid.StringMatching(`[A-Za-zÅÄÖåäöé0-9 ;,"'=+@\-.:/()%€]{0,24}`),
				rapid.SampledFrom([]string{"091", "00100", "+358 40 123", "=SUM(A1)", "- lista", "1.5", "TOSI", "1e5", "12:30", "Kanta-Häme", "Åland", `"lainattu"`}),
			).Draw(t, "text")
			s = strings.TrimSpace(s)
			if len(s) >= min {
				return s
			}
		}
	})
}

// genText is a multi-line text (notes, descriptions).
func genText() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		lines := rapid.SliceOfN(genLine(0), 0, 4).Draw(t, "lines")
		return strings.TrimSpace(strings.Join(lines, "\n"))
	})
}

func genDate(t *rapid.T, label string) model.Date {
	if rapid.Bool().Draw(t, label+"?") {
		return model.Date{}
	}
	return model.MustDate(rapid.IntRange(1990, 2040).Draw(t, label+".y"), time.Month(rapid.IntRange(1, 12).Draw(t, label+".m")), rapid.IntRange(1, 28).Draw(t, label+".d"))
}

func genPeriod(t *rapid.T, label string) model.Period {
	p := model.Period{Start: genDate(t, label+".start"), End: genDate(t, label+".end")}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		p.Start, p.End = p.End, p.Start
	}
	return p
}

func genBusinessID(t *rapid.T) string {
	for {
		n := rapid.IntRange(0, 9999999).Draw(t, "ytunnus")
		s := fmt.Sprintf("%07d", n)
		for c := 0; c <= 9; c++ {
			if id := s + "-" + fmt.Sprint(c); model.ValidBusinessID(id) {
				return id
			}
		}
	}
}

func genAddress(t *rapid.T) model.Address {
	if rapid.Bool().Draw(t, "no address") {
		return model.Address{}
	}
	return model.Address{
		Street:     genLine(0).Draw(t, "street"),
		PostalCode: rapid.StringMatching(`(|[0-9]{5})`).Draw(t, "postal"),
		City:       genLine(0).Draw(t, "city"),
	}
}

func genContact(t *rapid.T, orgs []model.ID) *model.Contact {
	c := &model.Contact{
		FirstName: genLine(0).Draw(t, "first"),
		LastName:  genLine(1).Draw(t, "last"),
		JobTitle:  genLine(0).Draw(t, "title"),
		Phones:    rapid.SliceOfNDistinct(rapid.StringMatching(`\+358(40|50|9)[1-9][0-9]{6}`), 0, 3, rapid.ID).Draw(t, "phones"),
		Emails:    rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z][a-z.]{0,6}[a-z]@(example\.com|esimerkki\.fi)`), 0, 2, rapid.ID).Draw(t, "emails"),
		Address:   genAddress(t),
		Notes:     genText().Draw(t, "notes"),
	}
	if len(orgs) > 0 && rapid.Bool().Draw(t, "org?") {
		c.Organisation = rapid.SampledFrom(orgs).Draw(t, "org")
	}
	return c
}

func genOrganisation(t *rapid.T) *model.Organisation {
	o := &model.Organisation{
		Name:    genLine(1).Draw(t, "name"),
		Type:    rapid.SampledFrom(append([]model.OrgType{""}, model.OrgTypes...)).Draw(t, "type"),
		Address: genAddress(t),
		Notes:   genText().Draw(t, "notes"),
	}
	if rapid.Bool().Draw(t, "ytunnus?") {
		o.BusinessID = genBusinessID(t)
		if rapid.Bool().Draw(t, "ovt?") {
			o.OVT = model.OVTFromBusinessID(o.BusinessID, rapid.StringMatching(`[0-9A-Z]{0,3}`).Draw(t, "suffix"))
		}
	}
	if rapid.Bool().Draw(t, "municipality?") {
		o.Municipality = model.MunicipalityID(rapid.SampledFrom([]string{"091", "106", "109", "179", "858"}).Draw(t, "kunta"))
	}
	if rapid.Bool().Draw(t, "website?") {
		o.Website = "https://" + rapid.StringMatching(`[a-z]{1,10}\.fi(/[a-z0-9]{0,5})?`).Draw(t, "host")
	}
	return o
}

func genProject(t *rapid.T, parents []model.ID) *model.Project {
	p := &model.Project{
		Name:        genLine(1).Draw(t, "name"),
		ShortName:   genLine(0).Draw(t, "short"),
		Description: genText().Draw(t, "description"),
		Status:      rapid.SampledFrom(append([]model.ProjectStatus{""}, model.ProjectStatuses...)).Draw(t, "status"),
		Period:      genPeriod(t, "period"),
		Regions:     rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"01", "05", "07", "13", "21"}), 0, 3, rapid.ID).Draw(t, "regions"),
		Goals:       rapid.SliceOfN(genLine(1), 0, 3).Draw(t, "goals"),
		Tags:        rapid.SliceOfN(genLine(1), 0, 3).Draw(t, "tags"),
	}
	for _, code := range rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"091", "106", "109", "179", "858", "165"}), 0, 3, rapid.ID).Draw(t, "kunnat") {
		role := rapid.SampledFrom([]string{"", "hallinnoija", "osatoteuttaja (pieni)"}).Draw(t, "role")
		p.Municipalities = append(p.Municipalities, model.Participation{Municipality: model.MunicipalityID(code), Role: role})
	}
	if rapid.Bool().Draw(t, "admin?") {
		p.Administrator = model.MunicipalityID("109")
	}
	for i := rapid.IntRange(0, 2).Draw(t, "links"); i > 0; i-- {
		l := model.Link{URL: "https://" + rapid.StringMatching(`[a-z]{1,8}\.fi/[a-z0-9]{0,6}`).Draw(t, "url")}
		if rapid.Bool().Draw(t, "link title?") {
			l.Title = genLine(1).Draw(t, "link title")
		}
		p.Links = append(p.Links, l)
	}
	if len(parents) > 0 && rapid.Bool().Draw(t, "parent?") {
		p.Parent = rapid.SampledFrom(parents).Draw(t, "parent")
	}
	return p
}

func genGroup(t *rapid.T, projects, contacts []model.ID, parents []*model.Group) *model.Group {
	g := &model.Group{
		Name:    genLine(1).Draw(t, "name"),
		Type:    rapid.SampledFrom(append([]model.GroupType{""}, model.GroupTypes...)).Draw(t, "type"),
		Mandate: genText().Draw(t, "mandate"),
		Period:  genPeriod(t, "period"),
	}
	if len(projects) > 0 && rapid.Bool().Draw(t, "project?") {
		g.Project = rapid.SampledFrom(projects).Draw(t, "project")
	}
	var sameProject []model.ID
	for _, p := range parents {
		if p.Project == g.Project {
			sameProject = append(sameProject, p.ID)
		}
	}
	if len(sameProject) > 0 && rapid.Bool().Draw(t, "parent?") {
		g.Parent = rapid.SampledFrom(sameProject).Draw(t, "parent")
	}
	for i := rapid.IntRange(0, 3).Draw(t, "members"); i > 0 && len(contacts) > 0; i-- {
		m := model.Membership{
			Contact: rapid.SampledFrom(contacts).Draw(t, "contact"),
			Role:    rapid.SampledFrom(model.Roles).Draw(t, "role"),
			Term:    genPeriod(t, "term"),
		}
		if rapid.Bool().Draw(t, "represents?") {
			m.Represents = model.MunicipalityID(rapid.SampledFrom([]string{"091", "106", "858"}).Draw(t, "represents"))
		}
		g.Members = append(g.Members, m)
	}
	return g
}

// create stores r, or skips the run when the generated record is one the
// store refuses (the generators aim for valid records; this is the rest).
func create[T any](t *rapid.T, svc model.Service[T], r *T) bool {
	if err := svc.Create(ctx, r); err != nil {
		if model.ErrorCode(err) == model.EINVALID {
			t.Skip("generated an invalid record: " + err.Error())
		}
		t.Fatal(err)
	}
	return true
}

func rapidExport(t *rapid.T, svc model.Services, kind string) []byte {
	var buf bytes.Buffer
	lang := rapid.SampledFrom([]string{"fi", "sv", "en"}).Draw(t, "lang")
	if err := Export(ctx, svc, kind, &buf, lang); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func rapidImport(t *rapid.T, svc model.Services, data []byte) importing.Report {
	rep, err := Import(ctx, svc, data, importing.Options{Lang: "en"})
	if err != nil {
		t.Fatalf("import: %v\n%s\nfile:\n%s", err, rep.String(), data)
	}
	return rep
}

// sameKind compares the records of the kinds in two databases, metadata
// aside.
func sameKind(t *rapid.T, a, b model.Services, kinds ...string) {
	got, want := snapshot(t, b), snapshot(t, a)
	for k, w := range want {
		if hasKindPrefix(k, kinds) && got[k] != w {
			t.Fatalf("%s:\n got %s\nwant %s", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && hasKindPrefix(k, kinds) {
			t.Fatalf("extra %s", k)
		}
	}
}

func unchanged(t *rapid.T, svc model.Services, data []byte) {
	if rep := rapidImport(t, svc, data); rep.Count(importing.Unchanged) != len(rep.Items) {
		t.Fatalf("importing again changed something:\n%s", rep.String())
	}
}

func TestRapidContacts(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		src, dst := rapidDB(t), rapidDB(t)
		var orgs []model.ID
		for _, code := range []string{"091", "106"} {
			orgs = append(orgs, model.MunicipalityID(code))
		}
		for i := rapid.IntRange(1, 4).Draw(t, "n"); i > 0; i-- {
			create(t, src.Contacts, genContact(t, orgs))
		}
		data := rapidExport(t, src, "contacts")
		rapidImport(t, dst, data)
		sameKind(t, src, dst, "contact")
		unchanged(t, dst, data)
	})
}

func TestRapidOrganisations(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		src, dst := rapidDB(t), rapidDB(t)
		for i := rapid.IntRange(1, 4).Draw(t, "n"); i > 0; i-- {
			create(t, src.Organisations, genOrganisation(t))
		}
		data := rapidExport(t, src, "organisations")
		rapidImport(t, dst, data)
		sameKind(t, src, dst, "organisation")
		unchanged(t, dst, data)
	})
}

func TestRapidProjects(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		src, dst := rapidDB(t), rapidDB(t)
		var ids []model.ID
		for i := rapid.IntRange(1, 4).Draw(t, "n"); i > 0; i-- {
			p := genProject(t, ids)
			create(t, src.Projects, p)
			ids = append(ids, p.ID)
		}
		data := rapidExport(t, src, "projects")
		rapidImport(t, dst, data)
		sameKind(t, src, dst, "project")
		unchanged(t, dst, data)
	})
}

func TestRapidGroups(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		src, dst := rapidDB(t), rapidDB(t)
		var contacts, projects []model.ID
		for i := rapid.IntRange(1, 3).Draw(t, "contacts"); i > 0; i-- {
			c := genContact(t, nil)
			create(t, src.Contacts, c)
			contacts = append(contacts, c.ID)
		}
		for i := rapid.IntRange(0, 2).Draw(t, "projects"); i > 0; i-- {
			p := genProject(t, nil)
			p.Parent = model.NilID
			create(t, src.Projects, p)
			projects = append(projects, p.ID)
		}
		var groups []*model.Group
		for i := rapid.IntRange(1, 4).Draw(t, "groups"); i > 0; i-- {
			g := genGroup(t, projects, contacts, groups)
			create(t, src.Groups, g)
			groups = append(groups, g)
		}
		for _, kind := range []string{"contacts", "projects"} {
			rapidImport(t, dst, rapidExport(t, src, kind))
		}
		data := rapidExport(t, src, "groups")
		rapidImport(t, dst, data)
		sameKind(t, src, dst, "group", "contact")
		unchanged(t, dst, data)
	})
}

func TestRapidMunicipalityNotes(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		src, dst := rapidDB(t), rapidDB(t)
		for _, code := range rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"091", "106", "109", "049", "301"}), 1, 3, rapid.ID).Draw(t, "codes") {
			m, err := src.Municipalities.Get(ctx, model.MunicipalityID(code))
			if err != nil {
				t.Fatal(err)
			}
			m.Notes = genText().Draw(t, "notes")
			if err := src.Municipalities.Update(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		data := rapidExport(t, src, "municipalities")
		rapidImport(t, dst, data)
		sameKind(t, src, dst, "municipality")
		unchanged(t, dst, data)
	})
}
