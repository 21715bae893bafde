package snapshot

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"hankekirja/model"
)

// ExportOptions say what to export and how.
type ExportOptions struct {
	// Project limits the snapshot to one project (see Collect); NilID
	// exports everything.
	Project model.ID
	// Passphrase, when set, encrypts the file.
	Passphrase string
	// AppVersion is written into the header.
	AppVersion string
	// Now replaces the clock (tests).
	Now func() time.Time
	// IncludeConfidential keeps the content of confidential agenda items,
	// tasks and notes; without it the snapshot holds their headings and
	// "Salassa pidettävä (ground)" (model.Redact).
	IncludeConfidential bool
}

// Export writes a snapshot of db and returns the file's bytes and its
// header (ExportTo writes it to a file without holding it in memory).
func Export(ctx context.Context, db Reader, opts ExportOptions) ([]byte, Header, error) {
	var out bytes.Buffer
	h, err := ExportTo(ctx, db, opts, &out)
	if err != nil {
		return nil, Header{}, err
	}
	return out.Bytes(), h, nil
}

// ExportTo writes a snapshot of db to w and returns its header. The
// records are read in one read transaction and encoded as they are read
// (on a second goroutine, so that reading and encoding overlap); nothing
// holds every record. The header comes first in the file but depends on
// every line (counts, length, checksum), so the content is spooled: into a
// temporary file beside w when w is a file (removed afterwards), into
// memory otherwise. A project's snapshot still reads every record first,
// to find what the project touches (see Collect).
func ExportTo(ctx context.Context, db Reader, opts ExportOptions, w io.Writer) (Header, error) {
	var spool io.ReadWriter = new(bytes.Buffer)
	if f, ok := w.(*os.File); ok {
		sf, err := os.CreateTemp(filepath.Dir(f.Name()), "."+filepath.Base(f.Name())+".spool-*")
		if err != nil {
			return Header{}, model.Internal(err)
		}
		defer func() {
			sf.Close()
			os.Remove(sf.Name())
		}()
		spool = sf
	}
	bw := bufio.NewWriterSize(spool, 1<<20)
	e := newEncoder(bw, Header{})
	if opts.Project.IsZero() {
		e.h.Scope = ScopeAll
		if err := streamChains(ctx, db, e, opts.IncludeConfidential); err != nil {
			return Header{}, err
		}
	} else {
		s, err := Collect(ctx, db, opts.Project)
		if err != nil {
			return Header{}, err
		}
		e.h.Scope = s.Header.Scope
		for _, r := range s.Records {
			if !opts.IncludeConfidential {
				model.Redact(r.Current, nil)
			}
			if err := e.record(r); err != nil {
				return Header{}, err
			}
		}
	}
	ts, err := tombstonesOf(ctx, db)
	if err != nil {
		return Header{}, err
	}
	for _, t := range ts {
		if err := e.tombstone(t); err != nil {
			return Header{}, err
		}
	}
	if err := bw.Flush(); err != nil {
		return Header{}, model.Internal(err)
	}
	// After the read: every revision in the snapshot is older than the
	// mark.
	if sh, ok := db.(Sharer); ok {
		if err := sh.MarkShared(ctx); err != nil {
			return Header{}, err
		}
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	e.h.AppVersion = opts.AppVersion
	e.h.ExportedAt = now().UTC()
	e.h.ExportedBy = db.Device()
	h, head, err := e.header()
	if err != nil {
		return Header{}, err
	}
	out := w
	var enc io.WriteCloser
	if opts.Passphrase != "" {
		if enc, err = encryptTo(w, opts.Passphrase); err != nil {
			return Header{}, err
		}
		out = enc
	}
	if _, err := out.Write(head); err != nil {
		return Header{}, model.Internal(err)
	}
	if f, ok := spool.(*os.File); ok {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return Header{}, model.Internal(err)
		}
	}
	if _, err := io.Copy(out, spool); err != nil {
		return Header{}, model.Internal(err)
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			return Header{}, model.Internal(err)
		}
	}
	return h, nil
}

