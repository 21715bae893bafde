// Package morph turns Finnish words into the terms a search index keeps and
// queries by, so that a search finds a word in any inflected form and by the
// parts of a compound: kunta finds kunnan, kunnassa, kuntien and
// kuntayhtymä; hanke finds hankkeen; tuotanto finds palvelutuotannon.
//
// Two analysers do this. Voikko, the Finnish morphological analyser, gives
// real base forms (lemmas) and splits compounds; it is a C library that is
// loaded at run time, so the program still starts, with a poorer search,
// where Voikko is not installed. Snowball's Finnish stemmer is the pure-Go
// fallback: it cuts endings off but knows no words, so it misses consonant
// gradation (kunta/kunnan) and cannot split compounds.
//
// Index and query must use the same analyser: a stem never equals a lemma.
package morph

import (
	"os"
	"strings"
	"unicode"
)

// Analyser turns one word into its index terms. Implementations are safe for
// concurrent use.
type Analyser interface {
	// Terms returns the terms a word is indexed and queried by: its base
	// forms (lower-case, accents kept) and, for a compound, the base form
	// of each part (palvelutuotannon → palvelutuotanto, palvelu, tuotanto).
	// The first term is the most likely base form. Punctuation around the
	// word is ignored; a word with no letter or digit gives nil, any other
	// gives at least one term: an unknown word (a surname) gives itself,
	// lower-cased. The caller may keep and modify the slice.
	Terms(word string) []string
	// Name says which analyser this is, for Settings:
	// "Voikko 4.3.1 (voikko-fi 2.5)" or "Snowball (Finnish)".
	Name() string
	// Close frees the analyser's resources. Terms still answers after
	// Close, as for an unknown word.
	Close() error
}

// EnvAnalyser names the environment variable that chooses the analyser:
// "snowball" forces the fallback (for tests and to compare results); empty or
// anything else lets New take Voikko when it can be loaded.
const EnvAnalyser = "HANKEKIRJA_MORPH"

// New returns Voikko when the library and its Finnish dictionary can be
// loaded, and the Snowball stemmer otherwise or when EnvAnalyser says
// "snowball". Call NewVoikko instead to learn why Voikko could not be used.
func New() Analyser {
	if strings.EqualFold(os.Getenv(EnvAnalyser), "snowball") {
		return NewSnowball()
	}
	if a, err := NewVoikko(); err == nil {
		return a
	}
	return NewSnowball()
}

// trimWord removes what is neither a letter nor a digit from both ends of
// word ("(Hyvinkää)," → "Hyvinkää") and keeps what is inside
// ("sote-uudistuksen"), so that callers may pass tokens split on spaces.
func trimWord(word string) string {
	return strings.TrimFunc(word, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// appendTerm appends t to terms unless it is empty or already there; terms
// are few, so a linear scan beats a set.
func appendTerm(terms []string, t string) []string {
	t = strings.Trim(t, "-")
	if t == "" {
		return terms
	}
	for _, have := range terms {
		if have == t {
			return terms
		}
	}
	return append(terms, t)
}
