package main

import (
	"context"
	"fmt"

	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/store"
)

// fillLargeDB makes a database with the example data and n generated
// contacts, written in bulk.
func fillLargeDB(path string, n int) error {
	db, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := demo.Load(ctx, db.Services()); err != nil {
		return err
	}
	first := []string{"Aino", "Eino", "Helmi", "Väinö", "Elli", "Onni", "Åsa", "Ilmari"}
	last := []string{"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Öhman", "Åberg"}
	for start := 0; start < n; start += 5000 {
		var recs []model.Record
		for i := start; i < min(start+5000, n); i++ {
			recs = append(recs, &model.Contact{
				FirstName:    first[i%len(first)],
				LastName:     fmt.Sprintf("%s-%d", last[(i/len(first))%len(last)], i),
				Emails:       []string{fmt.Sprintf("henkilo%d@example.com", i)},
				Organisation: model.MunicipalityID("106"),
			})
		}
		if err := db.CreateAll(ctx, recs); err != nil {
			return err
		}
	}
	return nil
}
