package model

import (
	"fmt"
	"strings"
)

// Project (hanke) is a regional sote preparation project. Projects can form a
// programme: a parent project (hankekokonaisuus) with sub-projects
// (osahankkeet).
type Project struct {
	Meta
	Name        string        `json:"name"`
	ShortName   string        `json:"short_name,omitempty"`
	Description string        `json:"description,omitempty"`
	Status      ProjectStatus `json:"status,omitempty"`
	Period      Period        `json:"period,omitzero"`
	// Regions are region (maakunta) codes, "05" for Kanta-Häme.
	Regions []string `json:"regions,omitempty"`
	// Administrator (hallinnoija) is an organisation or a municipality;
	// Office is a separate project office when there is one.
	Administrator  ID              `json:"administrator,omitzero"`
	Office         ID              `json:"office,omitzero"`
	Parent         ID              `json:"parent,omitzero"`
	Goals          []string        `json:"goals,omitempty"`
	Municipalities []Participation `json:"municipalities,omitempty"`
	Funding        []FundingLine   `json:"funding,omitempty"`
	Milestones     []Milestone     `json:"milestones,omitempty"`
	Staff          []StaffMember   `json:"staff,omitempty"`
	Tags           []string        `json:"tags,omitempty"`
	Links          []Link          `json:"links,omitempty"`
}

// ProjectStatus is where a project is in its life.
type ProjectStatus string

// Project statuses.
const (
	ProjectPlanned   ProjectStatus = "planned"
	ProjectRunning   ProjectStatus = "running"
	ProjectFinished  ProjectStatus = "finished"
	ProjectSuspended ProjectStatus = "suspended"
)

// ProjectStatuses lists the statuses in their natural order.
var ProjectStatuses = []ProjectStatus{ProjectPlanned, ProjectRunning, ProjectFinished, ProjectSuspended}

// Participation is a municipality taking part in a project, with an optional
// role ("hallinnoija", "osatoteuttaja").
type Participation struct {
	Municipality ID     `json:"municipality"`
	Role         string `json:"role,omitempty"`
}

// FundingLine is one source of a project's money. Amounts are euro cents.
type FundingLine struct {
	// Funder is an organisation or a municipality.
	Funder ID      `json:"funder,omitzero"`
	Amount int64   `json:"amount_cents"`
	Share  float64 `json:"share_percent,omitempty"`
	Period Period  `json:"period,omitzero"`
	Note   string  `json:"note,omitempty"`
}

// Milestone is a date or a period in a project's plan.
type Milestone struct {
	Period      Period `json:"period"`
	Description string `json:"description"`
	Done        bool   `json:"done,omitempty"`
}

// StaffMember is a person working for the project.
type StaffMember struct {
	Contact ID     `json:"contact"`
	Role    string `json:"role,omitempty"`
}

// Staff roles offered by forms; any text is allowed.
const (
	StaffDirector    = "project_director"  // projektijohtaja
	StaffPreparer    = "preparer"          // valmistelija
	StaffAssistant   = "project_assistant" // projektiassistentti
	StaffManager     = "project_manager"   // projektipäällikkö
	StaffCoordinator = "coordinator"       // koordinaattori
)

// StaffRoles lists the staff roles forms offer.
var StaffRoles = []string{StaffDirector, StaffManager, StaffCoordinator, StaffPreparer, StaffAssistant}

func (p *Project) Kind() Kind       { return KindProject }
func (p *Project) Title() string    { return p.Name }
func (p *Project) SortName() string { return p.Name }
func (p *Project) Subtitle() string {
	return strings.TrimSpace(p.ShortName + " " + p.Period.String())
}
func (p *Project) SearchText() string {
	return strings.Join(append([]string{p.Name, p.ShortName}, p.Tags...), " ")
}

func (p *Project) Facets() []string {
	f := []string{"status:" + string(p.Status)}
	for _, r := range p.Regions {
		f = append(f, "region:"+r)
	}
	if !p.Parent.IsZero() {
		f = append(f, "parent:"+p.Parent.String())
	}
	return f
}

// TotalFunding returns the sum of the funding lines in cents.
func (p *Project) TotalFunding() int64 {
	var sum int64
	for _, f := range p.Funding {
		sum += f.Amount
	}
	return sum
}

