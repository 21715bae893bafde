package minutes_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/minutes"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// The example meetings (assets/demo/meetings.go).
var (
	kantaHame  = demo.ID("meeting/kh/ohjausryhma/2019-1")
	keskiSuomi = demo.ID("meeting/ks/palvelutuotanto/2016-1")
)

// demoServices opens a database in a temporary directory with the example
// data.
func demoServices(t *testing.T) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

// tool returns the path of an outside program the test checks files with.
// Without it the test is skipped, except on CI (CI=true), where it fails:
// .ci/install-deps installs them.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" is not installed")
	}
	return path
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (needed on CI; see .ci/install-deps)", why)
	}
	t.Skip(why)
}

// python returns a Python 3 that can import module.
func python(t *testing.T, module string) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+module).Run() == nil {
			return path
		}
	}
	missing(t, "no python3 with "+module)
	return ""
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

func write(t *testing.T, v *minutes.View, doc minutes.Doc, format, lang string) string {
	t.Helper()
	var b bytes.Buffer
	if err := minutes.Write(&b, v, doc, format, lang); err != nil {
		t.Fatalf("Write %s %s: %v", doc, format, err)
	}
	path := filepath.Join(t.TempDir(), doc.String()+"."+format)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText checks the PDF with poppler's pdfinfo and returns its text as
// pdftotext reads it, and the number of pages.
func pdfText(t *testing.T, path string) (string, int) {
	t.Helper()
	info := run(t, tool(t, "pdfinfo"), path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo shows no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	if !strings.Contains(info, "Page size:") || !strings.Contains(info, "595.28 x 841.89") {
		t.Errorf("not A4:\n%s", info)
	}
	// -raw keeps the text in the order the PDF draws it; the default
	// layout analysis of poppler joins one-letter words ("1 §" → "1§").
	text := run(t, tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", path, "-")
	// pdftotext separates the pages with form feeds.
	return strings.ReplaceAll(text, "\f", "\n"), pages
}

// oneLine joins the text's lines so that wrapped sentences can be found.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func wantAll(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	flat := oneLine(text)
	for _, w := range wants {
		if !strings.Contains(flat, oneLine(w)) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func wantNone(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	flat := oneLine(text)
	for _, w := range unwanted {
		if strings.Contains(flat, oneLine(w)) {
			t.Errorf("%s has %q", what, w)
		}
	}
}

func TestMinutesPDF(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, kantaHame)
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, write(t, v, minutes.Minutes, "pdf", "fi"))
	if pages < 2 {
		t.Errorf("%d pages, want the minutes to take at least two", pages)
	}
	wantAll(t, "the minutes", text,
		"Sote-selvityksen ohjausryhmä", "Kanta-Hämeen kuntien sote-selvitys", "PÖYTÄKIRJA 1/2019",
		"tiistai 16.4.2019 klo 13.00–15.30", "Hämeenlinnan kaupungintalo, valtuustosali",
		// Attendance: names, whom they represent, roles.
		"Läsnä", "Markku Lehtola", "Hämeenlinna", "puheenjohtaja", "Kimmo Lahtinen", "Riikka Nurmi",
		"Muut läsnäolijat", "Katja Leppänen", "Hämeen liitto", "asiantuntija",
		// The items.
		"1 § Kokouksen avaus", "3 § Pöytäkirjantarkastajien valinta",
		"5 § Kanta-Hämeen kuntien sote-selvityksen käynnistäminen",
		"6 § Selvityksen lähtökohdat", "10 § Kokouksen päättäminen",
		"Esittelijä: Elina Rautiainen", "Päätösehdotus", "Päätös",
		"Hämeen liitto toimii selvityksen taloudellisena projektitoimistona",
		// The decisions of §6.
		"Ohjausryhmä linjasi yksimielisesti selvityksen lähtökohdat",
		"Työ lähtee liikkeelle tavoitteista ja asiakkaista, ei rakenteista.",
		"Rahoitusmallin on ohjattava kohti asetettuja tavoitteita.",
		"Sosiaalihuollon roolia vahvistetaan.",
		"Perusterveydenhuolto, erikoissairaanhoito ja sosiaalihuolto integroidaan.",
		"Forssan seudun kokemuksista otetaan oppia.",
		"Oma Hämeen valmistelussa", "Tavoitetaso asetetaan korkealle.",
		// Tasks.
		"Tehtävät", "Forssan seudun mallin kokemusten esittely ohjausryhmälle", "Harri Salonen", "30.9.2019", "avoin", "tehty 27.5.2019",
		// Signatures.
		"Allekirjoitukset", "Puheenjohtaja", "Sihteeri", "Pöytäkirja tarkastettu", "Pöytäkirjantarkastaja",
		"Tuula Saarinen", "Paikka ja aika",
		"Pöytäkirja on tarkastettu.",
	)
	// Page numbers on every page.
	for i := 1; i <= pages; i++ {
		wantAll(t, "the minutes", text, "Sivu "+strconv.Itoa(i)+"/"+strconv.Itoa(pages))
	}
	// Heli Mattila joined the group after the meeting.
	wantNone(t, "the minutes", text, "{nb}", "Poissa", "Heli Mattila")
}

// TestAgendaPDF: the agenda has the proposals but not the decisions, and no
// signatures.
func TestAgendaPDF(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, keskiSuomi)
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, write(t, v, minutes.Agenda, "pdf", "fi"))
	wantAll(t, "the agenda", text,
		"Palvelutuotannon työryhmä", "ESITYSLISTA 1/2016", "torstai 22.9.2016 klo 10.00–14.30", "Viitasaari, kaupungintalo",
		"Kutsutut", "Tapio Hirvonen", "Jyväskylä", "Jouni Puranen", "Anneli Hyvärinen",
		"6 § Valmistelun koordinaattori", "Esittelijä: Anneli Hyvärinen",
		"valmistelulle palkataan määräaikainen koordinaattori",
		"työryhmien puheenjohtajat ja sote-koordinaatioryhmä kokoontuvat säännöllisesti",
		"Sivu 1/"+strconv.Itoa(pages),
	)
	wantNone(t, "the agenda", text, "Allekirjoitukset", "Pöytäkirja tarkastettu", "Hyväksyttiin esityksen mukaisesti", "Koordinaattorin hakuilmoitus")
}

