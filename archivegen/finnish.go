package archivegen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finnish inflection, as much of it as the generated texts need: nouns and
// adjectives declined in the cases the sentence templates use, compounds
// (only the last part declines), and the genitive and locative of place
// names, which follow their own, partly lexical rules.

// Case is a grammatical case (sijamuoto) in the singular or the plural.
type Case int

// The cases the templates use.
const (
	Nom   Case = iota // nominatiivi: kunta
	Gen               // genetiivi: kunnan
	Par               // partitiivi: kuntaa
	Ine               // inessiivi: kunnassa
	Ela               // elatiivi: kunnasta
	Ill               // illatiivi: kuntaan
	Ade               // adessiivi: kunnalla
	Abl               // ablatiivi: kunnalta
	All               // allatiivi: kunnalle
	PlNom             // monikon nominatiivi: kunnat
	PlGen             // monikon genetiivi: kuntien
	PlPar             // monikon partitiivi: kuntia
	PlIne             // monikon inessiivi: kunnissa
)

// word is a declinable noun or adjective, given by the parts no rule
// derives: the nominative, the weak singular stem (kunna-), the illative,
// the partitive, the plural genitive and partitive and the plural stem
// (kunni-). The other forms are a stem and an ending in the word's vowel
// harmony.
type word struct {
	nom, stem, ill, par, plGen, plPar, plStem string
	// outer: the word's "in" is the adessive (alueella, not *alueessa).
	outer bool
}

// parseWord reads "kunta kunna kuntaan kuntaa kuntien kuntia kunni"; a
// trailing "+" marks an outer-locative word.
func parseWord(s string) word {
	f := strings.Fields(s)
	w := word{nom: f[0], stem: f[1], ill: f[2], par: f[3], plGen: f[4], plPar: f[5], plStem: f[6]}
	w.outer = len(f) > 7 && f[7] == "+"
	return w
}

// back reports whether s takes back-vowel endings (-ssa, not -ssä): the
// vowel harmony of a compound follows its last part, so callers pass that.
func back(s string) bool {
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'a', 'o', 'u':
			return true
		}
	}
	return false
}

// form returns the word in case c.
func (w word) form(c Case) string {
	a := "ä"
	if back(w.nom) {
		a = "a"
	}
	switch c {
	case Nom:
		return w.nom
	case Gen:
		return w.stem + "n"
	case Par:
		return w.par
	case Ine:
		return w.stem + "ss" + a
	case Ela:
		return w.stem + "st" + a
	case Ill:
		return w.ill
	case Ade:
		return w.stem + "ll" + a
	case Abl:
		return w.stem + "lt" + a
	case All:
		return w.stem + "lle"
	case PlNom:
		return w.stem + "t"
	case PlGen:
		return w.plGen
	case PlPar:
		return w.plPar
	case PlIne:
		return w.plStem + "ss" + a
	}
	return w.nom
}

// phrase is a noun phrase: an undeclined genitive attribute ("kotihoidon"),
// an adjective, a compound's first part and its declined head.
type phrase struct {
	attr   string
	adj    *word
	prefix string
	head   word
}

// form declines the phrase: the adjective agrees with the head, the
// attribute and the compound's first part stay as they are.
func (p phrase) form(c Case) string {
	var b strings.Builder
	if p.attr != "" {
		b.WriteString(p.attr)
		b.WriteByte(' ')
	}
	if p.adj != nil {
		if c == Ine || c == Ela || c == Ill {
			// The adjective takes the head's locative: "yhteisellä alueella".
			b.WriteString(p.adj.form(p.locative(c)))
		} else {
			b.WriteString(p.adj.form(c))
		}
		b.WriteByte(' ')
	}
	b.WriteString(p.prefix)
	b.WriteString(p.head.form(p.locative(c)))
	return b.String()
}

