package archivegen

import (
	"fmt"
	"strconv"
	"strings"
)

// The texts of the minutes are composed from sentence templates whose
// slots are filled with declined noun phrases, municipalities, the county,
// people and numbers, so that twenty thousand meetings do not repeat a
// handful of sentences. A slot is {X} or {X:case}:
//
//	T   the agenda item's subject, the same phrase throughout the item
//	N   a new phrase for each slot
//	K   a municipality of the project (K2 another one); cases nom, gen, in
//	A   the wellbeing services county; nom, gen, in, ill, ela
//	R   the group as the body that decides ("Ohjausryhmä")
//	P   a person at the meeting (P2 another one)
//	Y   the meeting's year (Y1 the next, Y5 five years on)
//	E   a sum of euros, PCT a percentage, NUM a small count, BIG a larger one
//
// Cases: nom gen par in ela ill ade all plnom plgen plpar plin; "in",
// "ela" and "ill" follow the word's own locatives (alueella, alueelta).

// scene is what the sentences of one agenda item speak of.
type scene struct {
	r      *rng
	topic  phrase
	places []string
	county string
	body   string
	people []string
	year   int
}

var caseNames = map[string]Case{
	"nom": Nom, "gen": Gen, "par": Par, "in": Ine, "ela": Ela, "ill": Ill, "ade": Ade, "all": All,
	"plnom": PlNom, "plgen": PlGen, "plpar": PlPar, "plin": PlIne,
}

// newPhrase draws a noun phrase; topic limits the head to words that can
// be an item's subject.
func newPhrase(r *rng, topic bool) phrase {
	var hd head
	for {
		hd = pick(r, heads)
		if !topic || hd.topic {
			break
		}
	}
	p := phrase{head: hd.word}
	if len(hd.prefixes) > 0 && r.chance(0.65) {
		p.prefix = pick(r, hd.prefixes)
	}
	switch x := r.Float64(); {
	case x < 0.2:
		p.attr = pick(r, people).form(PlGen)
	case x < 0.45:
		for {
			o := pick(r, heads)
			if o.word.nom == hd.word.nom || o.word.outer {
				continue
			}
			a := phrase{head: o.word}
			if len(o.prefixes) > 0 {
				a.prefix = pick(r, o.prefixes)
			}
			c := Gen
			if r.chance(0.3) {
				c = PlGen
			}
			p.attr = a.form(c)
			break
		}
	}
	if r.chance(0.2) {
		adj := pick(r, adjectives)
		p.adj = &adj
	}
	return p
}

// expand fills a template's slots.
func (s *scene) expand(tpl string) string {
	var b strings.Builder
	var k1 string
	var p1 string
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		b.WriteString(tpl[:i])
		slot := tpl[i+1 : i+j]
		tpl = tpl[i+j+1:]
		name, cs, _ := strings.Cut(slot, ":")
		c := Nom
		if cs != "" {
			var ok bool
			if c, ok = caseNames[cs]; !ok {
				panic("archivegen: unknown case in template: " + slot)
			}
		}
		switch name {
		case "T":
			b.WriteString(s.topic.form(c))
		case "N":
			b.WriteString(newPhrase(s.r, false).form(c))
		case "K", "K2":
			k := pick(s.r, s.places)
			if name == "K2" && len(s.places) > 1 {
				for k == k1 {
					k = pick(s.r, s.places)
				}
			}
			k1 = k
			b.WriteString(placeForm(k, c))
		case "A":
			b.WriteString(countyForm(s.county, c))
		case "R":
			b.WriteString(s.body)
		case "P", "P2":
			p := pick(s.r, s.people)
			if name == "P2" && len(s.people) > 1 {
				for p == p1 {
					p = pick(s.r, s.people)
				}
			}
			p1 = p
			b.WriteString(p)
		case "Y":
			b.WriteString(strconv.Itoa(s.year))
		case "Y1":
			b.WriteString(strconv.Itoa(s.year + 1))
		case "Y5":
			b.WriteString(strconv.Itoa(s.year + 5))
		case "E":
			b.WriteString(euros(s.r))
		case "PCT":
			b.WriteString(strconv.Itoa(s.r.between(5, 85)))
		case "NUM":
			b.WriteString(strconv.Itoa(s.r.between(2, 12)))
		case "BIG":
			b.WriteString(strconv.Itoa(s.r.between(20, 950)))
		default:
			panic("archivegen: unknown slot in template: " + slot)
		}
	}
	return capitalize(b.String())
}

