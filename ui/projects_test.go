package ui

import (
	"bytes"
	"encoding/json"
	"image/png"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// projectsViewOf returns the window's projects view.
func projectsViewOf(u *UI) *projectsView {
	return browserOf(u, model.KindProject).view.(*projectsView)
}

// openProject shows a project by title in the projects view.
func openProject(t *testing.T, u *UI, title string) *projectDetail {
	t.Helper()
	selectSection(u, "projects")
	selectTitle(t, u, browserOf(u, model.KindProject), title)
	pd := projectsViewOf(u).last
	if pd == nil || pd.info.p.Name != title {
		t.Fatalf("the detail of %q is not shown", title)
	}
	return pd
}

func TestCreateProjectWithARegionsMunicipalities(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "projects")
	b := browserOf(u, model.KindProject)
	b.newRecord()
	pf := projectsViewOf(u).form
	if pf == nil || b.editing != pf.f {
		t.Fatal("no project form opened")
	}
	test.Type(pf.name, "Kanta-Hämeen kotihoidon kehittäminen")
	test.Type(pf.shortName, "Kotihoito")
	test.Type(pf.startEntry, "1.1.2020")
	test.Type(pf.endEntry, "31.12.2021")

	// All of Kanta-Häme (region 05) in one step.
	pf.munis.region.SetSelected("Kanta-Häme")
	if got := len(pf.munis.p.Municipalities); got != 11 {
		t.Fatalf("municipalities after adding Kanta-Häme: %d, want 11", got)
	}
	if got := pf.munis.status.Text; got != "Lisätty kuntia: 11." {
		t.Errorf("status = %q", got)
	}
	if pf.munis.region.Selected != "" {
		t.Errorf("the region choice was not cleared for the next one: %q", pf.munis.region.Selected)
	}
	// One more by typing the beginning of its name.
	test.Type(pf.munis.search, "hyvin")
	if len(pf.munis.matches) != 1 || pf.munis.matches[0].m.Code != "106" {
		t.Fatalf("matches for hyvin: %+v", pf.munis.matches)
	}
	pf.munis.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := len(pf.munis.p.Municipalities); got != 12 {
		t.Fatalf("municipalities after Hyvinkää: %d, want 12", got)
	}
	// Adding the region again skips every municipality already there.
	pf.munis.region.SetSelected("Kanta-Häme")
	if got := len(pf.munis.p.Municipalities); got != 12 {
		t.Fatalf("duplicates were added: %d municipalities", got)
	}
	if got := pf.munis.status.Text; !strings.HasPrefix(got, "Lisätty kuntia: 0. Jo mukana, ohitettiin: ") {
		t.Errorf("status after the second time = %q", got)
	}
	// A code finds the municipality too, offered disabled when it takes part.
	test.Type(pf.munis.search, "106")
	if len(pf.munis.matches) != 1 || !pf.munis.suggestions.Objects[0].(*widget.Button).Disabled() {
		t.Errorf("106 should be offered, disabled: %+v", pf.munis.matches)
	}
	pf.munis.search.SetText("")
	test.Type(pf.munis.roleEntry(model.MunicipalityID("106")), "asiantuntija")

	test.Tap(findButton(t, u, "Lisää rahoitusrivi"))
	fr := pf.funding.rows[0]
	test.Type(fr.amount, "60 000,00")
	test.Type(fr.share, "50")
	test.Type(fr.note, "Kuntien osuus")
	test.Tap(findButton(t, u, "Lisää virstanpylväs"))
	mr := pf.milestones.rows[0]
	test.Type(mr.start, "1.3.2020")
	test.Type(mr.desc, "Aloitusseminaari")
	test.Tap(mr.done)
	test.Type(pf.tags, "kotihoito, Kanta-Häme, kotihoito")
	test.Type(pf.links, "Hankesivu | https://example.com/kotihoito")
	test.Type(pf.goals, "Yhtenäinen kotihoito\nSaman tason palvelut kaikissa kunnissa")

	pf.f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q", pf.f.problem.Text)
	}
	page, err := u.svc.Projects.List(ctx(), model.Filter{Query: "kotihoidon"})
	if err != nil || page.Total != 1 {
		t.Fatalf("saved projects: %d (%v)", page.Total, err)
	}
	p, _ := u.svc.Projects.Get(ctx(), page.Items[0].ID)
	if len(p.Municipalities) != 12 || !p.HasMunicipality(model.MunicipalityID("109")) || !p.HasMunicipality(model.MunicipalityID("106")) {
		t.Errorf("municipalities = %+v", p.Municipalities)
	}
	for _, m := range p.Municipalities {
		if want := map[bool]string{true: "asiantuntija"}[m.Municipality == model.MunicipalityID("106")]; m.Role != want {
			t.Errorf("role of %s = %q, want %q", m.Municipality, m.Role, want)
		}
	}
	if !slices.Equal(p.Regions, []string{"05"}) {
		t.Errorf("regions = %v, want [05] (added with its municipalities)", p.Regions)
	}
	if p.Status != model.ProjectPlanned || p.ShortName != "Kotihoito" || p.Period.String() != "1.1.2020–31.12.2021" {
		t.Errorf("status %q, short name %q, period %q", p.Status, p.ShortName, p.Period)
	}
	if len(p.Funding) != 1 || p.Funding[0].Amount != 6000000 || p.Funding[0].Share != 50 || p.Funding[0].Note != "Kuntien osuus" {
		t.Errorf("funding = %+v", p.Funding)
	}
	if len(p.Milestones) != 1 || p.Milestones[0].Period.String() != "1.3.2020–1.3.2020" || !p.Milestones[0].Done {
		t.Errorf("milestones = %+v", p.Milestones)
	}
	if !slices.Equal(p.Tags, []string{"kotihoito", "Kanta-Häme"}) || len(p.Goals) != 2 {
		t.Errorf("tags = %q, goals = %q", p.Tags, p.Goals)
	}
	if len(p.Links) != 1 || p.Links[0] != (model.Link{Title: "Hankesivu", URL: "https://example.com/kotihoito"}) {
		t.Errorf("links = %+v", p.Links)
	}
	// The detail of the new project is shown.
	text := screenText(u)
	for _, want := range []string{"Osallistuvat kunnat (12)", "60 000,00 €", "Hämeenlinna", "Kanta-Häme", "Yhtenäinen kotihoito"} {
		if !strings.Contains(text, want) && !strings.Contains(strings.ReplaceAll(text, "\n", " "), want) {
			t.Errorf("the detail does not show %q:\n%s", want, text)
		}
	}
}

