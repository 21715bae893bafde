package archivegen

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// The region the archive describes: the registry's municipalities and
// wellbeing services counties, and the organisations around them.

// place is a current municipality.
type place struct {
	code, name string
	id         model.ID
	county     string
	region     string
	population int
	swedish    bool
	domain     string
	postal     string
}

// county is a wellbeing services county (or Helsinki, which organises its
// services itself).
type county struct {
	code, name string
	// prefix is the county name's genitive part: "Keski-Uudenmaan".
	prefix string
	places []*place // largest first
	org    model.ID // the county's own organisation (zero for Helsinki)
	// orgs are the county's organisations other than the municipalities.
	orgs    []model.ID
	council model.ID // the regional council
	weight  float64
}

// orgInfo is what contacts need of an organisation.
type orgInfo struct {
	id     model.ID
	name   string
	domain string
	place  *place
}

// postalCodes are the central postal codes of the larger towns; other
// places' addresses go without one.
var postalCodes = map[string]string{
	"Helsinki": "00100", "Espoo": "02100", "Vantaa": "01300", "Tampere": "33100", "Turku": "20100", "Oulu": "90100",
	"Jyväskylä": "40100", "Kuopio": "70100", "Lahti": "15100", "Pori": "28100", "Hämeenlinna": "13100",
	"Hyvinkää": "05800", "Järvenpää": "04400", "Seinäjoki": "60100", "Vaasa": "65100", "Joensuu": "80100",
	"Mikkeli": "50100", "Lappeenranta": "53100", "Kotka": "48100", "Kouvola": "45100", "Rovaniemi": "96100",
	"Kajaani": "87100", "Kokkola": "67100", "Porvoo": "06100", "Salo": "24100", "Forssa": "30100",
	"Riihimäki": "11100", "Kerava": "04200", "Tuusula": "04300", "Nurmijärvi": "01900", "Mäntsälä": "04600",
	"Savonlinna": "57100", "Rauma": "26100", "Lohja": "08100", "Kirkkonummi": "02400", "Imatra": "55100",
	"Kemi": "94100", "Tornio": "95400", "Iisalmi": "74100", "Varkaus": "78200", "Raahe": "92100",
	"Pietarsaari": "68600", "Kangasala": "36200", "Nokia": "37100", "Ylöjärvi": "33470", "Kaarina": "20780",
	"Raisio": "21200", "Naantali": "21100", "Äänekoski": "44100", "Jämsä": "42100", "Heinola": "18100",
}

// councils are the regional councils (maakuntaliitto) by region code.
var councils = map[string]string{
	"01": "Uudenmaan liitto", "02": "Varsinais-Suomen liitto", "04": "Satakuntaliitto", "05": "Hämeen liitto",
	"06": "Pirkanmaan liitto", "07": "Päijät-Hämeen liitto", "08": "Kymenlaakson liitto", "09": "Etelä-Karjalan liitto",
	"10": "Etelä-Savon maakuntaliitto", "11": "Pohjois-Savon liitto", "12": "Pohjois-Karjalan maakuntaliitto",
	"13": "Keski-Suomen liitto", "14": "Etelä-Pohjanmaan liitto", "15": "Pohjanmaan liitto",
	"16": "Keski-Pohjanmaan liitto", "17": "Pohjois-Pohjanmaan liitto", "18": "Kainuun liitto", "19": "Lapin liitto",
}

// loadPlaces reads the registry's current municipalities outside Åland,
// which is not part of the reform, grouped by county.
func loadPlaces() ([]*place, []*county, error) {
	all, err := registry.Municipalities()
	if err != nil {
		return nil, nil, err
	}
	byCounty := map[string]*county{}
	var counties []*county
	for _, c := range registry.Counties() {
		if c.Code == "91" {
			continue
		}
		k := &county{code: c.Code, name: c.Name.FI}
		if i := strings.LastIndexByte(c.Name.FI, ' '); i > 0 {
			k.prefix = c.Name.FI[:i]
		}
		byCounty[c.Code] = k
		counties = append(counties, k)
	}
	var places []*place
	for i := range all {
		m := &all[i]
		k := byCounty[m.CountyCode]
		if m.Former() || k == nil {
			continue
		}
		p := &place{
			code: m.Code, name: m.Name.FI, id: m.ID, county: m.CountyCode, region: m.RegionCode,
			population: m.Population, swedish: m.LanguageStatus >= model.LanguageSwedish,
			domain: slug(m.Name.FI) + ".example", postal: postalCodes[m.Name.FI],
		}
		places = append(places, p)
		k.places = append(k.places, p)
	}
	for _, k := range counties {
		slices.SortStableFunc(k.places, func(a, b *place) int { return cmp.Compare(b.population, a.population) })
		pop := 0
		for _, p := range k.places {
			pop += p.population
		}
		k.weight = math.Sqrt(float64(max(pop, 1000)))
	}
	return places, counties, nil
}

