package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// municipalitiesView lists the municipalities of the official registry
// (current ones unless the user asks for the former ones too) and shows one
// with the projects it takes part in and the people who represent it.
// Only a municipality's notes can be edited.
type municipalitiesView struct {
	u *UI
	b *browser
	// showFormer is the list's "include former municipalities" toggle;
	// former mirrors it for list, which runs off Fyne's thread.
	showFormer *widget.Check
	former     atomic.Bool
}

func newMunicipalitiesView(u *UI) *municipalitiesView {
	v := &municipalitiesView{u: u}
	v.b = newBrowser(u, model.KindMunicipality, v)
	v.showFormer = widget.NewCheck(T("municipalities.show_former"), func(on bool) {
		v.former.Store(on)
		v.b.reload()
	})
	addListControl(v.b, v.showFormer)
	return v
}

// addListControl puts o under a browser's filter field (a toggle that
// narrows the list).
func addListControl(b *browser, o fyne.CanvasObject) {
	for _, obj := range objectsUnder(b.content) {
		if c, ok := obj.(*fyne.Container); ok && slices.Contains(c.Objects, fyne.CanvasObject(b.filter)) {
			c.Objects = slices.Insert(c.Objects, slices.Index(c.Objects, fyne.CanvasObject(b.filter))+1, o)
			c.Refresh()
			return
		}
	}
}

// objectsUnder lists the objects under o, opening containers and splits
// (other widgets are not opened).
func objectsUnder(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, objectsUnder(child)...)
		}
	case *container.Split:
		out = append(out, objectsUnder(c.Leading)...)
		out = append(out, objectsUnder(c.Trailing)...)
	}
	return out
}

func (v *municipalitiesView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	f := model.Filter{Text: query, Offset: offset, Limit: limit}
	if !v.former.Load() {
		f.Facets = []string{"current"}
	}
	p, err := svc.Municipalities.List(ctx, f)
	for i := range p.Items {
		p.Items[i].Subtitle = municipalitySubtitle(p.Items[i])
	}
	return p, err
}

// registryNames holds the names of the registry's municipalities and
// regions by code, for list subtitles in the user's language.
var registryNames = sync.OnceValue(func() (names struct{ municipalities, regions map[string]model.Names }) {
	names.municipalities = map[string]model.Names{}
	names.regions = map[string]model.Names{}
	ms, _ := registry.Municipalities()
	for _, m := range ms {
		names.municipalities[m.Code] = m.Name
	}
	for _, r := range registry.Regions() {
		names.regions[r.Code] = r.Name
	}
	return names
})

// facetValue returns the value of the facet named name ("region:05" → "05").
func facetValue(s model.Summary, name string) string {
	for _, f := range s.Facets {
		if v, ok := strings.CutPrefix(f, name+":"); ok {
			return v
		}
	}
	return ""
}

// municipalitySubtitle is "code · region" for a current municipality and
// "code · former municipality → successor" for a former one.
func municipalitySubtitle(s model.Summary) string {
	code := facetValue(s, "code")
	names := registryNames()
	if s.HasFacet("former") {
		successor := facetValue(s, "successor")
		name := names.municipalities[successor].In(currentLanguage)
		if name == "" {
			name = successor
		}
		return T("municipalities.former_subtitle", map[string]any{"Text": code, "Name": name})
	}
	region := names.regions[facetValue(s, "region")].In(currentLanguage)
	if region == "" {
		return code
	}
	return code + " · " + region
}

// municipalityInfo is everything the municipality view shows.
type municipalityInfo struct {
	m          *model.Municipality
	mergedInto *model.Summary
	successor  *model.Summary
	// merged are the former municipalities whose area it holds.
	merged   []model.Summary
	projects []model.ProjectRole
	reps     []representative
	contacts []model.Summary
	orgs     []model.Summary
}

func (v *municipalitiesView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (municipalityInfo, error) {
		var info municipalityInfo
		var err error
		if info.m, err = svc.Municipalities.Get(ctx, id); err != nil {
			return info, err
		}
		m := info.m
		summary := func(code string) *model.Summary {
			if code == "" {
				return nil
			}
			if s, err := svc.Queries.Summary(ctx, model.MunicipalityID(code)); err == nil {
				return &s
			}
			return nil
		}
		if m.Former() {
			info.mergedInto = summary(m.MergedInto)
			info.successor = summary(m.Successor)
		} else {
			page, err := svc.Municipalities.List(ctx, model.Filter{Facets: []string{"successor:" + m.Code}})
			if err != nil {
				return info, err
			}
			info.merged = page.Items
		}
		if info.projects, err = svc.Queries.ProjectsOfMunicipality(ctx, id); err != nil {
			return info, err
		}
		refs, err := svc.Queries.ReferencesTo(ctx, id)
		if err != nil {
			return info, err
		}
		info.contacts = referringContacts(refs)
		for _, r := range refs {
			if r.From.Kind == model.KindOrganisation && r.Field == model.RefMunicipality {
				info.orgs = append(info.orgs, r.From)
			}
		}
		slices.SortStableFunc(info.orgs, func(a, b model.Summary) int { return slices.Compare(a.SortKey, b.SortKey) })
		info.reps, err = representativesOf(ctx, svc, id, refs)
		return info, err
	}, func(info municipalityInfo) {
		// Following a link to a former municipality shows the former ones
		// in the list too, so that it can be selected there.
		if info.m.Former() && !v.showFormer.Checked {
			v.showFormer.SetChecked(true)
		}
		done(v.render(info))
	})
}

