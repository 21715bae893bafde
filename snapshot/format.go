package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"strconv"
	"sync"
	"time"

	"hankekirja/internal/jsondecode"
	"hankekirja/model"
)

// Format is the format name in every snapshot's header.
const Format = "hankekirja-snapshot"

// Version is the format version this package writes and the newest it
// reads. Version 3 binds each current revision's content to its rev with
// a SHA-256 on the record line; versions 1 and 2 are still read.
const Version = 3

// hashedSince is the first version whose record lines carry the SHA-256
// of their record.
const hashedSince = 3

// FileExtension is the extension snapshot files are given.
const FileExtension = ".hankekirja"

// ScopeAll is the scope of a snapshot of the whole database; a project's
// snapshot has the project's ID as its scope.
const ScopeAll = "all"

// Limits. A file beyond any of them is refused before anything is imported
// (and export refuses to write one); see docs/snapshot-format.md. They
// stop hostile or broken files (a line without end, a file larger than
// memory); none is a number of records, which a region's archive can
// reach.
const (
	// MaxFileSize bounds the file as given and its decrypted content.
	MaxFileSize = 2 << 30
	// MaxRevisions bounds the older revisions listed per record; export
	// lists the newest ones when a record has more.
	MaxRevisions = 10_000
	// MaxLine bounds one line, its newline included.
	MaxLine = 8 << 20
)

// maxFileSize is MaxFileSize, lowered by tests.
var maxFileSize = MaxFileSize

// Header is the snapshot's first line.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	AppVersion string    `json:"app_version"`
	ExportedAt time.Time `json:"exported_at"`
	// ExportedBy is the device ID of the database that wrote the snapshot.
	ExportedBy model.ID `json:"exported_by"`
	// Scope is "all" or the ID of the project the snapshot was made for.
	Scope string `json:"scope"`
	// Counts holds the number of records of each kind (by kind name),
	// those in the trash included.
	Counts map[string]int `json:"counts"`
	// Records is the number of record lines, Revisions the number of
	// older revisions they list.
	Records   int `json:"records"`
	Revisions int `json:"revisions"`
	// ContentLength is the number of bytes after the header line and
	// SHA256 their hex-encoded SHA-256.
	ContentLength int64  `json:"content_length"`
	SHA256        string `json:"sha256"`
	// Tombstones is the number of tombstone lines (see Snapshot); left
	// out when there are none, so a snapshot without them reads as before.
	Tombstones int `json:"tombstones,omitempty"`
}

// Project returns the project ID of a project snapshot, NilID for "all".
func (h Header) Project() model.ID {
	id, err := model.ParseID(h.Scope)
	if err != nil {
		return model.NilID
	}
	return id
}

// Snapshot is a decoded snapshot.
type Snapshot struct {
	Header  Header
	Records []Record // in ID order
	// Tombstones are the people erased on the exporting laptop (ID and
	// day only), in ID order: the receiver erases them too and never
	// takes them back. They follow the record lines, one a line.
	Tombstones []model.Tombstone
}

// tombstoneLine is one tombstone line: {"tombstone":{"id":…,"on":…}}.
type tombstoneLine struct {
	Tombstone model.Tombstone `json:"tombstone"`
}

// tombstonePrefix is how every tombstone line begins.
var tombstonePrefix = []byte(`{"tombstone":`)

// Record is one record of a snapshot.
type Record struct {
	Kind model.Kind
	// Current is the current revision in full.
	Current model.Record
	// History lists the older revisions the exporting database knows,
	// metadata only, ordered by (Updated, Rev).
	History []model.Meta

	// sum is the SHA-256 of Current's bytes as read (version 3 on), ""
	// otherwise.
	sum string
}

// ID returns the record's ID.
func (r Record) ID() model.ID { return r.Current.GetMeta().ID }

// Knows reports whether the exporting side knows revision rev of the record.
func (r Record) Knows(rev model.ID) bool {
	if r.Current.GetMeta().Rev == rev {
		return true
	}
	for _, m := range r.History {
		if m.Rev == rev {
			return true
		}
	}
	return false
}

