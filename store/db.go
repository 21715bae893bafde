// Package store keeps Hankekirja's records in one embedded bbolt file and
// implements the services declared in package model.
//
// Every change is one bbolt transaction that writes the record, its
// revision in the history, and the indexes that point at it (kinds,
// summaries, references), so the indexes never disagree with the records.
// See buckets.go for the key layouts.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"hankekirja/model"
	"hankekirja/morph"
	"hankekirja/search"
)

// appMarker marks a bbolt file as a Hankekirja database.
const appMarker = "hankekirja"

// Options tune Open. The zero value is what the application uses.
type Options struct {
	// Timeout is how long Open waits for another program to release the
	// file; default one second, so a second running copy gets a clear
	// "already open" error instead of hanging.
	Timeout time.Duration
	// Now replaces the clock (tests).
	Now func() time.Time
	// NoSync skips fsync after each commit: only for benchmarks and bulk
	// test data, never for users' files.
	NoSync bool
	// NoAutoBackup skips the day's automatic backup (see backup.go) that
	// opening an existing database otherwise makes.
	NoAutoBackup bool
	// ReadOnly opens the file for reading only. Open also falls back to
	// it by itself when the file or its disk cannot be written (see
	// readonly.go).
	ReadOnly bool
	// Analyser gives the full-text index its base forms and compound
	// parts; nil means morph.New().
	Analyser morph.Analyser
	// DeferSearch leaves the full-text index alone while a file is written
	// in bulk (hankekirja gen): BuildSearch then builds it in one go,
	// which is much quicker than keeping it up to date batch by batch.
	// Without BuildSearch the next Open builds it.
	DeferSearch bool
	// NoSearchBuild leaves an incomplete full-text index as it is instead
	// of building it in the background: for a command that does not
	// search and would close the file before a build of the archive is
	// done (abandoning it, to start again at the next open). Saves then
	// leave the index alone; the next open without it builds the index
	// whole. A complete index is loaded and kept up to date as always.
	NoSearchBuild bool
	// Passphrase opens an encrypted file whose data key this process has
	// not unlocked yet (see seal.go); a wrong one gives EPASSPHRASE, none
	// ENEEDKEY.
	Passphrase []byte
	// Encrypt makes a new file encrypted under its passphrase.
	Encrypt *Encryption
}

// Encryption is the passphrase and Argon2id cost of a new encrypted file.
type Encryption struct {
	Passphrase []byte
	KDF        KDFParams // zero: DefaultKDF
}

// testEncryption, when set (by the store's tests, see helpers_test.go),
// makes every new file encrypted, so that the whole suite runs against
// encrypted stores too.
var testEncryption *Encryption

// DB is an open Hankekirja database.
type DB struct {
	bolt   *bolt.DB
	path   string
	device model.ID
	now    func() time.Time

	// backupErr is the failure of the automatic backup started by Open;
	// backingUp is done when that backup is.
	backupErr error
	backingUp sync.WaitGroup
	// closing tells that backup to give up: Close does not wait for a
	// copy of a large file (the half-written copy is removed).
	closing atomic.Bool
	// readOnly is set when the file was opened for reading only.
	readOnly bool
	// noSearchBuild is Options.NoSearchBuild.
	noSearchBuild bool
	// unsure is set when a commit failed but may be in the file: this
	// copy's view of the file can no longer be trusted for writing
	// (commit_failure.go).
	unsure atomic.Bool

	// search is the full-text index's state in memory; indexing is done
	// when its background build or load is.
	search   *searchIndex
	indexing sync.WaitGroup

	// header is the encryption header a new encrypted file is given.
	header []byte
}

// DefaultPath returns where the database lives unless the user says
// otherwise: the user's configuration directory/hankekirja/hankekirja.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "hankekirja", "hankekirja.db"), nil
}