func TestProjectFormMarksErrorsAndSavesNothing(t *testing.T) {
	u := newTestUI(t)
	selectSection(u, "projects")
	b := browserOf(u, model.KindProject)
	b.newRecord()
	pf := projectsViewOf(u).form
	test.Type(pf.name, "Virheellinen hanke")
	test.Type(pf.startEntry, "1.1.2021")
	test.Type(pf.endEntry, "1.1.2020")
	test.Tap(findButton(t, u, "Lisää rahoitusrivi"))
	test.Tap(findButton(t, u, "Lisää rahoitusrivi"))
	test.Type(pf.funding.rows[0].amount, "1000")
	test.Type(pf.funding.rows[1].amount, "-100")
	pf.f.submit()
	u.Wait()

	f := pf.f
	if got, want := f.items["end"].HintText, "loppu on ennen alkua"; got != want {
		t.Errorf("end hint = %q, want %q", got, want)
	}
	if got, want := f.items["funding"].HintText, "Rahoitusrivi 2 › Summa: ei voi olla negatiivinen"; got != want {
		t.Errorf("funding hint = %q, want %q", got, want)
	}
	if pf.boxes["funding"].Validate() == nil {
		t.Error("the funding list is not marked")
	}
	if !f.problem.Visible() {
		t.Error("no message above the form")
	}
	if b.editing != f {
		t.Fatal("the form closed although nothing could be saved")
	}
	if page, _ := u.svc.Projects.List(ctx(), model.Filter{}); page.Total != 0 {
		t.Fatalf("saved projects: %d, want 0", page.Total)
	}

	// An amount that cannot be read is marked too.
	pf.funding.rows[1].amount.SetText("sata euroa")
	pf.f.submit()
	u.Wait()
	if got, want := f.items["funding"].HintText, "Rahoitusrivi 2 › Summa: ei ole rahamäärä (esim. 60 000,00)"; got != want {
		t.Errorf("funding hint = %q, want %q", got, want)
	}

	// Corrected, it saves; the hints are back.
	pf.endEntry.SetText("31.12.2021")
	pf.funding.rows[1].amount.SetText("100,50")
	pf.f.submit()
	u.Wait()
	if b.editing != nil {
		t.Fatalf("form still open: %q %q", f.problem.Text, f.items["funding"].HintText)
	}
	page, _ := u.svc.Projects.List(ctx(), model.Filter{})
	if page.Total != 1 {
		t.Fatalf("saved projects: %d", page.Total)
	}
	p, _ := u.svc.Projects.Get(ctx(), page.Items[0].ID)
	if p.TotalFunding() != 100000+10050 {
		t.Errorf("total funding = %d", p.TotalFunding())
	}
}

