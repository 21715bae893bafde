package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// membersEditor is the group form's list of memberships: a row per seat
// with the member, their role, whom they represent and their term, and
// buttons to add a member, either an existing contact or a new one created
// on the spot.
type membersEditor struct {
	u       *UI
	f       *form
	rows    []*memberRow
	list    *fyne.Container
	empty   *widget.Label
	content fyne.CanvasObject
	// lastNewContact is the last new-contact dialog opened (tests).
	lastNewContact *newContactDialog
}

// memberRow is one membership being edited.
type memberRow struct {
	contact    *rowPicker
	role       *widget.Select
	represents *rowPicker
	start, end *widget.Entry
	problem    *widget.Label
	remove     *widget.Button
	content    fyne.CanvasObject
}

func newMembersEditor(u *UI, f *form) *membersEditor {
	e := &membersEditor{u: u, f: f, list: container.NewVBox()}
	e.empty = widget.NewLabel(T("groups.no_members"))
	e.empty.Importance = widget.LowImportance
	add := widget.NewButtonWithIcon(T("groups.add_member"), theme.ContentAddIcon(), e.pickMember)
	create := widget.NewButtonWithIcon(T("groups.add_new_contact"), theme.AccountIcon(), e.createMember)
	e.content = container.NewVBox(e.empty, e.list, container.NewHBox(add, create))
	return e
}

// set shows the memberships of a group.
func (e *membersEditor) set(members []model.Membership) {
	e.rows = nil
	for _, m := range members {
		e.addRow(m, "")
	}
	e.relayout()
}

// pickMember lets the user choose an existing contact and adds a row for
// them.
func (e *membersEditor) pickMember() {
	pickRecord(e.u, []model.Kind{model.KindContact}, func(s model.Summary) {
		e.addRow(model.Membership{Contact: s.ID, Role: model.RoleMember}, s.Title)
		e.relayout()
		e.f.changed()
		e.showLastRow()
	})
}

// showLastRow scrolls the form to the row just added at the end.
func (e *membersEditor) showLastRow() {
	for _, o := range objectsUnder(e.f.content) {
		if s, ok := o.(*container.Scroll); ok {
			s.ScrollToBottom()
		}
	}
}

// roleLabels are the translated roles in model.Roles order.
func roleLabels() []string {
	out := make([]string, len(model.Roles))
	for i, r := range model.Roles {
		out[i] = T("role." + string(r))
	}
	return out
}

// addRow appends a row for m; title is the member's name when the caller
// knows it (else it is looked up).
func (e *membersEditor) addRow(m model.Membership, title string) *memberRow {
	r := &memberRow{}
	changed := func() { e.f.changed() }
	r.contact = newRowPicker(e.u, []model.Kind{model.KindContact}, "", false, changed)
	r.contact.label.TextStyle.Bold = true
	r.contact.set(m.Contact, title)
	r.role = newSelect(roleLabels(), nil)
	r.role.PlaceHolder = T("groups.choose_role")
	if i := slices.Index(model.Roles, m.Role); i >= 0 {
		r.role.SetSelectedIndex(i)
	}
	r.role.OnChanged = func(string) { e.f.changed() }
	r.represents = newRowPicker(e.u, []model.Kind{model.KindMunicipality, model.KindOrganisation}, fieldLabel("represents"), true, changed)
	r.represents.set(m.Represents, "")
	r.start, r.end = dateEntry(e.f), dateEntry(e.f)
	r.start.SetText(m.Term.Start.String())
	r.end.SetText(m.Term.End.String())
	r.problem = widget.NewLabel("")
	r.problem.Importance = widget.DangerImportance
	r.problem.Wrapping = fyne.TextWrapWord
	r.problem.Hide()
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeRow(r) })

	// The role and the term share a column on the right, so that the rows
	// line up in every language.
	term, dash := widget.NewLabel(fieldLabel("term")), widget.NewLabel("–")
	term.Importance = widget.LowImportance
	const dateWidth = 112
	right := max(300, term.MinSize().Width+2*dateWidth+dash.MinSize().Width+3*theme.Padding())
	line1 := container.NewBorder(nil, nil, nil,
		fixedWidth(right, container.NewBorder(nil, nil, nil, r.remove, r.role)), r.contact.box)
	line2 := container.NewBorder(nil, nil, nil,
		fixedWidth(right, container.NewBorder(nil, nil, term, nil,
			container.NewHBox(fixedWidth(dateWidth, r.start), dash, fixedWidth(dateWidth, r.end)))),
		r.represents.box)
	r.content = container.NewVBox(line1, line2, r.problem)
	e.rows = append(e.rows, r)
	return r
}

