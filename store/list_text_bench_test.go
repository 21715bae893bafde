package store

import (
	"testing"

	"hankekirja/model"
)

// The first page (200 rows, as the window asks) of a filtered list, with
// the filter read as before (Query: the start of the summaries' words)
// and through the search index (Text). docs/benchmarks.md keeps the
// figures:
//
//	go test -tags migrated_fynedo -run '^$' -bench 'FilterFirstPage' ./store/
//	HANKEKIRJA_ARCHIVE=testdata/archive/archive-50k.db go test -tags migrated_fynedo -run '^$' -bench 'ArchiveFilter' ./store/

type filterCase struct {
	name  string
	kind  model.Kind
	query string
}

func benchFilters(b *testing.B, db *DB, cases []filterCase) {
	<-db.SearchReady()
	for _, c := range cases {
		for _, mode := range []string{"query", "text"} {
			b.Run(c.name+"/"+mode, func(b *testing.B) {
				f := model.Filter{Query: c.query, Limit: 200, Reverse: c.kind == model.KindMeeting}
				if mode == "text" {
					f = model.Filter{Text: c.query, Limit: 200, Reverse: f.Reverse}
				}
				var total int
				for b.Loop() {
					page, err := db.list(ctx, c.kind, f)
					if err != nil {
						b.Fatal(err)
					}
					total = page.Total
				}
				b.ReportMetric(float64(total), "matches")
			})
		}
	}
}

// BenchmarkFilterFirstPage: 50 000 generated contacts (every one a
// sosiaalijohtaja, surnames with a number: Mäkinen123).
func BenchmarkFilterFirstPage(b *testing.B) {
	db, _ := openBench(b, benchDB(b))
	benchFilters(b, db, []filterCase{
		{"virtanen4800", model.KindContact, "virtanen4800"},
		{"phone", model.KindContact, "040 000 4711"},
		{"sosiaalijohtaja", model.KindContact, "sosiaalijohtaja"},
		{"aino_virt", model.KindContact, "aino virtanen1"},
		{"mak", model.KindContact, "mäk"},
	})
}

// BenchmarkArchiveFilter: the generator's archive, contacts and meetings.
func BenchmarkArchiveFilter(b *testing.B) {
	db, err := Open(archiveCopy(b), &Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	benchFilters(b, db, []filterCase{
		{"contacts/mak", model.KindContact, "mak"},
		{"contacts/makinen", model.KindContact, "Mäkinen"},
		{"contacts/hyvinkaa", model.KindContact, "Hyvinkää"},
		{"contacts/kunnanjohtaja", model.KindContact, "kunnanjohtaja"},
		{"meetings/kunnassa", model.KindMeeting, "kunnassa"},
		{"meetings/kotihoito", model.KindMeeting, "kotihoito"},
		{"meetings/hyvinvointialueen", model.KindMeeting, "hyvinvointialueen"},
		{"meetings/palvelutuotannon", model.KindMeeting, "palvelutuotannon työryhmä"},
		{"groups/tuotanto", model.KindGroup, "tuotanto"},
		{"projects/hanke", model.KindProject, "hanke"},
	})
}
