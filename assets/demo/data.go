package demo

import (
	"fmt"
	"strings"
	"time"

	"hankekirja/model"
)

// The example data. Each function builds fresh records on every call (Load
// fills in their metadata). Records refer to each other by ID(name), so a
// name here must match the name of the record it points at; municipalities
// are referred to by their official codes.

// emailDomain is the domain of every example email address.
const emailDomain = "example.com"

// Municipality codes of the regions in the example data (Statistics
// Finland's 2026 classification; a test compares them with the registry).
var (
	kantaHame   = []string{"061", "082", "086", "103", "109", "165", "169", "433", "694", "834", "981"}
	keskiSuomi  = []string{"077", "172", "179", "182", "216", "226", "249", "256", "265", "275", "312", "410", "435", "495", "500", "592", "601", "729", "850", "892", "931", "992"}
	kuumaKunnat = []string{"106", "186", "505", "543", "611", "858"} // Hyvinkää, Järvenpää, Mäntsälä, Nurmijärvi, Pornainen, Tuusula
)

// date returns the date d.m.y (Finnish order, for readability).
func date(d, m, y int) model.Date { return model.MustDate(y, time.Month(m), d) }

// kunta returns the ID of the municipality with the code.
func kunta(code string) model.ID { return model.MunicipalityID(code) }

// kunnat lists municipalities as project participants.
func kunnat(codes []string) []model.Participation {
	out := make([]model.Participation, len(codes))
	for i, c := range codes {
		out[i] = model.Participation{Municipality: kunta(c)}
	}
	return out
}

func span(start, end model.Date) model.Period { return model.Period{Start: start, End: end} }
func from(start model.Date) model.Period      { return model.Period{Start: start} }
func on(d model.Date) model.Period            { return model.Period{Start: d, End: d} }

// ksPeriod is the Keski-Suomi programme's period.
func ksPeriod() model.Period { return span(date(1, 9, 2016), date(31, 12, 2018)) }

// seat is a membership for the group's whole period; term limits it.
func seat(contact string, role model.Role, represents model.ID) model.Membership {
	return model.Membership{Contact: ID(contact), Role: role, Represents: represents}
}

func term(m model.Membership, p model.Period) model.Membership {
	m.Term = p
	return m
}

// email makes first.last@example.com of a Finnish name.
func email(first, last string) string {
	fold := strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "é", "e", "ü", "u", " ", "")
	return fold.Replace(strings.ToLower(first+"."+last)) + "@" + emailDomain
}

func organisations() []entry[model.Organisation] {
	return []entry[model.Organisation]{
		{"org/hameen-liitto", &model.Organisation{
			Name:         "Hämeen liitto",
			Type:         model.OrgRegionalCouncil,
			Municipality: kunta("109"),
			Address:      model.Address{City: "Hämeenlinna"},
			Website:      "https://www.hameenliitto.fi",
			Notes:        "Kanta-Hämeen kuntien sote-selvityksen taloudellinen projektitoimisto; maksaa puolet selvityksen kustannuksista.",
		}},
		{"org/kanta-hameen-shp", &model.Organisation{
			Name:         "Kanta-Hämeen sairaanhoitopiiri",
			Type:         model.OrgHospitalDistrict,
			Municipality: kunta("109"),
			Address:      model.Address{City: "Hämeenlinna"},
		}},
		{"org/fshky", &model.Organisation{
			Name:         "Forssan seudun hyvinvointikuntayhtymä",
			Type:         model.OrgJointAuthority,
			Municipality: kunta("061"),
			Address:      model.Address{City: "Forssa"},
			Notes: "Forssan seudun integroitu malli: perusterveydenhuolto, sosiaalipalvelut ja osa erikoissairaanhoidosta " +
				"samassa organisaatiossa. Vertailukohta Kanta-Hämeen kuntien sote-selvityksessä.",
		}},
		{"org/kuuma-seutu", &model.Organisation{
			Name:         "KUUMA-seutu liikelaitos",
			Type:         model.OrgOther,
			Municipality: kunta("186"),
			Address:      model.Address{City: "Järvenpää"},
			Notes:        "Keski-Uudenmaan KUUMA-kuntien seutuyhteistyön liikelaitos; hallinnoi KUUMA-kuntien sote-alueyksikkö -hanketta.",
		}},
		{"org/keusote", &model.Organisation{
			Name:         "Keski-Uudenmaan sote",
			Type:         model.OrgJointAuthority,
			BusinessID:   "2844969-4",
			OVT:          "003728449694",
			Municipality: kunta("106"),
			Address:      model.Address{City: "Hyvinkää"},
			Website:      "https://www.keusote.fi",
			Notes: "Hyvinkään, Järvenpään, Mäntsälän, Nurmijärven, Pornaisen ja Tuusulan sosiaali- ja terveyspalvelujen " +
				"kuntayhtymä, KUUMA-kuntien sote-alueyksikkö -hankkeen tulos.",
		}},
		{"org/stm", &model.Organisation{
			Name:         "Sosiaali- ja terveysministeriö",
			Type:         model.OrgMinistry,
			Municipality: kunta("091"),
			Address:      model.Address{City: "Helsinki"},
			Website:      "https://stm.fi",
		}},
		{"org/keski-suomen-liitto", &model.Organisation{
			Name:         "Keski-Suomen liitto",
			Type:         model.OrgRegionalCouncil,
			Municipality: kunta("179"),
			Address:      model.Address{City: "Jyväskylä"},
		}},
		{"org/keski-suomen-shp", &model.Organisation{
			Name:         "Keski-Suomen sairaanhoitopiiri",
			Type:         model.OrgHospitalDistrict,
			Municipality: kunta("179"),
			Address:      model.Address{City: "Jyväskylä"},
		}},
	}
}

