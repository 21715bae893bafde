package demo

import (
	"strings"

	"hankekirja/model"
)

// The example meetings: two meetings that public news described, as their
// minutes could have been written.
//
//   - The Kanta-Häme sote study's steering group on 16.4.2019, where the
//     political and official leadership of the eleven municipalities
//     started the municipality-led study and agreed unanimously on its
//     starting points. The minutes are checked.
//   - The Keski-Suomi service production working group in Viitasaari on
//     22.9.2016, which set up its subgroups and proposed a fixed-term
//     coordinator for the preparation and regular meetings of the group
//     chairs with the coordinating committee. The minutes are checked; some
//     of the tasks that followed are still open, long past their due dates.
//
// The decisions follow the news; times, places in the building, the people
// and the tasks are invented.

// meetings builds the example meetings with the model's own rules: the
// attendance from the group's members on the day, the standard agenda
// frame and the § numbering.
func meetings() []entry[model.Meeting] {
	groupsByName := map[string]*model.Group{}
	for _, e := range groups() {
		e.rec.ID = ID(e.name)
		groupsByName[e.name] = e.rec
	}
	names := map[model.ID]string{}
	for _, e := range contacts() {
		names[ID(e.name)] = e.rec.Title()
	}
	return []entry[model.Meeting]{
		{"meeting/kh/ohjausryhma/2019-1", kantaHameMeeting(groupsByName["group/kh/ohjausryhma"], names)},
		{"meeting/ks/palvelutuotanto/2016-1", keskiSuomiMeeting(groupsByName["group/ks/palvelutuotanto"], names)},
	}
}

// person names an example contact.
func person(name string) model.Person { return model.Person{Contact: ID(name)} }

// frame fills a meeting of g on day d from the model's rules, with own
// items in the middle of the standard agenda, and fills in the standard
// items' decisions.
func frame(g *model.Group, d model.Date, own []model.AgendaItem, names map[model.ID]string, standard map[string]string) *model.Meeting {
	m := model.NewMeeting(g, d, nil)
	m.Items = model.NewAgenda(model.AgendaTemplate(g), own...)
	for i := range m.Items {
		if dec, ok := standard[m.Items[i].Title]; ok {
			m.Items[i].Decision = dec
		}
	}
	model.NumberItems([]*model.Meeting{m})
	m.FillNames(func(id model.ID) string { return names[id] })
	return m
}

