package store

import (
	"testing"

	"hankekirja/model"
)

// A contact is found by its phone number however the number is typed.
func TestSearchPhoneNumbers(t *testing.T) {
	_, svc := openTestDB(t)
	c := &model.Contact{FirstName: "Matti", LastName: "Virtanen", Phones: []string{"+358401234567"}}
	if err := svc.Contacts.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"040 123 4567", "0401234567", "+358 40 123 4567", "+358401234567", "401234567"} {
		res, err := svc.Queries.Search(ctx, q, 10)
		if err != nil || len(res) != 1 {
			t.Errorf("Search(%q) = %v, %v", q, res, err)
		}
		page, _ := svc.Contacts.List(ctx, model.Filter{Query: q})
		if page.Total != 1 {
			t.Errorf("List(%q) = %d", q, page.Total)
		}
	}
}