// synthetic is a held meeting with everything the minutes can show:
// a dissent, a conflict of interest, a deputy, a guest, arrival and
// departure, Markdown.
func synthetic(t *testing.T, svc model.Services) model.ID {
	t.Helper()
	mk := func(first, last string) model.ID {
		c := &model.Contact{FirstName: first, LastName: last, Emails: []string{strings.ToLower(first) + "@example.com"}}
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	chair, sec, a, b, dep := mk("Åsa", "Öhman"), mk("Märta", "Åkerlund"), mk("Björn", "Sjöström"), mk("Päivi", "Häkkinen"), mk("Jörgen", "Ärlig")
	g := &model.Group{Name: "Styrgruppen för vård och omsorg", Type: model.GroupSteering}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	m := &model.Meeting{
		Group: g.ID, Number: 4, Date: model.MustDate(2024, 3, 5), Start: model.MustClock(9, 0), End: model.MustClock(10, 45),
		Place: "Vasa stadshus", Link: "https://meet.example.com/styr", Type: model.MeetingExtra, Status: model.MeetingHeld,
		Chair: model.Person{Contact: chair}, Secretary: model.Person{Contact: sec},
		Checkers: []model.Person{{Contact: a}, {Contact: b}},
		Attendance: []model.Attendee{
			{Person: model.Person{Contact: chair}},
			{Person: model.Person{Contact: a}, LeftAt: 2},
			{Person: model.Person{Contact: b}, Status: model.AttendanceRepresented, Deputy: model.Person{Contact: dep}},
			{Person: model.Person{Name: "Gösta Gäst"}, Role: model.AttendeeGuest, ArrivedAt: 2},
			{Person: model.Person{Contact: sec}},
		},
		Items: []model.AgendaItem{
			{Number: 1, Title: "Mötets öppnande", Decision: "Ordföranden öppnade mötet."},
			{Number: 2, Title: "Upphandling av hemvård", Presenter: model.Person{Contact: sec},
				Background: "## Läget\n\nAnbuden **jämfördes** i tre steg:\n\n- pris\n- kvalitet\n  - personalens behörighet\n- närhet\n",
				Proposal:   "Styrgruppen godkänner upphandlingen.",
				Discussion: "Diskussionen gällde kvalitetskriterierna.",
				Decision:   "Styrgruppen godkände upphandlingen efter omröstning 3–1.",
				Dissents:   []model.Dissent{{By: model.Person{Contact: a}, Text: "Kvaliteten vägdes för lätt."}},
				Conflicts:  []model.Conflict{{By: model.Person{Contact: dep}, Reason: "släkting hos en anbudsgivare"}},
				Tasks:      []model.Task{{Description: "Meddela anbudsgivarna", Owner: model.Person{Contact: sec}, Due: model.MustDate(2024, 3, 12)}},
			},
		},
	}
	if err := svc.Meetings.Create(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// TestMinutesInSwedish: the labels follow the language, and every part of
// an item reaches the PDF with å, ä and ö intact.
func TestMinutesInSwedish(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	v, err := minutes.Load(ctx, svc, synthetic(t, svc))
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, write(t, v, minutes.Minutes, "pdf", "sv"))
	wantAll(t, "the Swedish minutes", text,
		"PROTOKOLL 4/2024", "Extra möte", "tisdag 5.3.2024 kl. 9.00–10.45", "Vasa stadshus", "https://meet.example.com/styr",
		"Närvarande", "Åsa Öhman", "ordförande", "Björn Sjöström", "avlägsnade sig under 2 §",
		"Jörgen Ärlig", "ersättare för Päivi Häkkinen", "Övriga närvarande", "Gösta Gäst", "anlände under 2 §",
		"2 § Upphandling av hemvård", "Föredragande: Märta Åkerlund",
		"Läget", "Anbuden jämfördes i tre steg:", "• pris", "personalens behörighet",
		"Beslutsförslag", "Diskussion", "Beslut", "Styrgruppen godkände upphandlingen efter omröstning 3–1.",
		"Avvikande åsikt (Björn Sjöström)", "Kvaliteten vägdes för lätt.",
		"Jäv", "Jörgen Ärlig anmälde jäv (släkting hos en anbudsgivare) och deltog inte i behandlingen av ärendet.",
		"Meddela anbudsgivarna", "12.3.2024", "öppen",
		"Underskrifter", "Ordförande", "Sekreterare", "Protokollet justerat", "Protokolljusterare",
		"Protokollet är ännu inte justerat.", "Sida 1/"+strconv.Itoa(pages),
	)
	// Markdown markup does not show.
	wantNone(t, "the Swedish minutes", text, "**", "## ")
}

// TestHTML checks the HTML file with Python's html.parser: every element
// closed in order, nothing loaded from outside, and the texts there.
func TestHTML(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, kantaHame)
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, v, minutes.Minutes, "html", "fi")
	checker := `
import sys
from html.parser import HTMLParser
VOID = {"area","base","br","col","embed","hr","img","input","link","meta","source","track","wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.problems, self.tags = [], [], [], {}
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ("src",) or (tag == "link" and k == "href"):
                self.problems.append("loads %s=%s" % (k, v))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()
    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("style", "script"):
            return
        self.text.append(data)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
if p.stack:
    p.problems.append("unclosed %s" % p.stack)
for tag in ("script", "iframe"):
    if p.tags.get(tag):
        p.problems.append("has <%s>" % tag)
if not p.tags.get("style"):
    p.problems.append("no inline <style>")
for x in p.problems:
    print("PROBLEM", x)
print("TEXT", " ".join(" ".join(p.text).split()))
`
	out := run(t, python(t, "html.parser"), "-c", checker, path)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "PROBLEM") {
			t.Error(line)
		}
	}
	wantAll(t, "the HTML", out,
		"Sote-selvityksen ohjausryhmä", "PÖYTÄKIRJA 1/2019", "Katja Leppänen", "6 §", "Selvityksen lähtökohdat",
		"Sosiaalihuollon roolia vahvistetaan.", "Hämeen liitto toimii selvityksen taloudellisena projektitoimistona",
		"Allekirjoitukset", "Tuula Saarinen", "Harri Salonen",
	)
	data, _ := os.ReadFile(path)
	for _, want := range []string{"@media print", "@page", `<html lang="fi">`, "<li>Hämeen liitto toimii"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
}