// contacts are invented people. Phone numbers run 040 0000 101, 050 0000
// 102, 040 0000 103, ... in the order below.
func contacts() []entry[model.Contact] {
	var out []entry[model.Contact]
	person := func(name, first, last, title string, org model.ID, notes string) {
		n := len(out) + 1
		prefix := "040"
		if n%2 == 0 {
			prefix = "050"
		}
		out = append(out, entry[model.Contact]{name, &model.Contact{
			FirstName:    first,
			LastName:     last,
			JobTitle:     title,
			Organisation: org,
			Phones:       []string{fmt.Sprintf("%s 0000 %03d", prefix, 100+n)},
			Emails:       []string{email(first, last)},
			Notes:        notes,
		}})
	}
	hl, khshp, fshky := ID("org/hameen-liitto"), ID("org/kanta-hameen-shp"), ID("org/fshky")
	kuuma := ID("org/kuuma-seutu")
	ksl, ksshp := ID("org/keski-suomen-liitto"), ID("org/keski-suomen-shp")

	// Kanta-Häme: the sote study.
	person("contact/rautiainen-elina", "Elina", "Rautiainen", "valmistelija", hl, "Sote-selvityksen kokoaikainen valmistelija.")
	person("contact/lehtola-markku", "Markku", "Lehtola", "kaupunginhallituksen jäsen", kunta("109"), "")
	person("contact/saarinen-tuula", "Tuula", "Saarinen", "kaupunginvaltuutettu", kunta("061"), "")
	person("contact/lahtinen-kimmo", "Kimmo", "Lahtinen", "kunnanhallituksen jäsen", kunta("433"), "Ohjausryhmässä 31.8.2019 asti.")
	person("contact/mattila-heli", "Heli", "Mattila", "kunnanhallituksen jäsen", kunta("433"), "")
	person("contact/nurmi-riikka", "Riikka", "Nurmi", "pääluottamusmies", kunta("109"), "Henkilöstön edustaja.")
	person("contact/kallio-antti", "Antti", "Kallio", "pääluottamusmies", kunta("694"), "Henkilöstön edustaja.")
	person("contact/salonen-harri", "Harri", "Salonen", "talousjohtaja", kunta("109"), "")
	person("contact/kivela-marja", "Marja", "Kivelä", "perusturvajohtaja", kunta("165"), "")
	person("contact/hakala-olli", "Olli", "Hakala", "sosiaali- ja terveysjohtaja", kunta("694"), "")
	person("contact/leppanen-katja", "Katja", "Leppänen", "suunnittelujohtaja", hl, "")
	// Kanta-Häme: Oma Häme.
	person("contact/niemela-satu", "Satu", "Niemelä", "perhepalvelujen johtaja", kunta("109"), "")
	person("contact/ketola-laura", "Laura", "Ketola", "suunnittelija", hl, "")
	person("contact/vainio-anu", "Anu", "Vainio", "ylilääkäri", khshp, "")
	person("contact/lindqvist-eeva", "Eeva", "Lindqvist", "perhekeskuskoordinaattori", fshky, "")
	// Keski-Uusimaa.
	person("contact/halme-jukka", "Jukka", "Halme", "projektijohtaja", kuuma, "")
	person("contact/hietanen-raija", "Raija", "Hietanen", "kaupunginhallituksen jäsen", kunta("106"), "")
	person("contact/sundstrom-timo", "Timo", "Sundström", "kaupunginhallituksen jäsen", kunta("186"), "")
	person("contact/ojala-leena", "Leena", "Ojala", "kunnanhallituksen jäsen", kunta("543"), "")
	person("contact/kettunen-ville", "Ville", "Kettunen", "kunnanhallituksen jäsen", kunta("858"), "")
	person("contact/pursiainen-hannele", "Hannele", "Pursiainen", "sosiaali- ja terveysjohtaja", kunta("106"), "")
	person("contact/kuusela-arto", "Arto", "Kuusela", "perusturvajohtaja", kunta("186"), "")
	person("contact/laaksonen-minna", "Minna", "Laaksonen", "perusturvajohtaja", kunta("543"), "")
	person("contact/vuorinen-kari", "Kari", "Vuorinen", "sosiaali- ja terveysjohtaja", kunta("858"), "Siirtyi muihin tehtäviin vuoden 2016 lopussa.")
	person("contact/aho-johanna", "Johanna", "Aho", "vs. sosiaali- ja terveysjohtaja", kunta("858"), "")
	person("contact/holm-petri", "Petri", "Holm", "perusturvajohtaja", kunta("505"), "")
	person("contact/koski-sari", "Sari", "Koski", "perusturvajohtaja", kunta("611"), "")
	// Keski-Suomi.
	person("contact/hyvarinen-anneli", "Anneli", "Hyvärinen", "projektijohtaja", ksl, "")
	person("contact/paananen-matti", "Matti", "Paananen", "maakuntavaltuutettu", ksl, "")
	person("contact/hakkarainen-sirpa", "Sirpa", "Hakkarainen", "kaupunginvaltuutettu", kunta("179"), "")
	person("contact/hirvonen-tapio", "Tapio", "Hirvonen", "peruspalvelujohtaja", kunta("179"), "")
	person("contact/vaisanen-outi", "Outi", "Väisänen", "aluekehitysjohtaja", ksl, "")
	person("contact/kauppinen-raimo", "Raimo", "Kauppinen", "tietohallintojohtaja", ksshp, "")
	person("contact/manninen-kirsi", "Kirsi", "Manninen", "sosiaali- ja terveysjohtaja", kunta("992"), "")
	person("contact/puranen-jouni", "Jouni", "Puranen", "perusturvajohtaja", kunta("182"), "Palvelutuotannon työryhmässä vuoden 2016 loppuun.")
	person("contact/toivonen-marika", "Marika", "Toivonen", "perusturvajohtaja", kunta("249"), "")
	person("contact/karppinen-esa", "Esa", "Karppinen", "perusturvajohtaja", kunta("931"), "")
	person("contact/lampinen-heidi", "Heidi", "Lampinen", "perusturvajohtaja", kunta("410"), "")
	person("contact/jokela-noora", "Noora", "Jokela", "suunnittelija", ksl, "")
	person("contact/heikkila-jussi", "Jussi", "Heikkilä", "talousjohtaja", kunta("179"), "")
	person("contact/mustonen-anna-leena", "Anna-Leena", "Mustonen", "henkilöstöjohtaja", kunta("992"), "")
	person("contact/ruotsalainen-mervi", "Mervi", "Ruotsalainen", "projektipäällikkö", ksshp, "")
	return out
}

