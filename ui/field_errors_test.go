package ui

import (
	"strings"
	"testing"

	"hankekirja/model"
)

// TestPlaceErrors sends each error to its field's placer, its item or
// above the form.
func TestPlaceErrors(t *testing.T) {
	u := newTestUI(t)
	f := newForm(u, "x")
	f.entry("name", "")
	f.entry("members", "")
	type placed struct {
		head  string
		index int
		rest  string
	}
	var got []placed
	membersHint, nameHint := f.items["members"].HintText, f.items["name"].HintText
	err := model.ValidationErrors{
		model.Invalid("name", "error.required"),
		model.Invalid("members[3].term.end", "error.date"),
		model.Invalid("members", "error.required"),
		{Code: model.EINVALID, Key: "error.stale"},
	}
	f.placeErrors(err, map[string]fieldPlacer{
		"members": func(p model.FieldPath, e *model.Error) {
			i, ok := p.Index()
			if !ok {
				i = -1
			}
			got = append(got, placed{p.Head(), i, p.Rest().String()})
		},
	})
	want := []placed{{"members", 3, "term.end"}, {"members", -1, ""}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("placer got %v, want %v", got, want)
	}
	if h := f.items["name"].HintText; h == nameHint || !strings.Contains(h, messageText(err[0])) {
		t.Error("the name's error is not at its item")
	}
	if f.items["members"].HintText != membersHint {
		t.Error("an error with a placer also went to the item")
	}
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, messageText(err[3])) {
		t.Errorf("the record's error is not above the form: %q", f.problem.Text)
	}
}
