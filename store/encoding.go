package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"hankekirja/internal/jsondecode"
	"hankekirja/model"
)

// recordVersion is the version of the JSON in record values. Readers accept
// versions up to it; a migration raises it.
const recordVersion = 1

// envelope is the stored form of one revision of a record: explicit version
// and kind tags around the record's own JSON.
type envelope struct {
	V      int             `json:"v"`
	Kind   model.Kind      `json:"kind"`
	Record json.RawMessage `json:"record"`
}

// encodeRecord returns the stored value of a revision: its kind as one byte
// (so a reader can tell the kind without decoding JSON) with checksumFlag
// set, a CRC-32C of what follows, then the envelope.
//
// The envelope is written by hand rather than by a second json.Marshal,
// which would scan the record's JSON again: the same bytes for a third
// less work on every save (TestEncodeRecord checks they are the same).
func encodeRecord(r model.Record) ([]byte, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	kind := r.Kind().String()
	b := make([]byte, 0, len(body)+len(kind)+36)
	b = append(b, byte(r.Kind())|checksumFlag, 0, 0, 0, 0)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, recordVersion, 10)
	b = append(b, `,"kind":"`...)
	b = append(b, kind...)
	b = append(b, `","record":`...)
	b = append(b, body...)
	b = append(b, '}')
	binary.BigEndian.PutUint32(b[1:5], crc32.Checksum(b[5:], castagnoli))
	return b, nil
}

// A record's value carries a checksum of its envelope, so that check
// finds a byte changed inside a record that still decodes (bbolt checks
// its pages' structure, not their contents). Values written before it
// have none: their kind byte lacks checksumFlag (a migration adds it,
// see frameRecords).
const checksumFlag = 0x80

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errChecksum is a record value whose checksum does not match.
var errChecksum = errors.New("checksum mismatch: the record was changed outside Hankekirja or damaged on the disk")

// unframe returns the kind byte and envelope of a stored value, checking
// its checksum when it has one.
func unframe(b []byte) (model.Kind, []byte, error) {
	if len(b) < 2 {
		return 0, nil, errors.New("empty record")
	}
	if b[0]&checksumFlag == 0 {
		return model.Kind(b[0]), b[1:], nil
	}
	if len(b) < 7 {
		return 0, nil, errors.New("short record")
	}
	if crc32.Checksum(b[5:], castagnoli) != binary.BigEndian.Uint32(b[1:5]) {
		return 0, nil, errChecksum
	}
	return model.Kind(b[0] &^ checksumFlag), b[5:], nil
}

// valueKind is the kind of a stored record value, from its first byte.
func valueKind(v []byte) model.Kind { return model.Kind(v[0] &^ checksumFlag) }

// framed returns a value of the old form (no checksum) with one, and
// any other unchanged.
func framed(v []byte) []byte {
	if len(v) < 2 || v[0]&checksumFlag != 0 {
		return v
	}
	out := make([]byte, 0, len(v)+4)
	out = append(out, v[0]|checksumFlag, 0, 0, 0, 0)
	out = append(out, v[1:]...)
	binary.BigEndian.PutUint32(out[1:5], crc32.Checksum(out[5:], castagnoli))
	return out
}

// decodeRecord decodes a stored value into a new record of its kind. A
// value in the form encodeRecord writes is decoded in one pass over the
// record's JSON; anything else goes through the envelope.
func decodeRecord(b []byte) (model.Record, error) {
	kind, b, err := unframe(b)
	if err != nil {
		return nil, err
	}
	prefix := `{"v":` + strconv.Itoa(recordVersion) + `,"kind":"` + kind.String() + `","record":`
	if r := model.NewRecord(kind); r != nil && bytes.HasPrefix(b, []byte(prefix)) && b[len(b)-1] == '}' {
		if err := jsondecode.Unmarshal(b[len(prefix):len(b)-1], r); err != nil {
			return nil, fmt.Errorf("decode %s: %w", kind, err)
		}
		return r, nil
	}
	var env envelope
	if err := jsondecode.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	if env.V > recordVersion {
		return nil, fmt.Errorf("record version %d is newer than %d", env.V, recordVersion)
	}
	r := model.NewRecord(env.Kind)
	if r == nil {
		return nil, fmt.Errorf("unknown kind %d", env.Kind)
	}
	if err := jsondecode.Unmarshal(env.Record, r); err != nil {
		return nil, fmt.Errorf("decode %s: %w", env.Kind, err)
	}
	return r, nil
}

// Summaries are read in bulk (50 000 contacts at start-up), so they use a
// compact binary form rather than JSON:
//
//	kind (1) | id (16) | updated unix nanos (8) | deleted unix nanos (8, 0 = not deleted)
//	then uvarint-length-prefixed: title, subtitle, sort key, words (see model.JoinWords), facets (joined by 0x1f)
const summaryFieldSep = "\x1f"

func encodeSummary(s model.Summary) []byte {
	b := make([]byte, 0, 33+len(s.Title)+len(s.Subtitle)+len(s.SortKey)+64)
	b = append(b, byte(s.Kind))
	b = append(b, s.ID[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(s.Updated.UnixNano()))
	var del int64
	if s.Deleted != nil {
		del = s.Deleted.UnixNano()
	}
	b = binary.BigEndian.AppendUint64(b, uint64(del))
	for _, part := range [][]byte{[]byte(s.Title), []byte(s.Subtitle), s.SortKey,
		[]byte(s.Words), []byte(strings.Join(s.Facets, summaryFieldSep))} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	return b
}

var errBadSummary = errors.New("damaged summary")

func decodeSummary(b []byte) (model.Summary, error) {
	var s model.Summary
	err := decodeSummaryInto(&s, bytes.Clone(b))
	return s, err
}

// decodeSummaryInto decodes b into s. The strings and the sort key of s
// share b's memory, so b must not change afterwards (decodeSummary passes a
// copy; the summary cache passes a copy in its arena).
func decodeSummaryInto(s *model.Summary, b []byte) error {
	if len(b) < 33 {
		return errBadSummary
	}
	s.Kind = model.Kind(b[0])
	copy(s.ID[:], b[1:17])
	s.Updated = time.Unix(0, int64(binary.BigEndian.Uint64(b[17:25])))
	if del := int64(binary.BigEndian.Uint64(b[25:33])); del != 0 {
		t := time.Unix(0, del)
		s.Deleted = &t
	}
	b = b[33:]
	var parts [5][]byte
	for i := range parts {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return errBadSummary
		}
		parts[i] = b[w : w+int(n) : w+int(n)]
		b = b[w+int(n):]
	}
	s.Title = unsafeString(parts[0])
	s.Subtitle = unsafeString(parts[1])
	s.SortKey = parts[2]
	s.Words = unsafeString(parts[3])
	if len(parts[4]) > 0 {
		s.Facets = strings.Split(unsafeString(parts[4]), summaryFieldSep)
	}
	return nil
}

// unsafeString views b as a string without copying; b must never change.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