func projects() []entry[model.Project] {
	ksProgramme := ID("project/keski-suomi")
	ksSpan := ksPeriod()
	subproject := func(name, title, description string, goals, tags []string, staff ...model.StaffMember) entry[model.Project] {
		return entry[model.Project]{name, &model.Project{
			Name:           title,
			Description:    description,
			Status:         model.ProjectFinished,
			Period:         ksSpan,
			Regions:        []string{"13"},
			Parent:         ksProgramme,
			Municipalities: kunnat(keskiSuomi),
			Goals:          goals,
			Staff:          staff,
			Tags:           append([]string{"Keski-Suomi", "osahanke"}, tags...),
		}}
	}
	return []entry[model.Project]{
		// Kanta-Häme.
		{"project/kanta-hame-sote-selvitys", &model.Project{
			Name:      "Kanta-Hämeen kuntien sote-selvitys",
			ShortName: "Sote-selvitys",
			Description: "Kaikkien Kanta-Hämeen kuntien poliittinen ja virkajohto päätti 16.4.2019 käynnistää kuntavetoisen " +
				"sote-selvityksen. Hämeen liitto toimii selvityksen taloudellisena projektitoimistona, ja kustannukset jaetaan " +
				"puoliksi maakuntaliiton ja kuntien kesken. Selvitystä tekee kokoaikainen valmistelija. Ohjausmallissa ovat " +
				"mukana kuntien poliittinen johto, virkajohto ja henkilöstön edustajat.",
			Status:         model.ProjectFinished,
			Period:         span(date(16, 4, 2019), date(31, 12, 2019)),
			Regions:        []string{"05"},
			Office:         ID("org/hameen-liitto"),
			Municipalities: kunnat(kantaHame),
			Goals: []string{
				"Muodostaa kuntien yhteinen näkemys sosiaali- ja terveyspalvelujen järjestämisestä Kanta-Hämeessä.",
				"Käyttää Forssan seudun integroitua mallia vertailukohtana.",
				"Tuottaa kunnille päätöksenteon pohja jatkovalmistelusta.",
			},
			Funding: []model.FundingLine{
				{Funder: ID("org/hameen-liitto"), Amount: 6000000, Share: 50, Note: "Hämeen liiton osuus (arvio)."},
				{Amount: 6000000, Share: 50, Note: "Kanta-Hämeen kuntien yhteinen osuus (arvio)."},
			},
			Milestones: []model.Milestone{
				{Period: on(date(16, 4, 2019)), Description: "Kuntien poliittinen ja virkajohto päättää käynnistää selvityksen", Done: true},
				{Period: span(date(1, 5, 2019), date(31, 12, 2019)), Description: "Selvitystyö", Done: true},
			},
			Staff: []model.StaffMember{{Contact: ID("contact/rautiainen-elina"), Role: model.StaffPreparer}},
			Tags:  []string{"Kanta-Häme", "sote-selvitys", "kuntavetoinen"},
		}},
		{"project/riihimaki-vertailu", &model.Project{
			Name:      "Riihimäen sote-vertailuselvitys",
			ShortName: "Vertailuselvitys",
			Description: "Riihimäen kaupungin oma, maakunnallisen sote-selvityksen rinnalla tehty selvitys, jossa verrataan " +
				"kaupungin sote-palvelujen järjestämisen vaihtoehtoja.",
			Status:         model.ProjectFinished,
			Period:         span(date(1, 5, 2019), date(31, 12, 2019)),
			Regions:        []string{"05"},
			Administrator:  kunta("694"),
			Municipalities: []model.Participation{{Municipality: kunta("694"), Role: "hallinnoija"}},
			Staff:          []model.StaffMember{{Contact: ID("contact/hakala-olli"), Role: model.StaffCoordinator}},
			Tags:           []string{"Kanta-Häme", "sote-selvitys", "vertailu"},
		}},
		{"project/oma-hame", &model.Project{
			Name:           "Oma Häme",
			ShortName:      "Oma Häme",
			Description:    "Kanta-Hämeen maakunta- ja sote-uudistuksen valmistelu.",
			Status:         model.ProjectFinished,
			Regions:        []string{"05"},
			Municipalities: kunnat(kantaHame),
			Goals: []string{
				"Valmistella Kanta-Hämeen sosiaali- ja terveyspalvelujen kokonaisuus maakuntaan.",
				"Koota lasten, nuorten ja perheiden palvelut yhtenäiseksi kokonaisuudeksi.",
			},
			Tags:  []string{"Kanta-Häme", "maakuntauudistus", "sote-uudistus"},
			Links: []model.Link{{Title: "Oma Häme", URL: "https://omahame.fi"}},
		}},
		// Keski-Uusimaa.
		{"project/kuuma", &model.Project{
			Name:      "KUUMA-kuntien sote-alueyksikkö",
			ShortName: "KUUMA",
			Description: "Hyvinkään, Järvenpään, Mäntsälän, Nurmijärven, Pornaisen ja Tuusulan yhteinen hanke sosiaali- ja " +
				"terveyspalvelujen alueyksikön muodostamiseksi. Toimintamallit luonnosteltiin kesään 2016 mennessä ja " +
				"toimeenpano suunniteltiin vuoden 2016 loppuun mennessä; käytännön järjestelyt tehtiin vuoden 2017 aikana. " +
				"Alueyksikön oli määrä aloittaa 1.1.2018 ja olla yhteensopiva vuonna 2019 aloittavan itsehallinnollisen " +
				"maakunnan kanssa. Työn tuloksena syntyi Keski-Uudenmaan sote -kuntayhtymä.",
			Status:         model.ProjectFinished,
			Period:         span(date(1, 1, 2016), date(31, 12, 2018)),
			Regions:        []string{"01"},
			Administrator:  ID("org/kuuma-seutu"),
			Municipalities: kunnat(kuumaKunnat),
			Goals: []string{
				"Yhteinen sosiaali- ja terveyspalvelujen alueyksikkö KUUMA-kunnille.",
				"Yhteensopivuus tulevan itsehallinnollisen maakunnan kanssa.",
			},
			Milestones: []model.Milestone{
				{Period: span(date(1, 1, 2016), date(31, 8, 2016)), Description: "Toimintamallit luonnosteltu", Done: true},
				{Period: on(date(31, 12, 2016)), Description: "Toimeenpano suunniteltu", Done: true},
				{Period: span(date(1, 1, 2017), date(31, 12, 2017)), Description: "Käytännön järjestelyt", Done: true},
				{Period: from(date(1, 1, 2018)), Description: "Sote-alueyksikkö aloittaa toimintansa"},
				{Period: from(date(1, 1, 2019)), Description: "Yhteensopiva itsehallinnollisen maakunnan kanssa"},
			},
			Staff: []model.StaffMember{{Contact: ID("contact/halme-jukka"), Role: model.StaffDirector}},
			Tags:  []string{"Keski-Uusimaa", "KUUMA", "sote-alueyksikkö"},
			Links: []model.Link{{Title: "Keski-Uudenmaan sote", URL: "https://www.keusote.fi"}},
		}},
		// Keski-Suomi: the programme and its sub-projects.
		{"project/keski-suomi", &model.Project{
			Name:      "Keski-Suomen sote-kehittämisohjelma",
			ShortName: "KS-sote",
			Description: "Sosiaali- ja terveysministeriön reilun yhdeksän miljoonan euron rahoittama ohjelma, jolla " +
				"kehitetään Keski-Suomen noin 270 000 asukkaan sosiaali- ja terveyspalveluja. Ohjelmaan kuuluu viisi " +
				"osahanketta: yhteinen asiakas- ja potilastietojärjestelmä, etähoiva ja etäpalvelut, hyvinvoinnin ja " +
				"terveyden edistäminen järjestöjen kanssa, RAI-toimintakyvyn arviointi sekä sosiaalihuollon Kanta-palvelut.",
			Status:         model.ProjectFinished,
			Period:         ksSpan,
			Regions:        []string{"13"},
			Municipalities: kunnat(keskiSuomi),
			Goals: []string{
				"Yhtenäiset asiakaslähtöiset sosiaali- ja terveyspalvelut koko maakuntaan.",
				"Yhteiset tietojärjestelmät ja digitaaliset palvelut.",
			},
			Funding: []model.FundingLine{{
				Funder: ID("org/stm"),
				Amount: 910000000,
				Period: ksSpan,
				Note:   "Sosiaali- ja terveysministeriön valtionavustus.",
			}},
			Staff: []model.StaffMember{{Contact: ID("contact/hyvarinen-anneli"), Role: model.StaffDirector}},
			Tags:  []string{"Keski-Suomi", "valtionavustus", "hankekokonaisuus"},
		}},
		subproject("project/keski-suomi/asiakastieto", "Yhteinen asiakas- ja potilastietojärjestelmä",
			"Sosiaali- ja terveydenhuollon yhteisen asiakas- ja potilastietojärjestelmän valmistelu koko maakuntaan.",
			[]string{"Asiakkaan tiedot käytettävissä koko maakunnassa."}, []string{"ICT", "asiakastieto"},
			model.StaffMember{Contact: ID("contact/ruotsalainen-mervi"), Role: model.StaffManager}),
		subproject("project/keski-suomi/etapalvelut", "Etähoiva ja etäpalvelut",
			"Etähoivan ja muiden etäpalvelujen käyttöönotto kotona asuville asiakkaille.",
			[]string{"Etäpalvelut osaksi kotihoitoa kaikissa kunnissa."}, []string{"etähoiva", "digitalisaatio"}),
		subproject("project/keski-suomi/hyte", "Hyvinvoinnin ja terveyden edistäminen järjestöjen kanssa",
			"Hyvinvoinnin ja terveyden edistämisen rakenteet kuntiin ja maakuntaan yhteistyössä järjestöjen kanssa.",
			[]string{"Järjestöt mukaan palvelujen suunnitteluun."}, []string{"hyte", "järjestöyhteistyö"},
			model.StaffMember{Contact: ID("contact/jokela-noora"), Role: model.StaffCoordinator}),
		subproject("project/keski-suomi/rai", "RAI-toimintakyvyn arviointi",
			"RAI-arviointivälineistön käyttöönotto ikäihmisten palvelutarpeen ja toimintakyvyn arvioinnissa.",
			[]string{"Yhtenäinen toimintakyvyn arviointi koko maakunnassa."}, []string{"RAI", "ikäihmiset"}),
		subproject("project/keski-suomi/kanta", "Sosiaalihuollon Kanta-palvelut",
			"Sosiaalihuollon asiakirjojen arkistoinnin ja Kanta-palvelujen käyttöönotto kunnissa.",
			[]string{"Sosiaalihuollon asiakastiedot Kanta-arkistoon."}, []string{"Kanta", "ICT"},
			model.StaffMember{Contact: ID("contact/ruotsalainen-mervi"), Role: model.StaffManager}),
	}
}

