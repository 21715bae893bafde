package model

// RefField names the field a reference sits in (Ref.Field,
// Reference.Field). The names are the fields' JSON names and are part of
// the database: the store's reverse index keys end in them, so a value
// must never change. A meeting's references to people are paths into its
// minutes ("attendance[2].deputy", see Meeting.Refs) rather than one of
// these constants.
type RefField string

// The reference fields of the kinds.
const (
	RefParent         RefField = "parent"             // a project's parent project, a group's parent group
	RefMembers        RefField = "members"            // a group's member (contact)
	RefRepresents     RefField = "members.represents" // the body a group member represents
	RefStaff          RefField = "staff"              // a project's staff member (contact)
	RefMunicipalities RefField = "municipalities"     // a project's participating municipality
	RefFunding        RefField = "funding"            // a project's funder
	RefAdministrator  RefField = "administrator"      // a project's administering body
	RefOffice         RefField = "office"             // a project's project office
	RefProject        RefField = "project"            // a group's project
	RefGroup          RefField = "group"              // a meeting's group
	RefOrganisation   RefField = "organisation"       // a contact's organisation
	RefMunicipality   RefField = "municipality"       // an organisation's municipality
)

// String returns the field's name, as error paths and labels use it.
func (f RefField) String() string { return string(f) }