// placeForm declines a municipality's name: nominative, genitive or "in".
func placeForm(name string, c Case) string {
	switch c {
	case Gen:
		return placeGenitive(name)
	case Ine:
		return placeIn(name)
	}
	return name
}

// countyForm declines "Keski-Uudenmaan hyvinvointialue" or "Helsingin
// kaupunki" by their last word.
func countyForm(name string, c Case) string {
	i := strings.LastIndexByte(name, ' ')
	first, last := name[:i+1], name[i+1:]
	var p phrase
	switch {
	case strings.HasSuffix(last, "alue"):
		p = phrase{prefix: strings.TrimSuffix(last, "alue"), head: parseWord("alue aluee alueeseen aluetta alueiden alueita aluei +")}
	case last == "kaupunki":
		p = phrase{head: kaupunki}
	default:
		if c == Gen {
			return placeGenitive(name)
		}
		return name
	}
	return first + p.form(c)
}

// euros formats a sum the Finnish way: "350 000 euroa", "1,2 miljoonaa euroa".
func euros(r *rng) string {
	if r.chance(0.3) {
		return fmt.Sprintf("%d,%d miljoonaa euroa", r.between(1, 14), r.between(1, 9))
	}
	return thousands(int64(r.between(2, 95))*10000) + " euroa"
}

// thousands groups digits by three with spaces: 1 250 000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// paragraph joins n sentences drawn from templates.
func (s *scene) paragraph(templates []string, n int) string {
	parts := make([]string, 0, n)
	used := map[int]bool{}
	for len(parts) < n && len(used) < len(templates) {
		i := s.r.IntN(len(templates))
		if used[i] {
			continue
		}
		used[i] = true
		parts = append(parts, s.expand(templates[i]))
	}
	return strings.Join(parts, " ")
}

// itemTitle names an agenda item after its subject.
func (s *scene) itemTitle() string { return s.expand(pick(s.r, titleTemplates)) }

var titleTemplates = []string{
	"{T:nom}",
	"{T:gen} tilannekatsaus",
	"{T:gen} valmistelu",
	"{T:gen} hyväksyminen",
	"Lausunto {T:ela}",
	"{T:gen} käyttöönotto",
	"{T:gen} pilotointi {K:in}",
	"Katsaus {T:ill}",
	"{T:gen} väliraportti",
	"{T:gen} kustannusarvio",
	"Esitys {T:ela}",
	"{T:gen} jatkovalmistelu",
	"{T:gen} toimeenpano",
	"{T:gen} arviointi",
}

