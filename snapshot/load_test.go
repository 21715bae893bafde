package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

var fixedTime = time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)

// historyWorld is seed's world with older revisions, a record in the
// trash, a changed municipality and text that JSON escapes.
func historyWorld(t *testing.T, db *store.DB) *world {
	w := seed(t, db)
	svc := db.Services()
	update(t, svc.Contacts, w.aino.ID, func(c *model.Contact) { c.JobTitle = "väliaikainen" })
	update(t, svc.Contacts, w.aino.ID, func(c *model.Contact) { c.Notes = `<b>"Tavoitettavissa"</b> ma–to & pe` })
	if err := svc.Contacts.Delete(ctx, w.onni.ID, false); err != nil {
		t.Fatal(err)
	}
	update(t, svc.Municipalities, w.hyvinkaa, func(m *model.Municipality) { m.Notes = "KUUMA-kunta" })
	return w
}

// writeFile writes data into a file of its own.
func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s"+FileExtension)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRecordLineByHand: the encoder puts record lines together by hand;
// they must be what json.Marshal of a line writes.
func TestRecordLineByHand(t *testing.T) {
	db := testDB(t)
	historyWorld(t, db)
	s, err := Collect(ctx, db, model.NilID)
	if err != nil {
		t.Fatal(err)
	}
	withHistory := 0
	for _, r := range s.Records {
		var buf bytes.Buffer
		e := newEncoder(&buf, Header{})
		if err := e.record(r); err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(r.Current)
		want, _ := json.Marshal(line{ID: r.ID(), Kind: r.Kind, Record: body, SHA256: sumHex(body), History: r.History})
		if got := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
			t.Fatalf("line of %s %s:\n got %s\nwant %s", r.Kind, r.ID(), got, want)
		}
		if len(r.History) > 0 {
			withHistory++
		}
	}
	if withHistory == 0 {
		t.Fatal("no record with history: the test tests nothing")
	}
}

// TestExportToFile: the streamed export into a file (through a spool
// beside it, which is gone afterwards) is the in-memory export's bytes.
func TestExportToFile(t *testing.T) {
	db := testDB(t)
	historyWorld(t, db)
	opts := ExportOptions{AppVersion: "test", Now: func() time.Time { return fixedTime }}
	want, _, err := Export(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "out"+FileExtension))
	if err != nil {
		t.Fatal(err)
	}
	h, err := ExportTo(ctx, db, opts, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("ExportTo wrote other bytes than Export:\n%s", diffLines(got, want))
	}
	if h.Records == 0 || h.SHA256 == "" {
		t.Errorf("header %+v", h)
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("files left beside the export: %v", left)
	}
}

// loadFresh loads data into db, a fresh database, through a staging copy.
func loadFresh(t *testing.T, db *store.DB, data []byte) (*Plan, error) {
	t.Helper()
	s, err := OpenStream(writeFile(t, data), "")
	if err != nil {
		return nil, err
	}
	defer s.Close()
	st, err := db.Stage()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(ctx, st, s)
	if err != nil {
		st.Abort()
		return nil, err
	}
	return p, st.Commit(ctx)
}

