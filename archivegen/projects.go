package archivegen

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"hankekirja/model"
)

// project is what groups and meetings need of a generated project.
type project struct {
	rec    *model.Project
	county *county
	places []*place
	topic  phrase
	staff  []int // indexes into people
}

// group is a generated group and its project.
type group struct {
	rec     *model.Group
	project *project
	body    string // "Ohjausryhmä": the group as the subject of a decision
}

// pickPeople draws a contact of the county (or anyone when the county has
// none), avoiding those in used.
func (g *generator) pickPerson(r *rng, k *county, p *place, used map[int]bool) int {
	pools := [][]int{g.byCounty[k.code]}
	if p != nil {
		pools = append([][]int{g.byPlace[p.code]}, pools...)
	}
	for _, pool := range pools {
		for range 6 {
			if len(pool) == 0 {
				break
			}
			if i := pick(r, pool); !used[i] {
				used[i] = true
				return i
			}
		}
	}
	for {
		i := r.IntN(len(g.people))
		if !used[i] || len(used) >= len(g.people) {
			used[i] = true
			return i
		}
	}
}

// projects generates the projects, each in one county.
func (g *generator) projects() {
	r := newRNG(g.cfg.Seed, streamProjects)
	cum := make([]float64, len(g.counties))
	sum := 0.0
	for i, k := range g.counties {
		sum += k.weight
		cum[i] = sum
	}
	names := map[string]bool{}
	reformDay := model.MustDate(2023, time.January, 1)
	latest := addDays(g.cfg.Today, 60)
	for range g.cfg.Projects {
		k := g.counties[r.weighted(cum)]
		start := r.dateBetween(g.cfg.From, latest)
		start = model.MustDate(start.Year, start.Month, 1)
		end := addDays(model.DateOf(start.Time().AddDate(0, r.between(18, 60), 0)), -1)
		pr := &project{county: k, topic: newPhrase(r, true)}
		p := &model.Project{Period: model.Period{Start: start, End: end}}
		p.ID = model.NewID()
		pr.rec = p
		switch {
		case g.cfg.Today.Before(start):
			p.Status = model.ProjectPlanned
		case end.Before(g.cfg.Today):
			p.Status = model.ProjectFinished
		case r.chance(0.03):
			p.Status = model.ProjectSuspended
		default:
			p.Status = model.ProjectRunning
		}
		// The places: all of a small county's, part of a large one's, the
		// largest always.
		pr.places = slices.Clone(k.places)
		if len(pr.places) > 6 && r.chance(0.6) {
			n := r.between(max(2, len(pr.places)*2/5), len(pr.places))
			rest := pr.places[1:]
			r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
			pr.places = pr.places[:n]
		}
		regions := map[string]bool{}
		for i, pl := range pr.places {
			role := ""
			if i == 0 {
				role = "hallinnoija"
			} else if r.chance(0.3) {
				role = "osatoteuttaja"
			}
			p.AddMunicipality(pl.id, role)
			if !regions[pl.region] {
				regions[pl.region] = true
				p.Regions = append(p.Regions, pl.region)
			}
		}
		slices.Sort(p.Regions)
		// The administrator: the county after the reform, before it the
		// largest town, the regional council or a joint authority.
		switch x := r.Float64(); {
		case !k.org.IsZero() && !start.Before(reformDay):
			p.Administrator = k.org
		case x < 0.5 || len(k.orgs) == 0:
			p.Administrator = k.places[0].id
		case x < 0.75 && !k.council.IsZero():
			p.Administrator = k.council
		default:
			p.Administrator = pick(r, k.orgs)
		}
		if !k.council.IsZero() && p.Administrator != k.council && r.chance(0.2) {
			p.Office = k.council
		}
		p.Name = g.projectName(r, pr, names)
		p.ShortName = shortName(k, pr.topic, start.Year)
		s := &scene{r: r, topic: pr.topic, places: placeNames(pr.places), county: k.name, body: "Hanke", people: []string{"projektipäällikkö"}, year: start.Year}
		p.Description = s.paragraph(backgroundTemplates, r.between(2, 3))
		for range r.between(2, 4) {
			p.Goals = append(p.Goals, s.expand(pick(r, goalTemplates)))
		}
		g.funding(r, pr)
		g.milestones(r, pr, s)
		used := map[int]bool{}
		for i := range r.between(1, 3) {
			c := g.pickPerson(r, k, nil, used)
			pr.staff = append(pr.staff, c)
			p.Staff = append(p.Staff, model.StaffMember{Contact: g.people[c].id, Role: model.StaffRoles[(i+r.IntN(2))%len(model.StaffRoles)]})
		}
		p.Tags = []string{"sote", strings.ToLower(pr.topic.head.nom)}
		if pr.topic.prefix != "" {
			p.Tags = append(p.Tags, strings.TrimSuffix(pr.topic.prefix, "-")+pr.topic.head.nom)
		}
		if r.chance(0.5) {
			p.Links = []model.Link{{Title: "Hankkeen sivut", URL: fmt.Sprintf("https://www.%s.example/hankkeet/%s", slug(k.prefix), slug(p.ShortName))}}
		}
		// Now and then a sub-project of an earlier one in the county.
		if r.chance(0.1) {
			for _, o := range slices.Backward(g.projs) {
				if o.county == k && o.rec.Parent.IsZero() && o.rec.Period.Contains(start) {
					p.Parent = o.rec.ID
					break
				}
			}
		}
		g.projs = append(g.projs, pr)
		g.w.add(p)
	}
}

