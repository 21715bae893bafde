package ui

import (
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// municipalityPicker edits a project's participating municipalities: find
// one by name or code ("hyvin", "106", even a former name such as "Hauho"),
// or add every current municipality of a region (maakunta) or a wellbeing
// services county (hyvinvointialue) in one step. Municipalities already
// taking part are skipped. Each participant has an optional role.
//
// The municipalities come from the embedded registry, which every database
// holds under the same IDs, so the picker needs no database round trip.
type municipalityPicker struct {
	f *form
	// p holds the participants in their order (only Municipalities is
	// used), so that Project.AddMunicipality decides what is a duplicate.
	p     model.Project
	roles map[model.ID]*widget.Entry

	search      *widget.Entry
	suggestions *fyne.Container
	matches     []pickerMatch
	region      *widget.Select
	county      *widget.Select
	status      *widget.Label
	count       *widget.Label
	rows        *fyne.Container
	content     fyne.CanvasObject

	// onRegion is told the code of a region whose municipalities were
	// all added (the form adds the region to the project's regions).
	onRegion func(code string)
}

// pickerMaxSuggestions is how many matches the picker offers at once.
const pickerMaxSuggestions = 6

func newMunicipalityPicker(f *form) *municipalityPicker {
	m := &municipalityPicker{f: f, roles: map[model.ID]*widget.Entry{}}
	m.search = widget.NewEntry()
	m.search.SetPlaceHolder(T("projects.muni_search"))
	m.search.OnChanged = m.find
	m.search.OnSubmitted = func(string) {
		if len(m.matches) > 0 {
			m.addMatch(m.matches[0])
		}
	}
	add := widget.NewButtonWithIcon(T("projects.muni_add"), theme.ContentAddIcon(), func() {
		if len(m.matches) > 0 {
			m.addMatch(m.matches[0])
		} else if strings.TrimSpace(m.search.Text) != "" {
			m.setStatus(T("projects.muni_not_found", map[string]any{"Text": strings.TrimSpace(m.search.Text)}))
		}
	})
	m.suggestions = container.NewVBox()

	regions := registry.Regions()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = r.Name.In(currentLanguage)
	}
	m.region = newSelect(names, nil)
	m.region.PlaceHolder = T("projects.muni_add_region")
	m.region.OnChanged = func(string) {
		i := m.region.SelectedIndex()
		if i < 0 {
			return
		}
		m.region.ClearSelected()
		m.addAll(registry.MunicipalitiesOfRegion(regions[i].Code))
		if m.onRegion != nil {
			m.onRegion(regions[i].Code)
		}
	}
	counties := registry.Counties()
	names = make([]string, len(counties))
	for i, c := range counties {
		names[i] = c.Name.In(currentLanguage)
	}
	m.county = newSelect(names, nil)
	m.county.PlaceHolder = T("projects.muni_add_county")
	m.county.OnChanged = func(string) {
		i := m.county.SelectedIndex()
		if i < 0 {
			return
		}
		m.county.ClearSelected()
		m.addAll(registry.MunicipalitiesOfCounty(counties[i].Code))
	}

	m.status = widget.NewLabel("")
	m.status.Wrapping = fyne.TextWrapWord
	m.status.Importance = widget.SuccessImportance
	m.status.Hide()
	m.count = projectLowLabel("")
	removeAll := widget.NewButtonWithIcon(T("projects.muni_remove_all"), theme.DeleteIcon(), func() {
		m.p.Municipalities = nil
		m.rebuild()
		m.f.changed()
	})
	removeAll.Importance = widget.LowImportance
	m.rows = container.NewVBox()
	m.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, add, m.search),
		m.suggestions,
		container.NewGridWithColumns(2, m.region, m.county),
		m.status,
		m.rows,
		container.NewBorder(nil, nil, m.count, removeAll),
	)
	m.rebuild()
	return m
}

// set shows a project's participants (when a form is filled).
func (m *municipalityPicker) set(parts []model.Participation) {
	m.p.Municipalities = slices.Clone(parts)
	m.roles = map[model.ID]*widget.Entry{}
	for _, pt := range parts {
		m.roleEntry(pt.Municipality).SetText(pt.Role)
	}
	m.status.Hide()
	m.rebuild()
}

