package calendar_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/calendar"
	"hankekirja/importing"
	"hankekirja/model"
	"hankekirja/store"
)

// FuzzImportICS feeds any bytes to Detect, Parse and Import (the seeds
// are the invitations in testdata; go test runs only them, go test -fuzz
// searches further):
//
//	go test -run '^$' -fuzz FuzzImportICS -fuzztime 30s ./calendar/
//
// Import must not panic, must say every refusal in words, must give every
// event an action and a reason when it is invalid, and must leave a
// consistent database.
func FuzzImportICS(f *testing.F) {
	db, err := store.Open(filepath.Join(f.TempDir(), "fuzz.db"), &store.Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	svc := db.Services()
	g := &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering}
	if err := svc.Groups.Create(ctx, g); err != nil {
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
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.ics"))
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		calendar.Detect(data)
		calendar.Parse(data)
		for _, opts := range []calendar.ImportOptions{
			{Options: importing.Options{DryRun: true, Lang: "fi"}},
			{Options: importing.Options{SkipInvalid: true, Lang: "en"}, Group: g.ID, NewContacts: true},
		} {
			rep, err := calendar.Import(ctx, svc, data, opts)
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
					t.Errorf("event %d has no action", it.Row)
				}
				if it.Action == importing.Invalid && len(it.Problems) == 0 {
					t.Errorf("event %d is invalid without a reason", it.Row)
				}
			}
			_ = rep.Lines()
		}
	})
}