// rowPicker is a member row's reference to another record: its name
// (after a caption, when there is one), a button to choose the record and,
// when clearable, one to clear it. (The member itself is not clearable: a
// row without its member makes no sense, the row is removed instead.)
type rowPicker struct {
	u       *UI
	id      model.ID
	caption string
	label   *widget.Label
	box     fyne.CanvasObject
}

func newRowPicker(u *UI, kinds []model.Kind, caption string, clearable bool, changed func()) *rowPicker {
	p := &rowPicker{u: u, caption: caption}
	p.label = widget.NewLabel("")
	p.label.Truncation = fyne.TextTruncateEllipsis
	buttons := container.NewHBox(widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		pickRecord(u, kinds, func(s model.Summary) {
			p.id = s.ID
			p.show(s.Title)
			changed()
		})
	}))
	if clearable {
		buttons.Add(widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
			p.id = model.NilID
			p.show("")
			changed()
		}))
	}
	p.box = container.NewBorder(nil, nil, nil, buttons, p.label)
	p.show("")
	return p
}

// set shows the record id, named title (looked up when title is empty).
func (p *rowPicker) set(id model.ID, title string) {
	p.id = id
	p.show(title)
	if title != "" || id.IsZero() {
		return
	}
	background(p.u, func(ctx context.Context, svc model.Services) (model.Summary, error) {
		return svc.Queries.Summary(ctx, id)
	}, func(s model.Summary) {
		if p.id == id {
			p.show(s.Title)
		}
	})
}

func (p *rowPicker) show(title string) {
	if title == "" {
		title = T("ui.none")
	}
	if p.caption != "" {
		title = p.caption + ": " + title
	}
	p.label.SetText(title)
}

// removeRow drops a row.
func (e *membersEditor) removeRow(r *memberRow) {
	if i := slices.Index(e.rows, r); i >= 0 {
		e.rows = slices.Delete(e.rows, i, i+1)
	}
	e.relayout()
	e.f.changed()
}

// relayout shows the rows, separated by lines.
func (e *membersEditor) relayout() {
	var objs []fyne.CanvasObject
	for i, r := range e.rows {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, r.content)
	}
	e.list.Objects = objs
	e.list.Refresh()
	if len(e.rows) == 0 {
		e.empty.Show()
	} else {
		e.empty.Hide()
	}
}

// read returns the memberships as typed. A term that cannot be read is
// marked at its row and at the members item, and ok is false.
func (e *membersEditor) read() (members []model.Membership, ok bool) {
	ok = true
	var problems []string
	for i, r := range e.rows {
		start, ok1 := readDate(r.start)
		end, ok2 := readDate(r.end)
		if !ok1 || !ok2 {
			ok = false
			bad := model.Invalid(model.FieldAt(model.RefMembers.String(), i, "term"), "error.date")
			e.markRow(i, "term", messageText(bad))
			problems = append(problems, errorText(bad))
		}
		m := model.Membership{Contact: r.contact.id, Represents: r.represents.id, Term: model.Period{Start: start, End: end}}
		if j := r.role.SelectedIndex(); j >= 0 {
			m.Role = model.Roles[j]
		}
		members = append(members, m)
	}
	if len(problems) > 0 {
		e.f.items[model.RefMembers.String()].HintText = strings.Join(problems, "; ")
	}
	return members, ok
}

// markRow shows a problem of row i's field sub ("role", "term").
func (e *membersEditor) markRow(i int, sub, msg string) {
	if i < 0 || i >= len(e.rows) {
		return
	}
	r := e.rows[i]
	if sub != "" {
		msg = fieldLabel(sub) + ": " + msg
	}
	if r.problem.Visible() && r.problem.Text != "" {
		msg = r.problem.Text + "\n" + msg
	}
	r.problem.SetText(msg)
	r.problem.Show()
}

// rowName names row i's member for a message: the person's name, or
// "Jäsen 3" while no one is chosen.
func (e *membersEditor) rowName(i int) string {
	if i >= 0 && i < len(e.rows) && !e.rows[i].contact.id.IsZero() {
		if name := e.rows[i].contact.label.Text; name != "" && name != T("ui.none") {
			return name
		}
	}
	return T("groups.member_n", map[string]any{"Count": i + 1})
}

