package morph

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes its diacritics (ä → a, ö → o, å → a,
// é → e), for prefix matching of names: a user on a foreign keyboard types
// "mak" and expects Mäkinen. Terms keep their accents (they are words, and
// Finnish ä is a letter of its own); Fold is for the prefix side only.
//
// It folds exactly as model's SearchWords does, so that words folded here
// and there compare equal. Letters with no decomposition (ø, æ, ß) stay.
func Fold(s string) string {
	s = strings.ToLower(s)
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