// line is one record line.
type line struct {
	ID     model.ID        `json:"id"`
	Kind   model.Kind      `json:"kind"`
	Record json.RawMessage `json:"record"`
	// SHA256 is the hex SHA-256 of Record's bytes: the revision's content
	// bound to its rev, so that a record changed under the same rev is
	// noticed (version 3 on).
	SHA256  string       `json:"sha256,omitempty"`
	History []model.Meta `json:"history,omitempty"`
}

// ContentSum returns the hex SHA-256 of a revision's canonical content
// (its JSON as the database stores it and a snapshot writes it).
func ContentSum(r model.Record) (string, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return "", model.Internal(err)
	}
	return sumHex(b), nil
}

func sumHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Encode writes s as a plaintext snapshot. It fills in the header's
// format, version, counts, lengths and checksum; the caller sets the rest.
// Records must be in ID order without duplicates.
func Encode(s *Snapshot) ([]byte, error) {
	var content bytes.Buffer
	e := newEncoder(&content, s.Header)
	for _, r := range s.Records {
		if err := e.record(r); err != nil {
			return nil, err
		}
	}
	for _, t := range s.Tombstones {
		if err := e.tombstone(t); err != nil {
			return nil, err
		}
	}
	h, head, err := e.header()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(head)+content.Len())
	out = append(append(out, head...), content.Bytes()...)
	s.Header = h
	return out, nil
}

// headerPrefix is how every plaintext snapshot begins.
var headerPrefix = []byte(`{"format":"` + Format + `"`)

// IsSnapshot reports whether data (or its first bytes) looks like a
// snapshot, plaintext or encrypted.
func IsSnapshot(head []byte) bool {
	return bytes.HasPrefix(head, headerPrefix) || IsEncrypted(head)
}

// ReadHeader decodes and checks the header line of a plaintext snapshot and
// returns it with the offset of the content.
func ReadHeader(data []byte) (Header, int, error) {
	var h Header
	if !bytes.HasPrefix(data, headerPrefix) {
		if len(data) < len(headerPrefix) && bytes.HasPrefix(headerPrefix, data) && len(data) > 0 {
			return h, 0, newError(model.EDAMAGED, KeyTruncated, nil, nil)
		}
		return h, 0, newError(model.EINVALID, KeyNotSnapshot, nil, nil)
	}
	end := bytes.IndexByte(data[:min(len(data), MaxLine)], '\n')
	if end < 0 {
		if len(data) < MaxLine {
			return h, 0, newError(model.EDAMAGED, KeyTruncated, nil, nil)
		}
		return h, 0, limitError(fmt.Sprintf("header line longer than %d bytes", MaxLine))
	}
	// Check the version before anything else in the header, so that a
	// newer format's header is reported as newer, not as damaged.
	var v struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data[:end], &v); err != nil || v.Format != Format {
		return h, 0, damagedAt(1, "header is not valid JSON")
	}
	if v.Version > Version {
		return h, 0, newError(model.ENEWER, KeyVersion, map[string]any{"Found": v.Version, "Version": strconv.Itoa(Version)}, nil)
	}
	if v.Version < 1 {
		return h, 0, damagedAt(1, fmt.Sprintf("format version %d", v.Version))
	}
	if err := strictUnmarshal(data[:end], &h); err != nil {
		if isUnknownField(err) {
			return h, 0, newError(model.ENEWER, KeyUnknownData, map[string]any{"Detail": "header: " + jsonDetail(err)}, err)
		}
		return h, 0, damagedAt(1, "header: "+jsonDetail(err))
	}
	if h.SHA256 == "" || h.ContentLength < 0 || h.ExportedAt.IsZero() {
		return h, 0, damagedAt(1, "header lacks its checksum, length or time")
	}
	if h.Scope != ScopeAll && h.Project().IsZero() {
		return h, 0, damagedAt(1, "scope is neither \"all\" nor a project ID")
	}
	return h, end + 1, nil
}