func kantaHameMeeting(g *model.Group, names map[model.ID]string) *model.Meeting {
	chair, secretary := "contact/lehtola-markku", "contact/rautiainen-elina"
	points := []string{
		"Työ lähtee liikkeelle tavoitteista ja asiakkaista, ei rakenteista.",
		"Rahoitusmallin on ohjattava kohti asetettuja tavoitteita.",
		"Sopimus- ja omistajaohjaukseen kiinnitetään erityistä huolellisuutta.",
		"Sosiaalihuollon roolia vahvistetaan.",
		"Perusterveydenhuolto, erikoissairaanhoito ja sosiaalihuolto integroidaan.",
		"Forssan seudun kokemuksista otetaan oppia.",
		"Työ rakentuu Oma Hämeen valmistelussa tehdyn aineiston varaan.",
		"Tavoitetaso asetetaan korkealle.",
	}
	var decision strings.Builder
	decision.WriteString("Ohjausryhmä linjasi yksimielisesti selvityksen lähtökohdat:\n\n")
	for i, p := range points {
		if i > 0 {
			decision.WriteString("\n\n")
		}
		decision.WriteString(string(rune('1'+i)) + ". " + p)
	}
	own := []model.AgendaItem{
		{
			Title:     "Kanta-Hämeen kuntien sote-selvityksen käynnistäminen",
			Presenter: person(secretary),
			Background: "Kaikkien yhdentoista Kanta-Hämeen kunnan poliittinen ja virkajohto on valmistellut " +
				"kuntavetoista selvitystä sosiaali- ja terveyspalvelujen järjestämisestä maakuntauudistuksen " +
				"kaaduttua.\n\n" +
				"- Hämeen liitto toimii selvityksen taloudellisena projektitoimistona ja maksaa puolet kustannuksista.\n" +
				"- Selvitystä tekee kokoaikainen valmistelija.\n" +
				"- Riihimäki tekee rinnalla oman vertailuselvityksensä.",
			Proposal: "Ohjausryhmä käynnistää Kanta-Hämeen kuntien yhteisen sote-selvityksen Hämeen liiton " +
				"toimiessa taloudellisena projektitoimistona.",
			Decision: "Ohjausryhmä päätti yksimielisesti käynnistää selvityksen esityksen mukaisesti.",
		},
		{
			Title:      "Selvityksen lähtökohdat",
			Presenter:  person(chair),
			Background: "Ohjausryhmä keskusteli siitä, mistä selvitys lähtee ja mihin sillä pyritään.",
			Proposal:   "Ohjausryhmä linjaa selvityksen lähtökohdat keskustelun pohjalta.",
			Discussion: "Keskustelussa korostettiin asiakkaiden tarpeita, sosiaalihuollon asemaa ja " +
				"Forssan seudun hyvinvointikuntayhtymän kokemuksia integroidusta mallista.",
			Decision: decision.String(),
		},
		{
			Title:      "Selvityksen aikataulu ja seuraavat vaiheet",
			Presenter:  person(secretary),
			Proposal:   "Valmistelija laatii työsuunnitelman ja aikataulun ohjausryhmän seuraavaan kokoukseen.",
			Discussion: "Keskustelussa toivottiin, että kunnat näkevät työsuunnitelman ennen kesää.",
			CounterProposals: []model.CounterProposal{{
				By: person("contact/lahtinen-kimmo"), SecondedBy: person("contact/nurmi-riikka"),
				Text: "Työsuunnitelma ja aikataulu tuodaan ohjausryhmälle jo toukokuun alussa pidettävään ylimääräiseen kokoukseen.",
			}},
			Vote:     &model.Vote{Against: 0, Yes: 4, No: 2},
			Decision: "Hyväksyttiin esityksen mukaisesti äänin 4–2.",
			Tasks: []model.Task{
				{Description: "Selvityksen työsuunnitelma ja aikataulu ohjausryhmälle", Owner: person(secretary),
					Due: date(31, 5, 2019), Status: model.TaskDone, DoneOn: date(27, 5, 2019)},
				{Description: "Oma Hämeen valmisteluaineiston kokoaminen selvityksen pohjaksi", Owner: person(secretary),
					Due: date(14, 6, 2019), Status: model.TaskDone, DoneOn: date(12, 6, 2019)},
				{Description: "Forssan seudun mallin kokemusten esittely ohjausryhmälle", Owner: person("contact/salonen-harri"),
					Due: date(30, 9, 2019), Status: model.TaskOpen},
			},
		},
	}
	// The standard items are left to the formalities the record gives
	// (model.Formalities): the opening and closing times, the invitation
	// and the quorum, the checkers and when they check. (The group keeps
	// the default meeting rules: the groups' CSV table, which the example
	// data must survive unchanged, has no columns for them.)
	m := frame(g, date(16, 4, 2019), own, names, map[string]string{
		"Muut asiat":      "Ei muita asioita.",
		"Seuraava kokous": "Seuraava kokous pidetään kesäkuussa; sihteeri lähettää kutsun.",
	})
	m.Start, m.End = model.MustClock(13, 0), model.MustClock(15, 30)
	m.InvitedOn = date(9, 4, 2019)
	m.OpenedAt, m.ClosedAt = model.MustClock(13, 0), model.MustClock(15, 20)
	m.Place = "Hämeenlinnan kaupungintalo, valtuustosali"
	m.Status = model.MeetingChecked
	m.Checkers = []model.Person{person("contact/saarinen-tuula"), person("contact/salonen-harri")}
	m.CheckOn, m.CheckPlace = date(23, 4, 2019), "sähköisesti"
	m.Checked = model.CheckRecord{By: m.Checkers, On: date(24, 4, 2019)}
	m.Attendance = append(m.Attendance, model.Attendee{
		Person: person("contact/leppanen-katja"), Status: model.AttendancePresent, Role: model.AttendeeExpert,
	})
	m.FillNames(func(id model.ID) string { return names[id] })
	return m
}

