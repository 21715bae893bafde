package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// fyneEnglish are texts Fyne shows when nothing translated them: its own
// defaults, and the English words of its dialogs.
var fyneEnglish = []string{"(Select one)", "Cancel", "Confirm", "Yes", "No", "Open", "Save", "Home", "Computer",
	"Enter filename", "Select all", "Copy", "Paste", "Cut", "Undo", "Redo", "Favourites", "New Folder", "Error"}

// arrowBeforeSpace finds ← ↑ → ↓ followed by a space, which Fyne 2.8.1
// draws with a replacement mark after the arrow.
var arrowBeforeSpace = regexp.MustCompile(`[←↑→↓][ \x{00a0}]`)

// shownTexts lists every text a user can read on screen: labels,
// buttons, links, check boxes, choices and their empty texts, the hints
// in empty fields.
func shownTexts(u *UI) []string {
	var out []string
	for _, o := range allObjects(u) {
		if !o.Visible() {
			continue
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Hyperlink:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.Select:
			placeholder := w.PlaceHolder
			if placeholder == "" {
				placeholder = "(Select one)" // Fyne's default, shown whenever nothing is chosen
			}
			out = append(out, placeholder, w.Selected)
			out = append(out, w.Options...)
		case *widget.Entry:
			out = append(out, w.PlaceHolder)
		case *widget.RadioGroup:
			out = append(out, w.Options...)
		}
	}
	return out
}

// TestNoEnglishDefaultsOrMissingKeys opens every view, a record in it,
// its new-record form, and the dialogs of the Help and File menus, in
// Finnish and in Swedish, and fails when a catalogue key was missing
// (Fyne then shows the key) or a widget shows one of Fyne's English
// defaults.
func TestNoEnglishDefaultsOrMissingKeys(t *testing.T) {
	for _, l := range []string{"fi", "sv"} {
		t.Run(l, func(t *testing.T) {
			u := newTestUI(t)
			withDemo(t, u)
			u.app.Preferences().SetString(prefLanguage, l)
			u.rebuild()
			u.Wait()
			t.Cleanup(func() { setLanguage("fi") })
			missing := map[string]bool{}
			missingKey = func(key string) { missing[key] = true }
			t.Cleanup(func() { missingKey = nil })

			check := func(where string) {
				t.Helper()
				u.Wait()
				texts := shownTexts(u)
				for _, text := range texts {
					if arrowBeforeSpace.MatchString(text) {
						t.Errorf("%s: %q has an arrow before a space, which Fyne draws as →�", where, text)
					}
					for _, en := range fyneEnglish {
						if text == en {
							t.Errorf("%s: Fyne's English %q on screen", where, text)
						}
					}
				}
				for k := range missing {
					t.Errorf("%s: catalogue key %q missing in %s", where, k, l)
				}
				clear(missing)
			}
			closeOverlays := func() {
				for u.win.Canvas().Overlays().Top() != nil {
					u.win.Canvas().Overlays().Top().Hide()
					u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
				}
			}
			for i, s := range sections {
				u.shell.nav.Select(i)
				u.Wait()
				check(s.name)
				if s.kind == 0 {
					continue
				}
				b := browserOf(u, s.kind)
				if b.total > 0 {
					b.list.Select(0)
					check(fmt.Sprintf("%s: first record", s.name))
					b.editRecord(b.selected)
					check(fmt.Sprintf("%s: its form", s.name))
					if b.editing != nil {
						b.editing.cancel()
						u.Wait()
						closeOverlays()
					}
				}
				if s.kind != model.KindMunicipality {
					b.newRecord()
					check(fmt.Sprintf("%s: new record form", s.name))
					if b.editing != nil {
						if b.editing.dirty {
							t.Errorf("%s: an untouched new form counts as changed", s.name)
						}
						b.editing.cancel()
						u.Wait()
						if b.editing != nil {
							t.Errorf("%s: Cancel did not leave the untouched form", s.name)
						}
						closeOverlays()
					}
				}
			}
			for name, open := range map[string]func(){
				"guide":     u.showGuide,
				"shortcuts": u.showShortcuts,
				"about":     u.showAbout,
				"file": func() {
					u.chooseFile(fileRequest{kind: fileExport, title: "x", save: true, name: "a.csv"}, func(string) {})
				},
				"picker": func() { pickRecord(u, []model.Kind{model.KindOrganisation}, func(model.Summary) {}) },
			} {
				open()
				check(name)
				closeOverlays()
			}
		})
	}
}

// TestTheSweepCatchesEnglish: the sweep above would see an untranslated
// choice and a missing key.
func TestTheSweepCatchesEnglish(t *testing.T) {
	u := newTestUI(t)
	sel := widget.NewSelect([]string{"a"}, nil)
	u.win.SetContent(sel)
	found := false
	for _, text := range shownTexts(u) {
		found = found || text == "(Select one)"
	}
	if !found {
		t.Fatal("a bare Fyne Select's placeholder is not seen")
	}
	var got []string
	missingKey = func(key string) { got = append(got, key) }
	defer func() { missingKey = nil }()
	T("ui.no_such_key")
	if strings.Join(got, ",") != "ui.no_such_key" {
		t.Fatalf("missing keys seen: %v", got)
	}
}
