package model

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Sorting follows Finnish collation (CLDR): Å, Ä and Ö come after Z, W is a
// letter of its own after V, case is ignored and numbers sort by value
// ("Hanke 2" before "Hanke 10").
//
// collate.Collator is not safe for concurrent use, so each caller borrows one
// from a pool.
var collators = sync.Pool{New: func() any {
	return collate.New(language.Finnish, collate.IgnoreCase, collate.Numeric)
}}

// SortKey returns a byte key that orders s in Finnish collation. Keys compare
// with bytes.Compare.
func SortKey(s string) []byte {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	k := c.KeyFromString(&buf, s)
	out := make([]byte, len(k))
	copy(out, k)
	return out
}

// CompareNames compares two names in Finnish collation.
func CompareNames(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SearchWords splits text into words for prefix search, in lower case and
// without accents, so that a search finds "Mäkinen" whether the user types
// "mäk" or "mak" (on a phone or a foreign keyboard): "KUUMA-seutu
// Hämeenlinna" → ["kuuma", "seutu", "hameenlinna"].
func SearchWords(text string) []string {
	return strings.FieldsFunc(foldAccents(strings.ToLower(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Fold lower-cases s and removes its diacritics, as search compares words
// (package morph's prefix matching uses it too).
func Fold(s string) string { return foldAccents(strings.ToLower(s)) }

// foldAccents removes diacritics: ä → a, ö → o, å → a, é → e.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// JoinWords joins search words into the form Summary.Words keeps: each
// word preceded by a space.
func JoinWords(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return " " + strings.Join(words, " ")
}

// MatchQuery reports whether every word of query is a prefix of some word of
// the record ("hyvin" finds Hyvinkää, "kuuma" finds KUUMA). queryWords must
// come from SearchWords and words from JoinWords.
func MatchQuery(queryWords []string, words string) bool {
	for _, q := range queryWords {
		if !strings.Contains(words, " "+q) {
			return false
		}
	}
	return true
}
