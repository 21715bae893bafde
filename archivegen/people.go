package archivegen

import (
	"fmt"
	"strings"

	"hankekirja/model"
)

// Invented people with the names, titles, addresses and numbers the
// contacts of a Finnish region's sote preparation have.

var firstNamesFemale = []string{
	"Aino", "Anna", "Anne", "Anneli", "Anu", "Eeva", "Elina", "Elli", "Emilia", "Hanna", "Heidi", "Heli", "Helmi",
	"Hilkka", "Inkeri", "Irma", "Jaana", "Johanna", "Kaisa", "Katja", "Kerttu", "Kirsi", "Kristiina", "Laura",
	"Leena", "Liisa", "Maarit", "Maria", "Marja", "Marjatta", "Merja", "Minna", "Mirja", "Noora", "Outi", "Päivi",
	"Pirjo", "Raija", "Riikka", "Ritva", "Sari", "Satu", "Seija", "Sirpa", "Sanna", "Susanna", "Tarja", "Terhi",
	"Tiina", "Tuula", "Ulla", "Virpi", "Anna-Leena", "Marja-Liisa", "Sinikka", "Hannele", "Eija", "Mervi", "Kaija",
	"Aila", "Auli", "Eveliina", "Hanne", "Henna", "Iida", "Jenni", "Katariina", "Kati", "Krista", "Lotta", "Maija",
	"Meri", "Milla", "Nina", "Paula", "Pia", "Pauliina", "Reetta", "Saara", "Sofia", "Taina", "Tuija", "Venla",
}

var firstNamesMale = []string{
	"Antti", "Ari", "Arto", "Eero", "Eino", "Erkki", "Esa", "Harri", "Heikki", "Ilkka", "Ilmari", "Jaakko", "Jani",
	"Jari", "Jouni", "Juha", "Juhani", "Jukka", "Jussi", "Kalle", "Kari", "Kimmo", "Lauri", "Markku", "Marko",
	"Matti", "Mikko", "Olli", "Onni", "Pekka", "Pertti", "Petri", "Raimo", "Risto", "Sami", "Seppo", "Tapio",
	"Teemu", "Timo", "Tommi", "Tuomas", "Veikko", "Ville", "Väinö", "Jyrki", "Hannu", "Mika", "Pasi", "Janne",
	"Aki", "Aleksi", "Eetu", "Elias", "Henri", "Jarmo", "Joonas", "Kai", "Lasse", "Markus", "Niko", "Oskari",
	"Pentti", "Reijo", "Sakari", "Toni", "Tuomo", "Vesa", "Aarne", "Kyösti",
}

// Swedish first names, for contacts in bilingual and Swedish-speaking
// municipalities.
var firstNamesSwedish = []string{
	"Anders", "Björn", "Carl", "Erik", "Fredrik", "Göran", "Henrik", "Johan", "Lars", "Mikael", "Stefan", "Thomas",
	"Anna", "Birgitta", "Camilla", "Ebba", "Helena", "Ingrid", "Karin", "Linnéa", "Maria", "Sofia", "Åsa", "Ulrika",
}

var lastNamesFinnish = []string{
	"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
	"Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
	"Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
	"Savolainen", "Lahtinen", "Ahonen", "Hiltunen", "Leinonen", "Miettinen", "Hakala", "Kallio", "Väisänen",
	"Pitkänen", "Manninen", "Anttila", "Hyvönen", "Toivonen", "Räsänen", "Ketola", "Kärkkäinen", "Hirvonen",
	"Öhman", "Pölönen", "Kähkönen", "Häkkinen", "Määttä", "Ylönen", "Pääkkönen", "Söderholm", "Väänänen",
	"Kivelä", "Lampinen", "Rautiainen", "Leppänen", "Hyvärinen", "Mustonen", "Ruotsalainen", "Kauppinen",
	"Jääskeläinen", "Törmänen", "Nurmi", "Aaltonen", "Peltonen", "Koivisto", "Hakkarainen", "Oksanen",
	"Seppälä", "Niskanen", "Rinne", "Partanen", "Huttunen", "Kettunen", "Kiiskinen", "Lindroos",
	"Moilanen", "Pesonen", "Nykänen", "Sirviö", "Vainio", "Lehto", "Heiskanen", "Pulkkinen", "Kemppainen",
	"Tikkanen", "Ojala", "Honkanen", "Korpela", "Vuorinen", "Hietala", "Tiainen", "Halonen", "Mäkipää",
	"Rytkönen", "Pekkala", "Vähäkangas", "Hyytiäinen", "Räty", "Kangas", "Lappalainen", "Immonen", "Ikonen",
	"Keränen", "Nevalainen", "Saastamoinen", "Hännikäinen", "Myllymäki", "Ylitalo", "Kärnä", "Äijälä",
	"Ålander", "Kukkonen", "Karvonen", "Tolonen", "Suominen", "Granroth", "Castrén", "Pöyhönen",
}