func groups() []entry[model.Group] {
	khStudy, omaHame := ID("project/kanta-hame-sote-selvitys"), ID("project/oma-hame")
	kuuma, ks := ID("project/kuuma"), ID("project/keski-suomi")
	hl, ksl, ksshp := ID("org/hameen-liitto"), ID("org/keski-suomen-liitto"), ID("org/keski-suomen-shp")
	ptStart := date(1, 9, 2016)
	// left holds the members who left the service production working
	// group (and so its subgroups) before the programme ended.
	left := map[string]model.Date{"contact/puranen-jouni": date(31, 12, 2016)}
	subgroup := func(name, title, topic, chair, chairKunta, member, memberKunta string) entry[model.Group] {
		return entry[model.Group]{name, &model.Group{
			Name:    title,
			Type:    model.GroupSubgroup,
			Project: ks,
			Parent:  ID("group/ks/palvelutuotanto"),
			Mandate: "Palvelutuotannon työryhmän alatyöryhmä: " + topic,
			Period:  from(date(22, 9, 2016)),
			Members: []model.Membership{
				seat(chair, model.RoleChair, kunta(chairKunta)),
				term(seat(member, model.RoleMember, kunta(memberKunta)), span(date(22, 9, 2016), left[member])),
			},
		}}
	}
	return []entry[model.Group]{
		// Kanta-Häme: the sote study's steering model.
		{"group/kh/ohjausryhma", &model.Group{
			Name:    "Sote-selvityksen ohjausryhmä",
			Type:    model.GroupSteering,
			Project: khStudy,
			Mandate: "Kanta-Hämeen kuntien poliittisen johdon, virkajohdon ja henkilöstön edustajien ohjausryhmä. " +
				"Linjaa selvityksen tavoitteet ja vie tulokset kuntien käsittelyyn.",
			Period: span(date(16, 4, 2019), date(31, 12, 2019)),
			Members: []model.Membership{
				seat("contact/lehtola-markku", model.RoleChair, kunta("109")),
				seat("contact/saarinen-tuula", model.RoleViceChair, kunta("061")),
				term(seat("contact/lahtinen-kimmo", model.RoleMember, kunta("433")), span(date(16, 4, 2019), date(31, 8, 2019))),
				term(seat("contact/mattila-heli", model.RoleMember, kunta("433")), from(date(1, 9, 2019))),
				seat("contact/salonen-harri", model.RoleMember, kunta("109")),
				seat("contact/nurmi-riikka", model.RoleStaffRepresent, model.NilID),
				seat("contact/kallio-antti", model.RoleStaffRepresent, model.NilID),
				seat("contact/rautiainen-elina", model.RoleSecretary, hl),
			},
		}},
		{"group/kh/johtoryhma", &model.Group{
			Name:    "Sote-selvityksen johtoryhmä",
			Type:    model.GroupManagement,
			Project: khStudy,
			Parent:  ID("group/kh/ohjausryhma"),
			Mandate: "Kuntien virkajohdon johtoryhmä, joka ohjaa valmistelijan työtä ja valmistelee ohjausryhmän asiat.",
			Period:  span(date(16, 4, 2019), date(31, 12, 2019)),
			Members: []model.Membership{
				seat("contact/salonen-harri", model.RoleChair, kunta("109")),
				seat("contact/kivela-marja", model.RoleMember, kunta("165")),
				seat("contact/hakala-olli", model.RoleMember, kunta("694")),
				seat("contact/leppanen-katja", model.RoleMember, hl),
				seat("contact/rautiainen-elina", model.RoleSecretary, hl),
			},
		}},
		// Kanta-Häme: Oma Häme.
		{"group/oma-hame/lnp", &model.Group{
			Name:    "Lapset, nuoret ja perheet -työryhmä",
			Type:    model.GroupWorking,
			Project: omaHame,
			Mandate: "Valmisteli lasten, nuorten ja perheiden palvelujen kokonaisuutta. Työryhmä kokoontui viikoittain ja " +
				"esitti kolmiportaista palvelutuotannon mallia: peruspalvelut lähellä asukkaita perhekeskuksissa, " +
				"erityispalvelut alueellisesti ja vaativimmat palvelut keskitetysti koko maakunnalle.",
			Members: []model.Membership{
				seat("contact/niemela-satu", model.RoleChair, kunta("109")),
				seat("contact/ketola-laura", model.RoleSecretary, hl),
				seat("contact/kivela-marja", model.RoleMember, kunta("165")),
				seat("contact/vainio-anu", model.RoleMember, ID("org/kanta-hameen-shp")),
				seat("contact/lindqvist-eeva", model.RoleExpert, ID("org/fshky")),
			},
		}},
		// Keski-Uusimaa.
		{"group/kuuma/ohjausryhma", &model.Group{
			Name:    "KUUMA-sote ohjausryhmä",
			Type:    model.GroupSteering,
			Project: kuuma,
			Mandate: "Kuntien poliittisen johdon ohjausryhmä. Linjaa alueyksikön rakenteen ja valmistelee esitykset kuntien valtuustoille.",
			Period:  span(date(1, 1, 2016), date(31, 12, 2018)),
			Members: []model.Membership{
				seat("contact/hietanen-raija", model.RoleChair, kunta("106")),
				seat("contact/sundstrom-timo", model.RoleViceChair, kunta("186")),
				seat("contact/ojala-leena", model.RoleMember, kunta("543")),
				seat("contact/kettunen-ville", model.RoleMember, kunta("858")),
				seat("contact/pursiainen-hannele", model.RoleExpert, kunta("106")),
				seat("contact/halme-jukka", model.RoleSecretary, ID("org/kuuma-seutu")),
			},
		}},
		{"group/kuuma/johtoryhma", &model.Group{
			Name:    "KUUMA-sote johtoryhmä",
			Type:    model.GroupManagement,
			Project: kuuma,
			Parent:  ID("group/kuuma/ohjausryhma"),
			Mandate: "Kuntien sosiaali- ja terveysjohtajien johtoryhmä, joka valmistelee toimintamallit ja niiden toimeenpanon.",
			Period:  span(date(1, 1, 2016), date(31, 12, 2018)),
			Members: []model.Membership{
				seat("contact/pursiainen-hannele", model.RoleChair, kunta("106")),
				seat("contact/kuusela-arto", model.RoleViceChair, kunta("186")),
				seat("contact/holm-petri", model.RoleMember, kunta("505")),
				seat("contact/laaksonen-minna", model.RoleMember, kunta("543")),
				seat("contact/koski-sari", model.RoleMember, kunta("611")),
				term(seat("contact/vuorinen-kari", model.RoleMember, kunta("858")), span(date(1, 1, 2016), date(31, 12, 2016))),
				term(seat("contact/aho-johanna", model.RoleMember, kunta("858")), from(date(1, 1, 2017))),
				seat("contact/halme-jukka", model.RoleSecretary, ID("org/kuuma-seutu")),
			},
		}},
		// Keski-Suomi: the governance tree, top down.
		{"group/ks/ohjausryhma", &model.Group{
			Name:    "Keski-Suomen sote-uudistuksen poliittinen ohjausryhmä",
			Type:    model.GroupSteering,
			Project: ks,
			Mandate: "Ohjelman poliittinen ohjaus ja linjaukset.",
			Period:  ksPeriod(),
			Members: []model.Membership{
				seat("contact/paananen-matti", model.RoleChair, ksl),
				seat("contact/hakkarainen-sirpa", model.RoleViceChair, kunta("179")),
				seat("contact/hyvarinen-anneli", model.RoleSecretary, ksl),
			},
		}},
		{"group/ks/johtoryhma", &model.Group{
			Name:    "Keski-Suomen sote-uudistuksen johtoryhmä",
			Type:    model.GroupManagement,
			Project: ks,
			Parent:  ID("group/ks/ohjausryhma"),
			Mandate: "Johtaa valmistelua ja sovittaa yhteen sote- ja maakuntakoordinaation työn.",
			Period:  ksPeriod(),
			Members: []model.Membership{
				seat("contact/hyvarinen-anneli", model.RoleChair, ksl),
				seat("contact/hirvonen-tapio", model.RoleMember, kunta("179")),
				seat("contact/vaisanen-outi", model.RoleMember, ksl),
				seat("contact/kauppinen-raimo", model.RoleMember, ksshp),
			},
		}},
		{"group/ks/sote-koordinaatio", &model.Group{
			Name:    "Sote-koordinaatioryhmä",
			Type:    model.GroupWorking,
			Project: ks,
			Parent:  ID("group/ks/johtoryhma"),
			Mandate: "Sovittaa yhteen sosiaali- ja terveyspalvelujen valmistelun työryhmät.",
			Period:  ksPeriod(),
			Members: []model.Membership{
				seat("contact/manninen-kirsi", model.RoleChair, kunta("992")),
				seat("contact/hirvonen-tapio", model.RoleMember, kunta("179")),
				seat("contact/kauppinen-raimo", model.RoleMember, ksshp),
				seat("contact/jokela-noora", model.RoleSecretary, ksl),
			},
		}},
		{"group/ks/aluekoordinaatio", &model.Group{
			Name:    "Maakunnallinen koordinaatioryhmä",
			Type:    model.GroupWorking,
			Project: ks,
			Parent:  ID("group/ks/johtoryhma"),
			Mandate: "Sovittaa yhteen maakuntauudistuksen muiden tehtävien valmistelun.",
			Period:  ksPeriod(),
			Members: []model.Membership{
				seat("contact/vaisanen-outi", model.RoleChair, ksl),
				seat("contact/heikkila-jussi", model.RoleMember, kunta("179")),
			},
		}},
		{"group/ks/kasvupalvelut", &model.Group{
			Name:    "Kasvupalvelujen työryhmä",
			Type:    model.GroupWorking,
			Project: ks,
			Parent:  ID("group/ks/aluekoordinaatio"),
			Mandate: "Valmistelee kasvupalvelujen järjestämisen maakunnassa.",
			Period:  ksPeriod(),
			Members: []model.Membership{seat("contact/vaisanen-outi", model.RoleChair, ksl)},
		}},
		{"group/ks/palvelutuotanto", &model.Group{
			Name:    "Palvelutuotannon työryhmä",
			Type:    model.GroupWorking,
			Project: ks,
			Parent:  ID("group/ks/sote-koordinaatio"),
			Mandate: "Keski-Suomen kuntien sosiaali- ja terveysjohtajien työryhmä, joka valmistelee maakunnan " +
				"sote-palvelutuotannon rakennetta. Työryhmällä on neljä alatyöryhmää. " +
				"Kokous Viitasaarella 22.9.2016: alatyöryhmien asettaminen ja työsuunnitelma.",
			Period: from(ptStart),
			Members: []model.Membership{
				seat("contact/hirvonen-tapio", model.RoleChair, kunta("179")),
				seat("contact/manninen-kirsi", model.RoleViceChair, kunta("992")),
				term(seat("contact/puranen-jouni", model.RoleMember, kunta("182")), span(ptStart, left["contact/puranen-jouni"])),
				seat("contact/toivonen-marika", model.RoleMember, kunta("249")),
				seat("contact/karppinen-esa", model.RoleMember, kunta("931")),
				seat("contact/lampinen-heidi", model.RoleMember, kunta("410")),
				seat("contact/jokela-noora", model.RoleSecretary, ksl),
			},
		}},
		subgroup("group/ks/palvelutuotanto/lahipalvelut", "Lähipalvelujen ja sote-keskusten alatyöryhmä",
			"sote-keskukset ja lähipalvelujen verkko.", "contact/lampinen-heidi", "410", "contact/karppinen-esa", "931"),
		subgroup("group/ks/palvelutuotanto/ikaihmiset", "Ikäihmisten palvelujen alatyöryhmä",
			"kotihoito, asumispalvelut ja RAI-arviointi.", "contact/toivonen-marika", "249", "contact/puranen-jouni", "182"),
		subgroup("group/ks/palvelutuotanto/mielenterveys", "Mielenterveys- ja päihdepalvelujen alatyöryhmä",
			"mielenterveys- ja päihdepalvelujen porrastus.", "contact/karppinen-esa", "931", "contact/manninen-kirsi", "992"),
		subgroup("group/ks/palvelutuotanto/perheet", "Lasten, nuorten ja perheiden palvelujen alatyöryhmä",
			"perhekeskukset ja lastensuojelu.", "contact/manninen-kirsi", "992", "contact/toivonen-marika", "249"),
		// Keski-Suomi: expert groups shared by the coordination groups.
		{"group/ks/talous-tilat", &model.Group{
			Name:    "Talouden ja tilojen asiantuntijaryhmä",
			Type:    model.GroupExpert,
			Project: ks,
			Parent:  ID("group/ks/johtoryhma"),
			Mandate: "Yhteinen asiantuntijaryhmä: talous, kiinteistöt ja tilat.",
			Period:  ksPeriod(),
			Members: []model.Membership{seat("contact/heikkila-jussi", model.RoleChair, kunta("179"))},
		}},
		{"group/ks/ict", &model.Group{
			Name:    "ICT-asiantuntijaryhmä",
			Type:    model.GroupExpert,
			Project: ks,
			Parent:  ID("group/ks/johtoryhma"),
			Mandate: "Yhteinen asiantuntijaryhmä: tietojärjestelmät ja digitaaliset palvelut.",
			Period:  ksPeriod(),
			Members: []model.Membership{
				seat("contact/kauppinen-raimo", model.RoleChair, ksshp),
				seat("contact/ruotsalainen-mervi", model.RoleExpert, ksshp),
			},
		}},
		{"group/ks/henkilosto", &model.Group{
			Name:    "Henkilöstöasiantuntijaryhmä",
			Type:    model.GroupExpert,
			Project: ks,
			Parent:  ID("group/ks/johtoryhma"),
			Mandate: "Yhteinen asiantuntijaryhmä: henkilöstön siirrot ja henkilöstöpolitiikka.",
			Period:  ksPeriod(),
			Members: []model.Membership{seat("contact/mustonen-anna-leena", model.RoleChair, kunta("992"))},
		}},
	}
}