// Decode reads a plaintext snapshot: the header, then, once the content's
// length and checksum are right, every record line. Any problem refuses the
// whole snapshot with a *model.Error.
func Decode(data []byte) (*Snapshot, error) {
	if len(data) > maxFileSize {
		return nil, limitError(fmt.Sprintf("%d bytes, at most %d", len(data), maxFileSize))
	}
	h, off, err := ReadHeader(data)
	if err != nil {
		return nil, err
	}
	content := data[off:]
	switch {
	case int64(len(content)) < h.ContentLength:
		return nil, newError(model.EDAMAGED, KeyTruncated, nil, nil)
	case int64(len(content)) > h.ContentLength:
		return nil, newError(model.EDAMAGED, KeyChecksum, nil, nil)
	}
	sum := sha256.Sum256(content)
	if hex.EncodeToString(sum[:]) != h.SHA256 {
		return nil, newError(model.EDAMAGED, KeyChecksum, nil, nil)
	}
	// Split into lines first (checking the limits), then decode the lines
	// in parallel: JSON decoding is most of a large import's reading.
	var lines [][]byte
	for n := 2; len(content) > 0; n++ {
		end := bytes.IndexByte(content[:min(len(content), MaxLine)], '\n')
		if end < 0 {
			if len(content) >= MaxLine {
				return nil, limitError(fmt.Sprintf("line %d is longer than %d bytes", n, MaxLine))
			}
			return nil, damagedAt(n, "the last line has no newline")
		}
		lines = append(lines, content[:end])
		content = content[end+1:]
	}
	tombs, err := decodeTombstones(&lines)
	if err != nil {
		return nil, err
	}
	records := make([]Record, len(lines))
	errs := make([]error, len(lines))
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(lines)/256))
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(lines); i += workers {
				records[i], errs[i] = decodeLine(lines[i], i+2, h.Version)
			}
		}()
	}
	wg.Wait()
	s := &Snapshot{Header: h, Records: records, Tombstones: tombs}
	counts := map[string]int{}
	revisions := 0
	var prev model.ID
	for i, r := range records {
		if errs[i] != nil {
			return nil, errs[i]
		}
		id := r.ID()
		if c := bytes.Compare(prev[:], id[:]); i > 0 && c >= 0 {
			if c == 0 {
				return nil, newError(model.EDAMAGED, KeyDuplicate, map[string]any{"ID": id.String()}, nil)
			}
			return nil, damagedAt(i+2, "records are not in ID order")
		}
		prev = id
		counts[r.Kind.String()]++
		revisions += len(r.History)
	}
	if len(s.Records) != h.Records || revisions != h.Revisions || len(tombs) != h.Tombstones || !maps.Equal(counts, nonZero(h.Counts)) {
		return nil, damagedAt(1, "the header's counts do not match the records")
	}
	return s, nil
}

func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func compareMeta(a, b model.Meta) int {
	if c := a.Updated.Compare(b.Updated); c != 0 {
		return c
	}
	return bytes.Compare(a.Rev[:], b.Rev[:])
}

// strictUnmarshal decodes exactly one JSON value into v, refusing fields v
// does not have: a field this version does not know would otherwise be
// dropped without a word when the record is stored.
func strictUnmarshal(b []byte, v any) error { return jsondecode.UnmarshalStrict(b, v) }

func isUnknownField(err error) bool {
	return err != nil && bytes.Contains([]byte(err.Error()), []byte("unknown field"))
}

// sortMetas orders revision metadata as snapshots list it.
func sortMetas(ms []model.Meta) { model.SortMetas(ms) }

// decodeTombstones takes the tombstone lines off the end of lines and
// decodes them: they come after every record line, in ID order.
func decodeTombstones(lines *[][]byte) ([]model.Tombstone, error) {
	all := *lines
	first := len(all)
	for first > 0 && bytes.HasPrefix(all[first-1], tombstonePrefix) {
		first--
	}
	var out []model.Tombstone
	for i, b := range all[first:] {
		n := first + i + 2
		var t tombstoneLine
		if err := strictUnmarshal(b, &t); err != nil {
			if isUnknownField(err) {
				return nil, newError(model.ENEWER, KeyUnknownData, map[string]any{"Detail": fmt.Sprintf("line %d: %v", n, err)}, err)
			}
			return nil, damagedAt(n, "tombstone: "+err.Error())
		}
		if t.Tombstone.ID.IsZero() || t.Tombstone.Purged {
			return nil, damagedAt(n, "tombstone without an ID")
		}
		if len(out) > 0 && bytes.Compare(out[len(out)-1].ID[:], t.Tombstone.ID[:]) >= 0 {
			return nil, damagedAt(n, "tombstones are not in ID order")
		}
		out = append(out, t.Tombstone)
	}
	*lines = all[:first]
	return out, nil
}
