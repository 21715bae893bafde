package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"

	_ "modernc.org/sqlite"

	"hankekirja/model"
	"hankekirja/search"
)

// variant is one way of putting the archive into FTS5.
type variant struct {
	name string
	// prefix adds FTS5's prefix indexes and asks every query word as a
	// prefix ("kunta"*), the nearest FTS5 comes to the app's prefix
	// matching of names without a stemmer.
	prefix bool
}

var variants = []variant{
	{name: "FTS5"},
	{name: "FTS5 prefix", prefix: true},
}

// ftsIndex is one variant built into its own file.
type ftsIndex struct {
	variant
	db    *sql.DB
	path  string
	build time.Duration
	size  int64
}

// checkFTS5 fails clearly when the SQLite driver was built without FTS5.
func checkFTS5(db *sql.DB) error {
	if _, err := db.Exec(`CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)`); err != nil {
		return fmt.Errorf("SQLite has no FTS5 compiled in (CREATE VIRTUAL TABLE ... USING fts5: %v)", err)
	}
	_, err := db.Exec(`DROP TABLE temp.fts5_probe`)
	return err
}

// ftsText is what FTS5 is given of one text: the text as written, and a
// phone number also in the forms the app indexes it by
// (model.PhoneSearchText), so that a number is found in FTS5 too however
// it is typed.
func ftsText(t search.Text) string {
	if t.Field == search.FieldPhone {
		return t.Text + " " + model.PhoneSearchText(t.Text)
	}
	return t.Text
}

// buildFTS loads docs into a new FTS5 table in a file in dir: one row a
// record, its rowid the record's index in docs, its texts one column
// (FTS5's standard tokenizer, unicode61 with diacritics removed), its
// kind an unindexed column for the per-kind limit. The time covers the
// inserts, the commit and FTS5's optimize (its segments merged into
// one, as a finished index would be).
func buildFTS(ctx context.Context, dir string, v variant, docs []doc) (*ftsIndex, error) {
	path := fmt.Sprintf("%s/%s.sqlite", dir, strings.ReplaceAll(v.name, " ", "-"))
	os.Remove(path)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	// One connection: the pragmas below hold per connection, and the
	// queries are timed one at a time as the window asks them.
	db.SetMaxOpenConns(1)
	ix := &ftsIndex{variant: v, db: db, path: path}
	fail := func(err error) (*ftsIndex, error) {
		db.Close()
		os.Remove(path)
		return nil, err
	}
	if err := checkFTS5(db); err != nil {
		return fail(err)
	}
	// A bulk load of a file that can be made again: no journal, no
	// fsync (the app's archive index is built without fsync too).
	for _, p := range []string{`PRAGMA journal_mode=OFF`, `PRAGMA synchronous=OFF`} {
		if _, err := db.Exec(p); err != nil {
			return fail(err)
		}
	}
	opts := `tokenize='unicode61 remove_diacritics 2'`
	if v.prefix {
		opts += `, prefix='2 3 4'`
	}
	start := time.Now()
	// The kind is an indexed column of one token ("k3"), so that a
	// query of one kind is an FTS5 query that FTS5 ranks and cuts itself
	// (ORDER BY rank LIMIT n). An unindexed column or a table beside it
	// costs more: either is read row by row for every match, and an
	// unindexed column's row is the whole text of a meeting.
	if _, err := db.Exec(`CREATE VIRTUAL TABLE doc USING fts5(k, body, ` + opts + `)`); err != nil {
		return fail(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	ins, err := tx.Prepare(`INSERT INTO doc(rowid, k, body) VALUES (?, ?, ?)`)
	if err != nil {
		tx.Rollback()
		return fail(err)
	}
	var body strings.Builder
	for i, d := range docs {
		body.Reset()
		for _, t := range d.texts {
			body.WriteString(ftsText(t))
			body.WriteByte('\n')
		}
		if _, err := ins.Exec(i, kindToken(d.kind), body.String()); err != nil {
			tx.Rollback()
			return fail(err)
		}
	}
	ins.Close()
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	if _, err := db.Exec(`INSERT INTO doc(doc) VALUES('optimize')`); err != nil {
		return fail(err)
	}
	ix.build = time.Since(start)
	if _, err := db.Exec(`VACUUM`); err != nil {
		return fail(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail(err)
	}
	ix.size = fi.Size()
	return ix, nil
}

func (ix *ftsIndex) Close() error {
	err := ix.db.Close()
	os.Remove(ix.path)
	return err
}

// matchExpr turns a query as typed into an FTS5 expression: each word a
// quoted string (a hyphenated word is a phrase of its parts, as FTS5's
// tokenizer splits it), all of them required; with the prefix variant
// each word is a prefix. A query that is a phone number is its digits,
// as the app reads it.
func (ix *ftsIndex) matchExpr(q string) string {
	if d, ok := phoneQuery(q); ok {
		return `"` + d + `"`
	}
	var parts []string
	for _, w := range strings.Fields(q) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		p := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if ix.prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " AND ")
}

// phoneQuery reads a query of digits, spaces, dashes and a leading plus
// with at least seven digits as a phone number (the app's rule, with
// more digits so that a business ID stays text).
func phoneQuery(q string) (string, bool) {
	q = strings.TrimSpace(q)
	for i, r := range q {
		if !(unicode.IsDigit(r) || r == ' ' || r == '-' || (r == '+' && i == 0)) {
			return "", false
		}
	}
	d := digits(q)
	if len(d) < 7 || strings.Contains(q, "-") && !strings.Contains(q, " ") {
		return "", false
	}
	return d, true
}

func kindToken(k model.Kind) string { return fmt.Sprintf("k%d", k) }

// hit is one result row as the window would show it.
type hit struct {
	doc     int
	kind    model.Kind
	snippet string
}

// find asks a query as the window does: for each kind the count of its
// hits and its best perKind hits by FTS5's rank (bm25), each with a
// snippet of the text around the match.
func (ix *ftsIndex) find(ctx context.Context, q string, perKind int) ([]hit, map[model.Kind]int, error) {
	expr := ix.matchExpr(q)
	if expr == "" {
		return nil, nil, nil
	}
	var hits []hit
	counts := map[model.Kind]int{}
	for _, k := range model.Kinds {
		e := "k : " + kindToken(k) + " AND body : (" + expr + ")"
		var n int
		if err := ix.db.QueryRowContext(ctx, `SELECT count(*) FROM doc WHERE doc MATCH ?`, e).Scan(&n); err != nil {
			return nil, nil, fmt.Errorf("%q: %w", e, err)
		}
		if n == 0 {
			continue
		}
		counts[k] = n
		rows, err := ix.db.QueryContext(ctx, `SELECT rowid, snippet(doc, 1, '[', ']', '…', 12) FROM doc
			WHERE doc MATCH ? ORDER BY rank LIMIT ?`, e, perKind)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			h := hit{kind: k}
			if err := rows.Scan(&h.doc, &h.snippet); err != nil {
				rows.Close()
				return nil, nil, err
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return hits, counts, nil
}

// all is every document a query matches, for recall and precision.
func (ix *ftsIndex) all(ctx context.Context, q string) (map[int]bool, error) {
	expr := ix.matchExpr(q)
	out := map[int]bool{}
	if expr == "" {
		return out, nil
	}
	rows, err := ix.db.QueryContext(ctx, `SELECT rowid FROM doc WHERE doc MATCH ?`, "body : ("+expr+")")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
