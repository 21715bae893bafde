package model

import "strings"

// Organisation (organisaatio) is a body that administers, funds or takes part
// in projects. A municipality acting as an organisation (a city administering
// a project) is referred to as the Municipality itself, not copied here.
type Organisation struct {
	Meta
	Name string  `json:"name"`
	Type OrgType `json:"type,omitempty"`
	// BusinessID is the Y-tunnus, "2844969-4".
	BusinessID string `json:"business_id,omitempty"`
	// OVT is the e-invoice address: 0037 + Y-tunnus digits + optional suffix.
	OVT          string  `json:"ovt,omitempty"`
	Address      Address `json:"address,omitzero"`
	Municipality ID      `json:"municipality,omitzero"`
	Website      string  `json:"website,omitempty"`
	Notes        string  `json:"notes,omitempty"`
}

// OrgType is the kind of an organisation.
type OrgType string

// Organisation types.
const (
	OrgJointAuthority   OrgType = "joint_authority"   // kuntayhtymä
	OrgRegionalCouncil  OrgType = "regional_council"  // maakuntaliitto
	OrgHospitalDistrict OrgType = "hospital_district" // sairaanhoitopiiri
	OrgWellbeingCounty  OrgType = "wellbeing_county"  // hyvinvointialue
	OrgMinistry         OrgType = "ministry"          // ministeriö
	OrgMunicipality     OrgType = "municipality"      // kaupunki tai kunta
	OrgAssociation      OrgType = "association"       // yhdistys
	OrgCompany          OrgType = "company"           // yritys
	OrgOther            OrgType = "other"             // muu
)

// OrgTypes lists the organisation types in the order forms offer them.
var OrgTypes = []OrgType{OrgJointAuthority, OrgRegionalCouncil, OrgHospitalDistrict, OrgWellbeingCounty, OrgMinistry, OrgMunicipality, OrgAssociation, OrgCompany, OrgOther}

func (o *Organisation) Kind() Kind       { return KindOrganisation }
func (o *Organisation) Title() string    { return o.Name }
func (o *Organisation) SortName() string { return o.Name }
func (o *Organisation) Subtitle() string {
	return strings.TrimSpace(o.BusinessID + " " + o.Address.City)
}
func (o *Organisation) SearchText() string {
	return strings.Join([]string{o.Name, o.BusinessID, o.Address.City}, " ")
}
func (o *Organisation) Facets() []string {
	f := []string{"type:" + string(o.Type)}
	if !o.Municipality.IsZero() {
		f = append(f, "municipality:"+o.Municipality.String())
	}
	return f
}

func (o *Organisation) Validate() error {
	var c errs
	c.add(required("name", o.Name))
	c.add(oneOf("type", o.Type, OrgTypes))
	if o.BusinessID != "" && !ValidBusinessID(o.BusinessID) {
		c.add(Invalid("business_id", "error.business_id"))
	}
	if o.OVT != "" && !ValidOVT(o.OVT) {
		c.add(Invalid("ovt", "error.ovt"))
	}
	c.add(o.Address.validate("address"))
	if o.Website != "" && !ValidURL(o.Website) {
		c.add(Invalid("website", "error.url"))
	}
	return c.err()
}

func (o *Organisation) Refs() []Ref {
	return refIf(nil, RefMunicipality, o.Municipality, KindMunicipality)
}

func (o *Organisation) Unlink(id ID) bool { return unlinkID(&o.Municipality, id) }