func placeNames(ps []*place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

// projectName names a project after its county and subject, uniquely.
func (g *generator) projectName(r *rng, pr *project, names map[string]bool) string {
	k, t := pr.county, pr.topic
	big := pr.places[0].name
	var name string
	switch r.IntN(6) {
	case 0:
		name = k.prefix + " " + t.form(Nom) + " -hanke"
	case 1:
		name = capitalize(t.form(Nom)) + " – " + k.prefix + " alueen kehittämishanke"
	case 2:
		name = placeGenitive(big) + " seudun " + t.form(Gen) + " kehittämishanke"
	case 3:
		name = k.prefix + " tulevaisuuden sote-keskus: " + t.form(Nom)
	case 4:
		name = k.prefix + " rakenneuudistus: " + t.form(Nom)
	default:
		name = capitalize(t.form(Gen)) + " uudistaminen " + placeIn(big)
	}
	base := name
	for n := 2; names[name]; n++ {
		name = fmt.Sprintf("%s %d", base, n)
	}
	names[name] = true
	return name
}

// shortName is "KU-Kotihoito 2021": the county's initials, the subject's
// head word and the start year.
func shortName(k *county, t phrase, year int) string {
	var initials strings.Builder
	for _, part := range strings.FieldsFunc(k.prefix, func(r rune) bool { return r == '-' || r == ' ' }) {
		for _, r := range part {
			initials.WriteRune(r)
			break
		}
	}
	return fmt.Sprintf("%s-%s %d", initials.String(), capitalize(t.prefix+t.head.nom), year)
}

// funding: the ministry's grant and the municipalities' own share, now and
// then the regional council's.
func (g *generator) funding(r *rng, pr *project) {
	p := pr.rec
	stm := g.ministry
	grant := int64(r.between(20, 500)) * 1_000_000 // cents: 200 000 – 5 000 000 €
	share := float64(r.between(75, 100))
	p.Funding = append(p.Funding, model.FundingLine{Funder: stm, Amount: grant, Share: share, Period: p.Period, Note: "Valtionavustus"})
	if share < 100 {
		own := int64(float64(grant) * (100 - share) / share)
		p.Funding = append(p.Funding, model.FundingLine{Funder: p.Administrator, Amount: own / 100 * 100, Share: 100 - share, Period: p.Period, Note: "Kuntien omarahoitusosuus"})
	}
	if !pr.county.council.IsZero() && r.chance(0.15) {
		p.Funding = append(p.Funding, model.FundingLine{Funder: pr.county.council, Amount: int64(r.between(2, 30)) * 1_000_000, Note: "Maakunnan kehittämisraha"})
	}
}

var milestoneTexts = []string{
	"Hankesuunnitelma hyväksytty", "Nykytilan kartoitus valmis", "Pilotti käynnistyy", "Väliraportti ministeriölle",
	"Toimintamalli kuvattu", "Käyttöönotto kaikissa kunnissa", "Loppuraportti", "Henkilöstön koulutukset",
	"Asiakaskysely", "Vaikuttavuuden arviointi",
}

func (g *generator) milestones(r *rng, pr *project, s *scene) {
	p := pr.rec
	n := r.between(3, 6)
	days := daysBetween(p.Period.Start, p.Period.End)
	for i := range n {
		d := addDays(p.Period.Start, days*(i+1)/(n+1))
		m := model.Milestone{Period: model.Period{Start: d}, Description: milestoneTexts[(i*3+r.IntN(3))%len(milestoneTexts)]}
		if r.chance(0.3) {
			m.Period.End = addDays(d, r.between(14, 90))
			m.Description += ": " + s.topic.form(Nom)
		}
		m.Done = d.Before(g.cfg.Today)
		p.Milestones = append(p.Milestones, m)
	}
}
