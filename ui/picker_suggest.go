package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"hankekirja/model"
)

// A picker that finds nothing suggests the nearest name ("Tarkoititko:
// Tuusula?"): a misspelt name is the usual reason for an empty result.
// Names are compared without case and accents, whole and word by word,
// and also by their beginning as long as what was typed, so that
// "tusul" finds Tuusula while it is still being typed.

// maxTypos is how many edits a suggestion may be away from what was
// typed: one in a short word, more in a long one.
func maxTypos(typed string) int {
	switch n := utf8.RuneCountInString(typed); {
	case n < 3:
		return 0
	case n <= 5:
		return 1
	case n <= 10:
		return 2
	default:
		return 3
	}
}

// nameDistance is how far typed (folded) is from name.
func nameDistance(typed, name string) int {
	name = model.Fold(name)
	best := levenshtein.ComputeDistance(typed, name)
	candidates := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == ',' })
	if r := []rune(name); len(r) > utf8.RuneCountInString(typed) {
		candidates = append(candidates, string(r[:utf8.RuneCountInString(typed)]))
	}
	for _, c := range candidates {
		best = min(best, levenshtein.ComputeDistance(typed, c))
	}
	return best
}

// closestName returns the index of the name nearest to typed, or -1 when
// none is near enough. At equal distance the shorter name wins (the
// likelier one: "Tuusula" over "Tuusulan Kehitys Oy").
func closestName(typed string, names []string) int {
	typed = model.Fold(strings.TrimSpace(typed))
	limit := maxTypos(typed)
	if limit == 0 {
		return -1
	}
	best, bestD := -1, limit+1
	for i, n := range names {
		d := nameDistance(typed, n)
		if d < bestD || d == bestD && best >= 0 && len(n) < len(names[best]) {
			best, bestD = i, d
		}
	}
	return best
}

// municipalitySuggestion is a municipality suggested for a misspelt name:
// the one that holds the area today and, when a former name was the
// nearest, that name.
type municipalitySuggestion struct {
	m      model.Municipality
	former string
	// matched is the name that was nearest (Tusby for "Tusbi").
	matched string
}

// closestMunicipality finds the municipality whose current or former
// name, in Finnish or Swedish, is nearest to typed.
func closestMunicipality(typed string) (municipalitySuggestion, bool) {
	reg := pickerRegistry()
	var names []string
	var owners []model.Municipality
	for _, m := range reg.all {
		for _, n := range []string{m.Name.FI, m.Name.SV} {
			if n != "" {
				names = append(names, n)
				owners = append(owners, m)
			}
		}
	}
	i := closestName(typed, names)
	if i < 0 {
		return municipalitySuggestion{}, false
	}
	m := owners[i]
	if !m.Former() {
		return municipalitySuggestion{m: m, matched: names[i]}, true
	}
	now, ok := reg.byID[model.MunicipalityID(m.Successor)]
	return municipalitySuggestion{m: now, former: m.Name.FI, matched: names[i]}, ok
}

// label is "Hämeenlinna (Hauho)" for a former name, else the name, in the
// interface language.
func (s municipalitySuggestion) label() string {
	name := s.m.Name.In(currentLanguage)
	if s.former != "" {
		return name + " (" + s.former + ")"
	}
	return name
}
