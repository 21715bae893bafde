package model

import "fmt"

// Meeting (kokous) is a meeting of a group. This is the record's reserved
// core (its kind, its keys and its link to the group); agenda items,
// attendance, decisions and tasks extend it. New JSON fields need no
// migration.
type Meeting struct {
	Meta
	Group ID `json:"group"`
	// Number runs per group and year: Number/Year reads "3/2019".
	Number int    `json:"number,omitempty"`
	Year   int    `json:"year,omitempty"`
	Date   Date   `json:"date,omitzero"`
	Place  string `json:"place,omitempty"`
	// GroupName is a copy of the group's name when the meeting was saved,
	// so lists can show it without a lookup.
	GroupName string `json:"group_name,omitempty"`
}

func (m *Meeting) Kind() Kind { return KindMeeting }

// Title is "3/2019 Ohjausryhmä".
func (m *Meeting) Title() string {
	if m.Number == 0 {
		return m.GroupName + " " + m.Date.String()
	}
	return fmt.Sprintf("%d/%d %s", m.Number, m.Year, m.GroupName)
}

// SortName orders meetings by date.
func (m *Meeting) SortName() string { return m.Date.ISO() + " " + m.GroupName }
func (m *Meeting) Subtitle() string { return m.Date.String() + " " + m.Place }
func (m *Meeting) SearchText() string {
	return m.GroupName + " " + m.Place + " " + m.Date.String()
}
func (m *Meeting) Facets() []string { return []string{"group:" + m.Group.String()} }

func (m *Meeting) Validate() error {
	var c errs
	if m.Group.IsZero() {
		c.add(Invalid("group", "error.required"))
	}
	if m.Date.IsZero() {
		c.add(Invalid("date", "error.required"))
	}
	return c.err()
}

func (m *Meeting) Refs() []Ref       { return refIf(nil, "group", m.Group, KindGroup) }
func (m *Meeting) Unlink(id ID) bool { return unlinkID(&m.Group, id) }
