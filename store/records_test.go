package store

import (
	"reflect"
	"testing"

	"hankekirja/model"
)

func TestCreateGetUpdate(t *testing.T) {
	db, svc := openTestDB(t)
	t.Run("OK", func(t *testing.T) {
		o := mustCreate(t, svc.Organisations, &model.Organisation{Name: "Keski-Uudenmaan sote", Type: model.OrgJointAuthority, BusinessID: "2844969-4", OVT: "003728449694", Municipality: model.MunicipalityID("106")})
		if o.ID.IsZero() || o.Rev.IsZero() || o.Device != db.Device() || o.Created.IsZero() {
			t.Fatalf("meta not filled in: %+v", o.Meta)
		}
		got, err := svc.Organisations.Get(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != o.Name || got.BusinessID != "2844969-4" || got.Municipality != o.Municipality {
			t.Fatalf("Get = %+v", got)
		}
		got.Name = "Keski-Uudenmaan sote -kuntayhtymä"
		firstRev := got.Rev
		if err := svc.Organisations.Update(ctx, got); err != nil {
			t.Fatal(err)
		}
		if got.ParentRev != firstRev || got.Rev == firstRev || !got.Created.Equal(o.Created) {
			t.Fatalf("revision chain wrong: %+v", got.Meta)
		}
		hist, err := svc.Organisations.History(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Name != "Keski-Uudenmaan sote" || hist[1].Name != got.Name {
			t.Fatalf("history = %d revisions", len(hist))
		}
	})
	t.Run("ErrStale", func(t *testing.T) {
		o := mustCreate(t, svc.Organisations, &model.Organisation{Name: "Hämeen liitto"})
		a, _ := svc.Organisations.Get(ctx, o.ID)
		b, _ := svc.Organisations.Get(ctx, o.ID)
		a.Notes = "first"
		if err := svc.Organisations.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
		b.Notes = "second"
		wantCode(t, svc.Organisations.Update(ctx, b), model.ECONFLICT)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		err := svc.Organisations.Create(ctx, &model.Organisation{Name: "", BusinessID: "2077474-1"})
		wantCode(t, err, model.EINVALID)
		fields := map[string]bool{}
		for _, e := range model.FieldErrors(err) {
			fields[e.Field] = true
		}
		if !fields["name"] || !fields["business_id"] {
			t.Fatalf("field errors = %v", err)
		}
	})
	t.Run("ErrMissingRef", func(t *testing.T) {
		err := svc.Contacts.Create(ctx, &model.Contact{LastName: "Virtanen", Organisation: model.NewID()})
		wantCode(t, err, model.EINVALID)
		if fe := model.FieldErrors(err); len(fe) != 1 || fe[0].Key != "error.missing_ref" || fe[0].Field != "organisation" {
			t.Fatalf("errors = %v", err)
		}
	})
	t.Run("ErrWrongRefKind", func(t *testing.T) {
		c := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Korhonen"})
		err := svc.Projects.Create(ctx, &model.Project{Name: "X", Administrator: c.ID})
		wantCode(t, err, model.EINVALID)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Projects.Get(ctx, model.NewID())
		wantCode(t, err, model.ENOTFOUND)
		// An ID of another kind is not found through this kind's service.
		_, err = svc.Projects.Get(ctx, model.MunicipalityID("091"))
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("PhonesNormalised", func(t *testing.T) {
		c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Ääninen", Phones: []string{"040 000 0001"}, Emails: []string{"aino@example.fi"}})
		got, _ := svc.Contacts.Get(ctx, c.ID)
		if got.Phones[0] != "+358400000001" {
			t.Fatalf("phone stored as %q", got.Phones[0])
		}
	})
}

func TestDeleteRestorePurge(t *testing.T) {
	_, svc := openTestDB(t)
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Matti", LastName: "Mallikas"})
	p := mustCreate(t, svc.Projects, &model.Project{Name: "Sote-selvitys", Staff: []model.StaffMember{{Contact: c.ID, Role: model.StaffPreparer}}})
	g := mustCreate(t, svc.Groups, &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering, Project: p.ID,
		Members: []model.Membership{{Contact: c.ID, Role: model.RoleChair, Represents: model.MunicipalityID("109")}}})

	t.Run("ErrReferenced", func(t *testing.T) {
		err := svc.Contacts.Delete(ctx, c.ID, false)
		wantCode(t, err, model.ECONFLICT)
		var me *model.Error
		if fe := model.FieldErrors(err); len(fe) == 1 {
			me = fe[0]
		}
		if me == nil || me.Key != "error.referenced" {
			t.Fatalf("err = %v", err)
		}
		refs, _ := me.Args["Refs"].(string)
		if refs != "Sote-selvitys, Ohjausryhmä" && refs != "Ohjausryhmä, Sote-selvitys" {
			t.Fatalf("referrers named = %q", refs)
		}
	})
	t.Run("DeleteWithUnlink", func(t *testing.T) {
		if err := svc.Contacts.Delete(ctx, c.ID, true); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Groups.Get(ctx, g.ID)
		if len(got.Members) != 0 {
			t.Fatalf("membership not removed: %+v", got.Members)
		}
		proj, _ := svc.Projects.Get(ctx, p.ID)
		if len(proj.Staff) != 0 {
			t.Fatalf("staff not removed")
		}
		page, _ := svc.Contacts.List(ctx, model.Filter{})
		if page.Total != 0 {
			t.Fatalf("trashed contact still listed")
		}
		trash, _ := svc.Queries.Trash(ctx)
		if len(trash) != 1 || trash[0].ID != c.ID {
			t.Fatalf("trash = %+v", trash)
		}
		// A trashed record cannot be referred to.
		err := svc.Projects.Create(ctx, &model.Project{Name: "Y", Staff: []model.StaffMember{{Contact: c.ID}}})
		wantCode(t, err, model.EINVALID)
	})
	t.Run("Restore", func(t *testing.T) {
		if err := svc.Contacts.Restore(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Contacts.Get(ctx, c.ID)
		if got.InTrash() {
			t.Fatal("still in trash")
		}
		wantCode(t, svc.Contacts.Restore(ctx, c.ID), model.ECONFLICT)
		wantCode(t, svc.Contacts.Purge(ctx, c.ID), model.ECONFLICT)
	})
	t.Run("Purge", func(t *testing.T) {
		if err := svc.Contacts.Delete(ctx, c.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := svc.Contacts.Purge(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Contacts.Get(ctx, c.ID)
		wantCode(t, err, model.ENOTFOUND)
		_, err = svc.Contacts.History(ctx, c.ID)
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("RestoreRevision", func(t *testing.T) {
		// The group's first revision still has the contact as chair; the
		// contact is gone, so restoring it drops that link.
		hist, err := svc.Groups.History(ctx, g.ID)
		if err != nil || len(hist) < 2 {
			t.Fatalf("history: %v %d", err, len(hist))
		}
		if err := svc.Groups.RestoreRevision(ctx, g.ID, hist[0].Rev); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Groups.Get(ctx, g.ID)
		if len(got.Members) != 0 || got.Name != "Ohjausryhmä" {
			t.Fatalf("restored = %+v", got)
		}
		if got.ParentRev != hist[len(hist)-1].Rev {
			t.Fatalf("restored revision's parent is not the previous current one")
		}
	})
}

func TestParentCycle(t *testing.T) {
	_, svc := openTestDB(t)
	a := mustCreate(t, svc.Groups, &model.Group{Name: "A", Type: model.GroupSteering})
	b := mustCreate(t, svc.Groups, &model.Group{Name: "B", Type: model.GroupWorking, Parent: a.ID})
	a.Parent = b.ID
	err := svc.Groups.Update(ctx, a)
	wantCode(t, err, model.EINVALID)
	if fe := model.FieldErrors(err); fe[0].Key != "error.parent_cycle" {
		t.Fatalf("err = %v", err)
	}
}

func TestMunicipalitiesAreReadOnly(t *testing.T) {
	_, svc := openTestDB(t)
	m, err := svc.Municipalities.Get(ctx, model.MunicipalityID("106"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name.FI != "Hyvinkää" || m.CountyCode != "02" {
		t.Fatalf("106 = %+v", m)
	}
	t.Run("NotesOK", func(t *testing.T) {
		m.Notes = "KUUMA-kunta"
		if err := svc.Municipalities.Update(ctx, m); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrCodeFixed", func(t *testing.T) {
		m, _ := svc.Municipalities.Get(ctx, model.MunicipalityID("106"))
		m.Code = "107"
		wantCode(t, svc.Municipalities.Update(ctx, m), model.EREADONLY)
	})
	t.Run("ErrOfficialData", func(t *testing.T) {
		m, _ := svc.Municipalities.Get(ctx, model.MunicipalityID("106"))
		m.Population = 1
		wantCode(t, svc.Municipalities.Update(ctx, m), model.EREADONLY)
	})
	t.Run("ErrCreateDelete", func(t *testing.T) {
		wantCode(t, svc.Municipalities.Create(ctx, &model.Municipality{Code: "999", Name: model.Names{FI: "Uusi"}}), model.EREADONLY)
		wantCode(t, svc.Municipalities.Delete(ctx, model.MunicipalityID("106"), true), model.EREADONLY)
	})
}

func TestCreateAll(t *testing.T) {
	_, svc := openTestDB(t)
	db := svc.Contacts.(*kindStore[model.Contact, *model.Contact]).db
	org := &model.Organisation{Name: "KUUMA-seutu"}
	org.ID = model.NewID()
	recs := []model.Record{org,
		&model.Contact{LastName: "Aalto", Organisation: org.ID, Phones: []string{"040 000 0002"}},
		&model.Contact{LastName: "Björk"},
	}
	if err := db.CreateAll(ctx, recs); err != nil {
		t.Fatal(err)
	}
	page, _ := svc.Contacts.List(ctx, model.Filter{})
	if page.Total != 2 {
		t.Fatalf("contacts = %d", page.Total)
	}
	if c := recs[1].(*model.Contact); c.Phones[0] != "+358400000002" {
		t.Fatalf("phone = %q", c.Phones[0])
	}
	t.Run("AllOrNothing", func(t *testing.T) {
		err := db.CreateAll(ctx, []model.Record{&model.Contact{LastName: "Ok"}, &model.Contact{Emails: []string{"x"}}})
		wantCode(t, err, model.EINVALID)
		page, _ := svc.Contacts.List(ctx, model.Filter{})
		if page.Total != 2 {
			t.Fatalf("a failed bulk create left %d contacts", page.Total)
		}
	})
}

// TestFailedSaveKeepsTheRecord: a save refused by validation leaves the
// record's metadata as it was, so the same record, fixed, saves.
func TestFailedSaveKeepsTheRecord(t *testing.T) {
	_, svc := openTestDB(t)
	c := mustCreate(t, svc.Contacts, &model.Contact{LastName: "Korjattava"})
	meta := c.Meta
	c.Organisation = model.NewID() // no such record
	if err := svc.Contacts.Update(ctx, c); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("update with a missing organisation: %v", err)
	}
	if !reflect.DeepEqual(c.Meta, meta) {
		t.Errorf("a refused update changed the metadata: %+v, was %+v", c.Meta, meta)
	}
	c.Organisation = model.NilID
	if err := svc.Contacts.Update(ctx, c); err != nil {
		t.Errorf("the fixed record does not save: %v", err)
	}
	n := &model.Contact{LastName: "Uusi", Organisation: model.NewID()}
	if err := svc.Contacts.Create(ctx, n); model.ErrorCode(err) != model.EINVALID || !n.ID.IsZero() {
		t.Errorf("a refused create: %v, ID %s", err, n.ID)
	}
}
