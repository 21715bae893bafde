package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets/registry"
)

// projectFieldBox holds a list field in the form. It reports its errors
// to the form as a validatable widget does, so the form shows them in red
// under the field.
type projectFieldBox struct {
	widget.BaseWidget
	content   fyne.CanvasObject
	err       error
	onChanged func(error)
}

func newProjectFieldBox(content fyne.CanvasObject) *projectFieldBox {
	b := &projectFieldBox{content: content}
	b.ExtendBaseWidget(b)
	return b
}

func (b *projectFieldBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// Validate returns the error last shown.
func (b *projectFieldBox) Validate() error { return b.err }

// SetOnValidationChanged is how the form listens.
func (b *projectFieldBox) SetOnValidationChanged(fn func(error)) { b.onChanged = fn }

func (b *projectFieldBox) setError(err error) {
	if b.err == nil && err == nil {
		return
	}
	b.err = err
	if b.onChanged != nil {
		b.onChanged(err)
	}
}

// regionChooser picks the project's regions from the registry's regions.
type regionChooser struct {
	f       *form
	codes   []string
	chips   *fyne.Container
	sel     *widget.Select
	content fyne.CanvasObject
}

func newRegionChooser(f *form) *regionChooser {
	rc := &regionChooser{f: f}
	regions := registry.Regions()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = r.Name.In(currentLanguage) + " (" + r.Code + ")"
	}
	rc.sel = newSelect(names, nil)
	rc.sel.PlaceHolder = T("projects.region_add")
	rc.sel.OnChanged = func(string) {
		i := rc.sel.SelectedIndex()
		if i < 0 {
			return
		}
		rc.sel.ClearSelected()
		rc.add(regions[i].Code)
	}
	rc.chips = container.NewGridWrap(fyne.NewSize(200, widget.NewButtonWithIcon("Åg", theme.CancelIcon(), nil).MinSize().Height))
	rc.content = container.NewVBox(rc.sel, rc.chips)
	return rc
}

// add adds a region unless it is there.
func (rc *regionChooser) add(code string) {
	if slices.Contains(rc.codes, code) {
		return
	}
	rc.codes = append(rc.codes, code)
	rc.f.changed()
	rc.rebuild()
}

func (rc *regionChooser) set(codes []string) {
	rc.codes = slices.Clone(codes)
	rc.rebuild()
}

func (rc *regionChooser) rebuild() {
	rc.chips.RemoveAll()
	for _, code := range rc.codes {
		chip := widget.NewButtonWithIcon(projectRegionName(code), theme.CancelIcon(), func() {
			rc.codes = slices.DeleteFunc(rc.codes, func(c string) bool { return c == code })
			rc.f.changed()
			rc.rebuild()
		})
		chip.IconPlacement = widget.ButtonIconTrailingText
		chip.Alignment = widget.ButtonAlignLeading
		rc.chips.Add(chip)
	}
	if len(rc.codes) == 0 {
		rc.chips.Hide()
	} else {
		rc.chips.Show()
	}
	rc.chips.Refresh()
}