// participations returns the participants with the roles as typed.
func (m *municipalityPicker) participations() []model.Participation {
	var out []model.Participation
	for _, pt := range m.p.Municipalities {
		pt.Role = strings.TrimSpace(m.roleEntry(pt.Municipality).Text)
		out = append(out, pt)
	}
	return out
}

func (m *municipalityPicker) roleEntry(id model.ID) *widget.Entry {
	e, ok := m.roles[id]
	if !ok {
		e = widget.NewEntry()
		e.SetPlaceHolder(T("projects.muni_role"))
		e.OnChanged = func(string) { m.f.changed() }
		m.roles[id] = e
	}
	return e
}

// add adds one municipality by code and reports whether it was new.
func (m *municipalityPicker) add(code string) bool {
	id := model.MunicipalityID(code)
	if !m.p.AddMunicipality(id, "") {
		return false
	}
	m.roleEntry(id)
	return true
}

// addAll adds municipalities by code, skipping those already there, and
// says how it went.
func (m *municipalityPicker) addAll(codes []string) {
	added := 0
	var skipped []string
	for _, c := range codes {
		if m.add(c) {
			added++
		} else {
			skipped = append(skipped, pickerMunicipalityName(model.MunicipalityID(c)))
		}
	}
	msg := T("projects.muni_added", map[string]any{"Count": added})
	if len(skipped) > 0 {
		if len(skipped) > 5 {
			skipped = append(skipped[:5], "…")
		}
		msg += " " + T("projects.muni_skipped", map[string]any{"Names": strings.Join(skipped, ", ")})
	}
	m.setStatus(msg)
	if added > 0 {
		m.f.changed()
		m.rebuild()
	}
}

// addMatch adds a municipality found by typing and clears the search.
func (m *municipalityPicker) addMatch(r pickerMatch) {
	name := pickerMunicipalityName(r.m.ID)
	switch {
	case !m.add(r.m.Code):
		m.setStatus(T("projects.muni_skipped", map[string]any{"Names": name}))
	case r.typed != "":
		m.setStatus(T("projects.muni_resolved", map[string]any{"Text": r.typed, "Name": name}))
	default:
		m.setStatus(T("projects.muni_added_one", map[string]any{"Name": name}))
	}
	m.f.changed()
	m.search.SetText("")
	m.rebuild()
}

func (m *municipalityPicker) setStatus(text string) {
	m.status.SetText(text)
	m.status.Show()
}

