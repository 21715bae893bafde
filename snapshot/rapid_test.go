package snapshot

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"hankekirja/model"
	"hankekirja/store"
)

// genTime draws a moment between 2019 and 2030 in UTC or Finnish summer
// time, to the nanosecond.
func genTime(t *rapid.T, label string) time.Time {
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	tm := base.Add(time.Duration(rapid.Int64Range(0, int64(11*365*24*time.Hour)).Draw(t, label)))
	if rapid.Bool().Draw(t, label+"_zone") {
		tm = tm.In(time.FixedZone("", 3*3600))
	}
	return tm
}

func genMeta(t *rapid.T, id model.ID) model.Meta {
	m := model.Meta{ID: id, Rev: model.NewID(), Created: genTime(t, "created"), Updated: genTime(t, "updated"), Device: model.NewID()}
	if rapid.Bool().Draw(t, "has_parent") {
		m.ParentRev = model.NewID()
	}
	if rapid.IntRange(0, 4).Draw(t, "deleted") == 0 {
		d := genTime(t, "deleted_at")
		m.Deleted = &d
	}
	m.Note = model.ParseLegacyNotes(rapid.SampledFrom([]string{"", "deleted", "restored from trash", "link to X removed"}).Draw(t, "note"))
	return m
}

// genRecord draws a contact, an organisation or a project with any text
// in its fields.
func genRecord(t *rapid.T) model.Record {
	text := rapid.String()
	id := model.NewID()
	switch rapid.IntRange(0, 2).Draw(t, "kind") {
	case 0:
		return &model.Contact{Meta: genMeta(t, id), FirstName: text.Draw(t, "first"), LastName: text.Draw(t, "last"),
			JobTitle: text.Draw(t, "title"), Emails: rapid.SliceOfN(text, 0, 3).Draw(t, "emails"),
			Notes: text.Draw(t, "notes"), Address: model.Address{Street: text.Draw(t, "street")}}
	case 1:
		return &model.Organisation{Meta: genMeta(t, id), Name: text.Draw(t, "name"), Type: model.OrgAssociation,
			Notes: text.Draw(t, "notes")}
	}
	return &model.Project{Meta: genMeta(t, id), Name: text.Draw(t, "name"), Status: model.ProjectRunning,
		Goals: rapid.SliceOfN(text, 0, 3).Draw(t, "goals"), Tags: rapid.SliceOfN(text, 0, 3).Draw(t, "tags"),
		Funding: []model.FundingLine{{Amount: rapid.Int64Range(0, 1<<40).Draw(t, "amount"), Share: float64(rapid.IntRange(0, 100).Draw(t, "share"))}}}
}

// TestPropEncodeDecode: whatever the records hold, Encode → Decode gives
// them back and Encode of that gives the same bytes.
func TestPropEncodeDecode(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "records")
		s := &Snapshot{Header: Header{Scope: ScopeAll, ExportedAt: genTime(t, "at"), ExportedBy: model.NewID(), AppVersion: rapid.String().Draw(t, "app")}}
		for range n {
			r := genRecord(t)
			hist := make([]model.Meta, rapid.IntRange(0, 4).Draw(t, "history"))
			for i := range hist {
				hist[i] = genMeta(t, r.GetMeta().ID)
			}
			sortMetas(hist)
			s.Records = append(s.Records, Record{Kind: r.Kind(), Current: r, History: hist})
		}
		slices.SortFunc(s.Records, func(a, b Record) int { x, y := a.ID(), b.ID(); return bytes.Compare(x[:], y[:]) })
		data, err := Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(data)
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		if len(got.Records) != n {
			t.Fatalf("%d records back, want %d", len(got.Records), n)
		}
		for i := range n {
			a, _ := json.Marshal(s.Records[i].Current)
			b, _ := json.Marshal(got.Records[i].Current)
			if !bytes.Equal(a, b) {
				t.Fatalf("record %d:\n%s\n%s", i, a, b)
			}
		}
		again, err := Encode(got)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("Encode(Decode(x)) != x:\n%s\n%s", data, again)
		}
		// Encrypted too, now and then (scrypt is the slow part).
		if rapid.IntRange(0, 9).Draw(t, "encrypt") == 0 {
			enc, err := Encrypt(data, "salasana")
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Decrypt(enc, "salasana")
			if err != nil || !bytes.Equal(plain, data) {
				t.Fatalf("Decrypt: %v", err)
			}
		}
	})
}

