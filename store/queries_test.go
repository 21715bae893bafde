package store

import (
	"testing"

	"hankekirja/model"
)

func TestListSortFilter(t *testing.T) {
	_, svc := openTestDB(t)
	for _, n := range []string{"Öhman", "Zetterberg", "Åkerlund", "Ahonen", "Ärväs", "virtanen", "Wikström"} {
		mustCreate(t, svc.Contacts, &model.Contact{LastName: n})
	}
	page, err := svc.Contacts.List(ctx, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range page.Items {
		got = append(got, s.Title)
	}
	want := []string{"Ahonen", "virtanen", "Wikström", "Zetterberg", "Åkerlund", "Ärväs", "Öhman"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
	page, _ = svc.Contacts.List(ctx, model.Filter{Offset: 2, Limit: 2})
	if page.Total != 7 || len(page.Items) != 2 || page.Items[0].Title != "Wikström" {
		t.Fatalf("page = %+v", page)
	}
	page, _ = svc.Municipalities.List(ctx, model.Filter{Query: "hyvin"})
	if page.Total != 1 || page.Items[0].Title != "Hyvinkää" {
		t.Fatalf("hyvin = %+v", page.Items)
	}
	page, _ = svc.Municipalities.List(ctx, model.Filter{Facets: []string{"current", "county:02"}})
	if page.Total != 6 {
		t.Fatalf("county 02 has %d municipalities", page.Total)
	}
	page, _ = svc.Municipalities.List(ctx, model.Filter{Facets: []string{"current"}})
	if page.Total != 308 {
		t.Fatalf("%d current municipalities", page.Total)
	}
}

func TestRelations(t *testing.T) {
	_, svc := openTestDB(t)
	q := svc.Queries
	chair := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Liisa", LastName: "Lahtinen"})
	past := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Pekka", LastName: "Peltonen"})
	p := mustCreate(t, svc.Projects, &model.Project{Name: "KUUMA sote-alueyksikkö", ShortName: "KUUMA"})
	for _, code := range []string{"106", "186", "505", "543", "611", "858"} {
		p.AddMunicipality(model.MunicipalityID(code), "")
	}
	if err := svc.Projects.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	steer := mustCreate(t, svc.Groups, &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering, Project: p.ID})
	mgmt := mustCreate(t, svc.Groups, &model.Group{Name: "Johtoryhmä", Type: model.GroupManagement, Project: p.ID, Parent: steer.ID,
		Members: []model.Membership{
			{Contact: chair.ID, Role: model.RoleChair, Represents: model.MunicipalityID("106")},
			{Contact: past.ID, Role: model.RoleMember, Term: model.Period{End: model.MustDate(2016, 12, 31)}},
		}})
	mustCreate(t, svc.Groups, &model.Group{Name: "Alatyöryhmä", Type: model.GroupSubgroup, Project: p.ID, Parent: mgmt.ID})

	t.Run("ProjectsOfMunicipality", func(t *testing.T) {
		roles, err := q.ProjectsOfMunicipality(ctx, model.MunicipalityID("543"))
		if err != nil || len(roles) != 1 || roles[0].Project.ID != p.ID {
			t.Fatalf("543 projects = %+v, %v", roles, err)
		}
		roles, _ = q.ProjectsOfMunicipality(ctx, model.MunicipalityID("091"))
		if len(roles) != 0 {
			t.Fatalf("Helsinki takes part in %d", len(roles))
		}
	})
	t.Run("RolesOfContact", func(t *testing.T) {
		roles, err := q.RolesOfContact(ctx, chair.ID)
		if err != nil || len(roles) != 1 || roles[0].Membership.Role != model.RoleChair || roles[0].Project != p.ID {
			t.Fatalf("roles = %+v %v", roles, err)
		}
		projects, _ := q.ProjectsOfContact(ctx, chair.ID)
		if len(projects) != 1 || projects[0].ID != p.ID {
			t.Fatalf("projects = %+v", projects)
		}
	})
	t.Run("GroupTree", func(t *testing.T) {
		tree, err := q.GroupTree(ctx, p.ID)
		if err != nil || len(tree) != 1 || tree[0].Group.ID != steer.ID {
			t.Fatalf("roots = %+v %v", tree, err)
		}
		if len(tree[0].Children) != 1 || tree[0].Children[0].Group.ID != mgmt.ID || len(tree[0].Children[0].Children) != 1 {
			t.Fatalf("tree shape wrong")
		}
	})
	t.Run("MembersOn", func(t *testing.T) {
		m, _ := q.MembersOn(ctx, mgmt.ID, model.MustDate(2016, 6, 1))
		if len(m) != 2 {
			t.Fatalf("members 2016 = %d", len(m))
		}
		m, _ = q.MembersOn(ctx, mgmt.ID, model.MustDate(2017, 6, 1))
		if len(m) != 1 || m[0].Contact != chair.ID {
			t.Fatalf("members 2017 = %+v", m)
		}
	})
	t.Run("ReferencesTo", func(t *testing.T) {
		refs, _ := q.ReferencesTo(ctx, p.ID)
		if len(refs) != 3 {
			t.Fatalf("refs to project = %d", len(refs))
		}
	})
	t.Run("Search", func(t *testing.T) {
		res, _ := q.Search(ctx, "kuuma", 5)
		if len(res) != 1 || res[0].ID != p.ID {
			t.Fatalf("kuuma = %+v", res)
		}
		res, _ = q.Search(ctx, "hyvin", 5)
		if len(res) != 1 || res[0].Title != "Hyvinkää" {
			t.Fatalf("hyvin = %+v", res)
		}
		res, _ = q.Search(ctx, "LAHTIN", 5)
		if len(res) != 1 || res[0].ID != chair.ID {
			t.Fatalf("laht = %+v", res)
		}
	})
	t.Run("ResolveMunicipality", func(t *testing.T) {
		for name, code := range map[string]string{"Hauho": "109", "lammi": "109", "Tuulos": "109", "Hämeenkoski": "098", "091": "091"} {
			m, err := q.ResolveMunicipality(ctx, name)
			if err != nil || m.Code != code {
				t.Fatalf("%s → %+v %v", name, m, err)
			}
		}
		_, err := q.ResolveMunicipality(ctx, "Atlantis")
		wantCode(t, err, model.ENOTFOUND)
	})
}
