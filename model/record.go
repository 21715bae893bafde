package model

import "slices"

// Record is what every stored kind implements. The store handles any Record
// the same way (metadata, history, trash, indexes); the kind-specific parts
// are the answers to these methods.
type Record interface {
	GetMeta() *Meta
	Kind() Kind
	// Title is the name people know the record by ("Hyvinkää", "Matti
	// Meikäläinen", "KUUMA-kuntien sote-alueyksikkö").
	Title() string
	// SortName orders records in lists (a contact by last name).
	SortName() string
	// Subtitle is a short second line for lists and search results.
	Subtitle() string
	// SearchText holds every word a user may type to find the record.
	SearchText() string
	// Facets are "name:value" labels a list can be filtered by exactly
	// ("region:05", "project:<id>", "former").
	Facets() []string
	// Validate checks the record's own fields; references to other records
	// are checked by the store, which can see them.
	Validate() error
	// Refs lists the records this one refers to.
	Refs() []Ref
	// Unlink removes every reference to id and reports whether any was
	// removed (used when a referenced record is deleted).
	Unlink(id ID) bool
}

// Ref is one reference from a record to another: the field it sits in, the
// target and the kinds the field may point at.
type Ref struct {
	Field RefField
	ID    ID
	Kinds []Kind
}

// Allows reports whether the reference may point at a record of kind k.
func (r Ref) Allows(k Kind) bool { return slices.Contains(r.Kinds, k) }

// NewRecord returns an empty record of kind k.
func NewRecord(k Kind) Record {
	switch k {
	case KindMunicipality:
		return &Municipality{}
	case KindOrganisation:
		return &Organisation{}
	case KindProject:
		return &Project{}
	case KindGroup:
		return &Group{}
	case KindContact:
		return &Contact{}
	case KindMeeting:
		return &Meeting{}
	}
	return nil
}

// refIf appends a Ref when id is set. field is one of the RefField
// constants or, for a meeting's people, a path into the minutes.
func refIf[F ~string](refs []Ref, field F, id ID, kinds ...Kind) []Ref {
	if id.IsZero() {
		return refs
	}
	return append(refs, Ref{Field: RefField(field), ID: id, Kinds: kinds})
}

// unlinkID clears *p when it equals id.
func unlinkID(p *ID, id ID) bool {
	if *p == id {
		*p = NilID
		return true
	}
	return false
}

// Names holds a name in the application's three languages.
type Names struct {
	FI string `json:"fi"`
	SV string `json:"sv,omitempty"`
	EN string `json:"en,omitempty"`
}

// In returns the name in language lang ("fi", "sv", "en"), falling back to
// Finnish.
func (n Names) In(lang string) string {
	switch {
	case lang == "sv" && n.SV != "":
		return n.SV
	case lang == "en" && n.EN != "":
		return n.EN
	}
	return n.FI
}

// Address is a Finnish postal address.
type Address struct {
	Street     string `json:"street,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Country    string `json:"country,omitempty"`
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool { return a == Address{} }

// String formats the address on one line: "Kauppakatu 1, 05800 HYVINKÄÄ".
func (a Address) String() string {
	s := a.Street
	town := a.PostalCode
	if a.City != "" {
		if town != "" {
			town += " "
		}
		town += a.City
	}
	if town != "" {
		if s != "" {
			s += ", "
		}
		s += town
	}
	if a.Country != "" {
		s += ", " + a.Country
	}
	return s
}

func (a Address) validate(field string) *Error {
	if a.PostalCode != "" && (a.Country == "" || a.Country == "Suomi" || a.Country == "Finland") && !ValidPostalCode(a.PostalCode) {
		return Invalid(field+".postal_code", "error.postal_code")
	}
	return nil
}

// Link is a titled web address.
type Link struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url"`
}
