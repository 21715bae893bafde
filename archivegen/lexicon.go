package archivegen

// The vocabulary of the generated minutes: the heads of noun phrases with
// the first parts they form compounds with, adjectives, and the people
// services are for. Each word is given as parseWord reads it.

// head is a declinable noun and the compound parts that go before it
// (koti + hoito → kotihoito, kotihoidon, kotihoidossa).
type head struct {
	word     word
	prefixes []string
	// topic: the word can head an agenda item's subject.
	topic bool
}

func h(forms string, topic bool, prefixes ...string) head {
	return head{word: parseWord(forms), prefixes: prefixes, topic: topic}
}

var heads = []head{
	h("hoito hoido hoitoon hoitoa hoitojen hoitoja hoidoi", true, "koti", "omais", "perhe", "laitos", "suun", "päihde"),
	h("palvelu palvelu palveluun palvelua palvelujen palveluja palvelui", true, "sosiaali", "terveys", "asumis", "vammais", "mielenterveys", "päihde", "vanhus", "digi", "perhe", "lähi", "etä", "koti"),
	h("tuotanto tuotanno tuotantoon tuotantoa tuotantojen tuotantoja tuotannoi", true, "palvelu", "oma"),
	h("keskus keskukse keskukseen keskusta keskusten keskuksia keskuksi", true, "perhe", "sote-", "terveys", "palvelu", "hyvinvointi", "asiakasohjaus", "osaamis"),
	h("malli malli malliin mallia mallien malleja mallei", true, "toiminta", "palvelu", "rahoitus", "johtamis", "yhteistyö", "laskutus", "kustannus"),
	h("suunnitelma suunnitelma suunnitelmaan suunnitelmaa suunnitelmien suunnitelmia suunnitelmi", true, "toiminta", "hanke", "talous", "viestintä", "palvelu", "henkilöstö", "muutos", "toimeenpano"),
	h("selvitys selvitykse selvitykseen selvitystä selvitysten selvityksiä selvityksi", true, "esi", "sote-", "nykytila", "talous", "kustannus", "tarve"),
	h("ohjaus ohjaukse ohjaukseen ohjausta ohjausten ohjauksia ohjauksi", true, "asiakas", "palvelu", "omistaja", "talous", "informaatio"),
	h("avustus avustukse avustukseen avustusta avustusten avustuksia avustuksi", false, "valtion", "hanke", "kehittämis", "erityis"),
	h("sopimus sopimukse sopimukseen sopimusta sopimusten sopimuksia sopimuksi", true, "yhteistyö", "palvelu", "puite", "järjestämis", "hankinta", "siirto"),
	h("työ työ työhön työtä töiden töitä töi", false, "yhteis", "valmistelu", "kehittämis", "sosiaali", "nuoriso", "kotouttamis"),
	h("tilanne tilantee tilanteeseen tilannetta tilanteiden tilanteita tilantei", false, "talous", "henkilöstö", "rahoitus", "valmistelu", "hanke"),
	h("arviointi arvioinni arviointiin arviointia arviointien arviointeja arvioinnei", true, "vaikuttavuus", "itse", "riski", "tulos"),
	h("raportti raporti raporttiin raporttia raporttien raportteja raportei", false, "loppu", "väli", "tilanne", "seuranta"),
	h("pilotti piloti pilottiin pilottia pilottien pilotteja pilotei", true, "etävastaanotto", "kotihoito", "digi", "asiakasohjaus"),
	h("kehittäminen kehittämise kehittämiseen kehittämistä kehittämisten kehittämisiä kehittämisi", true, "palvelu", "toiminta", "prosessi", "johtamis"),
	h("henkilöstö henkilöstö henkilöstöön henkilöstöä henkilöstöjen henkilöstöjä henkilöstöi", false, "hoito", "sosiaali", "hanke"),
	h("rahoitus rahoitukse rahoitukseen rahoitusta rahoitusten rahoituksia rahoituksi", true, "hanke", "valtion", "lisä", "siirtymä"),
	h("aikataulu aikataulu aikatauluun aikataulua aikataulujen aikatauluja aikataului", false, "valmistelu", "hanke", "toteutus"),
	h("prosessi prosessi prosessiin prosessia prosessien prosesseja prosessei", true, "palvelu", "hoito", "asiakas", "hankinta", "talousarvio"),
	h("järjestelmä järjestelmä järjestelmään järjestelmää järjestelmien järjestelmiä järjestelmi", true, "asiakastieto", "potilastieto", "talous", "ajanvaraus", "toiminnanohjaus"),
	h("verkosto verkosto verkostoon verkostoa verkostojen verkostoja verkostoi", true, "palvelu", "yhteistyö", "asiantuntija", "kehittäjä"),
	h("strategia strategia strategiaan strategiaa strategioiden strategioita strategioi", true, "hyvinvointi", "palvelu", "henkilöstö", "digi"),
	h("ohjelma ohjelma ohjelmaan ohjelmaa ohjelmien ohjelmia ohjelmi", true, "kehittämis", "hyvinvointi", "rakenne", "investointi"),
	h("vastaanotto vastaanoto vastaanottoon vastaanottoa vastaanottojen vastaanottoja vastaanotoi", true, "etä", "hoitaja", "lääkärin", "ajanvaraus"),
	h("päivystys päivystykse päivystykseen päivystystä päivystysten päivystyksiä päivystyksi", true, "yhteis", "sosiaali", "ilta"),
	h("neuvonta neuvonna neuvontaan neuvontaa neuvontojen neuvontoja neuvonnoi", true, "palvelu", "perhe", "ravitsemus"),
	h("kuntoutus kuntoutukse kuntoutukseen kuntoutusta kuntoutusten kuntoutuksia kuntoutuksi", true, "koti", "mielenterveys", "työ"),
	h("kustannus kustannukse kustannukseen kustannusta kustannusten kustannuksia kustannuksi", false, "henkilöstö", "kiinteistö", "hanke"),
	h("valmistelu valmistelu valmisteluun valmistelua valmistelujen valmisteluja valmistelui", false, "sote-", "esi", "talousarvio"),
	h("yksikkö yksikö yksikköön yksikköä yksiköiden yksiköitä yksiköi", true, "palvelu", "kotihoito", "vastuu"),
	h("tarve tarpee tarpeeseen tarvetta tarpeiden tarpeita tarpei", false, "palvelu", "koulutus", "henkilöstö", "muutos"),
	h("muutos muutokse muutokseen muutosta muutosten muutoksia muutoksi", false, "rakenne", "toiminta", "organisaatio"),
	h("hankinta hankinna hankintaan hankintaa hankintojen hankintoja hankinnoi", true, "palvelu", "järjestelmä", "yhteis"),
	h("talousarvio talousarvio talousarvioon talousarviota talousarvioiden talousarvioita talousarvioi", true),
	h("hanke hankkee hankkeeseen hanketta hankkeiden hankkeita hankkei", false, "kehittämis", "osa", "rakenne", "kärki"),
	h("kuntayhtymä kuntayhtymä kuntayhtymään kuntayhtymää kuntayhtymien kuntayhtymiä kuntayhtymi", false),
	h("alue aluee alueeseen aluetta alueiden alueita aluei +", false, "hyvinvointi", "sote-", "yhteistyö", "palvelu"),
	h("tieto tiedo tietoon tietoa tietojen tietoja tiedoi", false, "asiakas", "potilas", "tilasto"),
	h("mittari mittari mittariin mittaria mittarien mittareita mittarei", false, "laatu", "vaikuttavuus", "seuranta"),
	h("lausunto lausunno lausuntoon lausuntoa lausuntojen lausuntoja lausunnoi", false),
	h("asiakas asiakkaa asiakkaaseen asiakasta asiakkaiden asiakkaita asiakkai", false, "palvelu"),
}

