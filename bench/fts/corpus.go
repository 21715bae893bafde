package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"

	"hankekirja/model"
	"hankekirja/morph"
	"hankekirja/search"
	"hankekirja/store"
)

// doc is one record as both systems index it: the texts the app's index
// holds (search.Texts), read through the store.
type doc struct {
	id    model.ID
	kind  model.Kind
	texts []search.Text
}

// readDocs reads every record not in the trash, with the texts search
// indexes. The names a project refers to (its municipalities) are
// resolved as the app's index resolves them: a municipality by its
// Finnish and Swedish names, anything else by its title.
func readDocs(ctx context.Context, db *store.DB) ([]doc, error) {
	names := map[model.ID][]string{}
	var recs []model.Record
	for _, k := range model.Kinds {
		err := db.Each(ctx, k, func(r model.Record) error {
			id := r.GetMeta().ID
			if m, ok := r.(*model.Municipality); ok {
				names[id] = []string{m.Name.FI, m.Name.SV}
			} else {
				names[id] = []string{r.Title()}
			}
			if !r.GetMeta().InTrash() {
				recs = append(recs, r)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]doc, 0, len(recs))
	for _, r := range recs {
		out = append(out, doc{
			id:    r.GetMeta().ID,
			kind:  r.Kind(),
			texts: search.Texts(r, func(id model.ID) []string { return names[id] }),
		})
	}
	return out, nil
}

// goldQuery is one line of the app's gold list (store/testdata/search-gold.tsv).
type goldQuery struct {
	query string
	forms *regexp.Regexp
}

func readGold(path string) ([]goldQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
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
			return nil, fmt.Errorf("%s: gold line without a tab: %q", path, line)
		}
		rx, err := regexp.Compile(`^(?:` + re + `)$`)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %v", path, q, err)
		}
		out = append(out, goldQuery{q, rx})
	}
	return out, sc.Err()
}

// goldWords are the words of a document as the gold list reads them, the
// same rule as the app's gold test (store/search_gold_test.go): every
// text folded, whole and split at hyphens and dots; a phone number as
// 0401234567; an email address as one word.
func goldWords(d doc) []string {
	var out []string
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for _, t := range d.texts {
		switch t.Field {
		case search.FieldPhone:
			n := digits(t.Text)
			if strings.HasPrefix(n, "358") {
				n = "0" + n[3:]
			}
			out = append(out, n)
		case search.FieldEmail:
			out = append(out, morph.Fold(t.Text))
		default:
			for _, w := range strings.Fields(morph.Fold(t.Text)) {
				w = strings.TrimFunc(w, notWord)
				out = append(out, w)
				out = append(out, strings.FieldsFunc(w, notWord)...)
			}
		}
	}
	return out
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// truth is, for each gold query with matches, the documents (by index in
// docs) that truly hold a form of its word.
type truth struct {
	queries []goldQuery
	sets    []map[int]bool
}

func goldTruth(docs []doc, gold []goldQuery) truth {
	byWord := map[string][]int{}
	for i, d := range docs {
		for _, w := range goldWords(d) {
			if l := byWord[w]; len(l) == 0 || l[len(l)-1] != i {
				byWord[w] = append(l, i)
			}
		}
	}
	var t truth
	for _, g := range gold {
		set := map[int]bool{}
		for w, ds := range byWord {
			if g.forms.MatchString(w) {
				for _, i := range ds {
					set[i] = true
				}
			}
		}
		if len(set) > 0 {
			t.queries = append(t.queries, g)
			t.sets = append(t.sets, set)
		}
	}
	return t
}

// score is recall and precision summed over the queries (micro average),
// as the app's gold test counts them.
type score struct{ truth, found, right int }

func (s *score) add(truth map[int]bool, found map[int]bool) {
	s.truth += len(truth)
	s.found += len(found)
	for i := range found {
		if truth[i] {
			s.right++
		}
	}
}

func (s score) recall() float64    { return float64(s.right) / float64(max(s.truth, 1)) }
func (s score) precision() float64 { return float64(s.right) / float64(max(s.found, 1)) }
