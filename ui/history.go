package ui

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// showHistory lists a record's revisions, newest first: when, which fields
// changed and any note; any older revision can be made current again.
func showHistory(u *UI, kind model.Kind, id model.ID) {
	background(u, func(ctx context.Context, svc model.Services) ([]model.Record, error) {
		return opsOf(svc, kind).history(ctx, id)
	}, func(revs []model.Record) {
		u.lastHistory = newHistoryDialog(u, kind, id, revs)
		u.lastHistory.dialog.Show()
	})
}

// historyDialog is the open history (kept for tests).
type historyDialog struct {
	dialog  dialog.Dialog
	revs    []model.Record // newest first
	list    *widget.List
	restore *widget.Button
	chosen  int
}

func newHistoryDialog(u *UI, kind model.Kind, id model.ID, oldestFirst []model.Record) *historyDialog {
	h := &historyDialog{chosen: -1}
	for i := len(oldestFirst) - 1; i >= 0; i-- {
		h.revs = append(h.revs, oldestFirst[i])
	}
	h.list = widget.NewList(
		func() int { return len(h.revs) },
		func() fyne.CanvasObject {
			when := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			what := widget.NewLabel("")
			what.Wrapping = fyne.TextWrapWord
			return container.NewVBox(when, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			r := h.revs[i]
			m := r.GetMeta()
			when := formatTime(m.Updated)
			if i == 0 {
				when += " · " + T("ui.current_revision")
			}
			box.Objects[0].(*widget.Label).SetText(when)
			var older model.Record
			if i+1 < len(h.revs) {
				older = h.revs[i+1]
			}
			box.Objects[1].(*widget.Label).SetText(describeChange(older, r))
			h.list.SetItemHeight(i, box.MinSize().Height)
		})
	h.list.OnSelected = func(i widget.ListItemID) {
		h.chosen = i
		if i == 0 {
			h.restore.Disable()
		} else {
			h.restore.Enable()
		}
	}
	h.restore = widget.NewButtonWithIcon(T("ui.restore_revision"), theme.ContentUndoIcon(), func() {
		if h.chosen <= 0 {
			return
		}
		rev := h.revs[h.chosen].GetMeta().Rev
		backgroundErr(u, func(ctx context.Context, svc model.Services) error {
			return opsOf(svc, kind).restoreRevision(ctx, id, rev)
		}, func(err error) {
			if err != nil {
				u.showError(err)
				return
			}
			h.dialog.Hide()
			u.navigate(kind, id)
			if b := u.shell.browsers[kind]; b != nil {
				b.reload()
				b.show(id)
			}
		})
	})
	h.restore.Disable()
	content := container.NewBorder(nil, container.NewHBox(h.restore), nil, nil, h.list)
	h.dialog = dialog.NewCustom(T("ui.history"), T("ui.close"), content, u.win)
	h.dialog.Resize(fyne.NewSize(560, 480))
	return h
}

// describeChange names the fields that differ between two revisions (by
// their JSON), or says the record was created, plus the revision's note.
func describeChange(older, newer model.Record) string {
	note := noteText(newer.GetMeta().Note)
	if older == nil {
		return joinNonEmpty(T("ui.created"), note)
	}
	a, b := fieldsOf(older), fieldsOf(newer)
	var changed []string
	for k, v := range b {
		if a[k] != v {
			changed = append(changed, fieldLabel(k))
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			changed = append(changed, fieldLabel(k))
		}
	}
	sort.Strings(changed)
	what := ""
	if len(changed) > 0 {
		what = T("ui.changed_fields", map[string]any{"Fields": strings.Join(changed, ", ")})
	}
	return joinNonEmpty(what, note)
}

// metaFields are left out of "what changed".
var metaFields = map[string]bool{"id": true, "rev": true, "parent_rev": true, "created": true, "updated": true, "device": true, "deleted": true, "note": true}

func fieldsOf(r model.Record) map[string]string {
	raw, _ := json.Marshal(r)
	var m map[string]json.RawMessage
	json.Unmarshal(raw, &m)
	out := map[string]string{}
	for k, v := range m {
		if !metaFields[k] {
			out[k] = string(v)
		}
	}
	return out
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

// noteText says a revision's notes in the user's language: each code has
// its message "ui.note_<code>" in the catalogues (a test checks every code
// of model.NoteCodes has one). A note in words (model.NoteText, from an
// older version) and a code this version does not know are shown as
// written.
func noteText(notes model.Notes) string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = notePart(n)
	}
	return strings.Join(out, "; ")
}

func notePart(n model.Note) string {
	if n.Code == model.NoteText || n.Code == "" {
		return n.String()
	}
	args := make(map[string]any, len(n.Args))
	for k, v := range n.Args {
		args[k] = v
	}
	if f, ok := n.Args[model.NoteArgField]; ok {
		args[model.NoteArgField] = fieldLabel(f)
	}
	key := noteKey(n.Code)
	if s := T(key, args); s != key {
		return s
	}
	return n.String()
}

// noteKey is the catalogue key of a note's message.
func noteKey(c model.NoteCode) string { return "ui.note_" + string(c) }
