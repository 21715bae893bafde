package model_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
)

// assertFieldErrors checks that err carries exactly the field errors want,
// each written "field: key", in order. No want means err must be nil.
func assertFieldErrors(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if got, want := model.ErrorCode(err), model.EINVALID; got != want {
		t.Fatalf("ErrorCode = %q, want %q (%v)", got, want, err)
	}
	keys := model.MessageKeys()
	var got []string
	for _, e := range model.FieldErrors(err) {
		if e.Code != model.EINVALID {
			t.Errorf("%s: code %q, want %q", e.Field, e.Code, model.EINVALID)
		}
		if !slices.Contains(keys, e.Key) {
			t.Errorf("%s: key %q has no English message", e.Field, e.Key)
		}
		got = append(got, e.Field+": "+e.Key)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("field errors = %q, want %q", got, want)
	}
}

var (
	day        = model.MustDate
	hyvinkaa   = model.MunicipalityID("106")
	riihimaki  = model.MunicipalityID("694")
	jarvenpaa  = model.MunicipalityID("186")
	kuumaOrgID = model.NewID()
	contactA   = model.NewID()
	contactB   = model.NewID()
)

func TestOrganisation_Validate(t *testing.T) {
	valid := func() *model.Organisation {
		return &model.Organisation{
			Name:       "Keski-Uudenmaan sote-kuntayhtymä",
			Type:       model.OrgJointAuthority,
			BusinessID: "2844969-4",
			OVT:        "003728449694",
			Address:    model.Address{Street: "Sibeliuksenkatu 1", PostalCode: "05800", City: "Hyvinkää"},
			Website:    "https://www.keusote.fi",
		}
	}
	for _, tt := range []struct {
		name   string
		change func(o *model.Organisation)
		want   []string
	}{
		{"OK", func(o *model.Organisation) {}, nil},
		{"OKNameOnly", func(o *model.Organisation) { *o = model.Organisation{Name: "Muu"} }, nil},
		{"OKEveryType", func(o *model.Organisation) {
			o.Type = model.OrgTypes[len(model.OrgTypes)-1]
		}, nil},
		{"OKForeignPostalCode", func(o *model.Organisation) {
			o.Address = model.Address{PostalCode: "SE-113 59", City: "Stockholm", Country: "Sverige"}
		}, nil},
		{"ErrNameRequired", func(o *model.Organisation) { o.Name = "  " }, []string{"name: error.required"}},
		{"ErrTypeChoice", func(o *model.Organisation) { o.Type = "kuntayhtymä" }, []string{"type: error.choice"}},
		{"ErrBusinessID", func(o *model.Organisation) { o.BusinessID = "2844969-5" }, []string{"business_id: error.business_id"}},
		{"ErrOVT", func(o *model.Organisation) { o.OVT = "003728449695" }, []string{"ovt: error.ovt"}},
		{"ErrPostalCode", func(o *model.Organisation) { o.Address.PostalCode = "5800" }, []string{"address.postal_code: error.postal_code"}},
		{"ErrPostalCodeFinland", func(o *model.Organisation) {
			o.Address.PostalCode, o.Address.Country = "FI-05800", "Finland"
		}, []string{"address.postal_code: error.postal_code"}},
		{"ErrWebsite", func(o *model.Organisation) { o.Website = "www.keusote.fi" }, []string{"website: error.url"}},
		{"ErrAll", func(o *model.Organisation) {
			*o = model.Organisation{Type: "x", BusinessID: "1", OVT: "1", Address: model.Address{PostalCode: "1"}, Website: "x"}
		}, []string{
			"name: error.required",
			"type: error.choice",
			"business_id: error.business_id",
			"ovt: error.ovt",
			"address.postal_code: error.postal_code",
			"website: error.url",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := valid()
			tt.change(o)
			assertFieldErrors(t, o.Validate(), tt.want...)
		})
	}
}