func TestKuumaProjectDetail(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	pd := openProject(t, u, "KUUMA-kuntien sote-alueyksikkö")
	text := screenText(u)
	for _, want := range []string{
		"Osallistuvat kunnat (6)", "Hyvinkää", "Järvenpää", "Mäntsälä", "Nurmijärvi", "Pornainen", "Tuusula",
		"Ryhmät (2)", "KUUMA-sote ohjausryhmä", "KUUMA-sote johtoryhmä",
		"KUUMA-seutu liikelaitos", "Päättynyt", "1.1.2016–31.12.2018", "Projektijohtaja", "Keski-Uudenmaan sote",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the KUUMA detail does not show %q", want)
		}
	}
	// Each municipality is a link with its region.
	findHyperlink(t, u, "Tuusula")
	// The tree: the management group under the steering group, indented.
	var names []string
	projectWalkGroups(pd.info.tree, 0, func(n *model.GroupNode, depth int) {
		names = append(names, strings.Repeat("  ", depth)+n.Group.Name)
	})
	if want := []string{"KUUMA-sote ohjausryhmä", "  KUUMA-sote johtoryhmä"}; !slices.Equal(names, want) {
		t.Errorf("group tree = %q, want %q", names, want)
	}
	if got := len(pd.diagram.boxes); got != 2 {
		t.Errorf("diagram boxes = %d, want 2", got)
	}
	if got := len(pd.diagram.lines); got != 3 {
		t.Errorf("diagram lines = %d, want 3 (down, across, down)", got)
	}
	if got := len(pd.timeline.milestones); got != 5 {
		t.Errorf("timeline milestones = %d, want 5", got)
	}
	// A box opens its group.
	pd.tabs.SelectIndex(1)
	for _, b := range pd.diagram.boxes {
		if b.group.Name == "KUUMA-sote johtoryhmä" {
			b.Tapped(nil)
		}
	}
	u.Wait()
	if got := browserOf(u, model.KindGroup).selected; got.IsZero() || sections[u.shell.current].kind != model.KindGroup {
		t.Errorf("tapping a box did not open its group")
	}
	// The tab chosen last is kept for the next project.
	pd = openProject(t, u, "Oma Häme")
	if pd.tabs.SelectedIndex() != 1 {
		t.Errorf("tab = %d, want 1 (Organisaatio, chosen before)", pd.tabs.SelectedIndex())
	}
}

func TestKeskiSuomiProgramme(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	pd := openProject(t, u, "Keski-Suomen sote-kehittämisohjelma")
	text := screenText(u)
	for _, want := range []string{"9 100 000,00 €", "100 %", "Sosiaali- ja terveysministeriö", "Osahankkeet (5)",
		"RAI-toimintakyvyn arviointi", "Osallistuvat kunnat (22)", "Keski-Suomi"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Keski-Suomi detail does not show %q", want)
		}
	}
	groups, _ := u.svc.Groups.List(ctx(), model.Filter{Facets: []string{"project:" + pd.info.p.ID.String()}})
	if got := len(pd.diagram.boxes); got != groups.Total || got < 10 {
		t.Errorf("diagram boxes = %d, the project has %d groups", got, groups.Total)
	}
	// No two boxes of a layer overlap.
	for i, a := range pd.diagram.nodes {
		for _, b := range pd.diagram.nodes[i+1:] {
			if a.depth == b.depth && b.x-a.x < 1 && a.x-b.x < 1 {
				t.Errorf("%q and %q overlap (x %v, %v)", a.group.Name, b.group.Name, a.x, b.x)
			}
		}
	}
	var buf bytes.Buffer
	if err := writeDiagramPNG(&buf, pd.info.p.Name, pd.info.tree); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n := pd.diagram.naturalSize(); img.Bounds().Dx() < int(n.Width) || img.Bounds().Dy() < int(n.Height) {
		t.Errorf("PNG is %v, the diagram %v", img.Bounds(), n)
	}
	// A sub-project links to the programme.
	openProject(t, u, "RAI-toimintakyvyn arviointi")
	findHyperlink(t, u, "Keski-Suomen sote-kehittämisohjelma")
}

