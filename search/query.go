package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"hankekirja/morph"
)

// Word is one word of a query and the keys it is looked up by.
type Word struct {
	// Folded is the word folded as surfaces are: the prefix that finds
	// names no analyser knows ("mak" → Mäkinen).
	Folded  string
	Surface Key
	// Base is the key of the word's most likely base form; a record
	// matches it by a base form (ClassBase) or by a compound part
	// (ClassPart: tuotanto finds palvelutuotannon).
	Base Key
	Stem Key
	// HasBase is false for a number, which has only its surface.
	HasBase bool
}

// Plan splits a query into its words. A query that is a phone number in
// any common writing (040 123 4567, +358 40 123 4567) is one word of its
// digits. Words that give no key (punctuation) are dropped.
func (ix *Indexer) Plan(query string) []Word {
	if d, ok := phoneQuery(query); ok {
		return []Word{{Folded: d, Surface: SurfaceKey(d)}}
	}
	var out []Word
	for _, tok := range tokens(FieldName, query) {
		folded := strings.Trim(morph.Fold(tok), "-.@_+")
		if folded == "" {
			continue
		}
		w := Word{Folded: folded, Surface: SurfaceKey(folded)}
		if hasLetter(tok) {
			if t := ix.an.Terms(tok); len(t) > 0 {
				w.Base, w.HasBase = keyOf(nsBase, ix.baseOf(tok, t)), true
			}
			if st := ix.stem.Terms(folded); len(st) > 0 {
				w.Stem = keyOf(nsStem, st[0])
			}
		}
		out = append(out, w)
	}
	return out
}

// baseOf picks the base form a query word is looked up by from its terms.
// A word typed in lower case has every reading, and the first is often
// not the one meant: "hyvinkään" is first hyvä or hyvin with -kään, and
// the town Hyvinkää found only the texts that say Hyvinkään, never the
// municipality itself. When the word with a capital has a proper-noun
// reading among those, that one is taken, as the word in a text, written
// with its capital, was indexed.
func (ix *Indexer) baseOf(tok string, terms []string) string {
	r, n := utf8.DecodeRuneInString(tok)
	if n == 0 || !unicode.IsLower(r) {
		return terms[0]
	}
	if proper := ix.an.Terms(string(unicode.ToUpper(r)) + tok[n:]); len(proper) > 0 && proper[0] != terms[0] && slices.Contains(terms, proper[0]) {
		return proper[0]
	}
	return terms[0]
}

// phoneQuery reads a query made of digits, spaces, dashes, parentheses and
// a leading plus, with at least five digits, as a number.
func phoneQuery(q string) (string, bool) {
	q = strings.TrimSpace(q)
	n := 0
	for i, r := range q {
		switch {
		case unicode.IsDigit(r):
			n++
		case r == ' ' || r == '-' || r == '(' || r == ')' || (r == '+' && i == 0):
		default:
			return "", false
		}
	}
	if n < 5 || !strings.ContainsAny(q, " +()") && !strings.HasPrefix(q, "0") {
		// A plain run of digits that does not look like a number is
		// searched as it is typed (a business ID, a code), below.
		return "", false
	}
	return normalPhone(digits(q)), true
}

// How a query word reached a record.
const (
	ViaKey    = false
	ViaPrefix = true
)

// Rank orders a match of one query word: whole-word matches in a name
// first (0), then a name's base form, then whole words and base forms in
// running text, then compound parts, stems and prefixes. Lower is better;
// a record's rank is the sum over the query's words.
func Rank(o Occurrence, viaPrefix bool) int {
	name := o.Field.IsName()
	pick := func(inName, inText int) int {
		if name {
			return inName
		}
		return inText
	}
	if viaPrefix {
		return pick(4, 6)
	}
	switch o.Class {
	case ClassSurface:
		return pick(0, 2)
	case ClassBase:
		return pick(1, 3)
	case ClassPart:
		return pick(4, 5)
	}
	return pick(5, 6)
}