func TestProject_Validate(t *testing.T) {
	id := model.NewID()
	valid := func() *model.Project {
		return &model.Project{
			Meta:          model.Meta{ID: id},
			Name:          "KUUMA-kuntien sote-uudistus",
			ShortName:     "KUUMA-sote",
			Status:        model.ProjectRunning,
			Period:        model.Period{Start: day(2016, 1, 1), End: day(2017, 12, 31)},
			Regions:       []string{"01"},
			Administrator: kuumaOrgID,
			Municipalities: []model.Participation{
				{Municipality: hyvinkaa, Role: "hallinnoija"},
				{Municipality: riihimaki},
			},
			Funding: []model.FundingLine{
				{Funder: kuumaOrgID, Amount: 150_000_00, Share: 75},
				{Funder: hyvinkaa, Amount: 50_000_00, Share: 25},
			},
			Milestones: []model.Milestone{{Period: model.Period{Start: day(2016, 6, 1)}, Description: "Väliraportti"}},
			Staff:      []model.StaffMember{{Contact: contactA, Role: model.StaffDirector}},
			Links:      []model.Link{{Title: "Kotisivu", URL: "https://kuuma.fi"}},
		}
	}
	for _, tt := range []struct {
		name   string
		change func(p *model.Project)
		want   []string
	}{
		{"OK", func(p *model.Project) {}, nil},
		{"OKNameOnly", func(p *model.Project) { *p = model.Project{Name: "Hanke"} }, nil},
		{"OKSameDay", func(p *model.Project) { p.Period = model.Period{Start: day(2016, 1, 1), End: day(2016, 1, 1)} }, nil},
		{"OKOpenPeriod", func(p *model.Project) { p.Period = model.Period{End: day(2016, 1, 1)} }, nil},
		{"OKShareBounds", func(p *model.Project) { p.Funding[0].Share, p.Funding[1].Share = 0, 100 }, nil},
		{"OKZeroAmount", func(p *model.Project) { p.Funding[0].Amount = 0 }, nil},
		{"ErrNameRequired", func(p *model.Project) { p.Name = "" }, []string{"name: error.required"}},
		{"ErrStatusChoice", func(p *model.Project) { p.Status = "käynnissä" }, []string{"status: error.choice"}},
		{"ErrEndBeforeStart", func(p *model.Project) {
			p.Period = model.Period{Start: day(2017, 1, 1), End: day(2016, 12, 31)}
		}, []string{"period: error.end_before_start"}},
		{"ErrSelfParent", func(p *model.Project) { p.Parent = p.ID }, []string{"parent: error.self_parent"}},
		{"ErrRegion", func(p *model.Project) { p.Regions = []string{"01", "5"} }, []string{"regions[1]: error.choice"}},
		{"ErrDuplicateMunicipality", func(p *model.Project) {
			p.Municipalities = append(p.Municipalities, model.Participation{Municipality: hyvinkaa, Role: "osatoteuttaja"})
		}, []string{"municipalities[2]: error.duplicate"}},
		{"ErrMunicipalityRequired", func(p *model.Project) {
			p.Municipalities = append(p.Municipalities, model.Participation{Role: "osatoteuttaja"})
		}, []string{"municipalities[2]: error.required"}},
		{"ErrNegativeAmount", func(p *model.Project) { p.Funding[1].Amount = -1 }, []string{"funding[1].amount: error.negative_amount"}},
		{"ErrShareNegative", func(p *model.Project) { p.Funding[0].Share = -0.5 }, []string{"funding[0].share: error.percent"}},
		{"ErrShareOver100", func(p *model.Project) { p.Funding[0].Share = 100.01 }, []string{"funding[0].share: error.percent"}},
		{"ErrFundingPeriod", func(p *model.Project) {
			p.Funding[0].Period = model.Period{Start: day(2017, 1, 1), End: day(2016, 1, 1)}
		}, []string{"funding[0].period: error.end_before_start"}},
		{"ErrMilestoneDate", func(p *model.Project) {
			p.Milestones = append(p.Milestones, model.Milestone{Description: "Loppuraportti"})
		}, []string{"milestones[1].period: error.required"}},
		{"ErrMilestoneOnlyEnd", func(p *model.Project) {
			p.Milestones[0].Period = model.Period{End: day(2016, 6, 1)}
		}, []string{"milestones[0].period: error.required"}},
		{"ErrMilestoneDescription", func(p *model.Project) { p.Milestones[0].Description = " " }, []string{"milestones[0].description: error.required"}},
		{"ErrMilestoneEndBeforeStart", func(p *model.Project) {
			p.Milestones[0].Period.End = day(2016, 5, 31)
		}, []string{"milestones[0].period: error.end_before_start"}},
		{"ErrStaffContact", func(p *model.Project) {
			p.Staff = append(p.Staff, model.StaffMember{Role: model.StaffPreparer})
		}, []string{"staff[1]: error.required"}},
		{"ErrLink", func(p *model.Project) { p.Links[0].URL = "kuuma.fi" }, []string{"links[0]: error.url"}},
		{"ErrSeveral", func(p *model.Project) {
			p.Name = ""
			p.Funding[0].Amount = -100
			p.Funding[0].Share = 101
		}, []string{"name: error.required", "funding[0].amount: error.negative_amount", "funding[0].share: error.percent"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(p)
			assertFieldErrors(t, p.Validate(), tt.want...)
		})
	}
}

