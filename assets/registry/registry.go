// Package registry is the embedded register of Finnish municipalities that
// every Hankekirja database is seeded with: the 308 municipalities of
// Statistics Finland's 1.1.2026 classification with their regions (maakunta),
// wellbeing services counties (hyvinvointialue), language status and 2022
// population, and the municipalities abolished by the mergers of 2005–2025.
//
// The data are the CSV files in data/ (sources and licences in
// data/SOURCES.md). They are parsed once, on first use; every function
// returns copies, so callers may modify what they get.
package registry

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"hankekirja/model"
)

//go:embed data/*.csv
var dataFS embed.FS

// The embedded files.
const (
	municipalitiesFile = "data/kunnat-2026.csv"
	countiesFile       = "data/hyvinvointialueet-2026.csv"
	populationFile     = "data/kuntien-vakiluku-2022.csv"
	mergersFile        = "data/kuntaliitokset-2005-2026.csv"
)

// Region is a region (maakunta), "01"–"21". The data have no English region
// names, so Name.EN is empty.
type Region struct {
	Code string      `json:"code"`
	Name model.Names `json:"name"`
}

// County is a wellbeing services county (hyvinvointialue), "01"–"21", or one
// of the two organisers outside the counties: "90" the City of Helsinki and
// "91" Åland.
type County struct {
	Code string      `json:"code"`
	Name model.Names `json:"name"`
}

// registry is the parsed data.
type registry struct {
	municipalities []model.Municipality // current by code, then former by code
	regions        []Region
	counties       []County
	regionMembers  map[string][]string
	countyMembers  map[string][]string
	// resolve maps a normalised name or code to a current code.
	resolve map[string]string
}

var load = sync.OnceValues(func() (*registry, error) { return parse(dataFS) })

// Municipalities returns the registry: the current municipalities ordered by
// code, followed by the former ones (MergedYear set) ordered by code. Each
// record's Meta.ID is model.MunicipalityID(Code); the other Meta fields are
// zero, for the store to fill in.
func Municipalities() ([]model.Municipality, error) {
	r, err := load()
	if err != nil {
		return nil, err
	}
	return slices.Clone(r.municipalities), nil
}

// Resolve returns the code of the current municipality meant by nameOrCode:
// a current code ("091", or "91" with its leading zero lost), a current name
// in Finnish, Swedish or English ("Helsingfors"), or the code or name of a
// former municipality, which resolves to the municipality that holds its area
// today (Hauho → 109 Hämeenlinna; Länsi-Turunmaa, 445's name until 2011 →
// 445 Parainen). Case and surrounding spaces are ignored. Längelmäki, split
// between Jämsä and Orivesi in 2007, resolves to Jämsä (182). ok is false when
// nothing matches or the embedded data cannot be read.
func Resolve(nameOrCode string) (code string, ok bool) {
	r, err := load()
	if err != nil {
		return "", false
	}
	code, ok = r.resolve[resolveKey(nameOrCode)]
	return code, ok
}

// Regions returns the 19 regions ordered by code (nil if the embedded data
// cannot be read; Municipalities reports why).
func Regions() []Region {
	r, err := load()
	if err != nil {
		return nil
	}
	return slices.Clone(r.regions)
}

// Counties returns the 21 wellbeing services counties, Helsinki (90) and
// Åland (91), ordered by code (nil if the embedded data cannot be read).
func Counties() []County {
	r, err := load()
	if err != nil {
		return nil
	}
	return slices.Clone(r.counties)
}

// MunicipalitiesOfRegion returns the codes of the current municipalities of
// region code, in order; nil for an unknown region.
func MunicipalitiesOfRegion(code string) []string {
	r, err := load()
	if err != nil {
		return nil
	}
	return slices.Clone(r.regionMembers[strings.TrimSpace(code)])
}

// MunicipalitiesOfCounty returns the codes of the current municipalities of
// wellbeing services county code, in order; nil for an unknown county.
func MunicipalitiesOfCounty(code string) []string {
	r, err := load()
	if err != nil {
		return nil
	}
	return slices.Clone(r.countyMembers[strings.TrimSpace(code)])
}