var backgroundTemplates = []string{
	"{T:nom} on ollut valmistelussa vuoden {Y} alusta lähtien.",
	"Valmistelussa on kartoitettu {N:gen} nykytila {K:in} ja {K2:in}.",
	"{K:gen} ja {K2:gen} kokemukset {N:ela} on koottu valmistelun pohjaksi.",
	"{A:gen} valmistelussa {T:nom} on nostettu yhdeksi keskeisistä kehittämiskohteista.",
	"Sosiaali- ja terveysministeriö myönsi hankkeelle valtionavustusta {E} vuosille {Y}–{Y1}.",
	"Valtionavustuksen ehtojen mukaan {N:gen} on oltava käytössä vuoden {Y1} loppuun mennessä.",
	"Nykyisin {N:nom} järjestetään kunnittain, mikä on johtanut eroihin {N:gen} saatavuudessa.",
	"Asiakaskyselyyn vastasi {BIG} asiakasta, ja heistä {PCT} prosenttia piti {N:par} hyvänä tai erittäin hyvänä.",
	"{T:gen} kustannukset olivat viime vuonna yhteensä {E}.",
	"Henkilöstön saatavuus on heikentynyt erityisesti {N:in}.",
	"{R} on käsitellyt {T:par} kahdessa aiemmassa kokouksessaan.",
	"{N:nom} ja {N:nom} liittyvät tiiviisti toisiinsa, joten niitä on valmisteltu yhdessä.",
	"Kuntien välillä on merkittäviä eroja {N:gen} järjestämisessä.",
	"{K:in} on pilotoitu {N:par} syksystä {Y} alkaen, ja kokemukset ovat olleet pääosin myönteisiä.",
	"Pilotin aikana {N:gen} jonotusajat lyhenivät keskimäärin {NUM} päivällä.",
	"{A:nom} vastaa {N:gen} järjestämisestä, ja kunnat vastaavat {N:ela}.",
	"Lainsäädännön muutokset edellyttävät {N:gen} uudistamista.",
	"Asiasta on pyydetty lausunto {K:gen} perusturvalautakunnalta.",
	"{T:nom} perustuu {A:gen} strategiaan ja {N:ill}.",
	"Esitys on valmisteltu yhteistyössä {N:gen} ja {N:gen} asiantuntijoiden kanssa.",
	"Valmistelussa on hyödynnetty THL:n ja Kuntaliiton aineistoja sekä muiden hyvinvointialueiden kokemuksia {N:ela}.",
	"{T:gen} tavoitteena on vahvistaa {N:par} ja parantaa {N:gen} saatavuutta.",
	"Väestön ikääntyminen lisää {N:gen} tarvetta {K:in} arviolta {PCT} prosenttia vuoteen {Y5} mennessä.",
	"Tähänastiset kokemukset osoittavat, että {N:nom} vähentää {N:gen} tarvetta.",
	"Edellisessä kokouksessa pyydettiin lisäselvitystä {N:ela}.",
	"Liitteenä on {T:gen} luonnos sekä yhteenveto kuntien kommenteista.",
	"Tavoitteena on yhtenäinen {N:nom} koko {A:gen} alueella.",
	"{K:gen} osalta {N:nom} otetaan käyttöön vaiheittain vuoden {Y} aikana.",
	"Kustannusarvio on {E}, josta valtionavustuksen osuus on {PCT} prosenttia.",
	"Hankkeeseen on palkattu {NUM} työntekijää {N:gen} kehittämiseen.",
	"{N:nom} on koettu asiakkaiden keskuudessa toimivaksi, mutta {N:gen} saatavuudessa on edelleen puutteita.",
	"Asiakastietojärjestelmien yhteensopivuus on edellytys {N:gen} käyttöönotolle.",
	"{K:in} {N:nom} on järjestetty omana toimintana, {K2:in} ostopalveluna.",
	"Palautetta kerättiin {NUM} työpajassa, joihin osallistui yhteensä {BIG} henkilöä.",
	"Edellisen kokouksen jälkeen {T:par} on täsmennetty työryhmissä saadun palautteen perusteella.",
	"Kehittämistyön painopisteinä ovat {N:nom} ja {N:nom}.",
	"Valmistelussa on tunnistettu riskejä, jotka liittyvät erityisesti {N:gen} rahoitukseen.",
	"{T:gen} valmistelusta vastaa {P}.",
	"Työ etenee hankesuunnitelman mukaisesti, mutta {N:gen} aikataulu on viivästynyt noin {NUM} viikkoa.",
	"{K:in} {N:gen} kysyntä kasvoi edellisvuodesta {PCT} prosenttia.",
	"Kansallinen ohjaus edellyttää, että {N:nom} on yhteensopiva {N:gen} kanssa.",
	"Hankkeen väliarvioinnissa {T:nom} todettiin onnistuneeksi, ja sitä suositeltiin laajennettavaksi {K:gen} lisäksi muihin kuntiin.",
	"{N:gen} vaikutuksia on arvioitu erikseen {N:gen} ja {N:gen} kannalta.",
	"Kunnat ovat sitoutuneet {T:ill} valtuustojensa päätöksillä.",
	"Henkilöstö on osallistunut {T:gen} valmisteluun yhteistoimintamenettelyssä.",
	"Asia on käsitelty {K:gen} kunnanhallituksessa ja {K2:gen} perusturvalautakunnassa.",
	"Jokaisen kunnan edustaja on osallistunut {T:gen} valmisteluun.",
	"Kunnan ja hyvinvointialueen välinen työnjako {N:in} on vielä osin auki.",
}

var proposalTemplates = []string{
	"{R} merkitsee {T:gen} tilannekatsauksen tiedoksi.",
	"{R} hyväksyy {T:gen} liitteen mukaisesti.",
	"{R} merkitsee tiedoksi {T:gen} valmistelutilanteen ja antaa jatkovalmistelulle tarvittavat linjaukset.",
	"{R} päättää esittää {A:ill}, että {T:nom} otetaan käyttöön vuoden {Y1} alusta.",
	"{R} käy lähetekeskustelun {T:ela} ja antaa sen valmistelijoiden jatkotyöstettäväksi.",
	"{R} nimeää {T:gen} valmisteluun edustajan kustakin kunnasta.",
	"{R} hyväksyy {T:gen} ja sen kustannusarvion, {E}.",
	"{R} antaa {T:ela} liitteen mukaisen lausunnon.",
	"{R} päättää käynnistää {T:gen} pilotin {K:in}.",
	"{R} merkitsee tiedoksi {N:gen} ja {N:gen} tilanteen.",
	"{R} hyväksyy {T:gen} toimeenpanosuunnitelman ja seuraa sen etenemistä.",
	"{R} päättää jatkaa {T:gen} valmistelua ja pyytää tarkennetun esityksen seuraavaan kokoukseen.",
	"{R} esittää, että {T:nom} käsitellään kuntien hallituksissa ennen lopullista päätöstä.",
}

