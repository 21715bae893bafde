package vcard

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// FuzzImportVCard feeds any bytes to Detect and Import (the seeds are in
// testdata/fuzz/FuzzImportVCard; go test runs only them). Import must not
// panic, must say something about every card and must leave a consistent
// database; unescape must undo escape.
func FuzzImportVCard(f *testing.F) {
	db, err := store.Open(filepath.Join(f.TempDir(), "fuzz.db"), &store.Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			f.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			f.Errorf("Check: %s", p)
		}
		db.Close()
	})
	svc := db.Services()
	// The real-world corpus seeds it too (the small files: fuzzing
	// mutates them).
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.vcf"))
	for _, file := range corpus {
		if data, err := os.ReadFile(file); err == nil && len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		for _, opts := range []importing.Options{{DryRun: true, Lang: "fi"}, {SkipInvalid: true, Lang: "sv", CreateOrganisations: true, Region: "US"}} {
			rep, err := Import(ctx, svc, data, opts)
			var fe *importing.FormatError
			if err != nil && !errors.Is(err, importing.ErrRejected) && !errors.As(err, &fe) && model.ErrorCode(err) == model.EINTERNAL {
				t.Fatalf("Import: %v", err)
			}
			for _, it := range rep.Items {
				if it.Action == "" || (it.Action == importing.Invalid && len(it.Problems) == 0) {
					t.Errorf("card %d: action %q, problems %v", it.Row, it.Action, it.Problems)
				}
			}
			_ = rep.Lines()
		}
		s := string(data)
		if got := unescape(escape(s)); got != normaliseNewlines(s) {
			t.Errorf("unescape(escape(%q)) = %q", s, got)
		}
		parts := components(structured(s, s))
		if len(parts) != 2 || parts[0] != normaliseNewlines(s) {
			t.Errorf("components(structured(%q, ...)) = %q", s, parts)
		}
	})
}

// normaliseNewlines is what escape does to line ends: CRLF and CR are LF.
func normaliseNewlines(s string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' {
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}