// streamChains encodes every record of db as ReadChains hands it over.
// The store decodes on every core; redacting and encoding the records
// (json.Marshal and the record's checksum) run on every core too, a block
// of records at a time, and this function's goroutine writes the lines in
// ID order. At most a few hundred records are on their way at a time.
func streamChains(ctx context.Context, db Reader, e *encoder, includeConfidential bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type block struct {
		chains []*model.Chain
		bodies [][]byte
		sums   []string
		err    error
		done   chan struct{}
	}
	const blockSize = 64
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	work := make(chan *block)
	order := make(chan *block, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				b.bodies, b.sums = make([][]byte, len(b.chains)), make([]string, len(b.chains))
				for i, c := range b.chains {
					if !includeConfidential {
						model.Redact(c.Current, nil)
					}
					body, err := json.Marshal(c.Current)
					if err != nil {
						b.err = model.Internal(err)
						break
					}
					b.bodies[i], b.sums[i] = body, sumHex(body)
				}
				close(b.done)
			}
		}()
	}
	done := make(chan error, 1)
	go func() {
		var err error
		for b := range order {
			if err != nil {
				continue // drain: the reader stops at its next send
			}
			<-b.done
			err = b.err
			for i := 0; err == nil && i < len(b.chains); i++ {
				c := b.chains[i]
				err = e.encoded(c.Kind, c.Current.GetMeta().ID, b.bodies[i], b.sums[i], c.Older)
			}
			if err != nil {
				cancel()
			}
		}
		done <- err
	}()
	cur := &block{done: make(chan struct{})}
	send := func() error {
		if len(cur.chains) == 0 {
			return nil
		}
		b := cur
		cur = &block{done: make(chan struct{})}
		select {
		case work <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case order <- b:
			return nil
		case <-ctx.Done():
			<-b.done
			return ctx.Err()
		}
	}
	rerr := db.ReadChains(ctx, nil, func(c *model.Chain) error {
		cur.chains = append(cur.chains, c)
		if len(cur.chains) < blockSize {
			return nil
		}
		return send()
	})
	if rerr == nil {
		rerr = send()
	}
	close(work)
	wg.Wait()
	close(order)
	if err := <-done; err != nil {
		return err
	}
	return rerr
}

// Collect reads the records of a snapshot from db, all in one read
// transaction. With project NilID it takes every record, trash included.
// For a project it takes:
//
//   - the project and its sub-projects, recursively (projects whose parent
//     is one of them);
//   - the groups of those projects and the meetings of those groups;
//   - every record these refer to, directly or through other records:
//     staff and members (contacts), the organisations and municipalities
//     of the projects, groups and contacts, a parent project (but not the
//     parent's own groups or sub-projects).
//
// Records in the trash are taken when they belong to the project, so that
// a deletion travels too. The result refers to nothing outside itself
// except records the receiving database is sure to have anyway.
func Collect(ctx context.Context, db Reader, project model.ID) (*Snapshot, error) {
	var chains []*model.Chain
	err := db.ReadChains(ctx, nil, func(c *model.Chain) error {
		chains = append(chains, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Header: Header{Scope: ScopeAll}}
	if !project.IsZero() {
		s.Header.Scope = project.String()
		chains, err = projectScope(chains, project)
		if err != nil {
			return nil, err
		}
	}
	s.Records = make([]Record, len(chains))
	for i, c := range chains {
		s.Records[i] = Record{Kind: c.Kind, Current: c.Current, History: c.Older}
	}
	if s.Tombstones, err = tombstonesOf(ctx, db); err != nil {
		return nil, err
	}
	return s, nil
}

// projectScope keeps the chains a project's snapshot takes (see Collect),
// in their order.
func projectScope(chains []*model.Chain, project model.ID) ([]*model.Chain, error) {
	byID := make(map[model.ID]*model.Chain, len(chains))
	children := map[model.ID][]model.ID{} // project → sub-projects; project → groups; group → meetings
	for _, c := range chains {
		id := c.Current.GetMeta().ID
		byID[id] = c
		switch r := c.Current.(type) {
		case *model.Project:
			if !r.Parent.IsZero() {
				children[r.Parent] = append(children[r.Parent], id)
			}
		case *model.Group:
			if !r.Project.IsZero() {
				children[r.Project] = append(children[r.Project], id)
			}
		case *model.Meeting:
			if !r.Group.IsZero() {
				children[r.Group] = append(children[r.Group], id)
			}
		}
	}
	root, ok := byID[project]
	if !ok || root.Kind != model.KindProject {
		return nil, model.NotFound(model.KindProject, project)
	}
	in := map[model.ID]bool{}
	// Downwards: sub-projects, groups, meetings.
	var down func(id model.ID)
	down = func(id model.ID) {
		if in[id] {
			return
		}
		in[id] = true
		for _, child := range children[id] {
			down(child)
		}
	}
	down(project)
	// Outwards: everything referred to, transitively.
	queue := make([]model.ID, 0, len(in))
	for id := range in {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		id := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, ref := range byID[id].Current.Refs() {
			if _, exists := byID[ref.ID]; exists && !in[ref.ID] {
				in[ref.ID] = true
				queue = append(queue, ref.ID)
			}
		}
	}
	out := make([]*model.Chain, 0, len(in))
	for _, c := range chains {
		if in[c.Current.GetMeta().ID] {
			out = append(out, c)
		}
	}
	return out, nil
}
