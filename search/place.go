package search

import (
	"strconv"

	"hankekirja/model"
)

// Place says where a hit is, in the words of the catalogue tr translates
// with: "Päätös, 6 § 1/2016" for a meeting's agenda item, else the field's
// name ("Sähköposti").
func Place(h model.SearchHit, tr func(key string, args map[string]any) string) string {
	field := tr("search.field."+h.Field, nil)
	if h.Item == 0 {
		return field
	}
	args := map[string]any{"Field": field, "Item": strconv.Itoa(h.ItemNumber), "Meeting": h.MeetingNumber}
	if h.ItemNumber == 0 {
		return tr("search.place_item_unnumbered", args)
	}
	return tr("search.place_item", args)
}