// resolveKey normalises a name or code for lookup: trimmed, inner runs of
// space collapsed, lower case, NFC (names typed on macOS arrive decomposed),
// and a code of one or two digits padded to three.
func resolveKey(s string) string {
	s = norm.NFC.String(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	if n := len(s); n > 0 && n < 3 && strings.Trim(s, "0123456789") == "" {
		s = strings.Repeat("0", 3-n) + s
	}
	return s
}

// parse reads the four files from fsys and checks that they agree.
func parse(fsys fs.FS) (*registry, error) {
	reg := &registry{
		regionMembers: map[string][]string{},
		countyMembers: map[string][]string{},
		resolve:       map[string]string{},
	}
	// addKey records a lookup key unless an earlier (stronger) one holds it:
	// current codes, then current names, then former codes and names.
	addKey := func(key, code string) {
		if k := resolveKey(key); k != "" {
			if _, taken := reg.resolve[k]; !taken {
				reg.resolve[k] = code
			}
		}
	}

	// Wellbeing services counties.
	counties, err := readTable(fsys, countiesFile, "hyvinvointialue_koodi", "nimi_fi", "nimi_sv", "nimi_en", "kuntanumerot")
	if err != nil {
		return nil, err
	}
	countyByCode := map[string]County{}
	countyListed := map[string][]string{}
	for _, row := range counties {
		c := County{Code: row.get("hyvinvointialue_koodi"), Name: model.Names{
			FI: row.get("nimi_fi"), SV: row.get("nimi_sv"), EN: row.get("nimi_en"),
		}}
		if !twoDigits(c.Code) || c.Name.FI == "" {
			return nil, row.errorf("county %q has no valid code or Finnish name", c.Code)
		}
		if _, dup := countyByCode[c.Code]; dup {
			return nil, row.errorf("county %s listed twice", c.Code)
		}
		countyByCode[c.Code] = c
		reg.counties = append(reg.counties, c)
		listed := strings.Split(row.get("kuntanumerot"), ";")
		slices.Sort(listed)
		countyListed[c.Code] = listed
	}

	// Current municipalities.
	current, err := readTable(fsys, municipalitiesFile, "kuntanumero", "nimi_fi", "nimi_sv", "nimi_en",
		"tilastokeskus_nimi_fi", "kielisuhde_koodi", "maakunta_koodi", "maakunta_fi", "maakunta_sv", "hyvinvointialue_koodi")
	if err != nil {
		return nil, err
	}
	index := map[string]int{} // current code → position in reg.municipalities
	regionByCode := map[string]Region{}
	for _, row := range current {
		m := model.Municipality{
			Code:       row.get("kuntanumero"),
			Name:       model.Names{FI: row.get("nimi_fi"), SV: row.get("nimi_sv"), EN: row.get("nimi_en")},
			RegionCode: row.get("maakunta_koodi"),
			Region:     model.Names{FI: row.get("maakunta_fi"), SV: row.get("maakunta_sv")},
			CountyCode: row.get("hyvinvointialue_koodi"),
		}
		if !model.ValidMunicipalityCode(m.Code) || m.Name.FI == "" {
			return nil, row.errorf("municipality %q has no valid code or Finnish name", m.Code)
		}
		if _, dup := index[m.Code]; dup {
			return nil, row.errorf("municipality %s listed twice", m.Code)
		}
		ls, err := strconv.Atoi(row.get("kielisuhde_koodi"))
		if err != nil || ls < model.LanguageFinnish || ls > model.LanguageBilingualSwedish {
			return nil, row.errorf("municipality %s: language status %q", m.Code, row.get("kielisuhde_koodi"))
		}
		m.LanguageStatus = ls
		county, ok := countyByCode[m.CountyCode]
		if !ok {
			return nil, row.errorf("municipality %s: unknown county %q", m.Code, m.CountyCode)
		}
		m.County = county.Name
		if !twoDigits(m.RegionCode) || m.Region.FI == "" {
			return nil, row.errorf("municipality %s: region %q", m.Code, m.RegionCode)
		}
		if r, seen := regionByCode[m.RegionCode]; !seen {
			r = Region{Code: m.RegionCode, Name: m.Region}
			regionByCode[m.RegionCode] = r
			reg.regions = append(reg.regions, r)
		} else if r.Name != m.Region {
			return nil, row.errorf("region %s is called both %q and %q", m.RegionCode, r.Name.FI, m.Region.FI)
		}
		m.ID = model.MunicipalityID(m.Code)
		index[m.Code] = len(reg.municipalities)
		reg.municipalities = append(reg.municipalities, m)
		reg.regionMembers[m.RegionCode] = append(reg.regionMembers[m.RegionCode], m.Code)
		reg.countyMembers[m.CountyCode] = append(reg.countyMembers[m.CountyCode], m.Code)
	}
	slices.SortFunc(reg.municipalities, func(a, b model.Municipality) int { return strings.Compare(a.Code, b.Code) })
	for i, m := range reg.municipalities {
		index[m.Code] = i
	}
	for _, members := range reg.regionMembers {
		slices.Sort(members)
	}
	for code, members := range reg.countyMembers {
		slices.Sort(members)
		if !slices.Equal(members, countyListed[code]) {
			return nil, fmt.Errorf("registry: %s: county %s lists members %v, %s gives %v",
				countiesFile, code, countyListed[code], municipalitiesFile, members)
		}
	}
	for _, c := range reg.counties {
		if len(reg.countyMembers[c.Code]) == 0 {
			return nil, fmt.Errorf("registry: %s: county %s has no municipalities", countiesFile, c.Code)
		}
	}
	slices.SortFunc(reg.regions, func(a, b Region) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(reg.counties, func(a, b County) int { return strings.Compare(a.Code, b.Code) })
	for _, m := range reg.municipalities {
		addKey(m.Code, m.Code)
	}
	for _, row := range current {
		code := row.get("kuntanumero")
		for _, col := range []string{"nimi_fi", "nimi_sv", "nimi_en", "tilastokeskus_nimi_fi"} {
			addKey(row.get(col), code)
		}
	}

	// Population, on the 2022 division: municipalities merged since are
	// added to the one that holds their area now (kuntanumero_2026).
	population, err := readTable(fsys, populationFile, "kuntanumero", "vuosi", "vakiluku", "kuntanumero_2026")
	if err != nil {
		return nil, err
	}
	for _, row := range population {
		code := row.get("kuntanumero_2026")
		i, ok := index[code]
		if !ok {
			return nil, row.errorf("population of %s is for unknown municipality %q", row.get("kuntanumero"), code)
		}
		n, err1 := strconv.Atoi(row.get("vakiluku"))
		year, err2 := strconv.Atoi(row.get("vuosi"))
		if err1 != nil || err2 != nil || n < 0 {
			return nil, row.errorf("population of %s: %q in %q", row.get("kuntanumero"), row.get("vakiluku"), row.get("vuosi"))
		}
		m := &reg.municipalities[i]
		if m.PopulationYear != 0 && m.PopulationYear != year {
			return nil, row.errorf("population of %s mixes years %d and %d", code, m.PopulationYear, year)
		}
		m.Population += n
		m.PopulationYear = year
	}
	for _, m := range reg.municipalities {
		if m.PopulationYear == 0 {
			return nil, fmt.Errorf("registry: %s: no population for %s %s", populationFile, m.Code, m.Name.FI)
		}
	}

	// Former municipalities: one record per former code, from its first row.
	mergers, err := readTable(fsys, mergersFile, "vuosi", "muutos", "vanha_kuntanumero", "vanha_nimi_fi",
		"vanha_nimi_sv", "uusi_kuntanumero", "uusi_nimi_fi", "nykyinen_kuntanumero", "huomautus")
	if err != nil {
		return nil, err
	}
	var order []string
	byOld := map[string][]csvRow{}
	for _, row := range mergers {
		old := row.get("vanha_kuntanumero")
		if !model.ValidMunicipalityCode(old) || !model.ValidMunicipalityCode(row.get("uusi_kuntanumero")) {
			return nil, row.errorf("merger of %q into %q: invalid code", old, row.get("uusi_kuntanumero"))
		}
		if _, ok := index[row.get("nykyinen_kuntanumero")]; !ok {
			return nil, row.errorf("%s %s: successor %q is not a current municipality", old, row.get("vanha_nimi_fi"), row.get("nykyinen_kuntanumero"))
		}
		if _, ok := byOld[old]; !ok {
			order = append(order, old)
		}
		byOld[old] = append(byOld[old], row)
	}
	var former []model.Municipality
	for _, old := range order {
		rows := byOld[old]
		first := rows[0]
		successor := first.get("nykyinen_kuntanumero")
		addKey(old, successor)
		if _, isCurrent := index[old]; isCurrent {
			// A rename (445 Länsi-Turunmaa → Parainen in 2012) or a code
			// that lives on: the current record wins, the old names only
			// resolve to it.
			continue
		}
		year, err := strconv.Atoi(first.get("vuosi"))
		if err != nil || year < 1900 {
			return nil, first.errorf("%s: year %q", old, first.get("vuosi"))
		}
		m := model.Municipality{
			Code:       old,
			Name:       model.Names{FI: first.get("vanha_nimi_fi"), SV: first.get("vanha_nimi_sv")},
			MergedYear: year,
			MergedInto: first.get("uusi_kuntanumero"),
			Successor:  successor,
			Notes:      mergerNotes(rows),
		}
		if m.Name.FI == "" {
			return nil, first.errorf("former municipality %s has no Finnish name", old)
		}
		m.ID = model.MunicipalityID(old)
		former = append(former, m)
	}
	for _, m := range former {
		if _, ok := index[m.MergedInto]; !ok && byOld[m.MergedInto] == nil {
			return nil, fmt.Errorf("registry: %s: %s merged into unknown municipality %s", mergersFile, m.Code, m.MergedInto)
		}
	}
	for _, old := range order {
		for _, row := range byOld[old] {
			addKey(row.get("vanha_nimi_fi"), byOld[old][0].get("nykyinen_kuntanumero"))
			addKey(row.get("vanha_nimi_sv"), byOld[old][0].get("nykyinen_kuntanumero"))
		}
	}
	slices.SortFunc(former, func(a, b model.Municipality) int { return strings.Compare(a.Code, b.Code) })
	reg.municipalities = append(reg.municipalities, former...)
	return reg, nil
}

// mergerNotes describes a split between several municipalities (in Finnish,
// as the data's own notes are) and adds the data's notes.
func mergerNotes(rows []csvRow) string {
	var notes []string
	if len(rows) > 1 {
		parts := make([]string, len(rows))
		for i, r := range rows {
			parts[i] = r.get("uusi_nimi_fi") + " (" + r.get("uusi_kuntanumero") + ")"
		}
		notes = append(notes, "jaettiin: "+strings.Join(parts, ", "))
	}
	for _, r := range rows {
		h := r.get("huomautus")
		if h != "" && !slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, h) }) {
			notes = append(notes, h)
		}
	}
	return strings.Join(notes, "; ")
}

func twoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// csvRow is a CSV record read by column name.
type csvRow struct {
	file   string
	line   int
	cols   map[string]int
	fields []string
}

// get returns the trimmed value of a column readTable was asked for.
func (r csvRow) get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		panic("registry: column " + col + " of " + r.file + " was not requested")
	}
	return strings.TrimSpace(r.fields[i])
}

func (r csvRow) errorf(format string, args ...any) error {
	return fmt.Errorf("registry: %s line %d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

// readTable reads a CSV file with a header row that must hold the columns
// named.
func readTable(fsys fs.FS, name string, columns ...string) ([]csvRow, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("registry: %s: header: %w", name, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range columns {
		if _, ok := cols[c]; !ok {
			return nil, fmt.Errorf("registry: %s: no column %q", name, c)
		}
	}
	var rows []csvRow
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("registry: %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, csvRow{file: name, line: line, cols: cols, fields: fields})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("registry: %s has no rows", name)
	}
	return rows, nil
}
