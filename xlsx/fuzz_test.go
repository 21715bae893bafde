package xlsx

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// FuzzImportXLSX feeds any bytes to Detect and Import. The seeds are the
// workbooks in testdata and a fresh export; go test runs only them, go
// test -fuzz searches further:
//
//	go test -run '^$' -fuzz FuzzImportXLSX -fuzztime 30s ./xlsx/
//
// Import must not panic, must say every refusal in words, must say
// something about every row it read, and must leave a consistent
// database.
func FuzzImportXLSX(f *testing.F) {
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
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.xlsx"))
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	svc := db.Services()
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		for _, opts := range []importing.Options{{DryRun: true, Lang: "fi"}, {SkipInvalid: true, Lang: "en"}} {
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
			if err != nil && importing.ErrorText("fi", err) == "" {
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
	})
}
