package ui

import (
	"errors"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets"
	"hankekirja/model"
)

// Preference keys (settings, never records).
const (
	prefLanguage    = "language"     // "", "fi", "sv" or "en"; "" follows the system
	prefLastSection = "last_section" // the view shown when the window closed
	prefWidth       = "window_width"
	prefHeight      = "window_height"
	prefRecent      = "recent_databases" // newline-separated paths, newest first
)

// currentLanguage is the language the interface speaks ("fi", "sv", "en").
var currentLanguage = "fi"

// languagePreference returns the language to use: the user's choice in
// Settings, else the system's when it is one of ours, else Finnish.
func languagePreference(p fyne.Preferences) string {
	if l := p.String(prefLanguage); l != "" {
		return l
	}
	return systemLanguage()
}

// systemLanguage reads the locale the way gettext does.
func systemLanguage() string {
	for _, env := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(env)
		if v == "" {
			continue
		}
		for _, l := range assets.Languages {
			if strings.HasPrefix(v, l) {
				return l
			}
		}
		if env != "LANGUAGE" {
			break
		}
	}
	return "fi"
}

// setLanguage makes Fyne's lang package speak l. Fyne picks the language
// from the environment whenever catalogues are added, so the choice is put
// in LANGUAGE (which gettext-style lookup reads first) before adding ours.
func setLanguage(l string) {
	currentLanguage = l
	os.Setenv("LANGUAGE", l)
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v == "C" || v == "POSIX" {
			os.Unsetenv(env)
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translation"); err != nil {
		fyne.LogError("loading translations", err)
	}
}

// T translates a catalogue key; args fill its template.
func T(key string, args ...map[string]any) string {
	var s string
	if len(args) > 0 {
		s = lang.L(key, args[0])
	} else {
		s = lang.L(key)
	}
	if s == key && missingKey != nil {
		missingKey(key)
	}
	return s
}

// missingKey, when set (tests), is told every key T did not find: Fyne
// then shows the key itself, which a user must never see.
var missingKey func(key string)

// newSelect is widget.NewSelect with its empty text in the interface
// language: Fyne's is the constant "(Select one)", which no catalogue
// reaches.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = T("ui.select_one")
	return s
}

// kindName is a kind in the singular, lower case ("projekti").
func kindName(k model.Kind) string { return T("kind." + k.String()) }

// kindHeading is a kind's plural heading ("Projektit").
func kindHeading(k model.Kind) string { return T("kinds." + k.String()) }

// fieldLabel is the label of a model field ("funding[2].amount" → the label
// of "funding").
func fieldLabel(field string) string {
	base := field
	if i := strings.IndexAny(base, "[."); i > 0 {
		base = base[:i]
	}
	key := "field." + base
	if s := T(key); s != key {
		return s
	}
	return base
}

// errorText renders an error for a user in the current language.
func errorText(err error) string { return sentence(errorClause(err)) }

// errorClause is errorText as the catalogue has it, in lower case, for a
// message that goes on after a colon ("Automaattinen varmuuskopio
// epäonnistui: levy on täynnä").
func errorClause(err error) string {
	var me *model.Error
	if !errors.As(err, &me) && !errors.As(err, new(model.ValidationErrors)) {
		err = model.Internal(err)
	}
	return assets.ErrorText(currentLanguage, err)
}

// sentence starts s with a capital letter. The catalogue's error texts
// start in lower case, as the command line prints them after
// "hankekirja: "; in a dialog each one stands alone as a sentence. (A
// field's hint stays as it is: it often follows a label, "Summa: ei voi
// olla negatiivinen".)
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// messageText renders one field error without its field label (a form
// shows it under the field).
func messageText(e *model.Error) string {
	return assets.Message(currentLanguage, e.Key, e.Args)
}
