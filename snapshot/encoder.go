package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"

	"hankekirja/model"
)

// encoder writes a snapshot's content line by line as the records come,
// keeping only what the header needs (counts, length, checksum): the
// content itself goes to w, which export points at a spool file, so that
// a region's archive is never held in memory. Encode and ExportTo both
// write through it, so the bytes are the same either way.
type encoder struct {
	w      io.Writer
	sum    hash.Hash
	n      int64
	h      Header
	prev   model.ID
	tombs  bool
	buf    bytes.Buffer
	line   []byte // reused for each record line
	nLines int
}

func newEncoder(w io.Writer, h Header) *encoder {
	h.Format, h.Version = Format, Version
	h.Counts = map[string]int{}
	h.Records, h.Revisions, h.Tombstones = 0, 0, 0
	return &encoder{w: w, sum: sha256.New(), h: h}
}

// write adds one line (b, without its newline) to the content.
func (e *encoder) write(b []byte) error {
	e.buf.Reset()
	e.buf.Write(b)
	e.buf.WriteByte('\n')
	e.n += int64(e.buf.Len())
	if e.n > int64(maxFileSize) {
		return limitError(fmt.Sprintf("more than %d bytes", maxFileSize))
	}
	e.sum.Write(e.buf.Bytes())
	_, err := e.w.Write(e.buf.Bytes())
	return err
}

// record adds one record line. Records must come in ID order, before any
// tombstone.
func (e *encoder) record(r Record) error {
	m := r.Current.GetMeta()
	if e.tombs || e.nLines > 0 && bytes.Compare(e.prev[:], m.ID[:]) >= 0 {
		return model.Internal(fmt.Errorf("snapshot records out of order at %s", m.ID))
	}
	body, err := json.Marshal(r.Current)
	if err != nil {
		return model.Internal(err)
	}
	return e.encoded(r.Kind, m.ID, body, sumHex(body), r.History)
}

// encoded adds a record line whose record is already JSON (body, as
// json.Marshal writes it, with sum its sumHex).
func (e *encoder) encoded(kind model.Kind, id model.ID, body []byte, sum string, hist []model.Meta) error {
	if len(hist) > MaxRevisions {
		hist = hist[len(hist)-MaxRevisions:]
	}
	// The line as json.Marshal(line{…}) writes it, put together by hand:
	// Marshal would scan the record's JSON once more to compact it, the
	// largest single cost of an export. body is already compact.
	b := e.line[:0]
	b = append(b, `{"id":"`...)
	b = append(b, id.String()...)
	b = append(b, `","kind":"`...)
	b = append(b, kind.String()...)
	b = append(b, `","record":`...)
	b = append(b, body...)
	b = append(b, `,"sha256":"`...)
	b = append(b, sum...)
	b = append(b, '"')
	if len(hist) > 0 {
		hj, err := json.Marshal(hist)
		if err != nil {
			return model.Internal(err)
		}
		b = append(append(b, `,"history":`...), hj...)
	}
	b = append(b, '}')
	e.line = b
	if len(b)+1 > MaxLine {
		return limitError(fmt.Sprintf("%s %s takes %d bytes, at most %d", kind, id, len(b)+1, MaxLine))
	}
	if err := e.write(b); err != nil {
		return err
	}
	e.prev = id
	e.nLines++
	e.h.Records++
	e.h.Counts[kind.String()]++
	e.h.Revisions += len(hist)
	return nil
}

// tombstone adds one tombstone line, after every record, in ID order.
func (e *encoder) tombstone(t model.Tombstone) error {
	if e.tombs && bytes.Compare(e.prev[:], t.ID[:]) >= 0 {
		return model.Internal(fmt.Errorf("snapshot tombstones out of order at %s", t.ID))
	}
	b, err := json.Marshal(tombstoneLine{Tombstone: model.Tombstone{ID: t.ID, On: t.On, Texts: t.Texts}})
	if err != nil {
		return model.Internal(err)
	}
	if err := e.write(b); err != nil {
		return err
	}
	e.tombs, e.prev = true, t.ID
	e.h.Tombstones++
	return nil
}

// header completes the header once every line is written and returns it
// with its line (newline included).
func (e *encoder) header() (Header, []byte, error) {
	h := e.h
	h.SHA256 = hex.EncodeToString(e.sum.Sum(nil))
	h.ContentLength = e.n
	head, err := json.Marshal(h)
	if err != nil {
		return Header{}, nil, model.Internal(err)
	}
	if int64(len(head))+1+e.n > int64(maxFileSize) {
		return Header{}, nil, limitError(fmt.Sprintf("%d bytes, at most %d", int64(len(head))+1+e.n, maxFileSize))
	}
	return h, append(head, '\n'), nil
}