var discussionTemplates = []string{
	"Keskustelussa korostettiin {N:gen} merkitystä {T:gen} onnistumiselle.",
	"{P} nosti esiin {N:gen} rahoituksen jatkuvuuden hankekauden jälkeen.",
	"Keskustelussa todettiin, että {K:in} kokemukset {N:ela} ovat olleet hyviä.",
	"{P} kysyi, miten {N:nom} huomioidaan {T:in}.",
	"Todettiin, että henkilöstön osallistaminen on tärkeää {T:gen} valmistelussa.",
	"Keskustelussa pohdittiin {N:gen} ja {N:gen} välistä työnjakoa.",
	"{P} toivoi, että {K:gen} erityispiirteet otetaan huomioon jatkovalmistelussa.",
	"Keskustelussa esitettiin huoli {N:gen} saatavuudesta harvaan asutuilla alueilla.",
	"{P} ja {P2} kannattivat esitystä.",
	"Useampi jäsen piti {T:gen} aikataulua tiukkana.",
	"{P} esitti, että asiaan palataan, kun {N:gen} kustannusvaikutukset on arvioitu.",
	"Keskustelussa todettiin tarve {N:all}.",
	"{P} kertoi {K:gen} tilanteesta ja {N:gen} kehityksestä.",
	"{P} muistutti, että {T:nom} edellyttää myös {N:gen} muutosta.",
}

var decisionTemplates = []string{
	"Hyväksyttiin esityksen mukaisesti.",
	"{R} hyväksyi esityksen yksimielisesti.",
	"Merkittiin tiedoksi.",
	"Hyväksyttiin esityksen mukaisesti sillä lisäyksellä, että {N:nom} otetaan huomioon jatkovalmistelussa.",
	"Päätösehdotus hyväksyttiin keskustelun jälkeen yksimielisesti.",
	"Hyväksyttiin esityksen mukaisesti. Lisäksi päätettiin pyytää {K:gen} lausunto {N:ela}.",
	"Esitys hyväksyttiin muutettuna siten, että {T:gen} käyttöönotto siirretään vuoden {Y1} alkuun.",
	"Hyväksyttiin. {P} täydentää esitystä {N:gen} osalta ennen sen lähettämistä kunnille.",
}

var dissentTemplates = []string{
	"Jätän eriävän mielipiteen, koska {N:gen} vaikutuksia {K:gen} asukkaisiin ei ole arvioitu riittävästi.",
	"Eriävä mielipide: {T:nom} heikentää {N:gen} saatavuutta lähipalveluna.",
	"Jätän eriävän mielipiteen. Päätös tehtiin ilman riittävää selvitystä {N:gen} kustannuksista.",
	"Eriävä mielipide: {K:gen} näkökulmasta {N:nom} olisi pitänyt valmistella yhdessä kuntien kanssa.",
}

var taskTemplates = []string{
	"{T:gen} jatkovalmistelu ja esitys seuraavaan kokoukseen",
	"Selvitys {N:gen} kustannuksista kunnittain",
	"{N:gen} nykytilan kartoitus {K:in}",
	"Lausuntopyynnön lähettäminen kunnille: {T:nom}",
	"Tiedottaminen {T:ela} henkilöstölle",
	"{T:gen} aikataulun päivittäminen",
	"Yhteenveto asiakaskyselyn tuloksista",
	"Valtionavustushakemuksen valmistelu: {T:nom}",
	"Yhteydenotto {K:gen} perusturvajohtajaan {N:gen} järjestämisestä",
	"{T:gen} riskiarvion laatiminen",
}

var goalTemplates = []string{
	"{N:gen} saatavuus paranee koko {A:gen} alueella.",
	"{N:nom} on käytössä kaikissa kunnissa vuoden {Y1} loppuun mennessä.",
	"Asiakkaat saavat {N:par} yhdestä paikasta.",
	"{N:gen} kustannukset kasvavat hitaammin kuin palvelutarve.",
	"Henkilöstön osaaminen {N:ela} vahvistuu.",
}
