package store

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/morph"
	"hankekirja/search"
)

// goldQuery is one line of testdata/search-gold.tsv.
type goldQuery struct {
	query string
	forms *regexp.Regexp
}

func readGold(t testing.TB) []goldQuery {
	t.Helper()
	f, err := os.Open("testdata/search-gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, re, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("gold line without a tab: %q", line)
		}
		out = append(out, goldQuery{q, regexp.MustCompile(`^(?:` + re + `)$`)})
	}
	return out
}

// goldWords are the words of a record as the gold list reads them: every
// text search indexes, folded, whole and split at hyphens and dots; a
// phone number as 0401234567; an email address is one word (a town in a
// domain name is not the town).
func goldWords(r model.Record, names search.Names) []string {
	var out []string
	for _, t := range search.Texts(r, names) {
		if t.Field == search.FieldPhone {
			d := strings.Map(func(r rune) rune {
				if unicode.IsDigit(r) {
					return r
				}
				return -1
			}, t.Text)
			if strings.HasPrefix(d, "358") {
				d = "0" + d[3:]
			}
			out = append(out, d)
			continue
		}
		if t.Field == search.FieldEmail {
			out = append(out, morph.Fold(t.Text))
			continue
		}
		for _, w := range strings.Fields(morph.Fold(t.Text)) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			out = append(out, w)
			out = append(out, strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
		}
	}
	return out
}

// goldScore measures search against the gold list over every record of
// svc: recall and precision summed over the queries (micro average), and
// the queries whose recall is under 95 %.
type goldScore struct {
	truth, found, right int
	weak                []string
	queries             int
	// missed holds a few words of records a weak query did not find.
	missed map[string][]string
}

func (s goldScore) recall() float64    { return float64(s.right) / float64(max(s.truth, 1)) }
func (s goldScore) precision() float64 { return float64(s.right) / float64(max(s.found, 1)) }

func measureGold(t testing.TB, db *DB, gold []goldQuery) goldScore {
	ctx := context.Background()
	// Every word, to the records that have it: the truth of a query is
	// then the records of the words its expression matches.
	var ids []model.ID
	byWord := map[string][]uint32{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := bucket(tx, bucketCurrent).Cursor()
		for key, val := c.First(); key != nil; key, val = c.Next() {
			r, err := decodeRecord(val)
			if err != nil || r.GetMeta().InTrash() {
				continue
			}
			n := uint32(len(ids))
			ids = append(ids, r.GetMeta().ID)
			for _, w := range goldWords(r, func(id model.ID) []string { return refNames(tx, id) }) {
				if l := byWord[w]; len(l) == 0 || l[len(l)-1] != n {
					byWord[w] = append(l, n)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var s goldScore
	q := queries{db}
	for _, g := range gold {
		truth := map[model.ID]bool{}
		for w, recs := range byWord {
			if g.forms.MatchString(w) {
				for _, n := range recs {
					truth[ids[n]] = true
				}
			}
		}
		if len(truth) == 0 {
			continue
		}
		s.queries++
		words := map[model.ID][]string{}
		for w, recs := range byWord {
			if g.forms.MatchString(w) {
				for _, n := range recs {
					words[ids[n]] = append(words[ids[n]], w)
				}
			}
		}
		res, err := q.Find(ctx, model.SearchQuery{Text: g.query, PerKind: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		right := 0
		for _, h := range res.Hits {
			if truth[h.Summary.ID] {
				right++
			}
		}
		s.truth += len(truth)
		s.found += len(res.Hits)
		s.right += right
		if float64(right) < 0.95*float64(len(truth)) {
			s.weak = append(s.weak, g.query)
			found := map[model.ID]bool{}
			for _, h := range res.Hits {
				found[h.Summary.ID] = true
			}
			if s.missed == nil {
				s.missed = map[string][]string{}
			}
			for id, ws := range words {
				if !found[id] && len(s.missed[g.query]) < 6 {
					s.missed[g.query] = append(s.missed[g.query], ws...)
				}
			}
		}
	}
	return s
}

// TestSearchGold: at the example data, search finds at least 95 % of the
// records that truly hold a form of each gold query's word.
func TestSearchGold(t *testing.T) {
	an := morph.New()
	if !strings.HasPrefix(an.Name(), "Voikko") {
		t.Skip("Voikko is not installed: the gold list measures base forms and compounds")
	}
	db, svc := openTestDB(t)
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	gold := readGold(t)
	if len(gold) < 40 {
		t.Fatalf("gold list has %d queries, want at least 40", len(gold))
	}
	s := measureGold(t, db, gold)
	t.Logf("%d queries with matches in the example data: recall %.1f %%, precision %.1f %% (%d true, %d found, %d right)",
		s.queries, 100*s.recall(), 100*s.precision(), s.truth, s.found, s.right)
	if s.recall() < 0.95 {
		t.Errorf("recall %.1f %% < 95 %%; weak queries: %q", 100*s.recall(), s.weak)
	}
	if len(s.weak) > 0 {
		t.Logf("queries under 95 %%: %q", s.weak)
	}
}
