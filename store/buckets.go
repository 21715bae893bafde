package store

import "hankekirja/model"

// Bucket names and key layouts. Every key that holds an ID uses the ID's 16
// raw bytes (UUIDv7, so keys sort by creation time). No key holds personal
// data: names and addresses live only in values, and the sort keys in
// bucketOrder are collation weights, not text.
//
// Each kind of data has its own bucket, so that reading what a view needs
// never steps over what it does not: opening the window reads the first
// page of bucketOrder, not the history of every record.
var (
	// bucketMeta holds the database's own facts under the keys below.
	bucketMeta = []byte("meta")

	// bucketCurrent holds the current revision of every record, by kind
	// so that reading one kind (a CSV export of contacts) never steps over
	// another (the minutes):
	//   kind (1) | id (16) → kind (1) | envelope JSON
	bucketCurrent = []byte("current")

	// bucketHistory holds the older revisions, with their content or (for
	// revisions made elsewhere whose content never came here, see
	// merge.go) their metadata only:
	//   id (16) | partHistory | rev (16) → kind (1) | envelope JSON
	//   id (16) | partKnown   | rev (16) → JSON of the revision's model.Meta
	// Revision IDs are UUIDv7, so a record's older revisions are in time order.
	bucketHistory = []byte("history")

	// bucketOrder holds every record's summary in the order lists show
	// them: by kind, live before trash, then in Finnish collation order:
	//   kind (1) | state (1: stateLive or stateTrash) | escaped sort key | id (16) → encodeSummary
	// The sort key is escaped (see orderKey) so that byte order of the
	// keys is (sort key, id) order.
	bucketOrder = []byte("order")

	// bucketSummaries finds a record's entry in bucketOrder:
	//   id (16) → its key in bucketOrder
	bucketSummaries = []byte("summaries")

	// bucketAutosaves names the records whose current revision is an
	// autosave of an editing session (see model.WithEditSession):
	//   id (16) → session id (16)
	bucketAutosaves = []byte("autosaves")

	// bucketRefs is the reverse reference index: who refers to whom. Written
	// in the same transaction as the referring record; a record in the trash
	// has no entries here.
	//   key:   target id (16) | source id (16) | field name (bytes)
	//   value: empty
	bucketRefs = []byte("refs")

	// bucketRecords is the layout before schema 2, which kept all of a
	// record's parts under its ID in one bucket; only the migration and
	// the reading of old backups use it.
	bucketRecords = []byte("records")
)

// The parts of a record under its ID in bucketHistory (and, before schema
// 2, in bucketRecords).
const (
	partCurrent byte = 0 // before schema 2 only
	partSummary byte = 1 // before schema 2 only
	partHistory byte = 2
	partKnown   byte = 3
)

// The states of a record in bucketOrder.
const (
	stateLive  byte = 0
	stateTrash byte = 1
)

// Keys in bucketMeta.
var (
	metaSchema  = []byte("schema")  // uint32 big-endian schema version
	metaDevice  = []byte("device")  // 16-byte random ID of this database
	metaCreated = []byte("created") // RFC 3339 creation time
	metaApp     = []byte("app")     // "hankekirja": marks the file as ours
	// metaCountPrefix | kind (1) | state (1) → uint64 big-endian: how many
	// records bucketOrder holds under that prefix, so that a list's total
	// needs no count of 500 000 keys.
	metaCountPrefix = []byte("count:")
	// metaShared → unix nanos (8, big-endian): when a snapshot of this
	// database was last written. A revision made before then may be on
	// another laptop and is never replaced by an autosave (see autosave.go).
	metaShared = []byte("shared")
)

// allBuckets lists every bucket a database has from its creation.
func allBuckets() [][]byte {
	return [][]byte{bucketMeta, bucketCurrent, bucketHistory, bucketOrder, bucketSummaries, bucketAutosaves, bucketRefs}
}

func historyKey(id, rev model.ID) []byte {
	k := make([]byte, 33)
	copy(k, id[:])
	k[16] = partHistory
	copy(k[17:], rev[:])
	return k
}

func knownKey(id, rev model.ID) []byte {
	k := historyKey(id, rev)
	k[16] = partKnown
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

// orderKey is a summary's key in bucketOrder. The sort key is escaped so
// that a key that is a prefix of another still sorts first whatever ID
// follows it: every 0x00 byte becomes 0x00 0xFF and the key ends with
// 0x00 0x00, which sorts before any escaped byte.
func orderKey(s *model.Summary) []byte {
	state := stateLive
	if s.Deleted != nil {
		state = stateTrash
	}
	k := make([]byte, 0, 2+len(s.SortKey)+4+16)
	k = append(k, byte(s.Kind), state)
	for _, b := range s.SortKey {
		k = append(k, b)
		if b == 0 {
			k = append(k, 0xFF)
		}
	}
	k = append(k, 0, 0)
	return append(k, s.ID[:]...)
}

// orderPrefix is the start of every key of a kind's records in a state.
func orderPrefix(kind model.Kind, state byte) []byte { return []byte{byte(kind), state} }

func countKey(kind model.Kind, state byte) []byte {
	return append(append([]byte{}, metaCountPrefix...), byte(kind), state)
}
