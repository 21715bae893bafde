package ui

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// organisationsView lists organisations and shows one with the projects it
// administers, hosts or funds, its contacts and its representatives in
// groups.
type organisationsView struct {
	u *UI
	b *browser
}

func newOrganisationsView(u *UI) *organisationsView {
	v := &organisationsView{u: u}
	v.b = newBrowser(u, model.KindOrganisation, v)
	return v
}

func (v *organisationsView) list(ctx context.Context, svc model.Services, query string, offset, limit int) (model.Page, error) {
	p, err := svc.Organisations.List(ctx, model.Filter{Text: query, Offset: offset, Limit: limit})
	for i, s := range p.Items {
		if t := facetValue(s, "type"); t != "" {
			p.Items[i].Subtitle = strings.TrimSuffix(T("org_type."+t)+" · "+s.Subtitle, " · ")
		}
	}
	return p, err
}

// projectPart is a project and the parts a body plays in it
// ("hallinnoija, rahoittaja").
type projectPart struct {
	project model.Summary
	fields  []model.RefField
}

// projectParts collects the projects among refs that refer to a body as
// administrator, project office or funder, in Finnish order.
func projectParts(refs []model.Reference) []projectPart {
	var out []projectPart
	index := map[model.ID]int{}
	for _, r := range refs {
		if r.From.Kind != model.KindProject {
			continue
		}
		switch r.Field {
		case model.RefAdministrator, model.RefOffice, model.RefFunding:
		default:
			continue
		}
		i, ok := index[r.From.ID]
		if !ok {
			i = len(out)
			index[r.From.ID] = i
			out = append(out, projectPart{project: r.From})
		}
		if !slices.Contains(out[i].fields, r.Field) {
			out[i].fields = append(out[i].fields, r.Field)
		}
	}
	slices.SortStableFunc(out, func(a, b projectPart) int { return slices.Compare(a.project.SortKey, b.project.SortKey) })
	return out
}

// partText names the parts in the user's language.
func (p projectPart) partText() string {
	names := make([]string, len(p.fields))
	for i, f := range p.fields {
		names[i] = T("organisations.part_" + string(f))
	}
	return strings.Join(names, ", ")
}

// referringContacts lists the contacts among refs whose organisation is the
// referred body, in Finnish order.
func referringContacts(refs []model.Reference) []model.Summary {
	var out []model.Summary
	for _, r := range refs {
		if r.From.Kind == model.KindContact && r.Field == model.RefOrganisation {
			out = append(out, r.From)
		}
	}
	slices.SortStableFunc(out, func(a, b model.Summary) int { return slices.Compare(a.SortKey, b.SortKey) })
	return out
}

// organisationInfo is everything the organisation view shows.
type organisationInfo struct {
	o            *model.Organisation
	municipality *model.Summary
	projects     []projectPart
	contacts     []model.Summary
	reps         []representative
}

func (v *organisationsView) detail(id model.ID, done func(fyne.CanvasObject)) {
	background(v.u, func(ctx context.Context, svc model.Services) (organisationInfo, error) {
		var info organisationInfo
		var err error
		if info.o, err = svc.Organisations.Get(ctx, id); err != nil {
			return info, err
		}
		if !info.o.Municipality.IsZero() {
			if s, err := svc.Queries.Summary(ctx, info.o.Municipality); err == nil {
				info.municipality = &s
			}
		}
		refs, err := svc.Queries.ReferencesTo(ctx, id)
		if err != nil {
			return info, err
		}
		info.projects = projectParts(refs)
		info.contacts = referringContacts(refs)
		info.reps, err = representativesOf(ctx, svc, id, refs)
		return info, err
	}, func(info organisationInfo) { done(v.render(info)) })
}

func (v *organisationsView) render(info organisationInfo) fyne.CanvasObject {
	o := info.o
	typeText := ""
	if o.Type != "" {
		typeText = T("org_type." + string(o.Type))
	}
	d := newDetails(v.u, o.Name, typeText)
	d.actions(model.KindOrganisation, o, func() { v.b.editRecord(o.ID) })
	d.row(fieldLabel("business_id"), o.BusinessID)
	d.row(T("organisations.ovt"), o.OVT)
	d.row(fieldLabel("address"), o.Address.String())
	if info.municipality != nil {
		m := info.municipality
		d.rowObject(T("organisations.home_municipality"), recordLink(v.u, m.Kind, m.ID, m.Title))
	}
	if o.Website != "" {
		d.rowObject(fieldLabel("website"), websiteLink(o.Website))
	}
	d.row(fieldLabel("notes"), o.Notes)

	d.section(T("organisations.projects", map[string]any{"Count": len(info.projects)}))
	if len(info.projects) == 0 {
		d.note(T("ui.none"))
	}
	for _, p := range info.projects {
		d.link(model.KindProject, p.project.ID, p.project.Title, p.partText())
	}
	d.section(T("organisations.contacts", map[string]any{"Count": len(info.contacts)}))
	if len(info.contacts) == 0 {
		d.note(T("ui.none"))
	}
	for _, c := range info.contacts {
		d.link(model.KindContact, c.ID, c.Title, c.Subtitle)
	}
	addRepresentatives(v.u, d, T("organisations.representatives", map[string]any{"Count": len(info.reps)}), info.reps)
	return d.content()
}

// websiteLink opens a web address in the browser; an address that cannot
// be parsed is shown as text.
func websiteLink(address string) fyne.CanvasObject {
	target, err := url.Parse(address)
	if err != nil {
		l := widget.NewLabel(address)
		l.Wrapping = fyne.TextWrapBreak
		return l
	}
	h := widget.NewHyperlink(address, target)
	h.Truncation = fyne.TextTruncateEllipsis
	return h
}
