// Package model is Hankekirja's domain: the records a sote project keeps
// (municipalities, organisations, projects, working groups, contacts and
// meetings), their validation rules, the typed errors the rest of the
// application shows to users, and the service interfaces through which the
// user interface and the command line reach storage.
//
// model imports only the standard library and golang.org/x/text; storage
// (package store) implements the interfaces declared here.
package model

import "fmt"

// Kind names one kind of stored record. The numeric value is part of the
// on-disk format (store keeps it in its ID → kind index): never renumber.
type Kind uint8

// The kinds of record. KindMeeting is reserved for the meetings work so that
// it can be added without a migration.
const (
	KindMunicipality Kind = 1
	KindOrganisation Kind = 2
	KindProject      Kind = 3
	KindGroup        Kind = 4
	KindContact      Kind = 5
	KindMeeting      Kind = 6
)

// Kinds lists every kind in the order the application presents them.
var Kinds = []Kind{KindProject, KindGroup, KindMeeting, KindContact, KindMunicipality, KindOrganisation}

var kindNames = map[Kind]string{
	KindMunicipality: "municipality",
	KindOrganisation: "organisation",
	KindProject:      "project",
	KindGroup:        "group",
	KindContact:      "contact",
	KindMeeting:      "meeting",
}

// String returns the kind's stable English name, used in JSON and on the
// command line ("project", "contact", ...).
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseKind accepts a kind's name in singular or plural ("project",
// "projects"), as typed on the command line.
func ParseKind(s string) (Kind, bool) {
	for k, name := range kindNames {
		if s == name || s == name+"s" {
			return k, true
		}
	}
	return 0, false
}

// MarshalText encodes a kind by name so that JSON stays readable.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind's name.
func (k *Kind) UnmarshalText(b []byte) error {
	v, ok := ParseKind(string(b))
	if !ok {
		return fmt.Errorf("unknown kind %q", b)
	}
	*k = v
	return nil
}