// TestLoadEqualsMerge: a snapshot loaded into a fresh database gives the
// database the merge gives, as its export shows, and the same preview.
func TestLoadEqualsMerge(t *testing.T) {
	src := testDB(t)
	historyWorld(t, src)
	data := export(t, src)

	merged := testDB(t)
	mp, _ := importAll(t, merged, data)

	path := filepath.Join(t.TempDir(), "h.db")
	fresh, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := fresh.IsFresh(ctx); err != nil || !ok {
		t.Fatalf("a new database is not fresh: %v %v", ok, err)
	}
	lp, err := loadFresh(t, fresh, data)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Close()
	loaded, err := store.Open(path, &store.Options{NoSync: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	checkDB(t, loaded)

	if a, b := content(t, export(t, merged)), content(t, export(t, loaded)); !bytes.Equal(a, b) {
		t.Fatalf("loaded database differs from merged one:\n%s", diffLines(a, b))
	}
	if a, b := titles(mp.Add), titles(lp.Add); len(a) != len(b) || len(a) == 0 {
		t.Errorf("added: merge %d, load %d", len(a), len(b))
	}
	if a, b := titles(mp.Update), titles(lp.Update); len(a) != len(b) || len(a) != 1 {
		t.Errorf("updated: merge %v, load %v", a, b)
	}
	if mp.Unchanged != lp.Unchanged {
		t.Errorf("unchanged: merge %d, load %d", mp.Unchanged, lp.Unchanged)
	}
	// The index is left for the next open to build.
	<-loaded.SearchReady()
	res, err := loaded.Services().Queries.Find(ctx, model.SearchQuery{Text: "väliaikainen"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Partial {
		t.Errorf("the loaded contact's notes are not found once the index is built: %+v", res)
	}
}

// TestLoadNotFresh: what the load cannot do leaves the database as it
// was and says ErrNotFresh, so that the merge runs instead.
func TestLoadNotFresh(t *testing.T) {
	src := testDB(t)
	w := seed(t, src)
	good := export(t, src)

	t.Run("ErrMissingReference", func(t *testing.T) {
		// A contact referring to an organisation the snapshot lacks.
		h, lines := splitFile(t, good)
		var kept [][]byte
		for _, l := range lines {
			if !bytes.Contains(l, []byte(w.org.ID.String()+`","kind":"organisation"`)) {
				kept = append(kept, l)
			}
		}
		if len(kept) == len(lines) {
			t.Fatal("organisation line not found")
		}
		h.Counts["organisation"]--
		h.Records--
		data := rebuild(t, h, kept)
		db := testDB(t)
		if _, err := loadFresh(t, db, data); !errors.Is(err, ErrNotFresh) {
			t.Fatalf("err = %v, want ErrNotFresh", err)
		}
		if n := contacts(t, db); n != 0 {
			t.Errorf("%d contacts after a refused load", n)
		}
		if _, err := MakePlan(ctx, db, mustDecode(t, data), nil); ErrorKey(err) != KeyMissingRef {
			t.Errorf("the merge refuses it with %v, want %s", err, KeyMissingRef)
		}
	})
	t.Run("ErrTombstones", func(t *testing.T) {
		if _, err := src.Services().Contacts.Get(ctx, w.helmi.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := src.EraseTombstoned(ctx, []model.Tombstone{{ID: w.helmi.ID, On: model.DateOf(fixedTime)}}); err != nil {
			t.Fatal(err)
		}
		db := testDB(t)
		if _, err := loadFresh(t, db, export(t, src)); !errors.Is(err, ErrNotFresh) {
			t.Fatalf("err = %v, want ErrNotFresh", err)
		}
		if n := contacts(t, db); n != 0 {
			t.Errorf("%d contacts after a refused load", n)
		}
	})
	t.Run("NotFresh", func(t *testing.T) {
		if ok, err := src.IsFresh(ctx); err != nil || ok {
			t.Errorf("a database with records is fresh: %v %v", ok, err)
		}
	})
}

func contacts(t *testing.T, db *store.DB) int {
	t.Helper()
	page, err := db.Services().Contacts.List(ctx, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func mustDecode(t *testing.T, data []byte) *Snapshot {
	t.Helper()
	s, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStreamRefusesAsDecode: OpenStream and Batches refuse damaged files
// as Decode does.
func TestStreamRefusesAsDecode(t *testing.T) {
	src := testDB(t)
	seed(t, src)
	good := export(t, src)
	h, lines := splitFile(t, good)
	swapped := append([][]byte{}, lines...)
	swapped[1], swapped[2] = swapped[2], swapped[1]
	// rebuild makes the counts fit; then one is made wrong.
	fitted := rebuild(t, h, lines)
	hf, off, err := ReadHeader(fitted)
	if err != nil {
		t.Fatal(err)
	}
	hf.Counts["contact"]++
	head, _ := json.Marshal(hf)
	miscounted := append(append(head, '\n'), fitted[off:]...)
	for name, data := range map[string][]byte{
		"truncated": good[:len(good)-10],
		"flipped":   flip(good, len(good)-20),
		"order":     rebuild(t, h, swapped),
		"counts":    miscounted,
	} {
		t.Run(name, func(t *testing.T) {
			_, want := Decode(data)
			if want == nil {
				t.Fatal("Decode takes it")
			}
			s, err := OpenStream(writeFile(t, data), "")
			if err == nil {
				err = s.Batches(2, func([]Record) error { return nil })
				s.Close()
			}
			if ErrorKey(err) != ErrorKey(want) {
				t.Errorf("stream: %v; Decode: %v", err, want)
			}
		})
	}
}
