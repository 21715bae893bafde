package importing

import (
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
)

// Options tune an import (the Import of package csv or vcard).
type Options struct {
	// DryRun builds the report and changes nothing.
	DryRun bool
	// SkipInvalid imports the valid rows even when some are invalid;
	// without it a file with an invalid row imports nothing.
	SkipInvalid bool
	// Lang is the language of the report's messages ("fi", "sv", "en").
	Lang string
	// Kind forces the kind of a CSV file instead of recognising it from
	// the headers (0: recognise).
	Kind model.Kind
	// Region is the country (ISO 3166, "SE") of national phone numbers
	// on records whose address names none; empty is Finland.
	Region string
	// CreateOrganisations adds an organisation a record names that does
	// not exist; without it the name is kept in the record's notes.
	CreateOrganisations bool
}

// Action is what importing a record does.
type Action string

// Actions.
const (
	Add       Action = "add"
	Update    Action = "update"
	Unchanged Action = "unchanged"
	Invalid   Action = "invalid"
)

// Actions lists the actions in the order reports show them.
var Actions = []Action{Add, Update, Unchanged, Invalid}

// Problem is one reason a record cannot be imported, said in the report's
// language. Row is the row (CSV, where the header is row 1) or the card
// (vCard, counting from 1) it was found on.
type Problem struct {
	Row  int
	Text string
}

// Item is what importing one record does.
type Item struct {
	// Row is the record's first row (CSV) or its card's number (vCard).
	Row    int
	Kind   model.Kind
	Action Action
	// ID is the record that is added or updated.
	ID    model.ID
	Title string
	// Changes are the labels of the columns an update changes.
	Changes []string
	// Problems say why an Invalid item cannot be imported; on another
	// item they are notes on what was left out (a vCard's organisation
	// that was not found).
	Problems []Problem
}

// Report is the preview of an import and, once applied, its result.
type Report struct {
	// Format is "csv" or "vcard".
	Format string
	Kind   model.Kind
	Lang   string
	Items  []Item
	// Ignored are columns the import did not recognise.
	Ignored []string
	// Applied is set when the changes were written.
	Applied bool
}

// Count returns the number of items with action a.
func (r *Report) Count(a Action) int {
	n := 0
	for _, it := range r.Items {
		if it.Action == a {
			n++
		}
	}
	return n
}

// Problems returns every problem of every item, in row order.
func (r *Report) Problems() []Problem {
	var out []Problem
	for _, it := range r.Items {
		out = append(out, it.Problems...)
	}
	return out
}

// Summary says in one line what the import does or did: "lisätään 2,
// päivitetään 1, ennallaan 5, virheellisiä 1".
func (r *Report) Summary() string {
	var parts []string
	for _, a := range Actions {
		key := "table.summary_" + string(a)
		if r.Applied {
			key += "_done"
		}
		parts = append(parts, assets.Message(r.Lang, key, map[string]any{"Count": r.Count(a)}))
	}
	return strings.Join(parts, ", ")
}

// Lines says the report in lines for a person: the summary, what each
// added or updated record is, and every problem ("rivi 14: ...").
func (r *Report) Lines() []string {
	lines := []string{r.Summary()}
	if len(r.Ignored) > 0 {
		lines = append(lines, assets.Message(r.Lang, "table.ignored_columns", map[string]any{"Names": strings.Join(r.Ignored, ", ")}))
	}
	for _, it := range r.Items {
		switch it.Action {
		case Add:
			lines = append(lines, r.place(it.Row)+assets.Message(r.Lang, "table.item_add", map[string]any{"Name": it.Title}))
		case Update:
			lines = append(lines, r.place(it.Row)+assets.Message(r.Lang, "table.item_update", map[string]any{"Name": it.Title, "Fields": strings.Join(it.Changes, ", ")}))
		}
	}
	for _, p := range r.Problems() {
		lines = append(lines, r.place(p.Row)+p.Text)
	}
	return lines
}

// place is "rivi 14: " or "kortti 3: ".
func (r *Report) place(n int) string {
	key := "table.row"
	switch r.Format {
	case "vcard":
		key = "table.card"
	case "ics":
		key = "ics.event"
	}
	return assets.Message(r.Lang, key, map[string]any{"Count": n}) + ": "
}

// String is the report's lines, for logs and tests.
func (r *Report) String() string { return strings.Join(r.Lines(), "\n") }

// Append adds an item and returns it, to fill in while its rows are read.
func (r *Report) Append(it Item) *Item {
	r.Items = append(r.Items, it)
	return &r.Items[len(r.Items)-1]
}

// Reject marks the item Invalid because of a problem found on row.
func (it *Item) Reject(row int, text string) {
	it.Action = Invalid
	it.Problems = append(it.Problems, Problem{Row: row, Text: text})
}

// Note adds a problem that does not make the item invalid: something the
// import leaves out (a vCard's organisation that was not found).
func (it *Item) Note(row int, text string) {
	it.Problems = append(it.Problems, Problem{Row: row, Text: text})
}
