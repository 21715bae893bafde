package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/search"
	"hankekirja/store"
)

// demoArchive writes the example data, with its search index, into a new
// file and returns its path.
func demoArchive(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	db, err := store.Open(path, &store.Options{NoAutoBackup: true, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), db.Services()); err != nil {
		t.Fatal(err)
	}
	<-db.SearchReady()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFTS(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(demoArchive(t), &store.Options{ReadOnly: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs, err := readDocs(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		t.Run(strings.ReplaceAll(v.name, " ", ""), func(t *testing.T) {
			ix, err := buildFTS(ctx, t.TempDir(), v, docs)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			hits, counts, err := ix.find(ctx, "Hyvinkää", 2)
			if err != nil {
				t.Fatal(err)
			}
			if counts[model.KindMunicipality] == 0 {
				t.Errorf("Hyvinkää: no municipality among %v", counts)
			}
			perKind := map[model.Kind]int{}
			for _, h := range hits {
				if perKind[h.kind]++; perKind[h.kind] > 2 {
					t.Fatalf("more than 2 hits of kind %v", h.kind)
				}
				if docs[h.doc].kind != h.kind {
					t.Errorf("hit %d is a %v, listed as %v", h.doc, docs[h.doc].kind, h.kind)
				}
				if !strings.Contains(strings.ToLower(h.snippet), "[hyvinkää") {
					t.Errorf("snippet %q does not mark the match", h.snippet)
				}
			}
			// A phone number is found however it is typed.
			var phone string
			for _, d := range docs {
				if c := contactPhone(d); c != "" {
					phone = c
					break
				}
			}
			if phone == "" {
				t.Fatal("no phone number in the example data")
			}
			// Stored as +358401234567: asked as 040 123 4567, 0401234567
			// and +358 40 123 4567.
			n := strings.TrimPrefix(digits(phone), "358")
			for _, q := range []string{"0" + n[:2] + " " + n[2:5] + " " + n[5:], "0" + n, "+358 " + n[:2] + " " + n[2:5] + " " + n[5:]} {
				all, err := ix.all(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(all) == 0 {
					t.Errorf("%q finds nothing", q)
				}
			}
			// The prefix variant finds by the start of a word, the other
			// by whole words only.
			all, err := ix.all(ctx, "Hyvink")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(all) > 0, v.prefix; got != want {
				t.Errorf("Hyvink finds %d records", len(all))
			}
		})
	}
}

// contactPhone is a contact's first phone number as written, "" when d
// is none.
func contactPhone(d doc) string {
	for _, t := range d.texts {
		if d.kind == model.KindContact && t.Field == search.FieldPhone && strings.HasPrefix(digits(t.Text), "358") {
			return t.Text
		}
	}
	return ""
}

// TestRun: the whole comparison at the example data prints one table
// with both systems and the ratios.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	err := run([]string{"--archive", demoArchive(t), "--gold", "../../store/testdata/search-gold.tsv", "--rounds", "1", "--tmp", t.TempDir()}, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| query p95 |", "| SQLite FTS5 |", "| app / SQLite FTS5 prefix |", "| recall |", "| build from scratch |"} {
		if !strings.Contains(out.String(), strings.Trim(want, "| ")) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "| slowest (wall) |  |") {
		t.Errorf("the slowest queries are missing:\n%s", out.String())
	}
	if strings.Contains(out.String(), "not measured") {
		t.Errorf("a build time is missing:\n%s", out.String())
	}
}

func TestPhoneQuery(t *testing.T) {
	for q, want := range map[string]string{
		"040 123 4567":      "0401234567",
		"+358 40 123 4567":  "358401234567",
		"0401234567":        "0401234567",
		"2844969-4":         "",
		"Hyvinkää":          "",
		"12345":             "",
		"040-123 4567":      "0401234567",
		"+358 40 0000 101 ": "358400000101",
	} {
		got, ok := phoneQuery(q)
		if got != want || ok != (want != "") {
			t.Errorf("phoneQuery(%q) = %q, %v; want %q", q, got, ok, want)
		}
	}
}