func TestGroup_Validate(t *testing.T) {
	id := model.NewID()
	valid := func() *model.Group {
		return &model.Group{
			Meta:    model.Meta{ID: id},
			Name:    "Ohjausryhmä",
			Type:    model.GroupSteering,
			Project: model.NewID(),
			Period:  model.Period{Start: day(2016, 1, 1)},
			Members: []model.Membership{
				{Contact: contactA, Role: model.RoleChair, Represents: hyvinkaa, Term: model.Period{Start: day(2016, 1, 1)}},
				{Contact: contactB, Role: model.RoleStaffRepresent},
			},
		}
	}
	for _, tt := range []struct {
		name   string
		change func(g *model.Group)
		want   []string
	}{
		{"OK", func(g *model.Group) {}, nil},
		{"OKNoType", func(g *model.Group) { g.Type = "" }, nil},
		{"ErrNameRequired", func(g *model.Group) { g.Name = "\t" }, []string{"name: error.required"}},
		{"ErrTypeChoice", func(g *model.Group) { g.Type = "ohjausryhmä" }, []string{"type: error.choice"}},
		{"ErrEndBeforeStart", func(g *model.Group) { g.Period.End = day(2015, 12, 31) }, []string{"period: error.end_before_start"}},
		{"ErrSelfParent", func(g *model.Group) { g.Parent = g.ID }, []string{"parent: error.self_parent"}},
		{"ErrMemberContact", func(g *model.Group) { g.Members[1].Contact = model.NilID }, []string{"members[1].contact: error.required"}},
		{"ErrMemberRoleRequired", func(g *model.Group) { g.Members[0].Role = "" }, []string{"members[0].role: error.required"}},
		{"ErrMemberRoleChoice", func(g *model.Group) { g.Members[0].Role = "puheenjohtaja" }, []string{"members[0].role: error.choice"}},
		{"ErrMemberTerm", func(g *model.Group) {
			g.Members[1].Term = model.Period{Start: day(2017, 1, 1), End: day(2016, 1, 1)}
		}, []string{"members[1].term: error.end_before_start"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := valid()
			tt.change(g)
			assertFieldErrors(t, g.Validate(), tt.want...)
		})
	}
}

func TestContact_Validate(t *testing.T) {
	valid := func() *model.Contact {
		return &model.Contact{
			FirstName:    "Matti",
			LastName:     "Meikäläinen",
			JobTitle:     "perusturvajohtaja",
			Organisation: kuumaOrgID,
			Phones:       []string{"+358401234567", "+46812345678"},
			Emails:       []string{"matti.meikalainen@example.fi"},
			Address:      model.Address{PostalCode: "05800"},
		}
	}
	for _, tt := range []struct {
		name   string
		change func(c *model.Contact)
		want   []string
	}{
		{"OK", func(c *model.Contact) {}, nil},
		{"OKLastNameOnly", func(c *model.Contact) { *c = model.Contact{LastName: "Meikäläinen"} }, nil},
		{"OKFirstNameOnly", func(c *model.Contact) { *c = model.Contact{FirstName: "Matti"} }, nil},
		{"ErrNameRequired", func(c *model.Contact) { c.FirstName, c.LastName = " ", "" }, []string{"last_name: error.required"}},
		{"ErrPhone", func(c *model.Contact) { c.Phones[1] = "puh. 040" }, []string{"phones[1]: error.phone"}},
		// Phones are stored normalised: the form as typed is refused until
		// Normalize has run.
		{"ErrPhoneNotNormalised", func(c *model.Contact) { c.Phones[0] = "040 123 4567" }, []string{"phones[0]: error.phone"}},
		{"ErrEmail", func(c *model.Contact) {
			c.Emails = append(c.Emails, "Matti <matti@example.fi>")
		}, []string{"emails[1]: error.email"}},
		{"ErrEmailMissingDomain", func(c *model.Contact) { c.Emails[0] = "matti@" }, []string{"emails[0]: error.email"}},
		{"ErrPostalCode", func(c *model.Contact) { c.Address.PostalCode = "ABCDE" }, []string{"address.postal_code: error.postal_code"}},
		{"ErrSeveral", func(c *model.Contact) {
			c.FirstName, c.LastName = "", ""
			c.Phones = []string{"x", "+358401234567", "y"}
			c.Emails = []string{"z"}
		}, []string{"last_name: error.required", "phones[0]: error.phone", "phones[2]: error.phone", "emails[0]: error.email"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.change(c)
			assertFieldErrors(t, c.Validate(), tt.want...)
		})
	}
}

func TestContact_Normalize(t *testing.T) {
	c := &model.Contact{
		LastName: "Meikäläinen",
		Phones:   []string{"040 123 4567", "(09) 1234 5678", "ei numeroa"},
		Emails:   []string{"  matti@example.fi "},
	}
	c.Normalize()
	if got, want := c.Phones, []string{"+358401234567", "+358912345678", "ei numeroa"}; !slices.Equal(got, want) {
		t.Fatalf("Phones = %q, want %q", got, want)
	}
	if got, want := c.Emails, []string{"matti@example.fi"}; !slices.Equal(got, want) {
		t.Fatalf("Emails = %q, want %q", got, want)
	}
	// The number that could not be read is still reported.
	assertFieldErrors(t, c.Validate(), "phones[2]: error.phone")

	c.Phones = c.Phones[:2]
	assertFieldErrors(t, c.Validate())
}

