package registry_test

// These tests check the embedded registry against the project's reference
// data in shared/data beside the repository, read here with encoding/csv
// independently of the package's parser.

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// sharedData returns the reference data directory: shared/data in the
// working directory or one of up to four directories above it (in CI,
// ../../../shared/data from this package). Without it the tests are skipped,
// except in CI, where they fail.
func sharedData(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := wd
	for range 5 { // the working directory and 4 levels up
		candidate := filepath.Join(dir, "shared", "data")
		if _, err := os.Stat(filepath.Join(candidate, "kunnat-2026.csv")); err == nil {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	msg := "reference data shared/data/kunnat-2026.csv not found in " + wd + " or up to 4 directories above it"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (required when CI=true)")
	}
	t.Skip(msg + "; skipping the checks against the reference data")
	return ""
}

// readCSV reads a reference file as one map (column → value) per row.
func readCSV(t *testing.T, dir, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(records) < 2 {
		t.Fatalf("%s: no rows", name)
	}
	header := records[0]
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

type reference struct {
	kunnat, counties, population, mergers []map[string]string
}

func loadReference(t *testing.T) reference {
	t.Helper()
	dir := sharedData(t)
	return reference{
		kunnat:     readCSV(t, dir, "kunnat-2026.csv"),
		counties:   readCSV(t, dir, "hyvinvointialueet-2026.csv"),
		population: readCSV(t, dir, "kuntien-vakiluku-2022.csv"),
		mergers:    readCSV(t, dir, "kuntaliitokset-2005-2026.csv"),
	}
}

// registryByCode returns the current and the former municipalities by code,
// failing on a code listed twice.
func registryByCode(t *testing.T) (current, former map[string]model.Municipality) {
	t.Helper()
	ms, err := registry.Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	current, former = map[string]model.Municipality{}, map[string]model.Municipality{}
	for _, m := range ms {
		if _, dup := current[m.Code]; dup {
			t.Errorf("code %s listed twice", m.Code)
		}
		if _, dup := former[m.Code]; dup {
			t.Errorf("code %s listed twice", m.Code)
		}
		if m.Former() {
			former[m.Code] = m
		} else {
			current[m.Code] = m
		}
	}
	return current, former
}

func TestEmbeddedFilesMatchReference(t *testing.T) {
	dir := sharedData(t)
	for _, name := range []string{"kunnat-2026.csv", "kuntaliitokset-2005-2026.csv", "kuntien-vakiluku-2022.csv", "hyvinvointialueet-2026.csv"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s differs from the reference copy; copy it again from shared/data", name)
		}
	}
}

func TestCurrentMunicipalities(t *testing.T) {
	ref := loadReference(t)
	current, _ := registryByCode(t)
	if len(ref.kunnat) != 308 {
		t.Fatalf("reference has %d municipalities, want 308", len(ref.kunnat))
	}
	if len(current) != len(ref.kunnat) {
		t.Errorf("registry has %d current municipalities, reference %d", len(current), len(ref.kunnat))
	}
	countyNames := map[string]model.Names{}
	for _, c := range ref.counties {
		countyNames[c["hyvinvointialue_koodi"]] = model.Names{FI: c["nimi_fi"], SV: c["nimi_sv"], EN: c["nimi_en"]}
	}
	for _, row := range ref.kunnat {
		code := row["kuntanumero"]
		m, ok := current[code]
		if !ok {
			t.Errorf("%s %s missing", code, row["nimi_fi"])
			continue
		}
		ls, _ := strconv.Atoi(row["kielisuhde_koodi"])
		want := model.Names{FI: row["nimi_fi"], SV: row["nimi_sv"], EN: row["nimi_en"]}
		if m.Name != want {
			t.Errorf("%s: name %+v, want %+v", code, m.Name, want)
		}
		if m.RegionCode != row["maakunta_koodi"] || m.Region != (model.Names{FI: row["maakunta_fi"], SV: row["maakunta_sv"]}) {
			t.Errorf("%s: region %s %+v, want %s %s/%s", code, m.RegionCode, m.Region, row["maakunta_koodi"], row["maakunta_fi"], row["maakunta_sv"])
		}
		if m.CountyCode != row["hyvinvointialue_koodi"] || m.County != countyNames[row["hyvinvointialue_koodi"]] {
			t.Errorf("%s: county %s %+v, want %s %+v", code, m.CountyCode, m.County, row["hyvinvointialue_koodi"], countyNames[row["hyvinvointialue_koodi"]])
		}
		if m.County.FI != row["hyvinvointialue_fi"] || m.County.SV != row["hyvinvointialue_sv"] {
			t.Errorf("%s: county names %+v disagree with kunnat-2026.csv %s/%s", code, m.County, row["hyvinvointialue_fi"], row["hyvinvointialue_sv"])
		}
		if m.LanguageStatus != ls {
			t.Errorf("%s: language status %d, want %d", code, m.LanguageStatus, ls)
		}
		if m.MergedYear != 0 || m.MergedInto != "" || m.Successor != "" || m.Notes != "" {
			t.Errorf("%s: current municipality has merger data or notes: %+v", code, m)
		}
	}
}

func TestPopulation(t *testing.T) {
	ref := loadReference(t)
	current, former := registryByCode(t)
	want := map[string]int{}
	for _, row := range ref.population {
		n, err := strconv.Atoi(row["vakiluku"])
		if err != nil {
			t.Fatal(err)
		}
		want[row["kuntanumero_2026"]] += n
	}
	total := 0
	for code, m := range current {
		total += m.Population
		if m.Population != want[code] || m.PopulationYear != 2022 {
			t.Errorf("%s %s: population %d (%d), want %d (2022)", code, m.Name.FI, m.Population, m.PopulationYear, want[code])
		}
	}
	if total != 5563970 {
		t.Errorf("total population %d, want 5,563,970", total)
	}
	// Mäntyharju includes Pertunmaa, merged in 2025.
	if got := current["507"].Population; got != 5564+1600 {
		t.Errorf("Mäntyharju 507 population %d, want 5564 + Pertunmaa's 1600", got)
	}
	for code, m := range former {
		if m.Population != 0 || m.PopulationYear != 0 {
			t.Errorf("former %s has a population", code)
		}
	}
	// Per county, as hyvinvointialueet-2026.csv sums it.
	for _, c := range ref.counties {
		sum := 0
		for _, code := range registry.MunicipalitiesOfCounty(c["hyvinvointialue_koodi"]) {
			sum += current[code].Population
		}
		if strconv.Itoa(sum) != c["vakiluku_2022"] {
			t.Errorf("county %s: population %d, want %s", c["hyvinvointialue_koodi"], sum, c["vakiluku_2022"])
		}
	}
}

func TestCounties(t *testing.T) {
	ref := loadReference(t)
	current, _ := registryByCode(t)
	counties := registry.Counties()
	if len(counties) != 23 || len(ref.counties) != 23 {
		t.Fatalf("%d counties, reference %d, want 23", len(counties), len(ref.counties))
	}
	if !slices.IsSortedFunc(counties, func(a, b registry.County) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("counties not sorted by code")
	}
	byCode := map[string]registry.County{}
	for _, c := range counties {
		byCode[c.Code] = c
	}
	members := 0
	for _, row := range ref.counties {
		code := row["hyvinvointialue_koodi"]
		c, ok := byCode[code]
		want := model.Names{FI: row["nimi_fi"], SV: row["nimi_sv"], EN: row["nimi_en"]}
		if !ok || c.Name != want {
			t.Errorf("county %s: %+v, want %+v", code, c, want)
		}
		wantMembers := strings.Split(row["kuntanumerot"], ";")
		slices.Sort(wantMembers)
		got := registry.MunicipalitiesOfCounty(code)
		if !slices.Equal(got, wantMembers) || strconv.Itoa(len(got)) != row["kuntien_lkm"] {
			t.Errorf("county %s members %v, want %v (%s)", code, got, wantMembers, row["kuntien_lkm"])
		}
		for _, m := range got {
			if current[m].CountyCode != code {
				t.Errorf("county %s lists %s, whose county is %q", code, m, current[m].CountyCode)
			}
		}
		members += len(got)
	}
	if members != 308 {
		t.Errorf("counties have %d members in all, want 308", members)
	}
	if got := registry.MunicipalitiesOfCounty("99"); got != nil {
		t.Errorf("unknown county has members %v", got)
	}
}

func TestKUUMA(t *testing.T) {
	want := []string{"106", "186", "505", "543", "611", "858"}
	if got := registry.MunicipalitiesOfCounty("02"); !slices.Equal(got, want) {
		t.Errorf("county 02 (Keski-Uusimaa) members %v, want the KUUMA six %v", got, want)
	}
}

func TestRegions(t *testing.T) {
	ref := loadReference(t)
	want := map[string]model.Names{}
	wantMembers := map[string][]string{}
	for _, row := range ref.kunnat {
		code := row["maakunta_koodi"]
		want[code] = model.Names{FI: row["maakunta_fi"], SV: row["maakunta_sv"]}
		wantMembers[code] = append(wantMembers[code], row["kuntanumero"])
	}
	regions := registry.Regions()
	if len(regions) != len(want) || len(regions) != 19 {
		t.Errorf("%d regions, reference %d, want 19", len(regions), len(want))
	}
	if !slices.IsSortedFunc(regions, func(a, b registry.Region) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("regions not sorted by code")
	}
	for _, r := range regions {
		if r.Name != want[r.Code] {
			t.Errorf("region %s: %+v, want %+v", r.Code, r.Name, want[r.Code])
		}
		w := wantMembers[r.Code]
		slices.Sort(w)
		if got := registry.MunicipalitiesOfRegion(r.Code); !slices.Equal(got, w) {
			t.Errorf("region %s members %v, want %v", r.Code, got, w)
		}
	}
	if got := registry.MunicipalitiesOfRegion("03"); got != nil {
		t.Errorf("unused region 03 has members %v", got)
	}
}

func TestFormerMunicipalities(t *testing.T) {
	ref := loadReference(t)
	current, former := registryByCode(t)
	firstRow := map[string]map[string]string{}
	var codes []string
	for _, row := range ref.mergers {
		old := row["vanha_kuntanumero"]
		if _, seen := firstRow[old]; !seen {
			firstRow[old] = row
			codes = append(codes, old)
		}
	}
	for _, old := range codes {
		row := firstRow[old]
		if _, isCurrent := current[old]; isCurrent {
			// The 2012 rename of 445: no former record, the current one wins.
			if _, dup := former[old]; dup {
				t.Errorf("%s is both current and former", old)
			}
			continue
		}
		m, ok := former[old]
		if !ok {
			t.Errorf("former %s %s missing", old, row["vanha_nimi_fi"])
			continue
		}
		year, _ := strconv.Atoi(row["vuosi"])
		if m.Name != (model.Names{FI: row["vanha_nimi_fi"], SV: row["vanha_nimi_sv"]}) ||
			m.MergedYear != year || m.MergedInto != row["uusi_kuntanumero"] || m.Successor != row["nykyinen_kuntanumero"] {
			t.Errorf("former %s: %+v, want row %v", old, m, row)
		}
		if m.RegionCode != "" || m.CountyCode != "" {
			t.Errorf("former %s has a region or county", old)
		}
	}
	if len(former) != len(codes)-1 { // all but 445, renamed
		t.Errorf("%d former municipalities, want %d", len(former), len(codes)-1)
	}
	for code := range former {
		if _, ok := firstRow[code]; !ok {
			t.Errorf("former %s is not in the merger list", code)
		}
	}
	if _, ok := former["445"]; ok {
		t.Error("the 2012 rename Länsi-Turunmaa → Parainen made a former municipality 445")
	}
	if got := current["445"].Name.FI; got != "Parainen" {
		t.Errorf("445 is called %q, want Parainen", got)
	}
	if notes := former["443"].Notes; !strings.Contains(notes, "182") || !strings.Contains(notes, "562") {
		t.Errorf("Längelmäki's notes %q do not mention the split between 182 and 562", notes)
	}
}

func TestFormerResolve(t *testing.T) {
	ref := loadReference(t)
	first := map[string]string{} // former code → nykyinen_kuntanumero of its first row
	for _, row := range ref.mergers {
		if _, seen := first[row["vanha_kuntanumero"]]; !seen {
			first[row["vanha_kuntanumero"]] = row["nykyinen_kuntanumero"]
		}
	}
	for _, row := range ref.mergers {
		want := first[row["vanha_kuntanumero"]]
		for _, key := range []string{row["vanha_kuntanumero"], row["vanha_nimi_fi"], row["vanha_nimi_sv"]} {
			if got, ok := registry.Resolve(key); !ok || got != want {
				t.Errorf("Resolve(%q) = %q, %v; want %s (%s)", key, got, ok, want, row["nykyinen_nimi_fi"])
			}
		}
	}
}

func TestResolveCurrent(t *testing.T) {
	ref := loadReference(t)
	for _, row := range ref.kunnat {
		code := row["kuntanumero"]
		for _, key := range []string{code, row["nimi_fi"], row["nimi_sv"], row["nimi_en"],
			strings.ToUpper(row["nimi_fi"]), strings.ToLower(row["nimi_sv"]), "  " + row["nimi_en"] + "\t"} {
			if got, ok := registry.Resolve(key); !ok || got != code {
				t.Errorf("Resolve(%q) = %q, %v; want %s", key, got, ok, code)
			}
		}
	}
}

func TestResolveExamples(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hauho", "109"}, {"Lammi", "109"}, {"Tuulos", "109"},
		{"hauho", "109"}, {"  LAMMI ", "109"}, {"tuulos\n", "109"},
		{"Hämeenkoski", "098"}, {"HÄMEENKOSKI", "098"},
		{"Pertunmaa", "507"}, {"588", "507"},
		{"Länsi-Turunmaa", "445"}, {"Väståboland", "445"}, {"länsi-turunmaa", "445"}, {"VÄSTÅBOLAND", "445"},
		{"Parainen", "445"}, {"Pargas", "445"}, {"573", "445"},
		{"091", "091"}, {" 091 ", "091"}, {"Helsingfors", "091"}, {"helsingfors", "091"}, {"Helsinki", "091"},
		{"Vöyri", "946"}, {"944", "946"}, {"945", "946"}, {"Vöyri-Maksamaa", "946"},
		{"Suodenniemi", "790"}, {"Vammala", "790"},
		{"Längelmäki", "182"}, {"443", "182"},
		{"Anjalankoski", "286"},
		{"Mariehamn", "478"}, {"Maarianhamina", "478"},
		{"Ha\u0308meenlinna", "109"}, // decomposed ä, as macOS may give it
	}
	for _, c := range cases {
		if got, ok := registry.Resolve(c.in); !ok || got != c.want {
			t.Errorf("Resolve(%q) = %q, %v; want %s", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"", "   ", "Atlantis", "000", "1000", "Helsingin kaupunki", "Uusimaa"} {
		if got, ok := registry.Resolve(in); ok {
			t.Errorf("Resolve(%q) = %q, want no match", in, got)
		}
	}
}

func TestIDsAndValidity(t *testing.T) {
	ms, err := registry.Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[model.ID]string{}
	for _, m := range ms {
		if m.ID != model.MunicipalityID(m.Code) {
			t.Errorf("%s: ID %s, want MunicipalityID(%q)", m.Code, m.ID, m.Code)
		}
		if other, dup := seen[m.ID]; dup {
			t.Errorf("%s and %s share ID %s", m.Code, other, m.ID)
		}
		seen[m.ID] = m.Code
		if want := (model.Meta{ID: m.ID}); !reflect.DeepEqual(m.Meta, want) {
			t.Errorf("%s: Meta other than ID set: %+v", m.Code, m.Meta)
		}
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", m.Code, err)
		}
	}
	// Current municipalities come first, in code order, then former ones.
	split := slices.IndexFunc(ms, func(m model.Municipality) bool { return m.Former() })
	if split != 308 || slices.ContainsFunc(ms[split:], func(m model.Municipality) bool { return !m.Former() }) {
		t.Errorf("current municipalities are not the first 308 (first former at %d)", split)
	}
	byCode := func(a, b model.Municipality) int { return strings.Compare(a.Code, b.Code) }
	if !slices.IsSortedFunc(ms[:split], byCode) || !slices.IsSortedFunc(ms[split:], byCode) {
		t.Error("municipalities not sorted by code")
	}
}

func TestReturnsCopies(t *testing.T) {
	ms, err := registry.Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	ms[0].Name.FI = "changed"
	registry.Counties()[0].Name.FI = "changed"
	registry.Regions()[0].Name.FI = "changed"
	registry.MunicipalitiesOfCounty("02")[0] = "999"
	registry.MunicipalitiesOfRegion("01")[0] = "999"
	again, _ := registry.Municipalities()
	if again[0].Name.FI == "changed" || registry.Counties()[0].Name.FI == "changed" ||
		registry.Regions()[0].Name.FI == "changed" || registry.MunicipalitiesOfCounty("02")[0] == "999" ||
		registry.MunicipalitiesOfRegion("01")[0] == "999" {
		t.Error("a caller's change reached the registry")
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := registry.Municipalities(); err != nil {
				t.Error(err)
			}
			if code, ok := registry.Resolve("Hauho"); !ok || code != "109" {
				t.Errorf("Resolve(Hauho) = %q, %v", code, ok)
			}
			_ = registry.Counties()
			_ = registry.MunicipalitiesOfRegion("05")
		})
	}
	wg.Wait()
}
