package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/assets/demo"
)

// demoDB makes a database with the example data.
func demoDB(t *testing.T) string {
	t.Helper()
	path := tempDB(t)
	ok(t, path, "demo")
	return path
}

func TestListMeetingsOfGroup(t *testing.T) {
	path := demoDB(t)
	all := records(t, ok(t, path, "list", "meetings", "--json"))
	if len(all) != 2 {
		t.Fatalf("%d meetings, want the 2 examples", len(all))
	}
	out := ok(t, path, "list", "meetings", "--group", "Palvelutuotannon työryhmä")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(out, "1/2016 Palvelutuotannon työryhmä") {
		t.Errorf("list meetings --group:\n%s", out)
	}
	byID := records(t, ok(t, path, "list", "meetings", "--json", "--group", demo.ID("group/kh/ohjausryhma").String()))
	if len(byID) != 1 || byID[0]["name"] != "1/2019 Sote-selvityksen ohjausryhmä" || byID[0]["status"] != "checked" {
		t.Errorf("list meetings --group ID --json: %v", byID)
	}
	r := hk(t, path, nil, "list", "contacts", "--group", "x")
	if r.status != exitUsage {
		t.Errorf("--group on contacts: status %d", r.status)
	}
}

func TestListTasks(t *testing.T) {
	path := demoDB(t)
	all := records(t, ok(t, path, "list", "tasks", "--json"))
	open := records(t, ok(t, path, "list", "--json", "tasks", "--open"))
	overdue := records(t, ok(t, path, "list", "tasks", "--overdue", "--json"))
	if len(all) != 8 || len(open) != 4 || len(overdue) != 4 {
		t.Fatalf("%d tasks, %d open, %d overdue; want 8, 4 and 4", len(all), len(open), len(overdue))
	}
	for _, task := range open {
		if task["status"] != "open" || task["overdue"] != true {
			t.Errorf("open task %v", task)
		}
	}
	first := open[0]
	if first["description"] != "Yhteistapaamisten vuosikello" && first["due"] != "2016-10-31" {
		t.Errorf("open tasks not soonest due first: %v", first)
	}
	out := ok(t, path, "list", "tasks", "--open", "--group", "Palvelutuotannon työryhmä")
	for _, want := range []string{"30.11.2016", "overdue", "Koordinaattorin hakuilmoitus", "Noora Jokela", "1/2016 Palvelutuotannon työryhmä, 6 §"} {
		if !strings.Contains(out, want) {
			t.Errorf("list tasks lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Forssan") {
		t.Errorf("--group let another group's task through:\n%s", out)
	}
	fi := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "list", "tehtävät", "--open")
	if fi.status != exitOK || !strings.Contains(fi.stdout, "myöhässä") {
		t.Errorf("list tehtävät in Finnish: %d %q", fi.status, fi.stdout)
	}
	// "tasks" as the value of a flag is not the task list.
	ok(t, path, "list", "contacts", "--filter", "tasks")
}

func TestExportMinutes(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo")
	path := demoDB(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "pöytäkirja.pdf")
	out := ok(t, path, "export", "minutes", "1/2019 ohjausryhmä", "--format", "pdf", "--out", pdf)
	if !strings.Contains(out, pdf) {
		t.Errorf("export says %q", out)
	}
	if info, err := exec.Command("pdfinfo", pdf).CombinedOutput(); err != nil || !strings.Contains(string(info), "Pages:") {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"PÖYTÄKIRJA 1/2019", "6 § Selvityksen lähtökohdat", "Sosiaalihuollon roolia vahvistetaan.", "Katja Leppänen", "Sivu 1/"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the minutes PDF lacks %q", want)
		}
	}
	// The format follows the file name; --lang changes the language.
	ok(t, path, "export", "agenda", demo.ID("meeting/ks/palvelutuotanto/2016-1").String(), "--out", filepath.Join(dir, "agenda.html"), "--lang", "sv")
	html, _ := os.ReadFile(filepath.Join(dir, "agenda.html"))
	if !strings.Contains(string(html), "FÖREDRAGNINGSLISTA 1/2016") || !strings.Contains(string(html), `lang="sv"`) {
		t.Errorf("agenda.html is not the Swedish agenda")
	}
	md := ok(t, path, "export", "minutes", "1/2016", "--format", "md", "--out", "-")
	if !strings.HasPrefix(md, "# Palvelutuotannon työryhmä\n") || !strings.Contains(md, "## 6 § Valmistelun koordinaattori") {
		t.Errorf("Markdown on standard output:\n%s", md)
	}
}

func TestExportICS(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	one := filepath.Join(dir, "kokous.ics")
	ok(t, path, "export", "ics", "1/2019 ohjausryhmä", "--out", one)
	data, err := os.ReadFile(one)
	if err != nil {
		t.Fatal(err)
	}
	uid := demo.ID("meeting/kh/ohjausryhma/2019-1").String() + "@hankekirja"
	for _, want := range []string{"BEGIN:VCALENDAR", "METHOD:REQUEST", "UID:" + uid, "DTSTART;TZID=Europe/Helsinki:20190416T130000", "BEGIN:VTIMEZONE"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the invitation lacks %q", want)
		}
	}
	group := filepath.Join(dir, "ryhma.ics")
	ok(t, path, "export", "ics", "--group", "Palvelutuotannon työryhmä", "--out", group)
	data, _ = os.ReadFile(group)
	if strings.Count(string(data), "BEGIN:VEVENT") != 1 || !strings.Contains(string(data), "METHOD:PUBLISH") {
		t.Errorf("the group's calendar:\n%s", data)
	}
	// A group without meetings.
	r := hk(t, path, nil, "export", "ics", "--group", "ICT-asiantuntijaryhmä", "--out", filepath.Join(dir, "x.ics"))
	wantFailure(t, r, "has no meetings")
}

func TestExportMinutesUsage(t *testing.T) {
	path := demoDB(t)
	for _, args := range [][]string{
		{"export", "minutes", "1/2019"},
		{"export", "minutes", "--out", "x.pdf"},
		{"export", "minutes", "1/2019", "--out", "x.doc", "--format", "doc"},
		{"export", "agenda", "1/2019", "--out", "x.pdf", "--lang", "de"},
		{"export", "ics", "--out", "x.ics"},
		{"export", "ics", "1/2019", "--group", "x", "--out", "x.ics"},
	} {
		if r := hk(t, path, nil, args...); r.status != exitUsage {
			t.Errorf("%v: status %d, want %d (%q)", args, r.status, exitUsage, r.stderr)
		}
	}
	wantFailure(t, hk(t, path, nil, "export", "minutes", "no such meeting", "--out", filepath.Join(t.TempDir(), "x.pdf")), "not found")
	// Never over the database.
	wantFailure(t, hk(t, path, nil, "export", "minutes", "1/2019", "--format", "md", "--out", path), "database")
}
