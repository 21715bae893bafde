package csv

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// tb is what helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
}

// openDB opens a new database in a temporary directory, closed (after a
// consistency check) when the test ends.
func openDB(t testing.TB) model.Services {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "test.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		db.Close()
	})
	return db.Services()
}

// demoDB is a database with the example data.
func demoDB(t testing.TB) model.Services {
	t.Helper()
	svc := openDB(t)
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

func export(t testing.TB, svc model.Services, kind, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(ctx, svc, kind, &buf, lang); err != nil {
		t.Fatalf("Export %s: %v", kind, err)
	}
	return buf.Bytes()
}

// exportOldExcel is export as "CSV for old Excel", with formula-texts.
func exportOldExcel(t testing.TB, svc model.Services, kind, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ExportWith(ctx, svc, kind, &buf, lang, ExportOptions{OldExcel: true}); err != nil {
		t.Fatalf("Export %s: %v", kind, err)
	}
	return buf.Bytes()
}

func mustImport(t testing.TB, svc model.Services, data []byte, opts importing.Options) importing.Report {
	t.Helper()
	rep, err := Import(ctx, svc, data, opts)
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, rep.String())
	}
	return rep
}

// snapshot is every record of the kinds with tables, without metadata, as
// JSON by kind and ID.
func snapshot(t tb, svc model.Services) map[string]string {
	t.Helper()
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	put := func(r model.Record) {
		m := *r.GetMeta()
		*r.GetMeta() = model.Meta{ID: m.ID}
		data, _ := json.Marshal(r)
		*r.GetMeta() = m
		out[r.Kind().String()+" "+m.ID.String()] = string(data)
	}
	for _, r := range ix.Contacts {
		put(r)
	}
	for _, r := range ix.Organisations {
		put(r)
	}
	for _, r := range ix.Municipalities {
		put(r)
	}
	for _, r := range ix.Projects {
		put(r)
	}
	for _, r := range ix.Groups {
		put(r)
	}
	return out
}

func diffSnapshots(t testing.TB, got, want map[string]string, kinds ...string) {
	t.Helper()
	for k, w := range want {
		if !hasKindPrefix(k, kinds) {
			continue
		}
		if g, ok := got[k]; !ok {
			t.Errorf("missing %s", k)
		} else if g != w {
			t.Errorf("%s differs:\n got %s\nwant %s", k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && hasKindPrefix(k, kinds) {
			t.Errorf("extra %s: %s", k, got[k])
		}
	}
}

func hasKindPrefix(k string, kinds []string) bool {
	for _, kind := range kinds {
		if strings.HasPrefix(k, kind+" ") {
			return true
		}
	}
	return false
}

// TestRoundTripPerKind exports each kind of the example data, imports the
// files in dependency order into a new database, and expects the same
// records; importing them again changes nothing.
func TestRoundTripPerKind(t *testing.T) {
	src := demoDB(t)
	for _, lang := range []string{"fi", "sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			want := snapshot(t, src)
			dst := openDB(t)
			kinds := []string{"organisation", "contact", "project", "group", "municipality"}
			files := map[string][]byte{}
			for _, k := range kinds {
				files[k] = export(t, src, k, lang)
			}
			// Municipality notes exist only in src when someone wrote them;
			// write one so the municipalities' file has something to bring.
			for _, k := range kinds {
				rep := mustImport(t, dst, files[k], importing.Options{Lang: lang})
				if rep.Count(importing.Invalid) > 0 {
					t.Fatalf("%s: %s", k, rep.String())
				}
				if rep.Kind.String() != k {
					t.Errorf("%s file recognised as %s", k, rep.Kind)
				}
			}
			diffSnapshots(t, snapshot(t, dst), want, "contact", "organisation", "group", "municipality")
			// Projects: milestones and staff are not in the table (funding
			// is, see TestFundingRoundTrip).
			gotP, wantP := projectsWithoutExtras(t, dst), projectsWithoutExtras(t, src)
			diffSnapshots(t, gotP, wantP, "project")

			for _, k := range kinds {
				rep := mustImport(t, dst, files[k], importing.Options{Lang: lang})
				if n := rep.Count(importing.Unchanged); n != len(rep.Items) {
					t.Errorf("%s again: %s", k, rep.String())
				}
			}
		})
	}
}