// adjectives agree with the phrase's head.
var adjectives = []word{
	parseWord("yhteinen yhteise yhteiseen yhteistä yhteisten yhteisiä yhteisi"),
	parseWord("alueellinen alueellise alueelliseen alueellista alueellisten alueellisia alueellisi"),
	parseWord("uusi uude uuteen uutta uusien uusia uusi"),
	parseWord("sähköinen sähköise sähköiseen sähköistä sähköisten sähköisiä sähköisi"),
	parseWord("monialainen monialaise monialaiseen monialaista monialaisten monialaisia monialaisi"),
	parseWord("kansallinen kansallise kansalliseen kansallista kansallisten kansallisia kansallisi"),
	parseWord("asiakaslähtöinen asiakaslähtöise asiakaslähtöiseen asiakaslähtöistä asiakaslähtöisten asiakaslähtöisiä asiakaslähtöisi"),
	parseWord("kustannustehokas kustannustehokkaa kustannustehokkaaseen kustannustehokasta kustannustehokkaiden kustannustehokkaita kustannustehokkai"),
	parseWord("sujuva sujuva sujuvaan sujuvaa sujuvien sujuvia sujuvi"),
	parseWord("toimiva toimiva toimivaan toimivaa toimivien toimivia toimivi"),
	parseWord("yhtenäinen yhtenäise yhtenäiseen yhtenäistä yhtenäisten yhtenäisiä yhtenäisi"),
	parseWord("vaikuttava vaikuttava vaikuttavaan vaikuttavaa vaikuttavien vaikuttavia vaikuttavi"),
	parseWord("keskitetty keskitety keskitettyyn keskitettyä keskitettyjen keskitettyjä keskitetyi"),
	parseWord("digitaalinen digitaalise digitaaliseen digitaalista digitaalisten digitaalisia digitaalisi"),
	parseWord("ennaltaehkäisevä ennaltaehkäisevä ennaltaehkäisevään ennaltaehkäisevää ennaltaehkäisevien ennaltaehkäiseviä ennaltaehkäisevi"),
	parseWord("nykyinen nykyise nykyiseen nykyistä nykyisten nykyisiä nykyisi"),
	parseWord("seudullinen seudullise seudulliseen seudullista seudullisten seudullisia seudullisi"),
}

