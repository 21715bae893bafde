package model

import (
	"bytes"
	"fmt"
	"slices"
)

// The types in this file are the contract between a database and package
// snapshot: a record read with every revision the database knows (Chain),
// what merging a snapshot writes to one record (MergeWrite), and which
// record made a merge fail (MergeError). They live here so that neither
// side has to import the other.

// Chain is one record as a database knows it.
type Chain struct {
	Kind    Kind
	Current Record
	// Older lists every other revision known here, with content (the
	// history) or by its metadata only, ordered by (Updated, Rev).
	Older []Meta
}

// Knows reports whether rev is the current revision or one of the older
// ones.
func (c *Chain) Knows(rev ID) bool {
	if c.Current.GetMeta().Rev == rev {
		return true
	}
	for _, m := range c.Older {
		if m.Rev == rev {
			return true
		}
	}
	return false
}

// SortMetas orders revision metadata the way chains list it: by Updated,
// then by revision ID.
func SortMetas(ms []Meta) {
	slices.SortFunc(ms, func(a, b Meta) int {
		if c := a.Updated.Compare(b.Updated); c != 0 {
			return c
		}
		return bytes.Compare(a.Rev[:], b.Rev[:])
	})
}

// MergeWrite is what a merge does to one record.
type MergeWrite struct {
	ID   ID
	Kind Kind
	// Expect is the current revision the merge was planned from; NilID
	// when the record did not exist. If the database has changed since,
	// the merge is refused as a whole (ECONFLICT, error.stale).
	Expect ID
	// Current, when not nil, becomes the current revision exactly as given
	// (its Rev, ParentRev, Device and times are kept). The revision it
	// replaces moves to the history.
	Current Record
	// History are revisions whose content is kept in the history.
	History []Record
	// Known are revisions known by their metadata only.
	Known []Meta
}

// MergeError says which record made a database refuse a merge.
type MergeError struct {
	ID    ID
	Kind  Kind
	Title string
	Err   error
}

func (e *MergeError) Error() string {
	return fmt.Sprintf("%s %s (%s): %v", e.Kind, e.ID, e.Title, e.Err)
}

func (e *MergeError) Unwrap() error { return e.Err }
