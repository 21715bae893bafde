package model

import (
	"fmt"
	"strings"
)

// Contact (yhteyshenkilö) is a person: a group member, project staff, an
// organisation's contact. Their groups, roles and projects are derived from
// the groups and projects that refer to them.
type Contact struct {
	Meta
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	// JobTitle is the person's title ("perusturvajohtaja").
	JobTitle string `json:"title,omitempty"`
	// Organisation is an organisation or a municipality.
	Organisation ID `json:"organisation,omitzero"`
	// Phones are stored in E.164 form, "+358401234567", with ";ext=N"
	// after an extension (see NormalizePhoneIn).
	Phones  []string `json:"phones,omitempty"`
	Emails  []string `json:"emails,omitempty"`
	Address Address  `json:"address,omitzero"`
	Notes   string   `json:"notes,omitempty"`
	// NotesConfidential marks the notes salassa pidettävä (see Redact).
	NotesConfidential *Confidential `json:"notes_confidential,omitempty"`
}

func (c *Contact) Kind() Kind { return KindContact }

// Title is "First Last".
func (c *Contact) Title() string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }

// SortName is "Last First", the order lists of people use.
func (c *Contact) SortName() string { return strings.TrimSpace(c.LastName + " " + c.FirstName) }

func (c *Contact) Subtitle() string {
	s := c.JobTitle
	if len(c.Emails) > 0 {
		if s != "" {
			s += " · "
		}
		s += c.Emails[0]
	}
	return s
}

func (c *Contact) SearchText() string {
	words := append([]string{c.FirstName, c.LastName, c.JobTitle}, c.Emails...)
	for _, p := range c.Phones {
		words = append(words, PhoneSearchText(p))
	}
	return strings.Join(words, " ")
}

func (c *Contact) Facets() []string {
	if c.Organisation.IsZero() {
		return nil
	}
	return []string{"organisation:" + c.Organisation.String()}
}

// Normalize puts phone numbers in stored form and trims emails; numbers
// that cannot be read are left as typed for Validate to report. A national
// number belongs to the country of the contact's address, else Finland.
func (c *Contact) Normalize() { c.NormalizeIn(DefaultRegion) }

// NormalizeIn is Normalize with another country for national numbers
// when the address names none (an import's default region).
func (c *Contact) NormalizeIn(region string) {
	if r := CountryRegion(c.Address.Country); r != "" {
		region = r
	}
	for i, p := range c.Phones {
		if n, problem := NormalizePhoneIn(p, region); problem == PhoneOK {
			c.Phones[i] = n
		}
	}
	for i, e := range c.Emails {
		c.Emails[i] = strings.TrimSpace(e)
	}
}

func (c *Contact) Validate() error {
	var v errs
	if strings.TrimSpace(c.FirstName) == "" && strings.TrimSpace(c.LastName) == "" {
		v.add(Invalid("last_name", "error.required"))
	}
	for i, p := range c.Phones {
		if n, problem := NormalizePhoneIn(p, CountryRegion(c.Address.Country)); problem != PhoneOK || n != p {
			if problem == PhoneOK {
				problem = PhoneInvalid
			}
			v.add(Invalid(fmt.Sprintf("phones[%d]", i), problem))
		}
	}
	for i, e := range c.Emails {
		if !ValidEmail(e) {
			v.add(Invalid(fmt.Sprintf("emails[%d]", i), "error.email"))
		}
	}
	v.add(c.Address.validate("address"))
	v.add(c.NotesConfidential.validate("notes_confidential"))
	return v.err()
}

func (c *Contact) Refs() []Ref {
	return refIf(nil, RefOrganisation, c.Organisation, KindOrganisation, KindMunicipality)
}

func (c *Contact) Unlink(id ID) bool { return unlinkID(&c.Organisation, id) }
