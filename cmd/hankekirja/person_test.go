package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// The texts a test writes where only the register may hold them.
const (
	secretItem  = "Zqxsalainen-kohta"
	secretTask  = "Zqxsalainen-tehtava"
	secretNotes = "Zqxsalainen-muistiinpano"
	eraseMarker = "Zqxpoistettava"
)

// confidentialDB writes a database with a confidential agenda item, a
// confidential task of an open item and a contact's confidential notes.
func confidentialDB(t *testing.T) (path string, meeting, contact model.ID) {
	t.Helper()
	path = tempDB(t)
	db, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ground := &model.Confidential{Ground: "JulkL 24 § 1 mom. 25 k"}
	c := &model.Contact{FirstName: "Lauri", LastName: eraseMarker, Emails: []string{"lauri@example.com"},
		Notes: "Soita " + secretNotes, NotesConfidential: ground}
	must(svc.Contacts.Create(ctx, c))
	p := &model.Project{Name: "Sote-uudistus", Status: model.ProjectRunning}
	must(svc.Projects.Create(ctx, p))
	g := &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering, Project: p.ID,
		Members: []model.Membership{{Contact: c.ID, Role: model.RoleMember, Represents: model.MunicipalityID("179")}}}
	must(svc.Groups.Create(ctx, g))
	m := &model.Meeting{Group: g.ID, GroupName: g.Name, Date: model.DateOf(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)),
		Attendance: []model.Attendee{{Person: model.Person{Contact: c.ID}}},
		Items: []model.AgendaItem{
			{Title: "Henkilöstöasia", Decision: "Päätettiin " + secretItem, Confidential: ground,
				Tasks: []model.Task{{Description: "Tehtävä " + secretItem}}},
			{Title: "Palveluverkko", Background: "Lauri " + eraseMarker + " esitteli selvityksen.",
				Tasks: []model.Task{{Description: "Avoin tehtävä"}, {Description: "Tehtävä " + secretTask, Confidential: ground}}},
		}}
	must(svc.Meetings.Create(ctx, m))
	return path, m.ID, c.ID
}

// TestConfidentialLeftOutOfExports: no export holds a confidential text
// unless --include-confidential asks for it; the minutes then show the
// heading and the notice.
func TestConfidentialLeftOutOfExports(t *testing.T) {
	path, meeting, _ := confidentialDB(t)
	dir := t.TempDir()
	exports := map[string][]string{
		"minutes.html":   {"export", "minutes", meeting.String(), "--out"},
		"minutes.md":     {"export", "minutes", meeting.String(), "--out"},
		"agenda.html":    {"export", "agenda", meeting.String(), "--out"},
		"meeting.ics":    {"export", "ics", meeting.String(), "--out"},
		"tasks.csv":      {"export", "csv", "tasks", "--out"},
		"contacts.csv":   {"export", "csv", "contacts", "--out"},
		"contacts.vcf":   {"export", "vcard", "--out"},
		"all.hankekirja": {"export", "snapshot", "--out"},
		"tasks.xlsx":     {"export", "xlsx", "tasks", "--out"},
		"contacts.xlsx":  {"export", "xlsx", "contacts", "--out"},
		"minutes.docx":   {"export", "minutes", meeting.String(), "--format", "docx", "--out"},
	}
	for _, include := range []bool{false, true} {
		for name, args := range exports {
			out := filepath.Join(dir, name)
			os.Remove(out)
			a := append(append([]string{}, args...), out)
			if include {
				a = append(a, "--include-confidential")
			}
			ok(t, path, a...)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".xlsx") || strings.HasSuffix(name, ".docx") {
				data = unzipAll(t, data) // the text is inside compressed XML
			}
			for _, secret := range []string{secretItem, secretTask, secretNotes} {
				if !include && bytes.Contains(data, []byte(secret)) {
					t.Errorf("%s holds %q without --include-confidential", name, secret)
				}
			}
			if include {
				want := map[string][]string{
					"minutes.html": {secretItem, secretTask}, "minutes.md": {secretItem, secretTask},
					"tasks.csv": {secretItem, secretTask}, "contacts.csv": {secretNotes}, "contacts.vcf": {secretNotes},
					"tasks.xlsx": {secretItem, secretTask}, "contacts.xlsx": {secretNotes}, "minutes.docx": {secretItem, secretTask},
					"all.hankekirja": {secretItem, secretTask, secretNotes},
				}[name]
				for _, secret := range want {
					if !bytes.Contains(data, []byte(secret)) {
						t.Errorf("%s lacks %q with --include-confidential", name, secret)
					}
				}
			}
			if strings.HasPrefix(name, "minutes") {
				has := bytes.Contains(data, []byte("Salassa pidettävä (JulkL 24 § 1 mom. 25 k)"))
				if has == include {
					t.Errorf("%s (include %v): the notice shown is %v", name, include, has)
				}
				if !bytes.Contains(data, []byte("Henkilöstöasia")) {
					t.Errorf("%s lacks the confidential item's heading", name)
				}
			}
		}
	}
}

