package model

// Group (työryhmä) is a steering group, management group, working group or
// subgroup of a project. A project's groups form a tree through Parent.
type Group struct {
	Meta
	Name    string    `json:"name"`
	Type    GroupType `json:"type,omitempty"`
	Project ID        `json:"project,omitzero"`
	Parent  ID        `json:"parent,omitzero"`
	Mandate string    `json:"mandate,omitempty"`
	Period  Period    `json:"period,omitzero"`
	// Members keeps past members too: a membership ends with its term.
	Members []Membership `json:"members,omitempty"`
	// AgendaTemplate is the group's own frame of a meeting's agenda, one
	// item title a line with model.AgendaSlot where a meeting's own items
	// go; empty means DefaultAgendaTemplate.
	AgendaTemplate []string `json:"agenda_template,omitempty"`
	// Rules are the group's meeting rules (see MeetingRules.Defaults).
	Rules MeetingRules `json:"rules,omitzero"`
}

// GroupType is the kind of a group.
type GroupType string

// Group types.
const (
	GroupSteering   GroupType = "steering"   // ohjausryhmä
	GroupManagement GroupType = "management" // johtoryhmä
	GroupWorking    GroupType = "working"    // työryhmä
	GroupSubgroup   GroupType = "subgroup"   // alatyöryhmä
	GroupExpert     GroupType = "expert"     // asiantuntijaryhmä
	GroupOther      GroupType = "other"      // muu
)

// GroupTypes lists the group types from the top of a governance tree down.
var GroupTypes = []GroupType{GroupSteering, GroupManagement, GroupWorking, GroupSubgroup, GroupExpert, GroupOther}

// Membership is a contact's seat in a group.
type Membership struct {
	Contact ID   `json:"contact"`
	Role    Role `json:"role"`
	// Represents is the municipality or organisation the member speaks for.
	Represents ID     `json:"represents,omitzero"`
	Term       Period `json:"term,omitzero"`
}

// Role is a member's role in a group.
type Role string

// Member roles.
const (
	RoleChair          Role = "chair"                // puheenjohtaja
	RoleViceChair      Role = "vice_chair"           // varapuheenjohtaja
	RoleSecretary      Role = "secretary"            // sihteeri
	RoleMember         Role = "member"               // jäsen
	RoleDeputy         Role = "deputy"               // varajäsen
	RoleExpert         Role = "expert"               // asiantuntija
	RoleStaffRepresent Role = "staff_representative" // henkilöstön edustaja
)

// Roles lists member roles in the order a member list shows them.
var Roles = []Role{RoleChair, RoleViceChair, RoleSecretary, RoleMember, RoleDeputy, RoleExpert, RoleStaffRepresent}

func (g *Group) Kind() Kind       { return KindGroup }
func (g *Group) Title() string    { return g.Name }
func (g *Group) SortName() string { return g.Name }
func (g *Group) Subtitle() string { return g.Period.String() }
func (g *Group) SearchText() string {
	return g.Name + " " + g.Mandate
}

func (g *Group) Facets() []string {
	f := []string{"type:" + string(g.Type)}
	if !g.Project.IsZero() {
		f = append(f, "project:"+g.Project.String())
	}
	if !g.Parent.IsZero() {
		f = append(f, "parent:"+g.Parent.String())
	}
	return f
}

// MembersOn returns the memberships whose term covers date d.
func (g *Group) MembersOn(d Date) []Membership {
	var out []Membership
	for _, m := range g.Members {
		if m.Term.Contains(d) {
			out = append(out, m)
		}
	}
	return out
}

// MemberWithRole returns the contact holding role on date d, or NilID.
func (g *Group) MemberWithRole(role Role, d Date) ID {
	for _, m := range g.MembersOn(d) {
		if m.Role == role {
			return m.Contact
		}
	}
	return NilID
}

func (g *Group) Validate() error {
	var c errs
	c.add(required("name", g.Name))
	c.add(oneOf("type", g.Type, GroupTypes))
	c.add(g.Period.validate("period"))
	g.Rules.validate(&c)
	if !g.Parent.IsZero() && g.Parent == g.ID {
		c.add(Invalid(RefParent.String(), "error.self_parent"))
	}
	for i, m := range g.Members {
		field := FieldAt(RefMembers.String(), i, "")
		if m.Contact.IsZero() {
			c.add(Invalid(field+".contact", "error.required"))
		}
		if m.Role == "" {
			c.add(Invalid(field+".role", "error.required"))
		}
		c.add(oneOf(field+".role", m.Role, Roles))
		c.add(m.Term.validate(field + ".term"))
	}
	return c.err()
}

func (g *Group) Refs() []Ref {
	var refs []Ref
	refs = refIf(refs, RefProject, g.Project, KindProject)
	refs = refIf(refs, RefParent, g.Parent, KindGroup)
	for _, m := range g.Members {
		refs = refIf(refs, RefMembers, m.Contact, KindContact)
		refs = refIf(refs, RefRepresents, m.Represents, KindMunicipality, KindOrganisation)
	}
	return refs
}

func (g *Group) Unlink(id ID) bool {
	changed := unlinkID(&g.Project, id)
	changed = unlinkID(&g.Parent, id) || changed
	n := len(g.Members)
	g.Members = removeWhere(g.Members, func(m Membership) bool { return m.Contact == id })
	changed = changed || n != len(g.Members)
	for i := range g.Members {
		changed = unlinkID(&g.Members[i].Represents, id) || changed
	}
	return changed
}
