package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// form is the editing frame every record form uses: labelled fields, Save
// and Cancel, the model's validation errors shown at the fields they belong
// to, and a dirty flag for the unsaved-changes guard. A failed save keeps
// everything the user typed.
type form struct {
	u     *UI
	items map[string]*widget.FormItem // by model field name ("name", "emails")
	form  *widget.Form
	// problem shows errors that belong to no field (a stale revision).
	problem *widget.Label
	content fyne.CanvasObject
	// scroll holds the fields; the wheel over a field scrolls it.
	scroll *container.Scroll
	first  fyne.Focusable
	dirty  bool
	saving bool
	// marked counts the fields showing an error (see clearWhenChanged).
	marked int
	// hints are the help texts fields show when they have no error; a
	// field without one keeps a blank line.
	hints map[*widget.FormItem]string

	// save reads the fields into a record and stores it; it runs on
	// Fyne's thread and must do the storing through f.store.
	save func()
	// onDone is called after a successful save (with the record's ID) or a
	// cancel (with the zero ID).
	onDone func(saved model.ID)
	// keep, when set, saves the changes instead of asking to discard them
	// when the user leaves the form (the meeting editor's autosave), and
	// calls proceed once they are stored.
	keep func(proceed func())
}

func newForm(u *UI, title string) *form {
	f := &form{u: u, items: map[string]*widget.FormItem{}}
	f.form = widget.NewForm()
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	saveButton := widget.NewButtonWithIcon(T("ui.save"), theme.DocumentSaveIcon(), f.submit)
	saveButton.Importance = widget.HighImportance
	cancelButton := widget.NewButtonWithIcon(T("ui.cancel"), theme.CancelIcon(), f.cancel)
	buttons := container.NewHBox(layoutSpacer(), cancelButton, saveButton)
	// The problem line sits above the buttons, not above the fields: when
	// it appears the fields stay where the user's eyes and cursor are.
	f.scroll = container.NewVScroll(f.form)
	f.content = container.NewBorder(heading, container.NewVBox(f.problem, buttons), nil, nil, f.scroll)
	return f
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// add appends a labelled field. field is the model's field name, used to
// place validation errors.
//
// widget.Form makes room for a message under a field only when the field
// has one when the form is first drawn, so every field keeps a blank
// message: the line is there from the start, and an error appearing in it
// (or going away) moves nothing.
func (f *form) add(field string, w fyne.CanvasObject) {
	item := widget.NewFormItem(fieldLabel(field), w)
	item.HintText = " "
	f.items[field] = item
	f.form.AppendItem(item)
	if fo, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fo
	}
}

// entry adds a one-line text field.
func (f *form) entry(field, value string) *widget.Entry {
	fe := newFormEntry(false, f.cancel)
	fe.page = func() *container.Scroll { return f.scroll }
	e := &fe.Entry
	e.SetText(value)
	e.OnChanged = func(string) { f.changed() }
	f.add(field, fe)
	return e
}

// multiline adds a text area.
func (f *form) multiline(field, value string) *widget.Entry {
	fe := newFormEntry(true, f.cancel)
	fe.page = func() *container.Scroll { return f.scroll }
	e := &fe.Entry
	e.SetText(value)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.OnChanged = func(string) { f.changed() }
	f.add(field, fe)
	return e
}

// formEntry is a form's text field. A focused field takes every key but
// main-menu shortcuts, so without this Esc could not cancel the form while
// the cursor is in a field.
type formEntry struct {
	widget.Entry
	onEscape func()
	// page, when set, is the scroller of the form the field is on: the
	// wheel over the field scrolls the form (see CreateRenderer).
	page func() *container.Scroll
}

// CreateRenderer is the entry's own, with a wheelPass over it when the
// field is on a scrolling form. Fyne gives the wheel to the innermost
// scroller under the pointer, and every entry has one of its own, so the
// wheel over a field moved nothing: a form of many fields could be
// scrolled only with the pointer between them.
func (e *formEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	if e.page == nil {
		return r
	}
	return &wheelPassRenderer{WidgetRenderer: r, pass: newWheelPass(e.page)}
}

func newFormEntry(multiline bool, onEscape func()) *formEntry {
	e := &formEntry{onEscape: onEscape}
	e.MultiLine = multiline
	// Without a validator Fyne ignores an error set on the entry; this
	// draws it (a red border and icon).
	e.AlwaysShowValidationError = true
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels the form on Esc and types everything else.
func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// entryOf returns the text field inside a form item's widget, if it is
// one.
func entryOf(o fyne.CanvasObject) (*widget.Entry, bool) {
	switch e := o.(type) {
	case *widget.Entry:
		return e, true
	case *formEntry:
		return &e.Entry, true
	}
	return nil, false
}

// choice adds a drop-down of translated options; value and the result of
// the returned getter are the untranslated codes.
func (f *form) choice(field, prefix string, codes []string, value string) func() string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = T(prefix + c)
	}
	s := newSelect(labels, func(string) { f.changed() })
	for i, c := range codes {
		if c == value {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) { f.changed() }
	f.add(field, s)
	return func() string {
		i := s.SelectedIndex()
		if i < 0 {
			return ""
		}
		return codes[i]
	}
}

// date adds a date field typed as d.M.yyyy; the getter returns the parsed
// date or marks the field.
func (f *form) date(field string, value model.Date) func() (model.Date, bool) {
	e := f.entry(field, value.String())
	e.SetPlaceHolder("p.k.vvvv")
	return func() (model.Date, bool) {
		d, err := model.ParseDate(e.Text)
		if err != nil {
			f.markField(field, model.Invalid(field, "error.date"))
			return model.Date{}, false
		}
		return d, true
	}
}