// find offers the municipalities matching what was typed.
func (m *municipalityPicker) find(q string) {
	m.matches = pickerMatchMunicipalities(q, pickerMaxSuggestions)
	m.suggestions.RemoveAll()
	for _, r := range m.matches {
		text := pickerMunicipalityLabel(r.m)
		if r.typed != "" {
			text += " ← " + r.typed
		}
		b := widget.NewButton(text, func() { m.addMatch(r) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if m.p.HasMunicipality(r.m.ID) {
			b.Disable()
		}
		m.suggestions.Add(b)
	}
	if len(m.matches) == 0 && strings.TrimSpace(q) != "" {
		m.suggestions.Add(projectLowLabel(T("projects.muni_not_found", map[string]any{"Text": strings.TrimSpace(q)})))
		if s, ok := closestMunicipality(q); ok {
			b := widget.NewButtonWithIcon(T("picker.did_you_mean", map[string]any{"Name": s.label()}), theme.QuestionIcon(),
				func() { m.addMatch(pickerMatch{m: s.m, typed: s.former}) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			m.suggestions.Add(b)
		}
	}
	m.suggestions.Refresh()
}

// rebuild lays out the participant rows.
func (m *municipalityPicker) rebuild() {
	m.rows.RemoveAll()
	for _, pt := range m.p.Municipalities {
		id := pt.Municipality
		name := widget.NewLabel(pickerMunicipalityName(id))
		name.Truncation = fyne.TextTruncateEllipsis
		region := projectLowLabel(pickerMunicipalityRegion(id))
		region.Truncation = fyne.TextTruncateEllipsis
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			m.p.Municipalities = slices.DeleteFunc(m.p.Municipalities, func(x model.Participation) bool { return x.Municipality == id })
			m.f.changed()
			m.rebuild()
		})
		remove.Importance = widget.LowImportance
		left := container.New(&projectColumnsLayout{widths: []float32{150, 130}}, name, region)
		m.rows.Add(container.NewBorder(nil, nil, left, remove, m.roleEntry(id)))
	}
	m.count.SetText(T("projects.muni_count", map[string]any{"Count": len(m.p.Municipalities)}))
	m.rows.Refresh()
	if len(m.matches) > 0 {
		m.find(m.search.Text)
	}
}

// pickerMatch is a municipality found by what was typed; typed is set
// when a former name led to it ("Hauho" → Hämeenlinna).
type pickerMatch struct {
	m     model.Municipality
	typed string
}

// pickerRegistry is the registry indexed for the picker.
var pickerRegistry = sync.OnceValue(func() (r struct {
	current []model.Municipality
	all     []model.Municipality // current by code, then former by code
	byID    map[model.ID]model.Municipality
}) {
	all, err := registry.Municipalities()
	if err != nil {
		fyne.LogError("reading the municipality registry", err)
	}
	r.all = all
	r.byID = map[model.ID]model.Municipality{}
	for _, m := range all {
		r.byID[m.ID] = m
		if !m.Former() {
			r.current = append(r.current, m)
		}
	}
	return r
})

// pickerMatchMunicipalities finds current municipalities whose code starts with
// q or whose name (Finnish or Swedish) has words starting with q's words;
// a former name or code leads to the municipality that holds its area now.
// An exact name or code comes first, then the rest in Finnish order.
func pickerMatchMunicipalities(q string, limit int) []pickerMatch {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	words := model.SearchWords(q)
	digits := strings.Trim(q, "0123456789") == ""
	var out []pickerMatch
	exact := -1
	for _, m := range pickerRegistry().current {
		var ok bool
		if digits {
			ok = strings.HasPrefix(m.Code, q) || strings.HasPrefix(strings.TrimLeft(m.Code, "0"), q)
		} else {
			ok = model.MatchQuery(words, model.JoinWords(model.SearchWords(m.Name.FI+" "+m.Name.SV)))
		}
		if ok {
			out = append(out, pickerMatch{m: m})
		}
	}
	slices.SortFunc(out, func(a, b pickerMatch) int { return model.CompareNames(a.m.Name.FI, b.m.Name.FI) })
	code, resolved := registry.Resolve(q)
	if resolved {
		for i, r := range out {
			if r.m.Code == code {
				exact = i
			}
		}
		if exact < 0 {
			// A former name or code.
			if m, ok := pickerRegistry().byID[model.MunicipalityID(code)]; ok {
				out = append([]pickerMatch{{m: m, typed: q}}, out...)
			}
		} else {
			out = append(append([]pickerMatch{out[exact]}, out[:exact]...), out[exact+1:]...)
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// pickerMunicipalityName is a municipality's name in the interface language.
func pickerMunicipalityName(id model.ID) string {
	if m, ok := pickerRegistry().byID[id]; ok {
		return m.Name.In(currentLanguage)
	}
	return id.String()
}

// pickerMunicipalityRegion is the region of a current municipality (or what a
// former one became).
func pickerMunicipalityRegion(id model.ID) string {
	m, ok := pickerRegistry().byID[id]
	if !ok {
		return ""
	}
	if m.Former() {
		return "⟶ " + pickerMunicipalityName(model.MunicipalityID(m.Successor))
	}
	return m.Region.In(currentLanguage)
}

// pickerMunicipalityLabel is "Hyvinkää (106) · Uusimaa".
func pickerMunicipalityLabel(m model.Municipality) string {
	return m.Name.In(currentLanguage) + " (" + m.Code + ") · " + m.Region.In(currentLanguage)
}

// projectColumnsLayout puts objects side by side in columns of at least
// the given widths.
type projectColumnsLayout struct{ widths []float32 }

func (l *projectColumnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w += max(m.Width, l.widths[i])
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (l *projectColumnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := max(o.MinSize().Width, l.widths[i])
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
