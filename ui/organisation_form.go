package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

func (v *organisationsView) edit(id model.ID) *form {
	title := T("ui.new_record", map[string]any{"Kind": kindName(model.KindOrganisation)})
	if !id.IsZero() {
		title = T("ui.edit_record", map[string]any{"Kind": kindName(model.KindOrganisation)})
	}
	f := newForm(v.u, title)
	o := &model.Organisation{}
	name := f.entry("name", "")
	codes := make([]string, len(model.OrgTypes))
	for i, t := range model.OrgTypes {
		codes[i] = string(t)
	}
	orgType := f.choice("type", "org_type.", codes, "")
	typeSelect := f.items["type"].Widget.(*widget.Select)
	business := f.entry("business_id", "")
	business.SetPlaceHolder("1234567-8")

	// The OVT follows the Y-tunnus while the user has not typed one of
	// their own (an OVT with a suffix, say).
	ovt := widget.NewEntry()
	ovt.SetPlaceHolder("0037…")
	ovt.OnChanged = func(string) { f.changed() }
	autoOVT := ""
	filling := false
	fromBusinessID := widget.NewButtonWithIcon(T("organisations.fill_ovt"), theme.ContentRedoIcon(), func() {
		f.clearErrors()
		bid := strings.TrimSpace(business.Text)
		if !model.ValidBusinessID(bid) {
			f.markField("business_id", model.Invalid("business_id", "error.business_id"))
			showHints(f)
			return
		}
		ovt.SetText(model.OVTFromBusinessID(bid, ""))
		autoOVT = ovt.Text
	})
	f.add("ovt", container.NewBorder(nil, nil, nil, fromBusinessID, ovt))
	business.OnChanged = func(string) {
		f.changed()
		cur := strings.TrimSpace(ovt.Text)
		if filling || (cur != "" && cur != autoOVT) {
			return
		}
		autoOVT = ""
		if bid := strings.TrimSpace(business.Text); model.ValidBusinessID(bid) {
			autoOVT = model.OVTFromBusinessID(bid, "")
		}
		ovt.SetText(autoOVT)
	}

	street := f.entry("street", "")
	postal := f.entry("postal_code", "")
	city := f.entry("city", "")
	// The model names these address.street etc.
	for _, field := range []string{"street", "postal_code", "city"} {
		f.items["address."+field] = f.items[field]
	}
	municipality := newRecordPicker(v.u, f, "municipality", []model.Kind{model.KindMunicipality})
	f.items["municipality"].Text = T("organisations.home_municipality")
	website := f.entry("website", "")
	website.SetPlaceHolder("https://")
	notes := f.multiline("notes", "")
	markableEntries(f)

	fill := func(got *model.Organisation) {
		filling = true
		defer func() { filling = false }()
		name.SetText(got.Name)
		typeSelect.ClearSelected()
		for i, c := range codes {
			if c == string(got.Type) {
				typeSelect.SetSelectedIndex(i)
			}
		}
		ovt.SetText(got.OVT)
		if got.OVT != "" && got.OVT == model.OVTFromBusinessID(got.BusinessID, "") {
			autoOVT = got.OVT
		}
		business.SetText(got.BusinessID)
		street.SetText(got.Address.Street)
		postal.SetText(got.Address.PostalCode)
		city.SetText(got.Address.City)
		municipality.set(got.Municipality)
		website.SetText(got.Website)
		notes.SetText(got.Notes)
		f.dirty = false
	}
	if !id.IsZero() {
		background(v.u, func(ctx context.Context, svc model.Services) (*model.Organisation, error) {
			return svc.Organisations.Get(ctx, id)
		}, func(got *model.Organisation) {
			o = got
			fill(o)
		})
	}
	f.save = func() {
		o.Name = strings.TrimSpace(name.Text)
		o.Type = model.OrgType(orgType())
		o.BusinessID = strings.TrimSpace(business.Text)
		o.OVT = strings.TrimSpace(ovt.Text)
		if o.OVT == "" && model.ValidBusinessID(o.BusinessID) {
			o.OVT = model.OVTFromBusinessID(o.BusinessID, "")
			ovt.SetText(o.OVT)
			autoOVT = o.OVT
		}
		o.Address = model.Address{
			Street:     strings.TrimSpace(street.Text),
			PostalCode: strings.TrimSpace(postal.Text),
			City:       strings.TrimSpace(city.Text),
			Country:    o.Address.Country,
		}
		o.Municipality = municipality.id
		o.Website = webAddress(website.Text)
		if o.Website != website.Text {
			website.SetText(o.Website)
		}
		o.Notes = notes.Text
		rec := *o
		storeMarked(f, false, func(ctx context.Context, svc model.Services) (model.ID, error) {
			var err error
			if rec.ID.IsZero() {
				err = svc.Organisations.Create(ctx, &rec)
			} else {
				err = svc.Organisations.Update(ctx, &rec)
			}
			if err == nil {
				*o = rec
			}
			return rec.ID, err
		}, f.showErrors)
	}
	return f
}

// webAddress completes an address typed without its scheme
// ("www.hameenliitto.fi") to https.
func webAddress(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, "://") || !strings.Contains(s, ".") || strings.ContainsAny(s, " @") {
		return s
	}
	return "https://" + s
}