func TestMunicipality_Validate(t *testing.T) {
	valid := func() *model.Municipality {
		return &model.Municipality{
			Code:           "106",
			Name:           model.Names{FI: "Hyvinkää", SV: "Hyvinge"},
			RegionCode:     "01",
			LanguageStatus: model.LanguageFinnish,
		}
	}
	for _, tt := range []struct {
		name   string
		change func(m *model.Municipality)
		want   []string
	}{
		{"OK", func(m *model.Municipality) {}, nil},
		{"OKSwedish", func(m *model.Municipality) { m.LanguageStatus = model.LanguageBilingualSwedish }, nil},
		{"OKFormer", func(m *model.Municipality) {
			*m = model.Municipality{Code: "082", Name: model.Names{FI: "Hauho"}, MergedYear: 2009, MergedInto: "109", Successor: "109"}
		}, nil},
		{"ErrCodeShort", func(m *model.Municipality) { m.Code = "91" }, []string{"code: error.municipality_code"}},
		{"ErrCodeLong", func(m *model.Municipality) { m.Code = "1060" }, []string{"code: error.municipality_code"}},
		{"ErrCodeLetters", func(m *model.Municipality) { m.Code = "1o6" }, []string{"code: error.municipality_code"}},
		{"ErrNameRequired", func(m *model.Municipality) { m.Name.FI = "" }, []string{"name: error.required"}},
		{"ErrLanguageStatusHigh", func(m *model.Municipality) { m.LanguageStatus = 4 }, []string{"language_status: error.choice"}},
		{"ErrLanguageStatusNegative", func(m *model.Municipality) { m.LanguageStatus = -1 }, []string{"language_status: error.choice"}},
		{"ErrMergedInto", func(m *model.Municipality) { m.MergedInto = "Hämeenlinna" }, []string{"merged_into: error.municipality_code"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.change(m)
			assertFieldErrors(t, m.Validate(), tt.want...)
		})
	}
}

func TestMeeting_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    model.Meeting
		want []string
	}{
		{"OK", model.Meeting{Group: model.NewID(), Date: day(2019, 4, 16)}, nil},
		{"ErrGroupRequired", model.Meeting{Date: day(2019, 4, 16)}, []string{"group: error.required"}},
		{"ErrDateRequired", model.Meeting{Group: model.NewID()}, []string{"date: error.required"}},
		{"ErrBoth", model.Meeting{}, []string{"group: error.required", "date: error.required"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertFieldErrors(t, tt.m.Validate(), tt.want...)
		})
	}
}

func TestError(t *testing.T) {
	t.Run("ErrorCode", func(t *testing.T) {
		invalid := model.Invalid("name", "error.required")
		for _, tt := range []struct {
			name string
			err  error
			want string
		}{
			{"Nil", nil, ""},
			{"Plain", io.EOF, model.EINTERNAL},
			{"Error", model.NotFound(model.KindProject, model.NewID()), model.ENOTFOUND},
			{"Wrapped", fmt.Errorf("saving: %w", &model.Error{Code: model.ECONFLICT}), model.ECONFLICT},
			{"Validation", model.ValidationErrors{invalid}, model.EINVALID},
			{"WrappedValidation", fmt.Errorf("x: %w", model.ValidationErrors{invalid}), model.EINVALID},
			{"Internal", model.Internal(io.EOF), model.EINTERNAL},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got, want := model.ErrorCode(tt.err), tt.want; got != want {
					t.Fatalf("ErrorCode = %q, want %q", got, want)
				}
			})
		}
	})

	t.Run("FieldErrors", func(t *testing.T) {
		a, b := model.Invalid("a", "error.required"), model.Invalid("b", "error.url")
		if got := model.FieldErrors(nil); got != nil {
			t.Fatalf("FieldErrors(nil) = %v", got)
		}
		if got := model.FieldErrors(io.EOF); got != nil {
			t.Fatalf("FieldErrors(io.EOF) = %v", got)
		}
		if got := model.FieldErrors(fmt.Errorf("x: %w", a)); len(got) != 1 || got[0] != a {
			t.Fatalf("FieldErrors(*Error) = %v", got)
		}
		if got := model.FieldErrors(model.ValidationErrors{a, b}); len(got) != 2 || got[0] != a || got[1] != b {
			t.Fatalf("FieldErrors(ValidationErrors) = %v", got)
		}
	})

	t.Run("Message", func(t *testing.T) {
		id := mustParseID(t, "0190a6a4-6f4e-7c3a-8b1d-2e3f4a5b6c7d")
		for _, tt := range []struct {
			name string
			err  error
			want string
		}{
			{"Field", model.Invalid("name", "error.required"), "name: is required"},
			{"NoField", &model.Error{Code: model.EREADONLY, Key: "error.read_only"}, "cannot be changed"},
			{"Args", model.NotFound(model.KindProject, id), "project 0190a6a4-6f4e-7c3a-8b1d-2e3f4a5b6c7d was not found"},
			{"ExplicitMessage", &model.Error{Field: "x", Key: "error.required", Message: "custom"}, "x: custom"},
			{"UnknownKey", &model.Error{Key: "error.nope"}, "error.nope"},
			{"Internal", model.Internal(io.EOF), "internal error: EOF"},
			{"Validation", model.ValidationErrors{
				model.Invalid("name", "error.required"),
				model.Invalid("website", "error.url"),
			}, "name: is required; website: is not a web address"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got, want := tt.err.Error(), tt.want; got != want {
					t.Fatalf("Error() = %q, want %q", got, want)
				}
			})
		}
	})

	t.Run("Unwrap", func(t *testing.T) {
		if err := model.Internal(io.EOF); !errors.Is(err, io.EOF) {
			t.Fatal("Internal(io.EOF) does not unwrap to io.EOF")
		}
	})

	t.Run("EnglishMessage", func(t *testing.T) {
		got := model.EnglishMessage("error.locked", map[string]any{"Path": "/tmp/h.db"})
		if want := "the database /tmp/h.db is already open in another Hankekirja window or program"; got != want {
			t.Fatalf("EnglishMessage = %q, want %q", got, want)
		}
		for _, k := range model.MessageKeys() {
			if !strings.HasPrefix(k, "error.") || model.EnglishMessage(k, nil) == k {
				t.Errorf("key %q has no message", k)
			}
		}
	})
}

