package store

import "hankekirja/model"

// Bucket names and key layouts. Every key that holds an ID uses the ID's 16
// raw bytes (UUIDv7, so keys sort by creation time). No key holds personal
// data: names and addresses live only in values.
//
// All of a record's own data sits under keys that start with its ID, so
// that saving a record touches neighbouring keys of one bucket: a save then
// costs about what a single bbolt put does (see docs/benchmarks.md).
var (
	// bucketMeta holds the database's own facts under the keys below.
	bucketMeta = []byte("meta")

	// bucketRecords holds every record of every kind:
	//   id (16) | partCurrent           → kind (1) | envelope JSON of the current revision
	//   id (16) | partSummary           → encodeSummary (list title, sort key, search words, facets)
	//   id (16) | partHistory | rev (16) → kind (1) | envelope JSON of an older revision
	// Revision IDs are UUIDv7, so a record's older revisions are in time order.
	bucketRecords = []byte("records")

	// bucketRefs is the reverse reference index: who refers to whom. Written
	// in the same transaction as the referring record; a record in the trash
	// has no entries here.
	//   key:   target id (16) | source id (16) | field name (bytes)
	//   value: empty
	bucketRefs = []byte("refs")
)

// The parts of a record under its ID in bucketRecords.
const (
	partCurrent byte = 0
	partSummary byte = 1
	partHistory byte = 2
)

// Keys in bucketMeta.
var (
	metaSchema  = []byte("schema")  // uint32 big-endian schema version
	metaDevice  = []byte("device")  // 16-byte random ID of this database
	metaCreated = []byte("created") // RFC 3339 creation time
	metaApp     = []byte("app")     // "hankekirja": marks the file as ours
)

// allBuckets lists every bucket a database has from its creation.
func allBuckets() [][]byte {
	return [][]byte{bucketMeta, bucketRecords, bucketRefs}
}

func currentKey(id model.ID) []byte { return append(id[:], partCurrent) }
func summaryKey(id model.ID) []byte { return append(id[:], partSummary) }

func historyKey(id, rev model.ID) []byte {
	k := make([]byte, 33)
	copy(k, id[:])
	k[16] = partHistory
	copy(k[17:], rev[:])
	return k
}

// historyPrefix is the start of every older revision's key of id.
func historyPrefix(id model.ID) []byte { return append(id[:], partHistory) }

func refKey(target, source model.ID, field string) []byte {
	k := make([]byte, 32, 32+len(field))
	copy(k, target[:])
	copy(k[16:], source[:])
	return append(k, field...)
}

func idFrom(b []byte) model.ID {
	var id model.ID
	copy(id[:], b)
	return id
}