// TestHTMLEscapes: a text cannot inject markup.
func TestHTMLEscapes(t *testing.T) {
	m := &model.Meeting{GroupName: "Ryhmä <b>", Date: model.MustDate(2024, 1, 2), Status: model.MeetingHeld, Items: []model.AgendaItem{
		{Number: 1, Title: "<script>alert(1)</script>", Background: "<img src=x onerror=alert(1)> *ok*", Decision: "a < b & c"},
	}}
	var b bytes.Buffer
	if err := minutes.WriteHTML(&b, &minutes.View{Meeting: m, GroupName: m.GroupName}, minutes.Minutes, "fi"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Contains(s, "<script>") || strings.Contains(s, "<img") || strings.Contains(s, "Ryhmä <b>") {
		t.Errorf("unescaped input in the HTML:\n%s", s)
	}
	if !strings.Contains(s, "<em>ok</em>") || !strings.Contains(s, "a &lt; b &amp; c") {
		t.Error("Markdown or plain text not rendered as expected")
	}
}

func TestMarkdown(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, keskiSuomi)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(write(t, v, minutes.Minutes, "md", "fi"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		"# Palvelutuotannon työryhmä\n", "**PÖYTÄKIRJA 1/2016**", "- **Aika:** torstai 22.9.2016 klo 10.00–14.30",
		"## Poissa", "| Jouni Puranen | Jämsä |", "## 6 § Valmistelun koordinaattori",
		"| Anneli Hyvärinen | Keski-Suomen liitto | asiantuntija, saapui 6 §:n aikana, poistui 6 §:n aikana |",
		"1. Lähipalvelujen ja sote-keskusten alatyöryhmä", "| Koordinaattorin hakuilmoitus | Noora Jokela | 30.11.2016 | avoin |",
		"- **Pöytäkirjantarkastajat:** Marika Toivonen, Esa Karppinen",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(s)
	}
}

// TestLoadKeepsNamesOfDeletedContacts: the View shows the name the meeting
// kept when the contact is gone.
func TestLoadKeepsNamesOfDeletedContacts(t *testing.T) {
	svc := demoServices(t)
	expert := demo.ID("contact/leppanen-katja")
	if err := svc.Contacts.Delete(ctx, expert, true); err != nil {
		t.Fatal(err)
	}
	if err := svc.Contacts.Purge(ctx, expert); err != nil {
		t.Fatal(err)
	}
	v, err := minutes.Load(ctx, svc, kantaHame)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := minutes.WriteMarkdown(&md, v, minutes.Minutes, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Katja Leppänen |  | expert |") {
		t.Errorf("the deleted contact's name is gone:\n%s", md.String())
	}
}