// TestEditKeepsEverything opens each demo project's form and saves it
// unchanged: nothing may be lost or altered on the way through the fields.
func TestEditKeepsEverything(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	selectSection(u, "projects")
	b := browserOf(u, model.KindProject)
	for _, s := range loadedItems(b) {
		before, _ := u.svc.Projects.Get(ctx(), s.ID)
		b.showRecord(s.ID)
		u.Wait()
		b.editRecord(s.ID)
		u.Wait()
		pf := projectsViewOf(u).form
		if pf.f.dirty {
			t.Errorf("%s: the form is changed right after opening", s.Title)
		}
		pf.f.submit()
		u.Wait()
		if b.editing != nil {
			t.Fatalf("%s: not saved: %q", s.Title, pf.f.problem.Text)
		}
		after, _ := u.svc.Projects.Get(ctx(), s.ID)
		before.Meta, after.Meta = model.Meta{}, model.Meta{}
		if !reflect.DeepEqual(before, after) {
			a, _ := json.Marshal(before)
			c, _ := json.Marshal(after)
			t.Errorf("%s changed on the way through the form:\n%s\n%s", s.Title, a, c)
		}
	}
}

func TestMunicipalityMatches(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want string // first match's code
		typ  string
	}{
		{"hyvin", "106", ""},
		{"106", "106", ""},
		{"91", "091", ""},
		{"Helsingfors", "091", ""},
		{"Hauho", "109", "Hauho"},
		{"hämeenl", "109", ""},
	} {
		got := pickerMatchMunicipalities(tt.q, 6)
		if len(got) == 0 || got[0].m.Code != tt.want || got[0].typed != tt.typ {
			t.Errorf("%q: %+v, want %s first", tt.q, got, tt.want)
		}
	}
	if got := pickerMatchMunicipalities("zzz", 6); len(got) != 0 {
		t.Errorf("zzz matches %+v", got)
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"60 000,00", 6000000, true},
		{"60000", 6000000, true},
		{"60 000 €", 6000000, true},
		{"9 100 000,00 €", 910000000, true},
		{"1.500,50", 150050, true},
		{"1500.5", 150050, true},
		{"1.500", 150000, true},
		{"0,05", 5, true},
		{",5", 50, true},
		{"-100", -10000, true},
		{"−100", -10000, true},
		{"", 0, true},
		{"sata", 0, false},
		{"1,234", 0, false},
		{"99999999999999999999", 0, false},
	} {
		got, err := model.ParseCents(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parse %q = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	for cents, want := range map[int64]string{910000000: "9 100 000,00 €", 6000000: "60 000,00 €", 5: "0,05 €", -10050: "-100,50 €", 100000: "1 000,00 €"} {
		if got := moneyText(cents); got != want {
			t.Errorf("moneyText(%d) = %q, want %q", cents, got, want)
		}
	}
	for p, want := range map[float64]string{50: "50 %", 100.0 / 3: "33,3 %", 0: "0 %"} {
		if got := percentText(p); got != want {
			t.Errorf("percentText(%v) = %q, want %q", p, got, want)
		}
	}
}

func TestLinksAndTags(t *testing.T) {
	links := projectParseLinks("Oma Häme | https://omahame.fi\nhttps://stm.fi\nKeski-Uudenmaan sote https://www.keusote.fi\n\n")
	want := []model.Link{{Title: "Oma Häme", URL: "https://omahame.fi"}, {URL: "https://stm.fi"}, {Title: "Keski-Uudenmaan sote", URL: "https://www.keusote.fi"}}
	if !reflect.DeepEqual(links, want) {
		t.Errorf("links = %+v", links)
	}
	if got := projectParseLinks(projectLinksText(want)); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip = %+v", got)
	}
	if got := projectSplitTags(" a, b ,,a, c "); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("tags = %q", got)
	}
}

func TestWrapText(t *testing.T) {
	size := float32(13)
	lines := diagramWrapText("Keski-Suomen sote-uudistuksen poliittinen ohjausryhmä", size, fyne.TextStyle{Bold: true}, 168, 3)
	if len(lines) < 2 || len(lines) > 3 {
		t.Fatalf("lines = %q", lines)
	}
	for _, l := range lines {
		if w := fyne.MeasureText(l, size, fyne.TextStyle{Bold: true}).Width; w > 168 && !strings.Contains(l, " ") {
			continue // one word longer than the box
		} else if w > 168 {
			t.Errorf("line %q is %v wide", l, w)
		}
	}
	if got := strings.Join(lines, " "); !strings.Contains(got, "ohjausryhmä") {
		t.Errorf("lost words: %q", lines)
	}
	long := diagramWrapText(strings.Repeat("sana ", 40), size, fyne.TextStyle{}, 100, 3)
	if len(long) != 3 || !strings.HasSuffix(long[2], "…") {
		t.Errorf("long text = %q", long)
	}
}