// Open opens the database at path, creating it (and its directory) when the
// file does not exist. It never overwrites a file that exists: an empty,
// damaged or foreign file is refused with EDAMAGED, a file held by another
// program with ELOCKED, and one written by a newer Hankekirja with ENEWER.
func Open(path string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout == 0 {
		o.Timeout = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	fi, err := os.Stat(path)
	isNew := errors.Is(err, os.ErrNotExist)
	switch {
	case isNew:
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fileError(path, err)
		}
	case err != nil:
		return nil, fileError(path, err)
	case fi.IsDir():
		return nil, damaged(path, errors.New("is a directory"))
	case fi.Size() == 0:
		// bbolt would quietly initialise an empty file: refuse instead, it
		// may be a file the user meant for something else.
		return nil, damaged(path, errors.New("empty file"))
	default:
		if err := checkHeader(path, fi.Size()); err != nil {
			if isFileProblem(err) {
				return nil, fileError(path, err)
			}
			return nil, damaged(path, err)
		}
	}

	var bdb *bolt.DB
	readOnly := o.ReadOnly && !isNew
	open := func() error {
		return contain(path, func() error {
			var err error
			bdb, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: o.Timeout, NoSync: o.NoSync, InitialMmapSize: initialMmapSize, ReadOnly: readOnly})
			return err
		})
	}
	err = open()
	if err != nil && !isNew && !readOnly && cannotWrite(err) {
		readOnly = true
		err = open()
	}
	if err != nil {
		if isNew {
			os.Remove(path)
		}
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, &model.Error{Code: model.ELOCKED, Key: "error.locked", Args: map[string]any{"Path": path}, Err: err}
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
			return nil, damaged(path, err)
		case isFileProblem(err):
			return nil, fileError(path, err)
		}
		return nil, damaged(path, err)
	}
	db := &DB{bolt: bdb, path: path, now: o.Now, readOnly: readOnly, noSearchBuild: o.NoSearchBuild}
	if err := db.unlock(isNew, &o); err != nil {
		bdb.Close()
		if isNew {
			os.Remove(path)
		}
		return nil, err
	}
	if !readOnly {
		tuneGrowth(bdb)
		removeLeftovers(path)
	}
	db.search = &searchIndex{ix: search.NewIndexer(o.Analyser), done: make(chan struct{}), pending: map[model.ID]model.Record{}}
	db.startFollowing()
	if isNew {
		err = db.initialise()
	} else {
		err = db.load()
	}
	if err != nil {
		db.closeBolt()
		if isNew {
			os.Remove(path)
		}
		return nil, err
	}
	if o.DeferSearch {
		err = db.deferSearch()
	} else {
		err = db.startSearch(isNew)
	}
	if err != nil {
		db.closeBolt()
		return nil, err
	}
	if !isNew && !o.NoAutoBackup && !readOnly {
		// The day's first open copies the whole file: off the caller's path,
		// so that the window is not held up by it; Close abandons it.
		db.backingUp.Add(1)
		go func() {
			defer db.backingUp.Done()
			db.backupErr = db.dailyBackup()
		}()
	}
	return db, nil
}

// checkHeader reads bbolt's two meta pages before bbolt maps the file, so
// that a foreign or truncated file is refused before bbolt touches it (bbolt
// maps a truncated file and faults when it reads past the end).
//
// Layout (bbolt's common.Page and common.Meta, little-endian): page header
// id (8) flags (2) count (2) overflow (4); then meta magic (4) version (4)
// pageSize (4) flags (4) root bucket (16) freelist (8) pgid (8) txid (8).
func checkHeader(path string, size int64) error {
	_, _, err := readHeader(path, size)
	return err
}

// readHeader reads the meta pages as checkHeader describes and returns the
// page count and transaction ID of the newer valid one.
func readHeader(path string, size int64) (pgid, txid uint64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	const magic = 0xED0CDAED
	readMeta := func(off int64) (pageSize, pgid, txid uint64, ok bool) {
		head := make([]byte, 80)
		if _, err := f.ReadAt(head, off); err != nil {
			return 0, 0, 0, false
		}
		if binary.LittleEndian.Uint32(head[16:20]) != magic {
			return 0, 0, 0, false
		}
		return uint64(binary.LittleEndian.Uint32(head[24:28])), binary.LittleEndian.Uint64(head[56:64]), binary.LittleEndian.Uint64(head[64:72]), true
	}
	pageSize, pgid, txid, ok := readMeta(0)
	if !ok {
		return 0, 0, errors.New("not a database file")
	}
	if pageSize < 512 || pageSize > 1<<20 {
		return 0, 0, errors.New("not a database file")
	}
	if _, pgid1, txid1, ok := readMeta(int64(pageSize)); ok && txid1 > txid {
		pgid, txid = pgid1, txid1
	}
	if uint64(size) < pgid*pageSize {
		return 0, 0, errors.New("truncated")
	}
	return pgid, txid, nil
}

