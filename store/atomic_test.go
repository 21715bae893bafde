package store

import (
	"context"
	"errors"
	"testing"

	"hankekirja/model"
)

func TestAtomic(t *testing.T) {
	_, svc := openTestDB(t)
	t.Run("AllOrNothing", func(t *testing.T) {
		err := svc.Atomic(ctx, func(ctx context.Context) error {
			if err := svc.Contacts.Create(ctx, &model.Contact{LastName: "Aalto"}); err != nil {
				return err
			}
			return svc.Contacts.Create(ctx, &model.Contact{LastName: "Bäck", Emails: []string{"ei-osoite"}})
		})
		wantCode(t, err, model.EINVALID)
		page, _ := svc.Contacts.List(ctx, model.Filter{})
		if page.Total != 0 {
			t.Fatalf("a failed Atomic left %d contacts", page.Total)
		}
	})
	t.Run("SeesItsOwnWrites", func(t *testing.T) {
		var org model.Organisation
		err := svc.Atomic(ctx, func(ctx context.Context) error {
			org = model.Organisation{Name: "Hämeen liitto", Type: model.OrgRegionalCouncil}
			if err := svc.Organisations.Create(ctx, &org); err != nil {
				return err
			}
			// The new organisation can be read and referred to before commit.
			if _, err := svc.Organisations.Get(ctx, org.ID); err != nil {
				return err
			}
			c := &model.Contact{LastName: "Heinonen", Organisation: org.ID}
			if err := svc.Contacts.Create(ctx, c); err != nil {
				return err
			}
			c.JobTitle = "valmistelija"
			return svc.Contacts.Update(ctx, c)
		})
		if err != nil {
			t.Fatal(err)
		}
		refs, _ := svc.Queries.ReferencesTo(ctx, org.ID)
		if len(refs) != 1 || refs[0].From.Title != "Heinonen" {
			t.Fatalf("references after Atomic = %+v", refs)
		}
		page, _ := svc.Contacts.List(ctx, model.Filter{Query: "heinonen"})
		if page.Total != 1 {
			t.Fatal("the list missed a write made in Atomic")
		}
	})
	t.Run("CallerError", func(t *testing.T) {
		stop := errors.New("stop")
		err := svc.Atomic(ctx, func(ctx context.Context) error {
			svc.Contacts.Create(ctx, &model.Contact{LastName: "Castrén"})
			return stop
		})
		if !errors.Is(err, stop) {
			t.Fatalf("err = %v", err)
		}
		page, _ := svc.Contacts.List(ctx, model.Filter{Query: "castrén"})
		if page.Total != 0 {
			t.Fatal("a rolled-back write reached the list")
		}
	})
}