func (v *municipalitiesView) render(info municipalityInfo) fyne.CanvasObject {
	m := info.m
	subtitle := m.Region.In(currentLanguage)
	if m.Former() {
		subtitle = T("municipalities.former")
	}
	d := newDetails(v.u, m.Name.In(currentLanguage), subtitle)
	d.actions(model.KindMunicipality, m, func() { v.b.editRecord(m.ID) })
	d.row(fieldLabel("code"), m.Code)
	d.row(T("municipalities.name_fi"), m.Name.FI)
	d.row(T("municipalities.name_sv"), m.Name.SV)
	d.row(T("municipalities.name_en"), m.Name.EN)
	if !m.Former() {
		d.row(fieldLabel("region"), m.Region.In(currentLanguage))
		d.row(fieldLabel("county"), m.County.In(currentLanguage))
		d.row(fieldLabel("language_status"), T("language_status."+strconv.Itoa(m.LanguageStatus)))
		if m.Population > 0 {
			pop := formatCount(m.Population)
			if m.PopulationYear > 0 {
				pop += " (" + strconv.Itoa(m.PopulationYear) + ")"
			}
			d.row(fieldLabel("population"), pop)
		}
	} else {
		d.row(fieldLabel("merged_year"), strconv.Itoa(m.MergedYear))
		municipalityLink(v.u, d, fieldLabel("merged_into"), info.mergedInto, m.MergedInto)
		municipalityLink(v.u, d, T("municipalities.successor"), info.successor, m.Successor)
	}
	d.row(fieldLabel("notes"), m.Notes)
	d.note(T("municipalities.official_data"))

	d.section(T("municipalities.projects", map[string]any{"Count": len(info.projects)}))
	if len(info.projects) == 0 {
		d.note(T("ui.none"))
	}
	for _, p := range info.projects {
		after := p.Project.Subtitle
		if p.Role != "" {
			after = p.Role + " · " + after
		}
		d.link(model.KindProject, p.Project.ID, p.Project.Title, after)
	}
	addRepresentatives(v.u, d, T("municipalities.representatives", map[string]any{"Count": len(info.reps)}), info.reps)
	if len(info.contacts) > 0 {
		d.section(T("municipalities.contacts", map[string]any{"Count": len(info.contacts)}))
		for _, c := range info.contacts {
			d.link(model.KindContact, c.ID, c.Title, c.Subtitle)
		}
	}
	if len(info.orgs) > 0 {
		d.section(T("municipalities.organisations", map[string]any{"Count": len(info.orgs)}))
		for _, o := range info.orgs {
			d.link(model.KindOrganisation, o.ID, o.Title, o.Subtitle)
		}
	}
	if len(info.merged) > 0 {
		d.section(T("municipalities.merged", map[string]any{"Count": len(info.merged)}))
		for _, f := range info.merged {
			d.link(model.KindMunicipality, f.ID, f.Title, municipalitySubtitle(f))
		}
	}
	return d.content()
}

// municipalityLink adds a row linking to a municipality by code (the code
// alone when the record cannot be found).
func municipalityLink(u *UI, d *details, label string, s *model.Summary, code string) {
	if s == nil {
		d.row(label, code)
		return
	}
	d.rowObject(label, recordLink(u, model.KindMunicipality, s.ID, s.Title+" ("+code+")"))
}

// formatCount writes a whole number with thin groups of three digits, as
// Finnish and Swedish do ("45 123"), or with commas in English.
func formatCount(n int) string {
	s := strconv.Itoa(n)
	sep := "\u00a0"
	if currentLanguage == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && r != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// edit opens the notes of a municipality: the registry's data cannot be
// changed.
func (v *municipalitiesView) edit(id model.ID) *form {
	if id.IsZero() {
		return nil
	}
	f := newForm(v.u, T("municipalities.edit_notes"))
	var m *model.Municipality
	name := widget.NewLabel("")
	f.add("name", name)
	notes := f.multiline("notes", "")
	notes.SetMinRowsVisible(6)
	background(v.u, func(ctx context.Context, svc model.Services) (*model.Municipality, error) {
		return svc.Municipalities.Get(ctx, id)
	}, func(got *model.Municipality) {
		m = got
		name.SetText(m.Name.In(currentLanguage) + " (" + m.Code + ")")
		notes.SetText(m.Notes)
		f.dirty = false
	})
	f.save = func() {
		if m == nil {
			return
		}
		rec := *m
		rec.Notes = notes.Text
		storeMarked(f, false, func(ctx context.Context, svc model.Services) (model.ID, error) {
			err := svc.Municipalities.Update(ctx, &rec)
			if err == nil {
				*m = rec
			}
			return rec.ID, err
		}, f.showErrors)
	}
	return f
}
