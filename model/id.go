package model

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/google/uuid"
)

// ID identifies a record or a revision. IDs are UUIDs: version 7 (time
// ordered) for everything users create, so that records made on different
// laptops never collide and sort by creation time; version 5 (name based) for
// reference data such as the municipality registry, so that every database
// gives Hyvinkää the same ID. Stored as 16 raw bytes.
type ID [16]byte

// NilID is the zero ID, meaning "no reference".
var NilID ID

// NewID returns a fresh time-ordered ID.
func NewID() ID {
	u, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source does.
		panic("model: no randomness for a new ID: " + err.Error())
	}
	return ID(u)
}

// referenceNamespace is the UUIDv5 namespace of Hankekirja's reference data.
// Changing it would change every municipality's ID: never do.
var referenceNamespace = uuid.MustParse("6f2b1c64-5d0e-4f0a-9a43-2f1e7d8c9b10")

// ReferenceID returns the stable name-based ID of a piece of reference data,
// for example ReferenceID("municipality", "091").
func ReferenceID(kind, code string) ID {
	return ID(uuid.NewHash(sha1.New(), referenceNamespace, []byte(kind+":"+code), 5))
}

// MunicipalityID returns the ID every database gives the municipality with
// the official code.
func MunicipalityID(code string) ID { return ReferenceID("municipality", code) }

// IsZero reports whether the ID is unset.
func (id ID) IsZero() bool { return id == NilID }

// String formats the ID in the canonical 8-4-4-4-12 form.
func (id ID) String() string {
	if id.IsZero() {
		return ""
	}
	return uuid.UUID(id).String()
}

// ParseID parses the canonical form (or 32 hex digits).
func ParseID(s string) (ID, error) {
	s = strings.TrimSpace(s)
	if len(s) == 32 {
		var id ID
		if _, err := hex.Decode(id[:], []byte(s)); err != nil {
			return NilID, errors.New("invalid ID")
		}
		return id, nil
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return NilID, errors.New("invalid ID")
	}
	return ID(u), nil
}

// MarshalText encodes the ID canonically; the zero ID encodes as "".
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText decodes the canonical form; "" is the zero ID.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = NilID
		return nil
	}
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}
