package model

import "time"

// Meta is the change metadata every record carries, so that history, trash
// and merging snapshots from another laptop need nothing else.
//
// Each saved version of a record is a revision with its own ID (Rev) that
// names the revision it was made from (ParentRev), as CouchDB's revision trees
// do: an importer can then tell "only they changed it" from "we both changed
// it" by walking the parents.
type Meta struct {
	ID        ID        `json:"id"`
	Rev       ID        `json:"rev"`
	ParentRev ID        `json:"parent_rev,omitzero"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	// Device is the random ID of the database (laptop) that made this revision.
	Device ID `json:"device"`
	// Deleted is set while the record is in the trash.
	Deleted *time.Time `json:"deleted,omitempty"`
	// Note says why a revision was made when that is not an ordinary edit
	// (restored from the trash, an earlier revision restored, a link to a
	// deleted record removed): codes with arguments, translated where they
	// are shown. The JSON name is "note", as older versions wrote it.
	Note Notes `json:"note,omitempty"`
}

// GetMeta gives access to the metadata; every record type embeds Meta.
func (m *Meta) GetMeta() *Meta { return m }

// InTrash reports whether the record has been deleted to the trash.
func (m *Meta) InTrash() bool { return m.Deleted != nil }
