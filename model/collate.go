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
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldUnicode(s)
}

// foldUnicode is foldAccents by Unicode's rules: decompose, drop the
// combining marks, compose again.
func foldUnicode(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// latinFolds holds foldUnicode's answer for each letter of Latin-1 and
// Latin Extended-A (À to ſ) that it folds to one ASCII letter: Finnish
// and Swedish text is ASCII and these, and foldUnicode's transform chain
// was a tenth of the CPU of making a record's summary.
var latinFolds = func() map[rune]byte {
	m := map[rune]byte{}
	for r := rune(0xC0); r <= 0x17F; r++ {
		if f := foldUnicode(string(r)); len(f) == 1 && f[0] < 0x80 {
			m[r] = f[0]
		}
	}
	return m
}()

// foldLatin is foldUnicode of s when every letter of s is ASCII or in
// latinFolds (each such letter folds alone, and none combines with its
// neighbours); ok is false otherwise.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch f, ok := latinFolds[r]; {
		case r < 0x80:
			b.WriteByte(byte(r))
		case ok:
			b.WriteByte(f)
		default:
			return "", false
		}
	}
	return b.String(), true
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
