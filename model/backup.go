package model

import "time"

// Why an automatic backup of a database was made: part of its file name,
// and shown to the user (translation keys cli.backup.reason.<reason>).
const (
	BackupDaily     = "daily"     // the first open of a day
	BackupMigration = "migration" // before a schema migration
	BackupImport    = "import"    // before a snapshot is merged in
	BackupRestore   = "restore"   // the file a restore replaced
	BackupCompact   = "compact"   // before the file is compacted
)

// BackupInfo describes one backup file of a database.
type BackupInfo struct {
	Path   string
	Time   time.Time
	Reason string
	Size   int64
	// Records counts the records of each kind outside the trash.
	Records map[Kind]int
	Trash   int
	// Err is set when the file could not be read (the counts are then
	// empty); the backup is listed all the same.
	Err error
}

// Total is the number of records outside the trash.
func (b BackupInfo) Total() int {
	n := 0
	for _, v := range b.Records {
		n += v
	}
	return n
}