func damaged(path string, cause error) error {
	return &model.Error{Code: model.EDAMAGED, Key: "error.damaged", Args: map[string]any{"Path": path}, Err: cause}
}

// initialise creates the buckets, the device ID and the municipality
// registry of a new database in one transaction.
func (db *DB) initialise() error {
	db.device = model.NewID()
	return db.updateTx(func(tx *bolt.Tx) error {
		for _, name := range allBuckets() {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := bucket(tx, bucketMeta)
		if err := meta.Put(metaApp, []byte(appMarker)); err != nil {
			return err
		}
		if db.header != nil {
			if err := meta.Put(metaCrypt, db.header); err != nil {
				return err
			}
		}
		if err := meta.Put(metaDevice, db.device[:]); err != nil {
			return err
		}
		if err := meta.Put(metaCreated, []byte(db.now().UTC().Format(time.RFC3339))); err != nil {
			return err
		}
		if err := putSchema(tx, len(migrations)); err != nil {
			return err
		}
		if _, err := db.openSearch(tx, true); err != nil {
			return err
		}
		return db.seedRegistry(tx)
	})
}

// load reads the metadata of an existing database and migrates it when it
// is older than this program.
func (db *DB) load() error {
	var schema int
	err := db.viewTx(func(tx *bolt.Tx) error {
		meta := bucket(tx, bucketMeta)
		if meta.Bucket == nil || !bytes.Equal(meta.Get(metaApp), []byte(appMarker)) {
			return damaged(db.path, errors.New("not a Hankekirja database"))
		}
		dev := meta.Get(metaDevice)
		if len(dev) != 16 {
			return damaged(db.path, errors.New("no device ID"))
		}
		copy(db.device[:], dev)
		v := meta.Get(metaSchema)
		if len(v) != 4 {
			return damaged(db.path, errors.New("no schema version"))
		}
		schema = int(binary.BigEndian.Uint32(v))
		return nil
	})
	if err != nil {
		return err
	}
	if schema > len(migrations) {
		return &model.Error{Code: model.ENEWER, Key: "error.newer", Args: map[string]any{"Path": db.path, "Found": schema}}
	}
	if schema < len(migrations) {
		if db.readOnly {
			return &model.Error{Code: model.EREADONLY, Key: "error.database_read_only_old", Args: map[string]any{"Path": db.path}}
		}
		return db.migrate(schema)
	}
	return nil
}

// Close closes the file.
func (db *DB) Close() error {
	db.closing.Store(true)
	db.backingUp.Wait()
	db.indexing.Wait()
	// The saves the index has not followed yet: else the next open
	// builds the whole index again.
	// A failure (a full disk) leaves them pending in the file, whose
	// next open builds the index again; the records themselves are
	// saved.
	db.stopFollowing()
	return db.closeBolt()
}

// closeBolt closes the bbolt handle and forgets its sealer.
func (db *DB) closeBolt() error {
	err := db.bolt.Close()
	detachSealer(db.bolt)
	return err
}

// Path returns the file's path.
func (db *DB) Path() string { return db.path }

// Device returns the random ID this database stamps on its revisions.
func (db *DB) Device() model.ID { return db.device }

// Bolt gives tests and tools direct access to the bbolt handle.
func (db *DB) Bolt() *bolt.DB { return db.bolt }

// Services returns the model services backed by this database.
func (db *DB) Services() model.Services {
	return model.Services{
		Municipalities: newKindStore[model.Municipality](db, model.KindMunicipality, municipalityPolicy{}),
		Organisations:  newKindStore[model.Organisation](db, model.KindOrganisation, nil),
		Projects:       newKindStore[model.Project](db, model.KindProject, nil),
		Groups:         newKindStore[model.Group](db, model.KindGroup, nil),
		Contacts:       newKindStore[model.Contact](db, model.KindContact, contactPolicy{}),
		Meetings:       newKindStore[model.Meeting](db, model.KindMeeting, meetingPolicy{}),
		Queries:        queries{db},
		Atomic:         db.Atomic,
		View:           db.View,
	}
}

func putSchema(tx *bolt.Tx, v int) error {
	return bucket(tx, bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, uint32(v)))
}

// SchemaVersion returns the schema version this program writes.
func SchemaVersion() int { return len(migrations) }

func (db *DB) String() string { return fmt.Sprintf("store.DB(%s)", db.path) }
