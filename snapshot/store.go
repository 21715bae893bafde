package snapshot

import (
	"context"

	"hankekirja/model"
)

// Reader is what exporting a snapshot and planning its import read from a
// database. Package store's DB is one; cmd/hankekirja hands it over.
type Reader interface {
	// Device is the random ID the database stamps on the revisions it
	// makes (and on a snapshot it exports).
	Device() model.ID
	// ReadChains calls fn with each record's chain in ID order, all read
	// in one transaction. With ids nil it reads every record, otherwise
	// only those IDs (missing ones are skipped).
	ReadChains(ctx context.Context, ids []model.ID, fn func(*model.Chain) error) error
	// Revision returns the content of one revision of a record, current
	// or older; ENOTFOUND when its content is not in the database.
	Revision(ctx context.Context, id, rev model.ID) (model.Record, error)
}

// Store is a database a snapshot can be merged into.
type Store interface {
	Reader
	// ApplyMerge writes the merge in one transaction, all or nothing. A
	// record that breaks a rule is reported as a *model.MergeError; a
	// database changed since the plan as ECONFLICT with key error.stale.
	ApplyMerge(ctx context.Context, writes []model.MergeWrite) error
	// CheckMerge reports the error ApplyMerge would return, changing
	// nothing.
	CheckMerge(ctx context.Context, writes []model.MergeWrite) error
	// AutoBackup backs the database up for the given reason (one of
	// model's Backup* constants) and returns the backup's path.
	AutoBackup(reason string) (string, error)
}

// Sharer is a database that remembers when its revisions left the laptop
// in a snapshot, so that an autosave never replaces a revision a colleague
// may have (package store's DB is one). Export tells it when the database
// implements it.
type Sharer interface {
	MarkShared(ctx context.Context) error
}

// Tombstoner is a database that remembers the records erased or purged in
// it (package store's DB is one). Export writes its erasures into the
// snapshot; an import leaves out what it erased or purged and erases here
// the people the snapshot says were erased.
type Tombstoner interface {
	// Tombstones lists the records erased or purged here.
	Tombstones(ctx context.Context) ([]model.Tombstone, error)
	// EraseTombstoned erases the contacts ts name and records ts.
	EraseTombstoned(ctx context.Context, ts []model.Tombstone) ([]model.ID, error)
}
