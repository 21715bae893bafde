package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/widget"

	"hankekirja/assets"
	"hankekirja/model"
)

// clearMarks takes away the marks of the previous attempt and puts the
// hints back.
func (pf *projectForm) clearMarks() {
	pf.listErrors = map[string][]string{}
	for field, hint := range pf.hints {
		pf.f.items[field].HintText = hint
	}
	for _, b := range pf.boxes {
		b.setError(nil)
	}
	for _, r := range pf.funding.rows {
		for _, e := range []*widget.Entry{r.amount, r.share, r.start, r.end, r.note} {
			e.SetValidationError(nil)
		}
	}
	for _, r := range pf.milestones.rows {
		for _, e := range []*widget.Entry{r.start, r.end, r.desc} {
			e.SetValidationError(nil)
		}
	}
	pf.f.form.Refresh()
}

// placers are the project form's own placings (see form.placeErrors):
// the project's period is shown at its end date; an error in a list goes
// under the list, naming the row, and turns the row's field red.
func (pf *projectForm) placers() map[string]fieldPlacer {
	out := map[string]fieldPlacer{
		"period": func(p model.FieldPath, e *model.Error) {
			if p.Rest() != nil {
				pf.f.markField(e.Field, e)
				return
			}
			pf.f.markField("end", e)
		},
	}
	for name := range pf.boxes {
		if name != "links" && name != "goals" {
			out[name] = pf.markList
		}
	}
	return out
}

// mark shows one validation error where it belongs (see placers).
func (pf *projectForm) mark(e *model.Error) {
	pf.f.placeErrors(model.ValidationErrors{e}, pf.placers())
}

// markList shows an error of a list box under the list.
func (pf *projectForm) markList(p model.FieldPath, e *model.Error) {
	f := pf.f
	base := p.Head()
	box := pf.boxes[base]
	msg := messageText(e)
	if i, ok := p.Index(); ok {
		msg = assets.FieldLabel(currentLanguage, e.Field) + ": " + msg
		pf.markRowEntry(base, i, p.Rest().String(), e)
	}
	pf.listErrors[base] = append(pf.listErrors[base], msg)
	text := strings.Join(pf.listErrors[base], "\n")
	f.items[base].HintText = strings.Join(pf.listErrors[base], "; ")
	box.setError(errors.New(text))
	f.form.Refresh()
}

// markRowEntry turns the field of a row that an error names red.
func (pf *projectForm) markRowEntry(list string, i int, sub string, e *model.Error) {
	err := errors.New(messageText(e))
	at := func(index []int) int {
		if i < len(index) {
			return index[i]
		}
		return -1
	}
	switch list {
	case "funding":
		if j := at(pf.fundingIndex); j >= 0 {
			r := pf.funding.rows[j]
			switch sub {
			case "amount":
				r.amount.SetValidationError(err)
			case "share":
				r.share.SetValidationError(err)
			case "period":
				r.end.SetValidationError(err)
			}
		}
	case "milestones":
		if j := at(pf.milestoneIndex); j >= 0 {
			r := pf.milestones.rows[j]
			switch {
			case sub == "description":
				r.desc.SetValidationError(err)
			case sub == "period" && e.Key == "error.required":
				r.start.SetValidationError(err)
			case sub == "period":
				r.end.SetValidationError(err)
			}
		}
	}
}