// markEnd marks the end of row i's term (an end before the start).
func (e *membersEditor) markEnd(i int, msg string) {
	if i >= 0 && i < len(e.rows) {
		e.rows[i].end.SetValidationError(errors.New(msg))
	}
}

// clearErrors hides the marks of the previous attempt.
func (e *membersEditor) clearErrors() {
	for _, r := range e.rows {
		r.problem.SetText("")
		r.problem.Hide()
		r.start.SetValidationError(nil)
		r.end.SetValidationError(nil)
	}
}

// newContactDialog creates a contact without leaving the group form.
type newContactDialog struct {
	first, last, jobTitle, email, phone *widget.Entry
	problem                             *widget.Label
	create                              *widget.Button
	dialog                              *dialog.CustomDialog
}

// createMember asks for a new contact's details, creates the contact and
// adds a row for them.
func (e *membersEditor) createMember() {
	n := &newContactDialog{
		first: widget.NewEntry(), last: widget.NewEntry(), jobTitle: widget.NewEntry(),
		email: widget.NewEntry(), phone: widget.NewEntry(),
	}
	n.problem = widget.NewLabel("")
	n.problem.Importance = widget.DangerImportance
	n.problem.Wrapping = fyne.TextWrapWord
	n.problem.Hide()
	fields := widget.NewForm(
		widget.NewFormItem(fieldLabel("first_name"), n.first),
		widget.NewFormItem(fieldLabel("last_name"), n.last),
		widget.NewFormItem(fieldLabel("job_title"), n.jobTitle),
		widget.NewFormItem(fieldLabel("email"), n.email),
		widget.NewFormItem(fieldLabel("phone"), n.phone),
	)
	n.create = widget.NewButtonWithIcon(T("groups.create_and_add"), theme.ConfirmIcon(), func() { e.submitNewContact(n) })
	n.create.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(T("ui.cancel"), theme.CancelIcon(), func() { n.dialog.Hide() })
	n.phone.OnSubmitted = func(string) { e.submitNewContact(n) }
	n.dialog = dialog.NewCustomWithoutButtons(T("groups.new_contact_title"), container.NewVBox(n.problem, fields), e.u.win)
	n.dialog.SetButtons([]fyne.CanvasObject{cancel, n.create})
	n.dialog.Resize(fyne.NewSize(480, n.dialog.MinSize().Height))
	e.lastNewContact = n
	n.dialog.Show()
	e.u.win.Canvas().Focus(n.first)
}

// submitNewContact stores the dialog's contact off Fyne's thread; on
// success the dialog closes and the contact becomes a member, on failure
// the dialog stays open and says what is wrong.
func (e *membersEditor) submitNewContact(n *newContactDialog) {
	if n.create.Disabled() {
		return
	}
	c := &model.Contact{
		FirstName: strings.TrimSpace(n.first.Text),
		LastName:  strings.TrimSpace(n.last.Text),
		JobTitle:  strings.TrimSpace(n.jobTitle.Text),
	}
	if s := strings.TrimSpace(n.email.Text); s != "" {
		c.Emails = []string{s}
	}
	if s := strings.TrimSpace(n.phone.Text); s != "" {
		c.Phones = []string{s}
	}
	n.create.Disable()
	backgroundErr(e.u, func(ctx context.Context, svc model.Services) error {
		return svc.Contacts.Create(ctx, c)
	}, func(err error) {
		n.create.Enable()
		if err != nil {
			n.problem.SetText(errorText(singleContactFields(err)))
			n.problem.Show()
			return
		}
		n.dialog.Hide()
		e.addRow(model.Membership{Contact: c.ID, Role: model.RoleMember}, c.Title())
		e.relayout()
		e.f.changed()
		e.showLastRow()
	})
}

// singleContactFields names the dialog's one email and phone as such
// ("Sähköpostiosoite", not "Sähköpostiosoite 1").
func singleContactFields(err error) error {
	fields := model.FieldErrors(err)
	if model.ErrorCode(err) != model.EINVALID || len(fields) == 0 {
		return err
	}
	out := make(model.ValidationErrors, len(fields))
	for i, e := range fields {
		c := *e
		switch c.Field {
		case "emails[0]":
			c.Field = "email"
		case "phones[0]":
			c.Field = "phone"
		}
		out[i] = &c
	}
	return out
}
