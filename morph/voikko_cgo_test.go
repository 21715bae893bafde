//go:build cgo && !windows

package morph

import (
	"strings"
	"testing"
)

// Prints what voikko-fi really returns for the words the term rules were
// written against (run with -v). It fails if the WORDBASES format that
// compoundParts reads has changed.
func TestVoikko_AnalysisAsReturned(t *testing.T) {
	v := newVoikko(t).(*voikko)
	for _, w := range []string{"palvelutuotannon", "kuntayhtymä", "kunnassa", "Hyvinkään",
		"hankkeen", "kotihoidon", "hyvinvointialueen"} {
		text, _ := v.analyse(w, true)
		as := parseAnalyses(text)
		if len(as) == 0 {
			t.Errorf("%s: no analysis", w)
			continue
		}
		for i, a := range as {
			t.Logf("%s #%d: BASEFORM=%s STRUCTURE=%s WORDBASES=%s CLASS=%s",
				w, i+1, a["BASEFORM"], a["STRUCTURE"], a["WORDBASES"], a["CLASS"])
			if !strings.HasPrefix(a["WORDBASES"], "+") {
				t.Errorf("%s: WORDBASES %q does not start with +", w, a["WORDBASES"])
			}
		}
	}
}

func TestVoikko_CacheIsBounded(t *testing.T) {
	v := newVoikko(t).(*voikko)
	for i := range 3 * cacheSize {
		v.Terms("sana" + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)))
	}
	if n := v.cache.len(); n > 2*cacheSize {
		t.Errorf("cache holds %d words, want at most %d", n, 2*cacheSize)
	}
}

// benchWords are words of a typical record, in the mix the index sees.
var benchWords = strings.Fields(`Hyvinvointialueen kotihoidon palvelutuotannon
	kehittämishanke alkoi Keski-Uudenmaan kunnissa vuonna 2024 ja hankkeen
	ohjausryhmään kuuluvat Hyvinkään Järvenpään Tuusulan ja Mäntsälän
	edustajat sekä Meikäläinen Öhman ja Lindqvist kuntayhtymästä`)

// BenchmarkVoikkoUncached is one Voikko analysis per word, as for a word
// the index meets for the first time.
func BenchmarkVoikkoUncached(b *testing.B) {
	v := newVoikko(b).(*voikko)
	i := 0
	for b.Loop() {
		v.compute(benchWords[i%len(benchWords)])
		i++
	}
}

// BenchmarkVoikkoCached is Terms on words seen before, the common case.
func BenchmarkVoikkoCached(b *testing.B) {
	v := newVoikko(b)
	for _, w := range benchWords {
		v.Terms(w)
	}
	i := 0
	for b.Loop() {
		v.Terms(benchWords[i%len(benchWords)])
		i++
	}
}

func BenchmarkSnowball(b *testing.B) {
	s := NewSnowball()
	i := 0
	for b.Loop() {
		s.Terms(benchWords[i%len(benchWords)])
		i++
	}
}