// businessID draws a Y-tunnus with a correct check digit (model's rule),
// unique within the archive.
func businessID(r *rng, used map[string]bool) string {
	weights := [7]int{7, 9, 10, 5, 8, 4, 2}
	for {
		n := r.between(1000000, 3299999)
		digits := fmt.Sprintf("%07d", n)
		sum := 0
		for i, w := range weights {
			sum += int(digits[i]-'0') * w
		}
		rem := sum % 11
		if rem == 1 {
			continue
		}
		check := 0
		if rem != 0 {
			check = 11 - rem
		}
		id := fmt.Sprintf("%s-%d", digits, check)
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

// organisations builds the region's organisations: each county's own,
// its hospital district and a joint authority, the regional councils,
// national agencies, associations and consultancies.
func (g *generator) organisations() []*model.Organisation {
	r := newRNG(g.cfg.Seed, streamOrganisations)
	used := map[string]bool{}
	var out []*model.Organisation
	add := func(name string, typ model.OrgType, p *place, website bool) *model.Organisation {
		o := &model.Organisation{Name: name, Type: typ}
		o.ID = model.NewID()
		if typ != model.OrgCompany || r.chance(0.9) {
			o.BusinessID = businessID(r, used)
			if r.chance(0.6) {
				o.OVT = model.OVTFromBusinessID(o.BusinessID, "")
			}
		}
		domain := slug(shortSlug(name)) + ".example"
		if p != nil {
			o.Municipality = p.id
			o.Address = model.Address{City: p.name}
			if r.chance(0.7) {
				o.Address = contactAddress(r, p.name, p.postal)
			}
		}
		if website {
			o.Website = "https://www." + domain
		}
		out = append(out, o)
		g.orgs = append(g.orgs, orgInfo{id: o.ID, name: name, domain: domain, place: p})
		return o
	}
	councilOf := map[string]model.ID{}
	var hus model.ID
	for _, k := range g.counties {
		big := k.places[0]
		if k.code != "90" {
			k.org = add(k.name, model.OrgWellbeingCounty, big, true).ID
			k.orgs = append(k.orgs, k.org)
		}
		if id, ok := councilOf[big.region]; ok {
			k.council = id
		} else if name, ok := councils[big.region]; ok {
			k.council = add(name, model.OrgRegionalCouncil, big, true).ID
			councilOf[big.region] = k.council
		}
		if !k.council.IsZero() {
			k.orgs = append(k.orgs, k.council)
		}
		switch {
		case big.region == "01" && hus.IsZero():
			hus = add("Helsingin ja Uudenmaan sairaanhoitopiiri", model.OrgHospitalDistrict, g.byName["Helsinki"], true).ID
			k.orgs = append(k.orgs, hus)
		case big.region == "01":
			k.orgs = append(k.orgs, hus)
		default:
			k.orgs = append(k.orgs, add(k.prefix+" sairaanhoitopiiri", model.OrgHospitalDistrict, big, true).ID)
		}
		if len(k.places) > 2 {
			second := k.places[1]
			k.orgs = append(k.orgs, add(placeGenitive(second.name)+" seudun sosiaali- ja terveyspalvelujen kuntayhtymä", model.OrgJointAuthority, second, r.chance(0.5)).ID)
		}
		k.orgs = append(k.orgs, add(placeGenitive(big.name)+" seudun omaishoitajat ry", model.OrgAssociation, big, false).ID)
	}
	helsinki := g.byName["Helsinki"]
	g.ministry = add("Sosiaali- ja terveysministeriö", model.OrgMinistry, helsinki, true).ID
	add("Valtiovarainministeriö", model.OrgMinistry, helsinki, true)
	add("Terveyden ja hyvinvoinnin laitos", model.OrgOther, helsinki, true)
	add("Suomen Kuntaliitto ry", model.OrgAssociation, helsinki, true)
	add("Digi- ja väestötietovirasto", model.OrgOther, helsinki, true)
	for _, name := range []string{"Sotekonsultit Oy", "Hyvinvointianalytiikka Oy", "Kuntakehitys Partners Oy", "Muutospolku Oy", "Palvelumuotoilu Aalto & Ek Oy", "Tietoaika Consulting Oy"} {
		add(name, model.OrgCompany, pick(r, g.places[:min(40, len(g.places))]), r.chance(0.7))
	}
	return out
}

// shortSlug shortens an organisation's name for its invented domain:
// "Keski-Uudenmaan hyvinvointialue" → "keskiuudenmaanhyvinvointialue".
func shortSlug(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, " ry"), " Oy")
	words := strings.Fields(name)
	if len(words) > 3 {
		words = words[:3]
	}
	return strings.Join(words, "")
}

// slug keeps the letters and digits of a name, folded to ASCII: the part
// of an invented domain.
func slug(s string) string {
	var b strings.Builder
	for _, r := range mailPart(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