// commaList adds a one-line field for a short list of values typed with
// commas or semicolons between them (phones, emails). One line keeps Tab
// moving between fields; a text area would take the Tab as text.
func (f *form) commaList(field string, values []string) *widget.Entry {
	e := f.entry(field, strings.Join(values, ", "))
	return e
}

// splitList returns the values of a commaList field, trimmed, blanks left
// out.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// splitLines returns the non-blank lines of s, trimmed.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (f *form) changed() { f.dirty = true }

// clearErrors removes the marks of the previous attempt.
func (f *form) clearErrors() {
	for _, item := range f.items {
		item.HintText = f.restingHint(item)
		if e, ok := entryOf(item.Widget); ok {
			e.SetValidationError(nil)
		}
	}
	f.marked = 0
	f.problem.Hide()
	f.form.Refresh()
}

// restingHint is what a field shows under it when it has no error.
func (f *form) restingHint(item *widget.FormItem) string {
	if h, ok := f.hints[item]; ok && h != "" {
		return h
	}
	return " "
}

// clearWhenChanged takes an error's mark off a field as soon as the user
// changes it, so that no stale message stays beside a fixed value; when
// the last marked field is fixed the "check the fields" line goes too.
func (f *form) clearWhenChanged(item *widget.FormItem) {
	f.marked++
	done := false
	clearMark := func() {
		if done {
			return
		}
		done = true
		item.HintText = f.restingHint(item)
		if en, ok := entryOf(item.Widget); ok {
			en.SetValidationError(nil)
		}
		if f.marked--; f.marked == 0 && f.problem.Text == T("ui.check_fields") {
			f.problem.Hide()
		}
		f.form.Refresh()
	}
	switch w := item.Widget.(type) {
	case *widget.Select:
		prev := w.OnChanged
		w.OnChanged = func(s string) {
			clearMark()
			if prev != nil {
				prev(s)
			}
		}
	case *widget.Check:
		prev := w.OnChanged
		w.OnChanged = func(b bool) {
			clearMark()
			if prev != nil {
				prev(b)
			}
		}
	default:
		if en, ok := entryOf(item.Widget); ok {
			prev := en.OnChanged
			en.OnChanged = func(s string) {
				clearMark()
				if prev != nil {
					prev(s)
				}
			}
		}
	}
}

// markField shows a validation error at its field (or above the form when
// the field is not on it).
func (f *form) markField(field string, e *model.Error) {
	base := model.ParseFieldPath(field).Head()
	msg := messageText(e)
	item, ok := f.items[field]
	if !ok {
		item, ok = f.items[base]
	}
	if !ok {
		f.showProblem(fieldLabel(field) + ": " + msg)
		return
	}
	item.HintText = msg
	if en, ok := entryOf(item.Widget); ok {
		en.SetValidationError(errors.New(msg))
	}
	f.clearWhenChanged(item)
	f.form.Refresh()
}

func (f *form) showProblem(text string) {
	if f.problem.Visible() && f.problem.Text != "" {
		text = f.problem.Text + "\n" + text
	}
	f.problem.SetText(text)
	f.problem.Show()
}

// showErrors places a save's errors.
func (f *form) showErrors(err error) {
	fields := model.FieldErrors(err)
	if len(fields) == 0 || model.ErrorCode(err) != model.EINVALID {
		f.showProblem(errorText(err))
		return
	}
	f.showProblem(T("ui.check_fields"))
	f.placeErrors(err, nil)
}

// submit saves (Save button, Ctrl+S).
func (f *form) submit() {
	if f.saving {
		return
	}
	f.clearErrors()
	f.save()
}

// store runs a service call that saves the record off Fyne's thread and
// finishes the form when it succeeds. hadLocalErrors reports whether the
// form already marked fields it could not read (a date that does not
// exist): then nothing is saved.
func (f *form) store(hadLocalErrors bool, call func(ctx context.Context, svc model.Services) (model.ID, error)) {
	if hadLocalErrors {
		return
	}
	f.storeWith(call, f.showErrors)
}

// storeWith saves through call and finishes the form, or hands a failed
// save's error to place.
func (f *form) storeWith(call func(ctx context.Context, svc model.Services) (model.ID, error), place func(error)) {
	f.saving = true
	var id model.ID
	backgroundErr(f.u, func(ctx context.Context, svc model.Services) error {
		var err error
		id, err = call(ctx, svc)
		return err
	}, func(err error) {
		f.saving = false
		if err != nil {
			place(err)
			return
		}
		f.dirty = false
		if f.onDone != nil {
			f.onDone(id)
		}
	})
}

// cancel leaves the form (Cancel button, Esc), asking first when something
// was changed.
func (f *form) cancel() {
	finish := func() {
		f.dirty = false
		if f.onDone != nil {
			f.onDone(model.NilID)
		}
	}
	if f.keep != nil {
		f.keep(finish)
		return
	}
	if !f.dirty {
		finish()
		return
	}
	confirmDiscard(f.u, func(discard bool) {
		if discard {
			finish()
		}
	})
}

// shown is called once the form is on screen.
func (f *form) shown() {
	f.form.Refresh()
}

func (f *form) focusFirst(c fyne.Canvas) {
	if f.first != nil {
		c.Focus(f.first)
	}
}

// confirmDiscard asks whether to throw away unsaved changes.
func confirmDiscard(u *UI, done func(discard bool)) {
	d := dialog.NewConfirm(T("ui.unsaved_title"), T("ui.unsaved_question"), done, u.win)
	d.SetConfirmText(T("ui.discard"))
	d.SetDismissText(T("ui.keep_editing"))
	d.Show()
}