// HasMunicipality reports whether the municipality takes part.
func (p *Project) HasMunicipality(id ID) bool {
	for _, m := range p.Municipalities {
		if m.Municipality == id {
			return true
		}
	}
	return false
}

// AddMunicipality adds a participating municipality unless it is there
// already, and reports whether it was added.
func (p *Project) AddMunicipality(id ID, role string) bool {
	if p.HasMunicipality(id) {
		return false
	}
	p.Municipalities = append(p.Municipalities, Participation{Municipality: id, Role: role})
	return true
}

func (p *Project) Validate() error {
	var c errs
	c.add(required("name", p.Name))
	c.add(oneOf("status", p.Status, ProjectStatuses))
	c.add(p.Period.validate("period"))
	if !p.Parent.IsZero() && p.Parent == p.ID {
		c.add(Invalid(RefParent.String(), "error.self_parent"))
	}
	for i, r := range p.Regions {
		if len(r) != 2 {
			c.add(Invalid(fmt.Sprintf("regions[%d]", i), "error.choice"))
		}
	}
	seen := map[ID]bool{}
	for i, m := range p.Municipalities {
		if m.Municipality.IsZero() {
			c.add(Invalid(FieldAt(RefMunicipalities.String(), i, ""), "error.required"))
		} else if seen[m.Municipality] {
			c.add(Invalid(FieldAt(RefMunicipalities.String(), i, ""), "error.duplicate"))
		}
		seen[m.Municipality] = true
	}
	for i, f := range p.Funding {
		field := fmt.Sprintf("funding[%d]", i)
		if f.Amount < 0 {
			c.add(Invalid(field+".amount", "error.negative_amount"))
		}
		if f.Share < 0 || f.Share > 100 {
			c.add(Invalid(field+".share", "error.percent"))
		}
		c.add(f.Period.validate(field + ".period"))
	}
	for i, m := range p.Milestones {
		field := fmt.Sprintf("milestones[%d]", i)
		c.add(required(field+".description", m.Description))
		if m.Period.Start.IsZero() {
			c.add(Invalid(field+".period", "error.required"))
		}
		c.add(m.Period.validate(field + ".period"))
	}
	for i, s := range p.Staff {
		if s.Contact.IsZero() {
			c.add(Invalid(FieldAt(RefStaff.String(), i, ""), "error.required"))
		}
	}
	for i, l := range p.Links {
		if !ValidURL(l.URL) {
			c.add(Invalid(fmt.Sprintf("links[%d]", i), "error.url"))
		}
	}
	return c.err()
}

func (p *Project) Refs() []Ref {
	var refs []Ref
	refs = refIf(refs, RefAdministrator, p.Administrator, KindOrganisation, KindMunicipality)
	refs = refIf(refs, RefOffice, p.Office, KindOrganisation, KindMunicipality)
	refs = refIf(refs, RefParent, p.Parent, KindProject)
	for _, m := range p.Municipalities {
		refs = refIf(refs, RefMunicipalities, m.Municipality, KindMunicipality)
	}
	for _, f := range p.Funding {
		refs = refIf(refs, RefFunding, f.Funder, KindOrganisation, KindMunicipality)
	}
	for _, s := range p.Staff {
		refs = refIf(refs, RefStaff, s.Contact, KindContact)
	}
	return refs
}

func (p *Project) Unlink(id ID) bool {
	changed := unlinkID(&p.Administrator, id)
	changed = unlinkID(&p.Office, id) || changed
	changed = unlinkID(&p.Parent, id) || changed
	n := len(p.Municipalities)
	p.Municipalities = removeWhere(p.Municipalities, func(m Participation) bool { return m.Municipality == id })
	changed = changed || n != len(p.Municipalities)
	for i := range p.Funding {
		changed = unlinkID(&p.Funding[i].Funder, id) || changed
	}
	n = len(p.Staff)
	p.Staff = removeWhere(p.Staff, func(s StaffMember) bool { return s.Contact == id })
	return changed || n != len(p.Staff)
}

// removeWhere returns s without the elements for which drop is true.
func removeWhere[T any](s []T, drop func(T) bool) []T {
	out := s[:0]
	for _, v := range s {
		if !drop(v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
