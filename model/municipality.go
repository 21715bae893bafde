package model

import "strings"

// Municipality (kunta) is a current or former Finnish municipality. The
// registry (Statistics Finland's 2026 classification and the mergers since
// 2005) is embedded in assets and present in every database; users may add
// notes but cannot change the official data.
type Municipality struct {
	Meta
	// Code is the official three-digit code, kept as text ("091").
	Code string `json:"code"`
	Name Names  `json:"name"`
	// Region (maakunta) code "01"–"21" and names.
	RegionCode string `json:"region_code,omitempty"`
	Region     Names  `json:"region,omitzero"`
	// County is the wellbeing services county (hyvinvointialue): "01"–"21",
	// "90" for Helsinki, "91" for Åland.
	CountyCode string `json:"county_code,omitempty"`
	County     Names  `json:"county,omitzero"`
	// LanguageStatus: 0 Finnish, 1 bilingual Finnish majority, 2 Swedish,
	// 3 bilingual Swedish majority.
	LanguageStatus int `json:"language_status"`
	Population     int `json:"population,omitempty"`
	PopulationYear int `json:"population_year,omitempty"`
	// MergedYear is set for a former municipality: the year it merged (or was
	// renamed) into MergedInto, the municipality that received it then.
	// Successor is the municipality that holds its area today.
	MergedYear int    `json:"merged_year,omitempty"`
	MergedInto string `json:"merged_into,omitempty"`
	Successor  string `json:"successor,omitempty"`
	Notes      string `json:"notes,omitempty"`
}

// Language statuses (kielisuhde).
const (
	LanguageFinnish          = 0
	LanguageBilingualFinnish = 1
	LanguageSwedish          = 2
	LanguageBilingualSwedish = 3
)

func (m *Municipality) Kind() Kind       { return KindMunicipality }
func (m *Municipality) Title() string    { return m.Name.FI }
func (m *Municipality) SortName() string { return m.Name.FI }

// Former reports whether the municipality no longer exists.
func (m *Municipality) Former() bool { return m.MergedYear != 0 }

func (m *Municipality) Subtitle() string {
	if m.Former() {
		return m.Code + " · " + m.Successor
	}
	return m.Code + " · " + m.Region.FI
}

func (m *Municipality) SearchText() string {
	return strings.Join([]string{m.Code, m.Name.FI, m.Name.SV, m.Name.EN, m.Region.FI, m.Region.SV}, " ")
}

func (m *Municipality) Facets() []string {
	f := []string{"code:" + m.Code}
	if m.Former() {
		return append(f, "former", "successor:"+m.Successor)
	}
	return append(f, "current", "region:"+m.RegionCode, "county:"+m.CountyCode)
}

func (m *Municipality) Validate() error {
	var c errs
	if !ValidMunicipalityCode(m.Code) {
		c.add(Invalid("code", "error.municipality_code"))
	}
	c.add(required("name", m.Name.FI))
	if m.LanguageStatus < 0 || m.LanguageStatus > 3 {
		c.add(Invalid("language_status", "error.choice"))
	}
	if m.MergedInto != "" && !ValidMunicipalityCode(m.MergedInto) {
		c.add(Invalid("merged_into", "error.municipality_code"))
	}
	return c.err()
}

func (m *Municipality) Refs() []Ref       { return nil }
func (m *Municipality) Unlink(id ID) bool { return false }
