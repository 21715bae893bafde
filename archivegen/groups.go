package archivegen

import (
	"math"
	"slices"

	"hankekirja/model"
)

// groups generates each project's governance tree: a steering group, a
// management group under it, working groups under that and subgroups
// under them, with seats held over successive terms.
func (g *generator) groups() {
	r := newRNG(g.cfg.Seed, streamGroups)
	weights := make([]float64, len(g.projs))
	for i := range weights {
		weights[i] = 0.4 + 1.2*r.Float64()
	}
	counts := apportion(g.cfg.Groups, weights)
	for i, pr := range g.projs {
		g.projectGroups(r, pr, counts[i])
	}
}

// apportion splits n in proportion to weights by largest remainders, so
// the parts add up to n exactly.
func apportion(n int, weights []float64) []int {
	out := make([]int, len(weights))
	if len(weights) == 0 {
		return out
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	type rest struct {
		i int
		f float64
	}
	var rests []rest
	given := 0
	for i, w := range weights {
		x := float64(n) * w / sum
		out[i] = int(math.Floor(x))
		given += out[i]
		rests = append(rests, rest{i, x - math.Floor(x)})
	}
	slices.SortStableFunc(rests, func(a, b rest) int {
		switch {
		case a.f > b.f:
			return -1
		case a.f < b.f:
			return 1
		}
		return 0
	})
	for k := 0; given < n; k++ {
		out[rests[k%len(rests)].i]++
		given++
	}
	return out
}

var bodies = map[model.GroupType]string{
	model.GroupSteering: "Ohjausryhmä", model.GroupManagement: "Johtoryhmä", model.GroupWorking: "Työryhmä",
	model.GroupSubgroup: "Alatyöryhmä", model.GroupExpert: "Asiantuntijaryhmä",
}

var mandateTemplates = []string{
	"{R} ohjaa {T:gen} valmistelua ja tekee linjaukset kuntien yhteisistä asioista.",
	"{R} valmistelee {T:par} ja raportoi ohjausryhmälle.",
	"{R} vastaa {T:gen} toimeenpanosta kunnissa ja seuraa sen vaikutuksia.",
	"{R} kokoaa kuntien asiantuntemuksen {T:ela} ja tekee ehdotukset jatkotoimista.",
	"{R} sovittaa yhteen {T:gen} ja {N:gen} valmistelun.",
}

// projectGroups builds n groups of a project.
func (g *generator) projectGroups(r *rng, pr *project, n int) {
	p := pr.rec
	var steering, management *group
	var working []*group
	for i := range n {
		gr := &group{project: pr}
		rec := &model.Group{Project: p.ID}
		rec.ID = model.NewID()
		gr.rec = rec
		topic := newPhrase(r, true)
		switch {
		case i == 0:
			rec.Type, rec.Name, rec.Period = model.GroupSteering, p.ShortName+" -hankkeen ohjausryhmä", p.Period
			topic = pr.topic
			steering = gr
		case i == 1:
			rec.Type, rec.Name, rec.Period = model.GroupManagement, p.ShortName+" -hankkeen johtoryhmä", p.Period
			rec.Parent = steering.rec.ID
			topic = pr.topic
			management = gr
		case len(working) == 0 || (r.chance(0.6) && i < n-1):
			rec.Type, rec.Name = model.GroupWorking, capitalize(topic.form(Gen))+" työryhmä"
			if r.chance(0.08) {
				rec.Type, rec.Name = model.GroupExpert, capitalize(topic.form(Gen))+" asiantuntijaryhmä"
			}
			rec.Parent = management.rec.ID
			rec.Period = subPeriod(r, p.Period)
			working = append(working, gr)
		default:
			parent := pick(r, working)
			rec.Type, rec.Name = model.GroupSubgroup, capitalize(topic.form(Gen))+" alatyöryhmä"
			rec.Parent = parent.rec.ID
			rec.Period = subPeriod(r, parent.rec.Period)
		}
		gr.body = bodies[rec.Type]
		s := &scene{r: r, topic: topic, places: placeNames(pr.places), county: pr.county.name, body: gr.body, people: []string{"puheenjohtaja"}, year: rec.Period.Start.Year}
		rec.Mandate = s.expand(pick(r, mandateTemplates))
		g.seat(r, gr)
		g.grps = append(g.grps, gr)
		g.w.add(rec)
	}
}

// subPeriod returns a part of p of at least a third of it.
func subPeriod(r *rng, p model.Period) model.Period {
	days := daysBetween(p.Start, p.End)
	start := addDays(p.Start, r.IntN(days*3/10+1))
	end := addDays(p.End, -r.IntN(days*2/10+1))
	if daysBetween(start, end) < days/3 {
		return p
	}
	return model.Period{Start: start, End: end}
}

// seat fills a group's seats. Each seat is held by one to three people
// over successive terms that together cover the group's period, so the
// group has a chair and a secretary on every day it exists. Members speak
// for the project's municipalities in turn; deputies for the same one as
// the member before them.
func (g *generator) seat(r *rng, gr *group) {
	rec, pr := gr.rec, gr.project
	var members, deputies, experts int
	switch rec.Type {
	case model.GroupSteering:
		members, deputies, experts = r.between(6, 14), r.between(0, 4), r.between(0, 2)
	case model.GroupManagement:
		members, deputies, experts = r.between(5, 10), r.between(0, 2), r.between(0, 1)
	case model.GroupWorking:
		members, deputies, experts = r.between(5, 12), r.between(0, 2), r.between(0, 2)
	case model.GroupExpert:
		members, deputies, experts = r.between(3, 6), 0, r.between(2, 4)
	default:
		members, deputies, experts = r.between(3, 7), 0, r.between(0, 1)
	}
	used := map[int]bool{}
	places := pr.places
	turn := r.IntN(len(places))
	next := func() *place {
		pl := places[turn%len(places)]
		turn++
		return pl
	}
	add := func(role model.Role, represents *place, staff bool) {
		for _, term := range terms(r, rec.Period) {
			var c int
			if staff && len(pr.staff) > 0 && !used[pr.staff[0]] {
				c = pr.staff[0]
				used[c] = true
			} else {
				c = g.pickPerson(r, pr.county, represents, used)
			}
			m := model.Membership{Contact: g.people[c].id, Role: role, Term: term}
			if represents != nil {
				m.Represents = represents.id
			}
			rec.Members = append(rec.Members, m)
		}
	}
	add(model.RoleChair, places[0], false)
	if r.chance(0.7) {
		add(model.RoleViceChair, next(), false)
	}
	add(model.RoleSecretary, nil, true)
	var seats []*place
	for range members {
		pl := next()
		seats = append(seats, pl)
		add(model.RoleMember, pl, false)
	}
	for i := range deputies {
		add(model.RoleDeputy, seats[i%len(seats)], false)
	}
	for range experts {
		add(model.RoleExpert, nil, false)
	}
	if rec.Type == model.GroupSteering && r.chance(0.6) {
		add(model.RoleStaffRepresent, places[0], false)
	}
}

// terms splits a period into one to three successive terms; a single
// term is left open now and then, as a seat without an end date is.
func terms(r *rng, p model.Period) []model.Period {
	n := 1
	switch x := r.Float64(); {
	case x < 0.1:
		n = 3
	case x < 0.4:
		n = 2
	}
	days := daysBetween(p.Start, p.End)
	if days < 90 {
		n = 1
	}
	if n == 1 {
		if r.chance(0.4) {
			return []model.Period{{}}
		}
		return []model.Period{p}
	}
	cuts := []int{0}
	for i := 1; i < n; i++ {
		cuts = append(cuts, days*i/n+r.IntN(days/(4*n)+1))
	}
	out := make([]model.Period, n)
	for i := range n {
		start := addDays(p.Start, cuts[i])
		end := p.End
		if i+1 < n {
			end = addDays(p.Start, cuts[i+1]-1)
		}
		out[i] = model.Period{Start: start, End: end}
	}
	return out
}
