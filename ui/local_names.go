package ui

import (
	"strings"

	"hankekirja/model"
)

// The records hold a municipality's name in Finnish, which is also what
// summaries and links carry. A bilingual municipality has an official
// Swedish name (Tuusula is Tusby, Raasepori Raseborg), and the Swedish
// interface uses it wherever a municipality is named; Finnish-only
// municipalities keep their one name.

// localTitle is a record's title as the interface language names it:
// for a municipality, its name in that language, keeping anything the
// title adds after the name (" (186)"); other kinds unchanged.
func localTitle(kind model.Kind, id model.ID, title string) string {
	if kind != model.KindMunicipality || currentLanguage == "fi" {
		return title
	}
	m, ok := pickerRegistry().byID[id]
	if !ok {
		return title
	}
	if rest, found := strings.CutPrefix(title, m.Name.FI); found {
		return m.Name.In(currentLanguage) + rest
	}
	return title
}

// summaryTitle is localTitle of a summary.
func summaryTitle(s model.Summary) string { return localTitle(s.Kind, s.ID, s.Title) }
