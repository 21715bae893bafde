package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"hankekirja/morph"
)

// Snippet is a piece of a record's text around a hit, with the matched
// words marked as byte ranges of Text.
type Snippet struct {
	Text  string
	Marks [][2]int
}

// Marked returns the snippet's text with open and close around each
// matched word ("**kunnan**").
func (s Snippet) Marked(open, close string) string {
	var b strings.Builder
	last := 0
	for _, m := range s.Marks {
		b.WriteString(s.Text[last:m[0]])
		b.WriteString(open)
		b.WriteString(s.Text[m[0]:m[1]])
		b.WriteString(close)
		last = m[1]
	}
	b.WriteString(s.Text[last:])
	return b.String()
}

// snippetRunes is about how much text a snippet shows.
const snippetRunes = 110

// MakeSnippet cuts the part of text around the first word that matches
// one of words and marks every matching word in it. The text is shown on
// one line: newlines become spaces.
func (ix *Indexer) MakeSnippet(text string, words []Word) Snippet {
	text = strings.Join(strings.Fields(text), " ")
	type span struct{ start, end int }
	var hits []span
	start := -1
	for i, r := range text + " " {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-.@_+", r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			tok := strings.Trim(text[start:i], "-.@_+")
			off := start + strings.Index(text[start:i], tok)
			if tok != "" && ix.matches(tok, words) {
				hits = append(hits, span{off, off + len(tok)})
			}
			start = -1
		}
	}
	from, to := 0, len(text)
	if utf8.RuneCountInString(text) > snippetRunes {
		first := 0
		if len(hits) > 0 {
			first = hits[0].start
		}
		from = backRunes(text, first, snippetRunes/3)
		to = min(len(text), from+snippetRunes*3/2)
		for to < len(text) && !utf8.RuneStart(text[to]) {
			to++
		}
		if i := strings.LastIndexByte(text[from:to], ' '); i > snippetRunes/2 && to < len(text) {
			to = from + i
		}
	}
	s := Snippet{Text: text[from:to]}
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	for _, h := range hits {
		if h.start >= from && h.end <= to {
			s.Marks = append(s.Marks, [2]int{h.start - from + len(prefix), h.end - from + len(prefix)})
		}
	}
	s.Text = prefix + s.Text
	if to < len(text) {
		s.Text += "…"
	}
	return s
}

// backRunes steps n runes back from byte offset i, to a word start.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	if i > 0 {
		if j := strings.IndexByte(s[i:], ' '); j >= 0 && j < 20 {
			i += j + 1
		}
	}
	return i
}

// matches reports whether a token of a text is a hit of one of the words.
func (ix *Indexer) matches(tok string, words []Word) bool {
	var e Entry
	e.Keys, e.Surfaces = map[Key]Occurrence{}, map[Key]string{}
	ix.indexToken(&e, Occurrence{}, tok)
	folded := morph.Fold(tok)
	for _, w := range words {
		if _, ok := e.Keys[w.Surface]; ok {
			return true
		}
		if w.HasBase {
			if _, ok := e.Keys[w.Base]; ok {
				return true
			}
			if _, ok := e.Keys[w.Stem]; ok {
				return true
			}
		}
		if len(w.Folded) >= 2 {
			for _, s := range surfaces(folded) {
				if strings.HasPrefix(s, w.Folded) {
					return true
				}
			}
		}
		if d := strings.TrimPrefix(w.Folded, "0"); !hasLetter(w.Folded) && len(d) >= 5 && strings.Contains(digits(folded), d) {
			return true
		}
	}
	return false
}