func TestRef_Allows(t *testing.T) {
	r := model.Ref{Field: "administrator", ID: kuumaOrgID, Kinds: []model.Kind{model.KindOrganisation, model.KindMunicipality}}
	for k, want := range map[model.Kind]bool{
		model.KindOrganisation: true,
		model.KindMunicipality: true,
		model.KindProject:      false,
		model.KindContact:      false,
	} {
		if got := r.Allows(k); got != want {
			t.Errorf("Allows(%v) = %v, want %v", k, got, want)
		}
	}
}

func TestNewRecord(t *testing.T) {
	for _, k := range model.Kinds {
		r := model.NewRecord(k)
		if r == nil {
			t.Fatalf("NewRecord(%v) = nil", k)
		}
		if got, want := r.Kind(), k; got != want {
			t.Fatalf("NewRecord(%v).Kind() = %v", want, got)
		}
		if r.GetMeta() == nil || !r.GetMeta().ID.IsZero() {
			t.Fatalf("NewRecord(%v) has metadata %v", k, r.GetMeta())
		}
	}
	if r := model.NewRecord(0); r != nil {
		t.Fatalf("NewRecord(0) = %v, want nil", r)
	}
}

// refStrings lists refs as "field=id".
func refStrings(refs []model.Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, string(r.Field)+"="+r.ID.String())
	}
	return out
}

func TestProject_Refs(t *testing.T) {
	office, parent := model.NewID(), model.NewID()
	p := &model.Project{
		Name:           "Hanke",
		Administrator:  kuumaOrgID,
		Office:         office,
		Parent:         parent,
		Municipalities: []model.Participation{{Municipality: hyvinkaa}},
		Funding:        []model.FundingLine{{Funder: riihimaki}, {Amount: 1}},
		Staff:          []model.StaffMember{{Contact: contactA}},
	}
	refs := p.Refs()
	want := []string{
		"administrator=" + kuumaOrgID.String(),
		"office=" + office.String(),
		"parent=" + parent.String(),
		"municipalities=" + hyvinkaa.String(),
		"funding=" + riihimaki.String(),
		"staff=" + contactA.String(),
	}
	if got := refStrings(refs); !slices.Equal(got, want) {
		t.Fatalf("Refs = %q, want %q", got, want)
	}
	kinds := map[string][]model.Kind{
		"administrator":  {model.KindOrganisation, model.KindMunicipality},
		"parent":         {model.KindProject},
		"municipalities": {model.KindMunicipality},
		"staff":          {model.KindContact},
	}
	for _, r := range refs {
		if want, ok := kinds[string(r.Field)]; ok && !slices.Equal(r.Kinds, want) {
			t.Errorf("%s kinds = %v, want %v", r.Field, r.Kinds, want)
		}
	}
	if refs := (&model.Project{Name: "Tyhjä"}).Refs(); len(refs) != 0 {
		t.Fatalf("empty project Refs = %v", refs)
	}
}