var lastNamesSwedish = []string{
	"Lindqvist", "Sjöberg", "Åström", "Ekholm", "Lindholm", "Nyström", "Lindberg", "Holmström", "Sundström",
	"Forsman", "Gustafsson", "Björklund", "Wikström", "Blomqvist", "Backman", "Ek", "Åberg", "Östman", "Engström",
}

// jobTitles are the titles of officials, elected members and project
// staff; the weight is how common the title is among contacts.
var jobTitles = []struct {
	title  string
	weight int
}{
	{"kunnanjohtaja", 3}, {"kaupunginjohtaja", 2}, {"perusturvajohtaja", 5}, {"hyvinvointialuejohtaja", 1},
	{"sosiaalijohtaja", 4}, {"sosiaali- ja terveysjohtaja", 3}, {"talousjohtaja", 3}, {"projektipäällikkö", 5},
	{"suunnittelija", 6}, {"kehittämispäällikkö", 4}, {"ylilääkäri", 3}, {"johtava lääkäri", 2},
	{"vanhuspalvelujohtaja", 3}, {"kotihoidon päällikkö", 4}, {"palvelualuejohtaja", 3}, {"hoitotyön johtaja", 2},
	{"johtava sosiaalityöntekijä", 3}, {"perhepalvelujen johtaja", 2}, {"henkilöstöjohtaja", 2},
	{"tietohallintojohtaja", 1}, {"hallintojohtaja", 2}, {"erityisasiantuntija", 4}, {"projektikoordinaattori", 4},
	{"muutosjohtaja", 1}, {"kunnanhallituksen puheenjohtaja", 2}, {"kunnanvaltuutettu", 4},
	{"kaupunginhallituksen jäsen", 3}, {"aluevaltuutettu", 3}, {"pääluottamusmies", 2}, {"hallintosihteeri", 2},
	{"osastonhoitaja", 3}, {"sosiaalityöntekijä", 3}, {"vastaava sairaanhoitaja", 2}, {"kehittäjätyöntekijä", 3},
	{"viestintäpäällikkö", 1}, {"controller", 1}, {"projektiassistentti", 2}, {"palvelupäällikkö", 4},
}

// asciiFold makes an address part of a name: Mäkinen → makinen.
var asciiFold = strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "é", "e", "ü", "u", " ", "", "'", "", ":", "")

func mailPart(s string) string { return asciiFold.Replace(strings.ToLower(s)) }

// phoneTyping writes a Finnish mobile (or now and then an office) number
// the way people type them: 040 123 4567, 0401234567, +358 40 123 4567,
// 050-123 4567, 044 123 45 67. The store keeps them in +358 form.
func phoneTyping(r *rng) string {
	if r.chance(0.08) {
		area := pick(r, []string{"09", "03", "017", "014", "02", "08", "013", "019"})
		return fmt.Sprintf("%s %d %04d", area, r.between(2, 8)*100+r.between(0, 99), r.IntN(10000))
	}
	op := pick(r, []string{"40", "40", "44", "45", "46", "50", "50", "41", "42"})
	a, b := r.IntN(1000), r.IntN(10000)
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("0%s %03d %04d", op, a, b)
	case 1:
		return fmt.Sprintf("0%s%03d%04d", op, a, b)
	case 2:
		return fmt.Sprintf("+358 %s %03d %04d", op, a, b)
	case 3:
		return fmt.Sprintf("0%s-%03d %04d", op, a, b)
	case 4:
		return fmt.Sprintf("0%s %03d %02d %02d", op, a, b/100, b%100)
	}
	return fmt.Sprintf("+358%s%03d%04d", op, a, b)
}

// personName draws a name; swedish raises the share of Swedish names (a
// Swedish-speaking or bilingual home municipality).
func personName(r *rng, swedish bool) (first, last string) {
	sv := 0.05
	if swedish {
		sv = 0.6
	}
	switch {
	case r.chance(sv):
		first = pick(r, firstNamesSwedish)
	case r.chance(0.55):
		first = pick(r, firstNamesFemale)
	default:
		first = pick(r, firstNamesMale)
	}
	if r.chance(sv + 0.04) {
		last = pick(r, lastNamesSwedish)
	} else {
		last = pick(r, lastNamesFinnish)
	}
	return first, last
}

// titlePicker draws job titles by weight.
type titlePicker struct{ cum []float64 }

func newTitlePicker() titlePicker {
	var t titlePicker
	sum := 0.0
	for _, j := range jobTitles {
		sum += float64(j.weight)
		t.cum = append(t.cum, sum)
	}
	return t
}

func (t titlePicker) pick(r *rng) string { return jobTitles[r.weighted(t.cum)].title }

// streets for addresses.
var streets = []string{"Kauppakatu", "Hallituskatu", "Keskuskatu", "Kirkkokatu", "Rautatienkatu", "Koulukatu",
	"Sairaalantie", "Terveystie", "Kunnantie", "Asemakatu", "Puistokatu", "Torikatu", "Valtakatu", "Kirkkotie"}

// contactAddress gives an office address to some contacts.
func contactAddress(r *rng, city string, postal string) model.Address {
	return model.Address{Street: fmt.Sprintf("%s %d", pick(r, streets), r.between(1, 60)), PostalCode: postal, City: city}
}