func keskiSuomiMeeting(g *model.Group, names map[model.ID]string) *model.Meeting {
	chair, secretary := "contact/hirvonen-tapio", "contact/jokela-noora"
	own := []model.AgendaItem{
		{
			Title:     "Alatyöryhmien asettaminen",
			Presenter: person(chair),
			Background: "Palvelutuotannon työryhmä valmistelee maakunnan sote-palvelutuotannon rakennetta. " +
				"Työtä varten ehdotetaan neljää alatyöryhmää:\n\n" +
				"1. Lähipalvelujen ja sote-keskusten alatyöryhmä\n" +
				"2. Ikäihmisten palvelujen alatyöryhmä\n" +
				"3. Mielenterveys- ja päihdepalvelujen alatyöryhmä\n" +
				"4. Lasten, nuorten ja perheiden palvelujen alatyöryhmä",
			Proposal: "Työryhmä asettaa neljä alatyöryhmää ja nimeää niiden puheenjohtajat.",
			Decision: "Työryhmä asetti neljä alatyöryhmää esityksen mukaisesti. Puheenjohtajiksi nimettiin " +
				"Heidi Lampinen, Marika Toivonen, Esa Karppinen ja Kirsi Manninen.",
		},
		{
			Title:     "Valmistelun koordinaattori",
			Presenter: person("contact/hyvarinen-anneli"),
			Background: "Kuntien sosiaali- ja terveysjohtajat tekevät valmistelua oman työnsä ohessa. " +
				"Työryhmien työn yhteensovittamiseen tarvitaan päätoiminen henkilö.",
			Proposal: "Työryhmä esittää sote-koordinaatioryhmälle, että valmistelulle palkataan määräaikainen koordinaattori.",
			Decision: "Työryhmä päätti esittää sote-koordinaatioryhmälle määräaikaisen koordinaattorin palkkaamista valmisteluun.",
			Tasks: []model.Task{
				{Description: "Koordinaattorin tehtävänkuvaus ja rahoitusesitys sote-koordinaatioryhmälle", Owner: person(chair),
					Due: date(31, 10, 2016), Status: model.TaskDone, DoneOn: date(25, 10, 2016)},
				{Description: "Koordinaattorin hakuilmoitus", Owner: person(secretary),
					Due: date(30, 11, 2016), Status: model.TaskOpen},
			},
		},
		{
			Title:     "Työryhmien puheenjohtajien ja sote-koordinaatioryhmän yhteistyö",
			Presenter: person(chair),
			Proposal: "Työryhmä esittää, että työryhmien puheenjohtajat ja sote-koordinaatioryhmä " +
				"kokoontuvat säännöllisesti.",
			Decision: "Työryhmä päätti esittää, että työryhmien puheenjohtajat tapaavat sote-koordinaatioryhmän " +
				"säännöllisesti, ensimmäisen kerran lokakuussa 2016.",
			Tasks: []model.Task{
				{Description: "Yhteistapaamisten vuosikello", Owner: person("contact/manninen-kirsi"),
					Due: date(15, 10, 2016), Status: model.TaskDone, DoneOn: date(14, 10, 2016)},
				{Description: "Kutsu ensimmäiseen yhteistapaamiseen", Owner: person(chair),
					Due: date(31, 10, 2016), Status: model.TaskOpen},
			},
		},
		{
			Title:     "Työsuunnitelma",
			Presenter: person(secretary),
			Proposal:  "Alatyöryhmät laativat työsuunnitelmansa vuoden loppuun mennessä.",
			Decision:  "Hyväksyttiin esityksen mukaisesti.",
			Tasks: []model.Task{
				{Description: "Alatyöryhmien työsuunnitelmat palvelutuotannon työryhmälle", Owner: person("contact/lampinen-heidi"),
					Due: date(31, 12, 2016), Status: model.TaskOpen},
			},
		},
	}
	m := frame(g, date(22, 9, 2016), own, names, map[string]string{
		"Kokouksen avaus":                 "Puheenjohtaja avasi kokouksen klo 10.00.",
		"Laillisuus ja päätösvaltaisuus":  "Kokous todettiin lailliseksi ja päätösvaltaiseksi.",
		"Pöytäkirjantarkastajien valinta": "Pöytäkirjantarkastajiksi valittiin Marika Toivonen ja Esa Karppinen.",
		"Esityslistan hyväksyminen":       "Esityslista hyväksyttiin.",
		"Muut asiat":                      "Ei muita asioita.",
		"Seuraava kokous":                 "Seuraava kokous pidetään Jyväskylässä 27.10.2016.",
		"Kokouksen päättäminen":           "Puheenjohtaja päätti kokouksen klo 14.10.",
	})
	m.Start, m.End = model.MustClock(10, 0), model.MustClock(14, 30)
	m.Place = "Viitasaari, kaupungintalo"
	m.Status = model.MeetingChecked
	m.Checkers = []model.Person{person("contact/toivonen-marika"), person("contact/karppinen-esa")}
	for i := range m.Attendance {
		if m.Attendance[i].Contact == ID("contact/puranen-jouni") {
			m.Attendance[i].Status = model.AttendanceAbsent
		}
	}
	// The programme director came for the coordinator item only.
	coordinator := m.Items[5].Number
	m.Attendance = append(m.Attendance, model.Attendee{
		Person: person("contact/hyvarinen-anneli"), Status: model.AttendancePresent, Role: model.AttendeeExpert,
		ArrivedAt: coordinator, LeftAt: coordinator,
	})
	m.FillNames(func(id model.ID) string { return names[id] })
	return m
}

// addMeetings adds the example meetings; a meeting whose group is in the
// trash is skipped, since a meeting cannot be without its group.
func addMeetings(l *loader, svc model.Services) {
	for _, e := range meetings() {
		if l.gone[e.rec.Group] {
			l.res.Skipped[model.KindMeeting]++
			continue
		}
		add(l, svc.Meetings, e)
	}
}