func TestProject_Unlink(t *testing.T) {
	newProject := func() *model.Project {
		return &model.Project{
			Name:          "Hanke",
			Administrator: kuumaOrgID,
			Office:        kuumaOrgID,
			Municipalities: []model.Participation{
				{Municipality: hyvinkaa, Role: "hallinnoija"},
				{Municipality: riihimaki},
				{Municipality: jarvenpaa},
			},
			Funding: []model.FundingLine{{Funder: kuumaOrgID, Amount: 100}, {Funder: hyvinkaa, Amount: 50}},
			Staff:   []model.StaffMember{{Contact: contactA}, {Contact: contactB}, {Contact: contactA, Role: "x"}},
		}
	}

	t.Run("Municipality", func(t *testing.T) {
		p := newProject()
		if !p.Unlink(riihimaki) {
			t.Fatal("Unlink reported no change")
		}
		if p.HasMunicipality(riihimaki) {
			t.Fatal("participation not removed")
		}
		if got, want := len(p.Municipalities), 2; got != want {
			t.Fatalf("%d participations left, want %d", got, want)
		}
		if !p.HasMunicipality(hyvinkaa) || !p.HasMunicipality(jarvenpaa) || p.Municipalities[0].Role != "hallinnoija" {
			t.Fatalf("other participations changed: %+v", p.Municipalities)
		}
	})

	t.Run("FunderMunicipality", func(t *testing.T) {
		p := newProject()
		if !p.Unlink(hyvinkaa) {
			t.Fatal("Unlink reported no change")
		}
		if p.HasMunicipality(hyvinkaa) {
			t.Fatal("participation not removed")
		}
		// The funding line stays (its amount is still part of the budget)
		// but loses its funder.
		if got, want := len(p.Funding), 2; got != want {
			t.Fatalf("%d funding lines, want %d", got, want)
		}
		if !p.Funding[1].Funder.IsZero() || p.Funding[1].Amount != 50 {
			t.Fatalf("funding line = %+v, want funder cleared", p.Funding[1])
		}
		if got, want := p.TotalFunding(), int64(150); got != want {
			t.Fatalf("TotalFunding = %d, want %d", got, want)
		}
	})

	t.Run("Staff", func(t *testing.T) {
		p := newProject()
		if !p.Unlink(contactA) {
			t.Fatal("Unlink reported no change")
		}
		if got, want := len(p.Staff), 1; got != want {
			t.Fatalf("%d staff left, want %d", got, want)
		}
		if got, want := p.Staff[0].Contact, contactB; got != want {
			t.Fatalf("staff left = %v, want %v", got, want)
		}
	})

	t.Run("LastStaff", func(t *testing.T) {
		p := &model.Project{Name: "Hanke", Staff: []model.StaffMember{{Contact: contactA}}}
		if !p.Unlink(contactA) || len(p.Staff) != 0 {
			t.Fatalf("staff = %v, want none", p.Staff)
		}
	})

	t.Run("Administrator", func(t *testing.T) {
		p := newProject()
		if !p.Unlink(kuumaOrgID) {
			t.Fatal("Unlink reported no change")
		}
		if !p.Administrator.IsZero() || !p.Office.IsZero() || !p.Funding[0].Funder.IsZero() {
			t.Fatalf("organisation still referred to: %+v", p)
		}
		if got, want := len(p.Municipalities), 3; got != want {
			t.Fatalf("%d participations, want %d", got, want)
		}
	})

	t.Run("Parent", func(t *testing.T) {
		parent := model.NewID()
		p := &model.Project{Name: "Osahanke", Parent: parent}
		if !p.Unlink(parent) || !p.Parent.IsZero() {
			t.Fatalf("Parent = %v, want none", p.Parent)
		}
	})

	t.Run("Unrelated", func(t *testing.T) {
		p := newProject()
		if p.Unlink(model.NewID()) {
			t.Fatal("Unlink of an unrelated ID reported a change")
		}
		if got, want := len(refStrings(p.Refs())), len(refStrings(newProject().Refs())); got != want {
			t.Fatalf("%d refs, want %d", got, want)
		}
	})
}

func TestGroup_Unlink(t *testing.T) {
	project, parent := model.NewID(), model.NewID()
	newGroup := func() *model.Group {
		return &model.Group{
			Name:    "Ohjausryhmä",
			Project: project,
			Parent:  parent,
			Members: []model.Membership{
				{Contact: contactA, Role: model.RoleChair, Represents: hyvinkaa, Term: model.Period{End: day(2016, 12, 31)}},
				{Contact: contactB, Role: model.RoleMember, Represents: hyvinkaa},
				{Contact: contactA, Role: model.RoleMember, Represents: riihimaki, Term: model.Period{Start: day(2017, 1, 1)}},
			},
		}
	}

	t.Run("Contact", func(t *testing.T) {
		g := newGroup()
		if !g.Unlink(contactA) {
			t.Fatal("Unlink reported no change")
		}
		if got, want := len(g.Members), 1; got != want {
			t.Fatalf("%d members left, want %d", got, want)
		}
		if got, want := g.Members[0].Contact, contactB; got != want {
			t.Fatalf("member left = %v, want %v", got, want)
		}
		if got, want := g.Members[0].Represents, hyvinkaa; got != want {
			t.Fatalf("Represents = %v, want %v", got, want)
		}
	})

	t.Run("Represents", func(t *testing.T) {
		g := newGroup()
		if !g.Unlink(hyvinkaa) {
			t.Fatal("Unlink reported no change")
		}
		if got, want := len(g.Members), 3; got != want {
			t.Fatalf("%d members, want %d: a member stays without whom they represent", got, want)
		}
		for i, want := range []model.ID{model.NilID, model.NilID, riihimaki} {
			if got := g.Members[i].Represents; got != want {
				t.Errorf("members[%d].Represents = %v, want %v", i, got, want)
			}
		}
	})

	t.Run("ProjectAndParent", func(t *testing.T) {
		g := newGroup()
		if !g.Unlink(project) || !g.Project.IsZero() {
			t.Fatalf("Project = %v, want none", g.Project)
		}
		if !g.Unlink(parent) || !g.Parent.IsZero() {
			t.Fatalf("Parent = %v, want none", g.Parent)
		}
		if got, want := len(g.Members), 3; got != want {
			t.Fatalf("%d members, want %d", got, want)
		}
	})

	t.Run("Unrelated", func(t *testing.T) {
		g := newGroup()
		if g.Unlink(model.NewID()) {
			t.Fatal("Unlink of an unrelated ID reported a change")
		}
		if got, want := len(g.Members), 3; got != want {
			t.Fatalf("%d members, want %d", got, want)
		}
	})
}

