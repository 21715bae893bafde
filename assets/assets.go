// Package assets holds the go:embed'ed data of the app: the translation
// catalogues here, and in its subpackages the municipality registry and the
// example data.
//
// The catalogues (translation/fi.json, sv.json, en.json) are in Fyne's lang
// format, a flat JSON object of key → text whose texts are go-i18n
// templates ("{{.Path}}"). The GUI loads them with
//
//	lang.AddTranslationsFS(assets.Translations, "translation")
//
// and the command line, which has no Fyne, renders them with Message and
// ErrorText. Key prefixes:
//
//	error.           model's message keys (model.MessageKeys)
//	field.           labels of the model's fields, for "<label>: <message>"
//	kind., kinds.    a record kind in the singular (lower case) and plural (a heading)
//	status., org_type., group_type., role., staff_role., language_status.
//	                 the model's choices
//	cli.             the command line's own messages
package assets

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"hankekirja/model"
)

// Translations holds translation/fi.json, sv.json and en.json.
//
//go:embed translation
var Translations embed.FS

// Languages lists the languages of the catalogues, the default first.
var Languages = []string{"fi", "sv", "en"}

// fallbackLang is used for a language without a catalogue and for a key a
// catalogue lacks.
const fallbackLang = "en"

var catalogues struct {
	once sync.Once
	m    map[string]map[string]string
	err  error
}

// Catalogue returns the parsed catalogue of a language ("fi", "sv", "en"):
// translation/<lang>.json merged with every translation/<area>.<lang>.json
// (Fyne's lang package reads the same files the same way).
func Catalogue(lang string) (map[string]string, error) {
	catalogues.once.Do(func() {
		catalogues.m = map[string]map[string]string{}
		entries, err := Translations.ReadDir("translation")
		if err != nil {
			catalogues.err = err
			return
		}
		for _, l := range Languages {
			m := map[string]string{}
			for _, e := range entries {
				name := e.Name()
				if name != l+".json" && !strings.HasSuffix(name, "."+l+".json") {
					continue
				}
				data, err := Translations.ReadFile("translation/" + name)
				if err != nil {
					catalogues.err = err
					return
				}
				part := map[string]string{}
				if err := json.Unmarshal(data, &part); err != nil {
					catalogues.err = fmt.Errorf("translation/%s: %w", name, err)
					return
				}
				for k, v := range part {
					if _, dup := m[k]; dup {
						catalogues.err = fmt.Errorf("translation/%s: key %q is defined twice", name, k)
						return
					}
					m[k] = v
				}
			}
			if len(m) == 0 {
				catalogues.err = fmt.Errorf("no catalogue for language %q", l)
				return
			}
			catalogues.m[l] = m
		}
	})
	if catalogues.err != nil {
		return nil, catalogues.err
	}
	m, ok := catalogues.m[lang]
	if !ok {
		return nil, fmt.Errorf("no catalogue for language %q", lang)
	}
	return m, nil
}

// normLang reduces a language tag or locale ("fi_FI.UTF-8", "sv-SE") to a
// catalogue's language, English when there is none.
func normLang(lang string) string {
	l := strings.ToLower(lang)
	if len(l) > 2 {
		l = l[:2]
	}
	for _, x := range Languages {
		if l == x {
			return x
		}
	}
	return fallbackLang
}

// lookup returns the text of key in lang, falling back to English.
func lookup(lang, key string) (string, bool) {
	for _, l := range []string{normLang(lang), fallbackLang} {
		if m, err := Catalogue(l); err == nil {
			if s, ok := m[key]; ok {
				return s, true
			}
		}
	}
	return "", false
}

// Has reports whether key is in the catalogue of lang or in the English one.
func Has(lang, key string) bool {
	_, ok := lookup(lang, key)
	return ok
}

// Message renders key in language lang with args filling its template. A key
// missing from lang's catalogue is taken from the English one, and a key
// missing from both is returned as it is.
func Message(lang, key string, args map[string]any) string {
	text, ok := lookup(lang, key)
	if !ok {
		return key
	}
	return render(text, args)
}

// render executes a catalogue text as a text/template; a text that is not a
// valid template is returned unrendered.
func render(text string, args map[string]any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return text
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
}

// Label returns the translation of prefix+value ("status."+"running"), or
// value itself when the catalogue has no such key.
func Label(lang, prefix, value string) string {
	if value == "" {
		return ""
	}
	if text, ok := lookup(lang, prefix+value); ok {
		return text
	}
	return value
}

// ErrorText says err to a user in language lang: a *model.Error by its key
// and arguments, prefixed with its field's label when it has a field;
// model.ValidationErrors as all of their errors joined by "; "; and anything
// else as the internal error message.
func ErrorText(lang string, err error) string {
	if err == nil {
		return ""
	}
	var ve model.ValidationErrors
	if errors.As(err, &ve) {
		parts := make([]string, 0, len(ve))
		for _, e := range ve {
			parts = append(parts, modelErrorText(lang, e))
		}
		return strings.Join(parts, "; ")
	}
	var me *model.Error
	if errors.As(err, &me) {
		return modelErrorText(lang, me)
	}
	return Message(lang, "error.internal", map[string]any{"Detail": err.Error()})
}

func modelErrorText(lang string, e *model.Error) string {
	if e == nil {
		return Message(lang, "error.internal", map[string]any{"Detail": "nil error"})
	}
	var msg string
	if e.Key == "" || !Has(lang, e.Key) {
		msg = e.Error()
		if e.Field != "" {
			// Error() already carries the raw field name.
			return msg
		}
	} else {
		msg = Message(lang, e.Key, translateArgs(lang, e.Args))
	}
	if e.Field != "" {
		return FieldLabel(lang, e.Field) + ": " + msg
	}
	return msg
}

// translateArgs replaces a record kind in the arguments ("project") with
// its name in lang ("hanke").
func translateArgs(lang string, args map[string]any) map[string]any {
	kind, ok := args["Kind"].(string)
	if !ok {
		return args
	}
	out := make(map[string]any, len(args))
	for k, v := range args {
		out[k] = v
	}
	if Has(lang, "kind."+kind) {
		out["Kind"] = Message(lang, "kind."+kind, nil)
	} else {
		out["Kind"] = Message(lang, "kind.record", nil)
	}
	return out
}

// fieldPart is one step of a field path: "funding[2]" or "amount".
var fieldPart = regexp.MustCompile(`^([A-Za-z0-9_]+)(?:\[([0-9]+)\])?$`)

// FieldLabel turns a model field path into a label for users: "name" →
// "Nimi", "phones[0]" → "Puhelinnumero 1" (an item of a list is labelled by
// field.<name>_item when the catalogue has it), "funding[1].amount" →
// "Rahoitusrivi 2 › Summa". Parts the catalogue does not know are shown as
// they are.
func FieldLabel(lang, field string) string {
	if text, ok := lookup(lang, "field."+field); ok {
		return text
	}
	parts := strings.Split(field, ".")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		m := fieldPart.FindStringSubmatch(p)
		if m == nil {
			out = append(out, p)
			continue
		}
		label, ok := lookup(lang, "field."+m[1])
		if m[2] != "" {
			// One item of a list: "phones_item" is "Puhelinnumero".
			if item, found := lookup(lang, "field."+m[1]+"_item"); found {
				label, ok = item, true
			}
		}
		if !ok {
			label = m[1]
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			label += " " + strconv.Itoa(n+1)
		}
		out = append(out, label)
	}
	return strings.Join(out, " › ")
}