// people are who services are for; their plural genitive is an attribute
// ("ikäihmisten kotihoito").
var people = []word{
	parseWord("ikäihminen ikäihmise ikäihmiseen ikäihmistä ikäihmisten ikäihmisiä ikäihmisi"),
	parseWord("lapsiperhe lapsiperhee lapsiperheeseen lapsiperhettä lapsiperheiden lapsiperheitä lapsiperhei"),
	parseWord("nuori nuore nuoreen nuorta nuorten nuoria nuori"),
	parseWord("vammainen vammaise vammaiseen vammaista vammaisten vammaisia vammaisi"),
	parseWord("omaishoitaja omaishoitaja omaishoitajaan omaishoitajaa omaishoitajien omaishoitajia omaishoitaji"),
	parseWord("työikäinen työikäise työikäiseen työikäistä työikäisten työikäisiä työikäisi"),
	parseWord("maahanmuuttaja maahanmuuttaja maahanmuuttajaan maahanmuuttajaa maahanmuuttajien maahanmuuttajia maahanmuuttaji"),
	parseWord("monisairas monisairaa monisairaaseen monisairasta monisairaiden monisairaita monisairai"),
	parseWord("asukas asukkaa asukkaaseen asukasta asukkaiden asukkaita asukkai"),
}

// kaupunki declines the "kaupunki" of Helsingin kaupunki.
var kaupunki = parseWord("kaupunki kaupungi kaupunkiin kaupunkia kaupunkien kaupunkeja kaupungei")