func TestGroup_MembersOn(t *testing.T) {
	g := &model.Group{
		Name: "Ohjausryhmä",
		Members: []model.Membership{
			{Contact: contactA, Role: model.RoleChair, Term: model.Period{End: day(2016, 12, 31)}},
			{Contact: contactB, Role: model.RoleChair, Term: model.Period{Start: day(2017, 1, 1)}},
			{Contact: contactA, Role: model.RoleMember, Term: model.Period{Start: day(2017, 1, 1)}},
		},
	}
	if got, want := len(g.MembersOn(day(2016, 6, 1))), 1; got != want {
		t.Fatalf("%d members in 2016, want %d", got, want)
	}
	if got, want := len(g.MembersOn(day(2017, 1, 1))), 2; got != want {
		t.Fatalf("%d members in 2017, want %d", got, want)
	}
	if got, want := g.MemberWithRole(model.RoleChair, day(2016, 12, 31)), contactA; got != want {
		t.Fatalf("chair in 2016 = %v, want %v", got, want)
	}
	if got, want := g.MemberWithRole(model.RoleChair, day(2017, 1, 1)), contactB; got != want {
		t.Fatalf("chair in 2017 = %v, want %v", got, want)
	}
	if got := g.MemberWithRole(model.RoleSecretary, day(2017, 1, 1)); !got.IsZero() {
		t.Fatalf("secretary = %v, want none", got)
	}
}

// Every record's Unlink removes each reference its Refs lists: the store
// relies on it when a referenced record is deleted.
func TestRecord_UnlinkEveryRef(t *testing.T) {
	for _, tt := range []struct {
		name string
		new  func() model.Record
	}{
		{"Project", func() model.Record {
			return &model.Project{
				Name: "Hanke", Administrator: kuumaOrgID, Office: model.MunicipalityID("091"), Parent: contactB,
				Municipalities: []model.Participation{{Municipality: hyvinkaa}},
				Funding:        []model.FundingLine{{Funder: riihimaki}},
				Staff:          []model.StaffMember{{Contact: contactA}},
			}
		}},
		{"Group", func() model.Record {
			return &model.Group{
				Name: "Työryhmä", Project: model.MunicipalityID("999"), Parent: contactB,
				Members: []model.Membership{{Contact: contactA, Role: model.RoleMember, Represents: hyvinkaa}},
			}
		}},
		{"Contact", func() model.Record { return &model.Contact{LastName: "Meikäläinen", Organisation: kuumaOrgID} }},
		{"Organisation", func() model.Record { return &model.Organisation{Name: "KUUMA", Municipality: hyvinkaa} }},
		{"Meeting", func() model.Record { return &model.Meeting{Group: contactB, Date: day(2019, 4, 16)} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			refs := tt.new().Refs()
			if len(refs) == 0 {
				t.Fatal("no refs")
			}
			for _, ref := range refs {
				r := tt.new()
				if !r.Unlink(ref.ID) {
					t.Errorf("Unlink(%s) reported no change", ref.Field)
				}
				for _, left := range r.Refs() {
					if left.ID == ref.ID {
						t.Errorf("Unlink(%s) left a reference in %s", ref.Field, left.Field)
					}
				}
				if r.Unlink(ref.ID) {
					t.Errorf("second Unlink(%s) reported a change", ref.Field)
				}
			}
		})
	}

	// Records without references have nothing to unlink.
	if (&model.Municipality{Code: "106"}).Unlink(hyvinkaa) {
		t.Fatal("Municipality.Unlink reported a change")
	}
}

func TestMeeting_Unlink(t *testing.T) {
	group := model.NewID()
	m := &model.Meeting{Group: group, Date: day(2019, 4, 16)}
	if !m.Unlink(group) {
		t.Fatal("Unlink reported no change")
	}
	if !m.Group.IsZero() {
		t.Fatalf("Group = %v, want none", m.Group)
	}
	// A meeting without its group is invalid, which is how the store knows
	// to refuse deleting a group that has meetings.
	assertFieldErrors(t, m.Validate(), "group: error.required")
}

