package ui

import "hankekirja/model"

// fieldPlacer shows an error whose field path begins at a field that a
// form shows in its own way (a list's rows, a period's end date). It gets
// the path already parsed.
type fieldPlacer func(p model.FieldPath, e *model.Error)

// placeErrors is the one way a form puts errors at their fields. Each
// field error of err goes, by the head of its path ("funding" of
// "funding[2].amount"), to the placer for that field when there is one,
// else to the form item of the field (markField); an error of the whole
// record goes above the form. An err with no field errors is shown above
// the form.
func (f *form) placeErrors(err error, placers map[string]fieldPlacer) {
	fields := model.FieldErrors(err)
	if len(fields) == 0 {
		f.showProblem(errorText(err))
		return
	}
	for _, e := range fields {
		p := e.Path()
		if p.IsZero() {
			f.showProblem(messageText(e))
			continue
		}
		if place, ok := placers[p.Head()]; ok {
			place(p, e)
			continue
		}
		f.markField(e.Field, e)
	}
}

// aboveIfInRow is the placer of a list whose rows are not form items: an
// error in a row is shown above the form, naming its field; one of the
// list as a whole at its item.
func (f *form) aboveIfInRow(p model.FieldPath, e *model.Error) {
	if _, ok := p.Index(); ok {
		f.showProblem(errorText(e))
		return
	}
	f.markField(e.Field, e)
}