// locative maps "in, from, into" to the head's own locatives.
func (p phrase) locative(c Case) Case {
	if !p.head.outer {
		return c
	}
	switch c {
	case Ine:
		return Ade
	case Ela:
		return Abl
	case Ill:
		return All
	}
	return c
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// genitiveExceptions are place names whose genitive no rule below gives.
var genitiveExceptions = map[string]string{
	"Raahe":            "Raahen",
	"Kannus":           "Kannuksen",
	"Virrat":           "Virtain",
	"Punkalaidun":      "Punkalaitumen",
	"Uusikaupunki":     "Uudenkaupungin",
	"Uusikaarlepyy":    "Uudenkaarlepyyn",
	"Juuka":            "Juuan",
	"Kumlinge":         "Kumlingen",
	"Pihtipudas":       "Pihtiputaan",
	"Koski Tl":         "Kosken Tl",
	"Loppi":            "Lopen",
	"Pedersören kunta": "Pedersören kunnan",
	"Uusimaa":          "Uudenmaan",
	"Lappi":            "Lapin",
	"Helsinki":         "Helsingin",
	"Tampere":          "Tampereen",
}

// genitiveEndings are the last parts of compound place names and the
// endings that change before the genitive -n, longest first within a kind.
var genitiveEndings = []struct{ from, to string }{
	{"kaupunki", "kaupungin"}, {"joki", "joen"}, {"lahti", "lahden"}, {"mäki", "mäen"},
	{"niemi", "niemen"}, {"järvi", "järven"}, {"koski", "kosken"}, {"vesi", "veden"},
	{"lampi", "lammen"}, {"salmi", "salmen"}, {"saari", "saaren"}, {"nummi", "nummen"},
	{"kangas", "kankaan"}, {"luoto", "luodon"}, {"suomi", "suomen"}, {"kunta", "kunnan"},
	{"ranta", "rannan"}, {"virta", "virran"}, {"kumpu", "kummun"}, {"valta", "vallan"},
	{"nen", "sten"}, // Kauniainen → Kauniaisten: place names in -nen take the plural
	{"kka", "kan"}, {"kko", "kon"}, {"kku", "kun"}, {"ppa", "pan"}, {"tta", "tan"}, {"tti", "tin"},
	{"nka", "ngan"}, {"nko", "ngon"}, {"nki", "ngin"}, {"rku", "run"}, {"hti", "hdin"},
	{"nta", "nnan"}, {"ntä", "nnän"}, {"nto", "nnon"}, {"eto", "edon"},
	{"us", "uden"}, {"ys", "yden"}, {"os", "oksen"}, {"es", "eksen"},
}

// placeGenitive returns the genitive of a Finnish place name: Hyvinkää →
// Hyvinkään, Jyväskylä → Jyväskylän, Seinäjoki → Seinäjoen, Kauniainen →
// Kauniaisten, Kuortane → Kuortaneen.
func placeGenitive(name string) string {
	if g, ok := genitiveExceptions[name]; ok {
		return g
	}
	lower := strings.ToLower(name)
	for _, e := range genitiveEndings {
		if strings.HasSuffix(lower, e.from) {
			cut := len(name) - len(e.from)
			// Keep the capital of a name that is all ending ("Lahti").
			if cut == 0 {
				return capitalize(e.to)
			}
			return name[:cut] + e.to
		}
	}
	last, _ := utf8.DecodeLastRuneInString(lower)
	switch {
	case last == 'e' && !strings.HasSuffix(lower, "ee"):
		return name + "en" // e-stems: Kuortane → Kuortaneen
	case strings.ContainsRune("aeiouyäöå", last):
		return name + "n"
	}
	return name + "in" // Finström → Finströmin
}

// placeLocatives holds the "in" form of the places the texts name most;
// the locative of a place name is lexical (Hyvinkäällä but Järvenpäässä),
// so other places are named through their genitive ("Sysmän kunnassa").
var placeLocatives = map[string]string{
	"Helsinki": "Helsingissä", "Espoo": "Espoossa", "Vantaa": "Vantaalla", "Hyvinkää": "Hyvinkäällä",
	"Järvenpää": "Järvenpäässä", "Tuusula": "Tuusulassa", "Nurmijärvi": "Nurmijärvellä", "Mäntsälä": "Mäntsälässä",
	"Kerava": "Keravalla", "Jyväskylä": "Jyväskylässä", "Hämeenlinna": "Hämeenlinnassa", "Forssa": "Forssassa",
	"Riihimäki": "Riihimäellä", "Tampere": "Tampereella", "Turku": "Turussa", "Oulu": "Oulussa",
	"Kuopio": "Kuopiossa", "Lahti": "Lahdessa", "Pori": "Porissa", "Vaasa": "Vaasassa",
	"Seinäjoki": "Seinäjoella", "Joensuu": "Joensuussa", "Mikkeli": "Mikkelissä", "Lappeenranta": "Lappeenrannassa",
	"Kotka": "Kotkassa", "Kouvola": "Kouvolassa", "Rovaniemi": "Rovaniemellä", "Kajaani": "Kajaanissa",
	"Kokkola": "Kokkolassa", "Porvoo": "Porvoossa", "Salo": "Salossa", "Rauma": "Raumalla",
	"Savonlinna": "Savonlinnassa", "Imatra": "Imatralla", "Kemi": "Kemissä", "Tornio": "Torniossa",
	"Iisalmi": "Iisalmessa", "Varkaus": "Varkaudessa", "Raahe": "Raahessa", "Pietarsaari": "Pietarsaaressa",
	"Lohja": "Lohjalla", "Kirkkonummi": "Kirkkonummella", "Sipoo": "Sipoossa", "Kangasala": "Kangasalla",
	"Nokia": "Nokialla", "Ylöjärvi": "Ylöjärvellä", "Pirkkala": "Pirkkalassa", "Lempäälä": "Lempäälässä",
	"Kaarina": "Kaarinassa", "Raisio": "Raisiossa", "Naantali": "Naantalissa", "Äänekoski": "Äänekoskella",
	"Jämsä": "Jämsässä", "Laukaa": "Laukaassa", "Muurame": "Muuramessa", "Viitasaari": "Viitasaarella",
	"Keuruu": "Keuruulla", "Saarijärvi": "Saarijärvellä", "Heinola": "Heinolassa", "Hollola": "Hollolassa",
	"Orimattila": "Orimattilassa", "Kempele": "Kempeleessä", "Kuusamo": "Kuusamossa", "Ylivieska": "Ylivieskassa",
	"Janakkala": "Janakkalassa", "Hattula": "Hattulassa", "Loppi": "Lopella", "Sastamala": "Sastamalassa",
	"Valkeakoski": "Valkeakoskella", "Uusikaupunki": "Uudessakaupungissa", "Kitee": "Kiteellä", "Lieksa": "Lieksassa",
	"Sotkamo": "Sotkamossa", "Kuhmo": "Kuhmossa", "Inari": "Inarissa", "Sodankylä": "Sodankylässä",
	"Kittilä": "Kittilässä", "Hanko": "Hangossa", "Raasepori": "Raaseporissa", "Loviisa": "Loviisassa",
	"Hamina": "Haminassa", "Mustasaari": "Mustasaaressa", "Lapua": "Lapualla", "Kauhava": "Kauhavalla",
	"Kurikka": "Kurikassa", "Ilmajoki": "Ilmajoella", "Alavus": "Alavudella", "Pieksämäki": "Pieksämäellä",
	"Kauniainen": "Kauniaisissa", "Parainen": "Paraisilla", "Pornainen": "Pornaisissa", "Vihti": "Vihdissä",
}

// placeIn returns "in the place": Hyvinkäällä, or for a place without a
// known locative "Sysmän kunnassa".
func placeIn(name string) string {
	if s, ok := placeLocatives[name]; ok {
		return s
	}
	return placeGenitive(name) + " kunnassa"
}