// TestPersonExportAndErase: person export holds the person's notes and
// the texts naming them; person erase --yes leaves no byte of them in the
// file or its backups, and check is clean.
func TestPersonExportAndErase(t *testing.T) {
	path, _, contact := confidentialDB(t)
	out := filepath.Join(t.TempDir(), "lauri.json")
	ok(t, path, "person", "export", contact.String(), "--out", out)
	for _, f := range []string{out, strings.TrimSuffix(out, ".json") + ".html"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{secretNotes, "esitteli selvityksen", "Ohjausryhmä", "Jyväskylä"} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s lacks %q", filepath.Base(f), want)
			}
		}
	}
	// A colleague has the person from an earlier snapshot.
	colleague := tempDB(t)
	before := filepath.Join(t.TempDir(), "before.hankekirja")
	ok(t, path, "export", "snapshot", "--out", before, "--include-confidential")
	ok(t, colleague, "import", before)
	ok(t, path, "backup", filepath.Join(t.TempDir(), "manual.bak"))
	db, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AutoBackup(model.BackupDaily); err != nil {
		t.Fatal(err)
	}
	db.Close()

	r := hk(t, path, nil, "person", "erase", contact.String())
	if r.status != exitFailure || !strings.Contains(r.stdout, "Nothing was erased") {
		t.Errorf("erase without an answer: status %d, stdout %q", r.status, r.stdout)
	}
	got := ok(t, path, "person", "erase", contact.String(), "--yes", "--replace-names")
	if !strings.Contains(got, "Backup rewritten") {
		t.Errorf("erase does not say which backup it rewrote: %q", got)
	}
	files := []string{path}
	backups, _ := filepath.Glob(filepath.Join(store.BackupDir(path), "*"))
	files = append(files, backups...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{eraseMarker, secretNotes, "lauri@example.com"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s still holds %q", filepath.Base(f), secret)
			}
		}
	}
	ok(t, path, "check")

	// The colleague imports a snapshot made after the erasure: the person
	// is erased there too, from the file and its backups.
	after := filepath.Join(t.TempDir(), "after.hankekirja")
	ok(t, path, "export", "snapshot", "--out", after)
	got = ok(t, colleague, "import", after)
	if !strings.Contains(got, "erased the person") {
		t.Errorf("the colleague's import does not list the erasure: %q", got)
	}
	files = []string{colleague}
	backups, _ = filepath.Glob(filepath.Join(store.BackupDir(colleague), "*"))
	if len(backups) == 0 {
		t.Error("the colleague's import made no backup")
	}
	for _, f := range append(files, backups...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{eraseMarker, secretNotes, "lauri@example.com"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("the colleague's %s still holds %q", filepath.Base(f), secret)
			}
		}
	}
	ok(t, colleague, "check")
}

// unzipAll is every file of a zip archive (an .xlsx or .docx) one after
// another, so that a test can look for a text in them.
func unzipAll(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	var all bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(&all, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	return all.Bytes()
}