func projectsWithoutExtras(t testing.TB, svc model.Services) map[string]string {
	ix, err := importing.LoadIndex(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range ix.Projects {
		c := *p
		c.Meta = model.Meta{ID: p.ID}
		c.Funding, c.Milestones, c.Staff = nil, nil, nil
		data, _ := json.Marshal(c)
		out["project "+p.ID.String()] = string(data)
	}
	return out
}

func TestExportFormat(t *testing.T) {
	svc := demoDB(t)
	data := exportOldExcel(t, svc, "municipalities", "fi")
	if !bytes.HasPrefix(data, []byte(bom)) {
		t.Errorf("no byte order mark")
	}
	text := string(data[len(bom):])
	lines := strings.Split(text, "\r\n")
	if !strings.HasPrefix(lines[0], "Tunniste;Kuntanumero;Nimi;") {
		t.Errorf("header = %q", lines[0])
	}
	if !strings.Contains(text, `;"=""091""";Helsinki;Helsingfors;`) {
		t.Errorf("Helsinki's code is not kept as text:\n%s", text[:min(len(text), 2000)])
	}
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		// Only multi-line cells have bare LFs, and municipalities have none.
		t.Errorf("bare line feed in a file without multi-line cells")
	}
}

func TestFormulaText(t *testing.T) {
	for _, s := range []string{"091", "00100", "+358401234567", "=SUM(A1)", "- eka\n- toka", `say "hi"`, "@x", "1.5", "TOSI",
		strings.Repeat("ä", 300), "-" + strings.Repeat("x\n", 50)} {
		f := formulaText(s)
		if !strings.HasPrefix(f, "=") {
			t.Errorf("formulaText(%q) = %q", s, f)
		}
		if got := unformula(f); got != s {
			t.Errorf("unformula(formulaText(%q)) = %q (formula %q)", s, got, f)
		}
	}
	for s, want := range map[string]bool{"091": true, "Helsinki": false, "0201256-6": true, "040 123 4567": true, "12.3.2019": true,
		"Kanta-Häme": false, "-": true, "1e5": true, "1 tammi": true, "3. kerros": false, "": false, "TRUE": true, "A1": false} {
		if got := needsFormula(s); got != want {
			t.Errorf("needsFormula(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestErrorsInFinnish(t *testing.T) {
	svc := openDB(t)
	csv := "\ufeffEtunimi;Sukunimi;Sähköposti;Puhelin\r\n" +
		"Matti;Meikäläinen;matti@example.com;040 123 4567\r\n" +
		"Maija;Virtanen;maija@;\r\n" +
		";;;\r\n" +
		";;;050 1\r\n"
	rep, err := Import(ctx, svc, []byte(csv), importing.Options{Lang: "fi"})
	if !errors.Is(err, importing.ErrRejected) {
		t.Fatalf("err = %v, want ErrRejected", err)
	}
	got := rep.String()
	for _, want := range []string{
		// Row 3 comes in, its email kept in the notes; row 5 has nothing
		// to know the contact by.
		"rivi 3: Sähköposti ”maija@”: ei ole kelvollinen sähköpostiosoite; tallennettu muistiinpanoihin",
		"rivi 5: Sukunimi: on pakollinen",
		"rivi 5: Puhelin ”050 1”: ei ole kelvollinen puhelinnumero",
		"lisättäviä 2, päivitettäviä 0, ennallaan 0, virheellisiä 1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if page, _ := svc.Contacts.List(ctx, model.Filter{}); page.Total != 0 {
		t.Errorf("a rejected file added %d contacts", page.Total)
	}
	// With SkipInvalid the valid rows are imported.
	rep, err = Import(ctx, svc, []byte(csv), importing.Options{Lang: "fi", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if page, _ := svc.Contacts.List(ctx, model.Filter{}); page.Total != 2 || !rep.Applied {
		t.Errorf("SkipInvalid added %d contacts, applied %v", page.Total, rep.Applied)
	}
	if s := rep.Summary(); s != "lisätty 2, päivitetty 0, ennallaan 0, ohitettu virheellisinä 1" {
		t.Errorf("summary = %q", s)
	}
}

// TestReimportUpdates edits an exported file as a person would (a changed
// title; a row without its ID, found by email; a group member's role) and
// imports it back: the records are updated, none is added.
func TestReimportUpdates(t *testing.T) {
	svc := demoDB(t)
	before, _ := svc.Contacts.List(ctx, model.Filter{})

	rows, err := parseCSV(decodeText(export(t, svc, "contacts", "fi")))
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	rows[1][col("Tehtävänimike")] = "uusi titteli"
	rows[2][col("Tunniste")] = "" // matched by email instead
	rows[2][col("Muistiinpanot")] = "lisätty huomio"
	rep := mustImport(t, svc, csvBytes(rows), importing.Options{Lang: "fi", DryRun: true})
	if rep.Count(importing.Update) != 2 || rep.Count(importing.Add) != 0 {
		t.Fatalf("preview:\n%s", rep.String())
	}
	if !strings.Contains(rep.String(), "Tehtävänimike") || !strings.Contains(rep.String(), "Muistiinpanot") {
		t.Errorf("preview does not name the changed columns:\n%s", rep.String())
	}
	mustImport(t, svc, csvBytes(rows), importing.Options{Lang: "fi"})
	after, _ := svc.Contacts.List(ctx, model.Filter{})
	if after.Total != before.Total {
		t.Errorf("%d contacts before, %d after", before.Total, after.Total)
	}
	id, _ := model.ParseID(rows[1][col("Tunniste")])
	if c, _ := svc.Contacts.Get(ctx, id); c.JobTitle != "uusi titteli" {
		t.Errorf("title = %q", c.JobTitle)
	}

	// Groups: a member's role changes, the rest of the group stays.
	rows, _ = parseCSV(decodeText(export(t, svc, "groups", "fi")))
	head = rows[0]
	rows[1][col("Rooli")] = "Sihteeri"
	gid, _ := model.ParseID(rows[1][col("Ryhmän tunniste")])
	g0, _ := svc.Groups.Get(ctx, gid)
	rep = mustImport(t, svc, csvBytes(rows), importing.Options{Lang: "fi"})
	if rep.Count(importing.Update) != 1 || rep.Count(importing.Add) != 0 {
		t.Fatalf("groups:\n%s", rep.String())
	}
	g1, _ := svc.Groups.Get(ctx, gid)
	if len(g1.Members) != len(g0.Members) || g1.Members[0].Role != model.RoleSecretary {
		t.Errorf("members %v → %v", g0.Members, g1.Members)
	}

	// Municipalities: only notes import; an unknown code is an error.
	data := "Kuntanumero;Nimi;Muistiinpanot\r\n=\"091\";Helsinki;pääkaupunki\r\n999;Ei ole;x\r\n"
	rep, err = Import(ctx, svc, []byte(data), importing.Options{Lang: "fi", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := svc.Municipalities.Get(ctx, model.MunicipalityID("091")); m.Notes != "pääkaupunki" || rep.Count(importing.Invalid) != 1 {
		t.Errorf("notes %q\n%s", m.Notes, rep.String())
	}
	if !strings.Contains(rep.String(), "rivi 3: tällaista tietuetta (kunta) ei ole") {
		t.Errorf("report:\n%s", rep.String())
	}
}

// csvBytes writes rows as package csv does.
func csvBytes(rows [][]string) []byte {
	var buf bytes.Buffer
	w := newWriter(&buf)
	for _, r := range rows {
		if len(r) > 0 {
			w.row(r, nil)
		}
	}
	w.flush()
	return buf.Bytes()
}

// TestTasks exports the meetings' tasks, marks one done in the file and
// adds one, and imports it: the first re-import changes nothing.
func TestTasks(t *testing.T) {
	svc := demoDB(t)
	data := export(t, svc, "tasks", "fi")
	rows, err := parseCSV(decodeText(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 {
		t.Fatalf("the example data has %d task rows:\n%s", len(rows)-1, data)
	}
	rep := mustImport(t, svc, data, importing.Options{Lang: "fi"})
	if rep.Kind != model.KindMeeting || rep.Count(importing.Unchanged) != len(rep.Items) {
		t.Fatalf("re-import of the tasks:\n%s", rep.String())
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, head)
		return -1
	}
	// The first open task gets done (checked minutes allow that much).
	var row []string
	for _, r := range rows[1:] {
		if r[col("Tehtävän tila")] != "tehty" {
			row = r
			break
		}
	}
	if row == nil {
		t.Skip("no open task in the example data")
	}
	row[col("Tehtävän tila")] = "Tehty"
	row[col("Tehty")] = "1.2.2026"
	rep = mustImport(t, svc, csvBytes([][]string{head, row}), importing.Options{Lang: "fi"})
	if rep.Count(importing.Update) != 1 {
		t.Fatalf("import:\n%s", rep.String())
	}
	id, _ := model.ParseID(row[col("Kokouksen tunniste")])
	m, _ := svc.Meetings.Get(ctx, id)
	done := false
	for _, it := range m.Items {
		for _, task := range it.Tasks {
			done = done || (task.Description == row[col("Kuvaus")] && task.Status == model.TaskDone && task.DoneOn == model.MustDate(2026, 2, 1))
		}
	}
	if !done {
		t.Errorf("the task was not marked done")
	}
	// A new task: added, unless the minutes are checked.
	added := slices.Clone(row)
	added[col("Tehtävän numero")] = ""
	added[col("Kuvaus")] = "Uusi tehtävä"
	added[col("Tehtävän tila")] = ""
	added[col("Tehty")] = ""
	rep, err = Import(ctx, svc, csvBytes([][]string{head, added}), importing.Options{Lang: "fi"})
	if m.Status == model.MeetingChecked {
		if !errors.Is(err, importing.ErrRejected) || !strings.Contains(rep.String(), "rivi 2: pöytäkirja on tarkastettu") {
			t.Errorf("a task added to checked minutes: %v\n%s", err, rep.String())
		}
	} else if err != nil || rep.Count(importing.Update) != 1 {
		t.Errorf("a task added: %v\n%s", err, rep.String())
	}
}
