package csv

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// FuzzImportCSV feeds any bytes to Detect and Import (the seeds are in
// testdata/fuzz/FuzzImportCSV; go test runs only them, go test -fuzz
// searches further). Import must not panic, must say something about every
// row it read, and must leave a consistent database; the formula-text of
// any cell must read back as the cell.
func FuzzImportCSV(f *testing.F) {
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
	// The other programs' exports seed it too.
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.csv"))
	for _, file := range corpus {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		for _, opts := range []importing.Options{{DryRun: true, Lang: "fi"}, {SkipInvalid: true, Lang: "en", CreateOrganisations: true, Region: "SE"}} {
			rep, err := Import(ctx, svc, data, opts)
			var fe *importing.FormatError
			var re *importing.RowError
			switch {
			case err == nil, errors.Is(err, importing.ErrRejected), errors.As(err, &fe), errors.As(err, &re):
			default:
				if model.ErrorCode(err) == model.EINTERNAL {
					t.Fatalf("Import: %v", err)
				}
			}
			if importing.ErrorText("fi", err) == "" && err != nil {
				t.Errorf("no text for %v", err)
			}
			for _, it := range rep.Items {
				if it.Action == "" {
					t.Errorf("row %d has no action", it.Row)
				}
				if it.Action == importing.Invalid && len(it.Problems) == 0 {
					t.Errorf("row %d is invalid without a reason", it.Row)
				}
			}
			_ = rep.Lines()
		}
		if s := string(data); utf8.ValidString(s) && !strings.Contains(s, "\r") {
			if got := unformula(formulaText(s)); got != s && len(formulaText(s)) <= maxFormula {
				t.Errorf("unformula(formulaText(%q)) = %q", s, got)
			}
		}
	})
}
