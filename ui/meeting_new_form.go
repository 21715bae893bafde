package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// newMeetingForm asks for the group and the day; the model's rules give
// the rest (number, § numbers, attendance, agenda), and the minutes open.
func (v *meetingsView) newMeetingForm() *form {
	f := newForm(v.u, T("meetings_ui.new_meeting"))
	group := newRecordPicker(v.u, f, "group", []model.Kind{model.KindGroup})
	if !v.preset.IsZero() {
		group.set(v.preset)
		v.preset = model.NilID
	}
	date := f.date("date", model.Today())
	start := f.entry("start_time", "")
	start.SetPlaceHolder("9.00")
	place := f.entry("place", "")
	review := widget.NewCheck(T("meetings_ui.review_open_tasks"), func(bool) { f.changed() })
	review.SetChecked(true)
	f.form.AppendItem(widget.NewFormItem("", review))
	hint := wrapped(T("meetings_ui.new_meeting_hint"))
	hint.Importance = widget.LowImportance
	f.form.AppendItem(widget.NewFormItem("", hint))
	chained := false
	f.save = func() {
		ok := true
		if group.id.IsZero() {
			f.markField("group", model.Invalid("group", "error.required"))
			ok = false
		}
		d, dateOK := date()
		if dateOK && d.IsZero() {
			f.markField("date", model.Invalid("date", "error.required"))
			dateOK = false
		}
		clock, err := model.ParseClock(start.Text)
		if err != nil {
			f.markField("start_time", model.Invalid("start_time", "error.clock"))
			ok = false
		}
		if !chained {
			chained = true
			done := f.onDone
			f.onDone = func(saved model.ID) {
				if saved.IsZero() {
					if done != nil {
						done(saved)
					}
					return
				}
				v.openCreated(saved)
			}
		}
		g, p, r := group.id, strings.TrimSpace(place.Text), review.Checked
		f.store(!ok || !dateOK, func(ctx context.Context, svc model.Services) (model.ID, error) {
			m, err := model.NewMeetingWork(svc).Create(ctx, g, d, clock, p, r)
			if err != nil {
				return model.NilID, err
			}
			return m.ID, nil
		})
	}
	return f
}

// openCreated opens the minutes of a meeting just made, once the list
// shows it: the list's selection arriving later would otherwise take the
// editor away again.
func (v *meetingsView) openCreated(id model.ID) {
	b := v.b
	b.editing = nil
	b.selected = id
	b.generation++
	gen := b.generation
	query := b.filter.Text
	background(v.u, func(ctx context.Context, svc model.Services) (model.Page, error) {
		return v.list(ctx, svc, query, 0, listPage)
	}, func(p model.Page) {
		if gen == b.generation {
			b.setItems(query, p)
		}
		if b.selected == id && b.editing == nil {
			b.openForm(id)
		}
	})
}

func (u *UI) newMeeting(group model.ID) {
	b := u.shell.browsers[model.KindMeeting]
	v, ok := b.view.(*meetingsView)
	if !ok {
		return
	}
	open := func() {
		i := sectionIndex("meetings", 0)
		if u.shell.current != i {
			u.shell.showSection(i)
		}
		v.showMeetingsTab()
		b.list.UnselectAll()
		b.selected = model.NilID
		v.preset = group
		b.openForm(model.NilID)
	}
	if cur := u.shell.currentBrowser(); cur != nil {
		cur.guard(open, nil)
		return
	}
	open()
}
