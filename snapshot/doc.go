// Package snapshot exchanges Hankekirja's records between two laptops as a
// single ".hankekirja" file and merges a received snapshot into a
// database without losing anything either side wrote.
//
// A snapshot is UTF-8 JSON Lines: a header line (format name
// "hankekirja-snapshot", format version, application version, time,
// exporting device, scope, record counts and the SHA-256 of everything after
// the header), then one line per record in ID order holding the record's
// current revision in full and the metadata of every older revision the
// exporting database knows (IDs, parents, devices, times, trash state).
// Older revisions' content never leaves the laptop: history may hold text
// its user has since removed. The whole file may be encrypted with a
// passphrase (age, scrypt); such a file is decrypted completely into memory
// and authenticated before any of it is parsed. docs/snapshot-format.md
// describes the format and its limits.
//
// Importing is two steps. MakePlan compares the snapshot with the database
// record by record and returns a Plan: records to add, records to update
// (only the other side changed them), records to move to the trash (deleted
// there and unchanged here), and conflicts (both sides changed them), each
// conflict with its differing fields and a choice per field (keep mine or
// take theirs). Apply then backs the database up and writes the plan in one
// transaction, all or nothing; applying the same snapshot again changes
// nothing.
//
// Which side changed a record is decided from revision IDs: a side "knows"
// a revision when it is its current one or one of the older ones it has
// recorded. If the receiver's current revision is known to the sender, only
// the sender changed the record since; if the sender's current revision is
// known to the receiver, only the receiver did; if neither, both did.
//
// The database is anything with the methods of Reader (to export and plan)
// or Store (to apply); package store's DB has them, and cmd/hankekirja
// hands it over, so this package and those that use it never import store
// or bbolt.
package snapshot
