package morph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// analysis is one reading of a word by Voikko, key by key (BASEFORM, CLASS,
// WORDBASES, ...), as voikko_mor_analysis_keys lists them.
type analysis map[string]string

// parseAnalyses reads the text the C side writes for one word: KEY=VALUE
// lines, and an empty line after each analysis. Values hold no newline.
func parseAnalyses(text string) []analysis {
	var out []analysis
	cur := analysis{}
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = analysis{}
			}
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok {
			cur[k] = v
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// termsOf turns Voikko's analyses of word into its terms: every analysis's
// base form first, then the parts of every compound reading. A word Voikko
// does not know gives unknownTerms.
//
// A capitalised word that has a proper-noun reading keeps only those:
// "Hyvinkään" is the town's genitive, not hyvä or hyvin with -kään, and
// indexing it under "hyvä" would make every good thing find Hyvinkää. A
// lower-case word keeps all readings, because a user types names in lower
// case and Voikko reads "hyvinkään" as the town too.
func termsOf(word string, as []analysis) []string {
	if startsUpper(word) {
		var proper []analysis
		for _, a := range as {
			if startsUpper(a["BASEFORM"]) {
				proper = append(proper, a)
			}
		}
		if len(proper) > 0 {
			as = proper
		}
	}
	var terms []string
	for _, a := range as {
		terms = appendTerm(terms, strings.ToLower(a["BASEFORM"]))
	}
	for _, a := range as {
		if parts := compoundParts(a["WORDBASES"]); len(parts) > 1 {
			for _, p := range parts {
				terms = appendTerm(terms, strings.ToLower(p))
			}
		}
	}
	if len(terms) == 0 {
		return unknownTerms(word)
	}
	return terms
}

// unknownTerms is what a word that no dictionary knows is indexed by: itself
// in lower case, and its Snowball stem, so that the inflected forms of an
// unknown surname or Swedish place name ("Tusbyn", "Tusby") still meet.
func unknownTerms(word string) []string {
	lower := strings.ToLower(word)
	return appendTerm([]string{lower}, stem(lower))
}

// compoundParts splits Voikko's WORDBASES value into the base forms of a
// compound's parts. voikko-fi 2.5 writes each morpheme as +surface(base):
//
//	palvelutuotannon  +palvel(palvella)+u(+u)+tuotanto(tuotanto)
//	kuntayhtymä       +kunta(kunta)+yhty(yhtyä)+m+ä(+ä)
//	sote-uudistuksen  +sote(sote)+-+uudist(uudistaa)+us(+us)
//	hyvinvointialue   +hyvinvointi(hyvin=vointi)+alue(alue)
//	2024              +2024
//
// The surface of each morpheme is already in base form (tuotanto, not
// tuotanno). A base starting with "+" marks a derivational suffix, which
// belongs to the part before it (palvel + u = palvelu); a morpheme with no
// base ("m") does too; "-" is the hyphen between parts. A "=" inside a base
// marks a boundary in the dictionary's own entry (hyvin=vointi) and is not
// split: hyvinvointi is one part to a reader.
func compoundParts(wordbases string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if s := strings.ReplaceAll(cur.String(), "=", ""); s != "" {
			parts = append(parts, s)
		}
		cur.Reset()
	}
	for _, m := range splitMorphemes(wordbases) {
		if m == "-" {
			flush()
			continue
		}
		surface, base, hasBase := strings.Cut(m, "(")
		base = strings.TrimSuffix(base, ")")
		if hasBase && !strings.HasPrefix(base, "+") {
			flush()
		}
		cur.WriteString(surface)
	}
	flush()
	return parts
}

// splitMorphemes splits "+a(b)+c(+d)" at the "+" signs outside
// parentheses: ["a(b)", "c(+d)"].
func splitMorphemes(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '+':
			if depth == 0 {
				if i > start {
					out = append(out, s[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