var (
	templateOnce sync.Once
	templatePath string
	templateErr  error
)

// freshDB opens a copy of a new, empty database (made once: seeding the
// municipality registry is the slow part of creating one).
func freshDB(t *rapid.T, dir string) *store.DB {
	templateOnce.Do(func() {
		d, err := os.MkdirTemp("", "hankekirja-template-*")
		if err != nil {
			templateErr = err
			return
		}
		templatePath = filepath.Join(d, "template.db")
		db, err := store.Open(templatePath, &store.Options{NoSync: true})
		if err != nil {
			templateErr = err
			return
		}
		templateErr = db.Close()
	})
	if templateErr != nil {
		t.Fatal(templateErr)
	}
	data, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, model.NewID().String()+".db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, &store.Options{NoSync: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// limitChecks lowers rapid's number of checks for a slow property unless
// it was set on the command line.
func limitChecks(n string) {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set && os.Getenv("RAPID_CHECKS") == "" {
		flag.Set("rapid.checks", n)
	}
}

// TestPropDatabaseRoundTrip: whatever a database went through (creates,
// edits, deletions, restores), export → import into an empty database →
// export gives the same content, and importing again changes nothing.
func TestPropDatabaseRoundTrip(t *testing.T) {
	limitChecks("25")
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		a, b := freshDB(t, dir), freshDB(t, dir)
		defer a.Close()
		defer b.Close()
		svc := a.Services()
		var contacts []model.ID
		name := rapid.StringMatching(`[A-ZÄÖÅ][a-zäöå]{1,8}`)
		steps := rapid.IntRange(1, 15).Draw(t, "steps")
		for range steps {
			switch op := rapid.IntRange(0, 3).Draw(t, "op"); {
			case op == 0 || len(contacts) == 0:
				c := &model.Contact{FirstName: name.Draw(t, "first"), LastName: name.Draw(t, "last")}
				if err := svc.Contacts.Create(ctx, c); err != nil {
					t.Fatal(err)
				}
				contacts = append(contacts, c.ID)
			case op == 1:
				id := rapid.SampledFrom(contacts).Draw(t, "edit")
				c, _ := svc.Contacts.Get(ctx, id)
				if c.InTrash() {
					continue
				}
				c.JobTitle = name.Draw(t, "title")
				if err := svc.Contacts.Update(ctx, c); err != nil {
					t.Fatal(err)
				}
			case op == 2:
				id := rapid.SampledFrom(contacts).Draw(t, "delete")
				svc.Contacts.Delete(ctx, id, true)
			default:
				id := rapid.SampledFrom(contacts).Draw(t, "restore")
				svc.Contacts.Restore(ctx, id)
			}
		}
		first, _, err := Export(ctx, a, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := Read(first, "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := MakePlan(ctx, b, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Conflicts)+len(p.Update)+len(p.Trash) != 0 {
			t.Fatalf("import into an empty database plans updates or conflicts")
		}
		if _, err := Apply(ctx, b, p); err != nil {
			t.Fatal(err)
		}
		second, _, err := Export(ctx, b, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, o1, _ := ReadHeader(first)
		_, o2, _ := ReadHeader(second)
		if !bytes.Equal(first[o1:], second[o2:]) {
			t.Fatalf("content differs:\n%s", diffLines(first[o1:], second[o2:]))
		}
		again, err := MakePlan(ctx, b, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res, err := Apply(ctx, b, again); err != nil || res.Writes != 0 || !again.Empty() {
			t.Fatalf("second import wrote %d records (%v)", res.Writes, err)
		}
		if problems, err := b.Check(ctx); err != nil || len(problems) > 0 {
			t.Fatalf("Check: %v %v", problems, err)
		}
	})
}
