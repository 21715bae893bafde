package snapshot

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"sync"

	"hankekirja/model"
)

// Stream is a snapshot file read in two passes instead of decoded whole:
// OpenStream checks the header and the content's length and checksum,
// Batches then decodes the record lines a batch at a time. A plaintext
// file is read from the disk each time; an encrypted one is decrypted
// into memory first, as Read does (age authenticates only at the end).
type Stream struct {
	Header Header
	src    io.ReadSeeker
	file   *os.File
	start  int64 // offset of the content
}

// OpenStream opens a snapshot file for streaming and checks its header,
// its content's length and its checksum. The refusals are Decode's.
func OpenStream(path, passphrase string) (*Stream, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &Stream{file: f, src: f}
	if err := s.open(passphrase); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

func (s *Stream) open(passphrase string) error {
	fi, err := s.file.Stat()
	if err != nil {
		return err
	}
	if fi.Size() > int64(maxFileSize) {
		return limitError(fmt.Sprintf("%d bytes, at most %d", fi.Size(), maxFileSize))
	}
	head := make([]byte, 64)
	n, _ := io.ReadFull(s.file, head)
	if IsEncrypted(head[:n]) {
		data, err := io.ReadAll(io.MultiReader(bytes.NewReader(head[:n]), s.file))
		if err != nil {
			return err
		}
		plain, err := Decrypt(data, passphrase)
		if err != nil {
			return err
		}
		s.src = bytes.NewReader(plain)
	} else if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(s.src, 1<<20)
	first, err := readLine(br, MaxLine)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	h, off, err := ReadHeader(first)
	if err != nil {
		return err
	}
	s.Header, s.start = h, int64(off)
	// First pass: the content's length and checksum, before any line is
	// decoded.
	if _, err := s.src.Seek(s.start, io.SeekStart); err != nil {
		return err
	}
	sum := sha256.New()
	got, err := io.Copy(sum, io.LimitReader(s.src, h.ContentLength+1))
	if err != nil {
		return err
	}
	switch {
	case got < h.ContentLength:
		return newError(model.EDAMAGED, KeyTruncated, nil, nil)
	case got > h.ContentLength:
		return newError(model.EDAMAGED, KeyChecksum, nil, nil)
	}
	if hex.EncodeToString(sum.Sum(nil)) != h.SHA256 {
		return newError(model.EDAMAGED, KeyChecksum, nil, nil)
	}
	return nil
}

// readLine reads up to and including the next newline, at most max bytes.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		b, err := br.ReadSlice('\n')
		out = append(out, b...)
		if len(out) > max {
			return out[:max], bufio.ErrBufferFull
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return out, err
		}
	}
}

// Close closes the file.
func (s *Stream) Close() error { return s.file.Close() }

// errTombstoneLines stops Batches at a tombstone line: the streaming
// import leaves snapshots with tombstones to Decode and MakePlan.
var errTombstoneLines = errors.New("snapshot has tombstones")

// Batches decodes the record lines in order and calls fn with up to n
// records at a time (the slice is fn's to keep). It makes Decode's checks
// of every line (order, duplicates, the header's counts: the last only
// once every batch has been handed over, so fn's work must be undone
// when Batches fails). A file with tombstone lines is refused.
func (s *Stream) Batches(n int, fn func([]Record) error) error {
	if _, err := s.src.Seek(s.start, io.SeekStart); err != nil {
		return err
	}
	// The next batch is read and decoded while fn writes this one: fn's
	// transaction is one core's work, and the decoding would otherwise
	// leave the other idle for as long.
	ready := make(chan []Record, 1)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(ready)
		readErr = s.decodeBatches(n, func(batch []Record) bool {
			select {
			case ready <- batch:
				return true
			case <-stop:
				return false
			}
		})
	}()
	for batch := range ready {
		if err := fn(batch); err != nil {
			close(stop)
			for range ready {
			}
			return err
		}
	}
	return readErr
}

// errStopped ends decodeBatches when Batches' fn has failed.
var errStopped = errors.New("batches stopped")

// decodeBatches is Batches' reading and decoding: it hands each batch to
// give, which reports false when no more are wanted.
func (s *Stream) decodeBatches(n int, give func([]Record) bool) error {
	br := bufio.NewReaderSize(io.LimitReader(s.src, s.Header.ContentLength), 1<<20)
	h := s.Header
	counts := map[string]int{}
	records, revisions := 0, 0
	var prev model.ID
	var lines [][]byte
	lineNo := 1
	flush := func() error {
		if len(lines) == 0 {
			return nil
		}
		batch := make([]Record, len(lines))
		errs := make([]error, len(lines))
		first := lineNo - len(lines) + 1
		workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(lines)/64))
		var wg sync.WaitGroup
		for g := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < len(lines); i += workers {
					batch[i], errs[i] = decodeLine(lines[i], first+i, h.Version)
				}
			}()
		}
		wg.Wait()
		for i, r := range batch {
			if errs[i] != nil {
				return errs[i]
			}
			id := r.ID()
			if c := bytes.Compare(prev[:], id[:]); records > 0 && c >= 0 {
				if c == 0 {
					return newError(model.EDAMAGED, KeyDuplicate, map[string]any{"ID": id.String()}, nil)
				}
				return damagedAt(first+i, "records are not in ID order")
			}
			prev = id
			records++
			counts[r.Kind.String()]++
			revisions += len(r.History)
		}
		lines = lines[:0]
		if !give(batch) {
			return errStopped
		}
		return nil
	}
	for {
		b, err := readLine(br, MaxLine)
		if len(b) == 0 && errors.Is(err, io.EOF) {
			break
		}
		lineNo++
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			return limitError(fmt.Sprintf("line %d is longer than %d bytes", lineNo, MaxLine))
		case errors.Is(err, io.EOF):
			return damagedAt(lineNo, "the last line has no newline")
		case err != nil:
			return err
		}
		b = b[:len(b)-1]
		if bytes.HasPrefix(b, tombstonePrefix) {
			return errTombstoneLines
		}
		lines = append(lines, b)
		if len(lines) >= n {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if records != h.Records || revisions != h.Revisions || h.Tombstones != 0 || !maps.Equal(counts, nonZero(h.Counts)) {
		return damagedAt(1, "the header's counts do not match the records")
	}
	return nil
}