func TestProject_AddMunicipality(t *testing.T) {
	p := &model.Project{Name: "Hanke"}
	if !p.AddMunicipality(hyvinkaa, "hallinnoija") {
		t.Fatal("first AddMunicipality = false")
	}
	if p.AddMunicipality(hyvinkaa, "osatoteuttaja") {
		t.Fatal("second AddMunicipality = true")
	}
	if got, want := p.Municipalities, []model.Participation{{Municipality: hyvinkaa, Role: "hallinnoija"}}; !slices.Equal(got, want) {
		t.Fatalf("Municipalities = %+v, want %+v", got, want)
	}
	assertFieldErrors(t, p.Validate())
}

func TestNames_In(t *testing.T) {
	n := model.Names{FI: "Hyvinkää", SV: "Hyvinge"}
	for _, tt := range []struct{ lang, want string }{
		{"fi", "Hyvinkää"},
		{"sv", "Hyvinge"},
		{"en", "Hyvinkää"}, // no English name: Finnish
		{"de", "Hyvinkää"},
		{"", "Hyvinkää"},
	} {
		if got, want := n.In(tt.lang), tt.want; got != want {
			t.Errorf("In(%q) = %q, want %q", tt.lang, got, want)
		}
	}
}

func TestAddress_String(t *testing.T) {
	for _, tt := range []struct {
		a    model.Address
		want string
	}{
		{model.Address{Street: "Kauppakatu 1", PostalCode: "05800", City: "HYVINKÄÄ"}, "Kauppakatu 1, 05800 HYVINKÄÄ"},
		{model.Address{PostalCode: "05800", City: "HYVINKÄÄ"}, "05800 HYVINKÄÄ"},
		{model.Address{Street: "Kauppakatu 1", City: "Hyvinkää"}, "Kauppakatu 1, Hyvinkää"},
		{model.Address{Street: "Drottninggatan 1", PostalCode: "111 51", City: "Stockholm", Country: "Sverige"}, "Drottninggatan 1, 111 51 Stockholm, Sverige"},
		{model.Address{}, ""},
	} {
		if got, want := tt.a.String(), tt.want; got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
		if got, want := tt.a.IsZero(), tt.want == ""; got != want {
			t.Errorf("%q IsZero() = %v, want %v", tt.want, got, want)
		}
	}
}

func TestContact_Names(t *testing.T) {
	c := &model.Contact{FirstName: "Matti", LastName: "Meikäläinen", JobTitle: "perusturvajohtaja", Emails: []string{"matti@example.fi"}}
	if got, want := c.Title(), "Matti Meikäläinen"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
	if got, want := c.SortName(), "Meikäläinen Matti"; got != want {
		t.Errorf("SortName() = %q, want %q", got, want)
	}
	if got, want := c.Subtitle(), "perusturvajohtaja · matti@example.fi"; got != want {
		t.Errorf("Subtitle() = %q, want %q", got, want)
	}
	last := &model.Contact{LastName: "Meikäläinen"}
	if got, want := last.Title(), "Meikäläinen"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
}

func TestMeeting_Title(t *testing.T) {
	m := &model.Meeting{Number: 3, Year: 2019, GroupName: "Ohjausryhmä", Date: day(2019, 4, 16)}
	if got, want := m.Title(), "3/2019 Ohjausryhmä"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
	m.Number = 0
	if got, want := m.Title(), "Ohjausryhmä 16.4.2019"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
	if got, want := m.SortName(), "2019-04-16 Ohjausryhmä"; got != want {
		t.Errorf("SortName() = %q, want %q", got, want)
	}
}

func TestMunicipality_Facets(t *testing.T) {
	current := &model.Municipality{Code: "106", Name: model.Names{FI: "Hyvinkää"}, RegionCode: "01", CountyCode: "03"}
	if got, want := current.Facets(), []string{"code:106", "current", "region:01", "county:03"}; !slices.Equal(got, want) {
		t.Errorf("Facets() = %q, want %q", got, want)
	}
	former := &model.Municipality{Code: "082", Name: model.Names{FI: "Hauho"}, MergedYear: 2009, MergedInto: "109", Successor: "109"}
	if !former.Former() || current.Former() {
		t.Fatal("Former() wrong")
	}
	if got, want := former.Facets(), []string{"code:082", "former", "successor:109"}; !slices.Equal(got, want) {
		t.Errorf("Facets() = %q, want %q", got, want)
	}
}

func TestMeta_InTrash(t *testing.T) {
	var m model.Meta
	if m.InTrash() {
		t.Fatal("new record in trash")
	}
	now := time.Now()
	m.Deleted = &now
	if !m.InTrash() {
		t.Fatal("deleted record not in trash")
	}
}
