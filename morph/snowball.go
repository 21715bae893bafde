package morph

import (
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/finnish"
)

// snowball is the fallback analyser: the Snowball Finnish stemmer, pure Go,
// always there. Its terms are stems, not base forms ("hankkeen" → "hankke"),
// so they only ever match other stems: index and query must both use it.
type snowball struct{}

// NewSnowball returns the Snowball Finnish stemmer as an Analyser. It needs
// nothing installed and is safe for concurrent use (each call has its own
// stemming state).
func NewSnowball() Analyser { return snowball{} }

func (snowball) Name() string { return "Snowball (Finnish)" }

func (snowball) Close() error { return nil }

// Terms gives the one stem of word.
func (snowball) Terms(word string) []string {
	w := trimWord(word)
	if w == "" {
		return nil
	}
	return []string{stem(strings.ToLower(w))}
}

// stem runs the Snowball Finnish stemmer on a lower-case word. A stem is
// never empty: a word the stemmer would cut away entirely stays whole.
func stem(lower string) string {
	env := snowballstem.NewEnv(lower)
	finnish.Stem(env)
	if s := env.Current(); s != "" {
		return s
	}
	return lower
}
