package store

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"hankekirja/model"

	bolt "go.etcd.io/bbolt"
)

// TestMigrateSchema1 opens a database written by the schema-1 code
// (testdata/schema1.db: the example data, edits, the trash, a purge, a
// restore and a revision known only by its metadata; schema1.db.json is
// what that code's lists said of it) and checks that the migrated file
// lists the same records in the same order, keeps every revision and is
// clean.
func TestMigrateSchema1(t *testing.T) {
	src, err := os.ReadFile("testdata/schema1.db")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	b, _ := os.ReadFile("testdata/schema1.db.json")
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	lists := map[model.Kind]func() (model.Page, error){
		model.KindContact:      func() (model.Page, error) { return svc.Contacts.List(ctx, model.Filter{}) },
		model.KindMeeting:      func() (model.Page, error) { return svc.Meetings.List(ctx, model.Filter{}) },
		model.KindGroup:        func() (model.Page, error) { return svc.Groups.List(ctx, model.Filter{}) },
		model.KindProject:      func() (model.Page, error) { return svc.Projects.List(ctx, model.Filter{}) },
		model.KindOrganisation: func() (model.Page, error) { return svc.Organisations.List(ctx, model.Filter{}) },
		model.KindMunicipality: func() (model.Page, error) { return svc.Municipalities.List(ctx, model.Filter{}) },
	}
	for kind, list := range lists {
		p, err := list()
		if err != nil {
			t.Fatal(err)
		}
		var got []any
		for _, s := range p.Items {
			got = append(got, s.ID.String()+" "+s.Title)
		}
		if w, _ := want[kind.String()].([]any); !reflect.DeepEqual(got, w) {
			t.Errorf("%s after migration:\n got %v\nwant %v", kind, got, w)
		}
		if p.Total != len(p.Items) {
			t.Errorf("%s: total %d for %d items", kind, p.Total, len(p.Items))
		}
	}
	trash, _ := svc.Queries.Trash(ctx)
	var got []any
	for _, s := range trash {
		got = append(got, s.ID.String()+" "+s.Title)
	}
	if !reflect.DeepEqual(got, want["trash"]) {
		t.Errorf("trash after migration: %v, want %v", got, want["trash"])
	}
	st, _ := db.Stats(ctx)
	if float64(st.Revisions) != want["revisions"] {
		t.Errorf("revisions kept: %d, want %v", st.Revisions, want["revisions"])
	}
	id, _ := model.ParseID(want["history_of"].(string))
	h, err := svc.Contacts.History(ctx, id)
	if err != nil || float64(len(h)) != want["history_len"] {
		t.Errorf("history of %s: %d revisions (%v), want %v", id, len(h), err, want["history_len"])
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after migration: %v %v", problems, err)
	}
	assertFramed(t, db)
	if backups := backupFiles(path); len(backups) != 1 || backups[0].Reason != model.BackupMigration {
		t.Errorf("backups after migration: %+v", backups)
	}
	// The migrated file is written as this code writes: a save works and
	// the next open migrates nothing.
	c, _ := svc.Contacts.Get(ctx, id)
	c.Notes = "migraation jälkeen"
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateSchema2 opens a file written by the schema-2 code
// (testdata/schema2.db, made by that code's generator; schema2.contacts is
// the order its contact list gave). Its contacts' summaries lack the phone
// numbers schema 3 added: the backup made before the migration must be
// taken as the older file it is, not refused as damaged (that stopped every
// schema-2 archive from opening), and afterwards a contact is found by its
// number.
func TestMigrateSchema2(t *testing.T) {
	defer func(n int) { frameBatch = n }(frameBatch)
	frameBatch = 4096
	src, err := os.ReadFile("testdata/schema2.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "schema2.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, &Options{NoAutoBackup: true})
	if err != nil {
		t.Fatalf("a schema-2 file does not open: %v", err)
	}
	defer db.Close()
	<-db.SearchReady()
	backups := backupFiles(path)
	if len(backups) != 1 || backups[0].Reason != model.BackupMigration {
		t.Fatalf("backups after migration: %+v", backups)
	}
	if err := Verify(ctx, backups[0].Path); err != nil {
		t.Errorf("the schema-2 backup does not verify: %v", err)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after migration: %v %v", problems, err)
	}
	svc := db.Services()
	page, err := svc.Contacts.List(ctx, model.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range page.Items {
		got = append(got, s.ID.String())
	}
	b, _ := os.ReadFile("testdata/schema2.contacts")
	if want := strings.Fields(string(b)); !reflect.DeepEqual(got, want) {
		t.Errorf("contacts after migration (%d):\n got %v\nwant %v", len(got), got, want)
	}
	// Every revision's value now has its checksum (schema 4), written in
	// batches (small ones here, so that there are many).
	assertFramed(t, db)

	var phoned *model.Contact
	for _, s := range page.Items {
		c, err := svc.Contacts.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Phones) > 0 {
			phoned = c
			break
		}
	}
	if phoned == nil {
		t.Fatal("no contact of the schema-2 file has a phone number")
	}
	national := "0" + strings.TrimPrefix(phoned.Phones[0], "+358")
	res, err := svc.Queries.Find(ctx, model.SearchQuery{Text: national, Kind: model.KindContact})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Summary.ID != phoned.ID {
		t.Errorf("searching %s (%s's number) after migration gives %+v", national, phoned.LastName, res.Hits)
	}
}

// assertFramed fails t unless every current and older revision in db
// carries its checksum.
func assertFramed(t *testing.T, db *DB) {
	t.Helper()
	var values, bare int
	err := db.viewTx(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketCurrent, bucketHistory} {
			err := bucket(tx, name).ForEach(func(k, v []byte) error {
				if bytes.Equal(name, bucketHistory) && (len(k) != 33 || k[16] != partHistory) {
					return nil
				}
				values++
				if v[0]&checksumFlag == 0 {
					bare++
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if values == 0 || bare > 0 {
		t.Errorf("%d of %d revisions without a checksum after migration", bare, values)
	}
}
