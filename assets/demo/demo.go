// Package demo loads Hankekirja's example data into a database: three
// regions' sote preparation as public news described it, so that a new user
// (or a screenshot) sees real-looking projects, working groups and people.
//
//   - Kanta-Häme: the municipality-led sote study that the political and
//     official leadership of all eleven municipalities decided to start on
//     16.4.2019, with Hämeen liitto as its financial project office; a
//     parallel comparison study in Riihimäki; the Oma Häme preparation and
//     its working group for children, young people and families; the Forssa
//     region's integrated model as a point of reference.
//   - Keski-Uusimaa: the KUUMA municipalities' sote area unit project and
//     the joint authority it led to, Keski-Uudenmaan sote.
//   - Keski-Suomi: a programme of a little over nine million euros from the
//     Ministry of Social Affairs and Health with five sub-projects, its
//     governance tree and the service production working group of the
//     region's municipal sote directors.
//
// The projects, organisations and dates follow the news; the people are
// invented, with example.com email addresses and phone numbers of the form
// 040 0000 xxx and 050 0000 xxx, and money amounts not given in the news are
// invented too.
//
// Load goes through model.Services only, so it works on any implementation.
// Every example record has a fixed ID (ID(name)), which makes loading
// idempotent: a record that is already there, even in the trash, is left as
// it is and counted as skipped.
package demo

import (
	"context"
	"fmt"

	"hankekirja/model"
)

// Result counts the records one Load added and the ones it skipped because
// they were already in the database, by kind.
type Result struct {
	Added   map[model.Kind]int
	Skipped map[model.Kind]int
}

// TotalAdded returns the number of records added.
func (r Result) TotalAdded() int { return sum(r.Added) }

// TotalSkipped returns the number of records skipped.
func (r Result) TotalSkipped() int { return sum(r.Skipped) }

func sum(m map[model.Kind]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// ID returns the fixed ID of the example record with the stable name
// ("project/kuuma"). The names are part of the data: renaming one would make
// the next Load add a second copy of the record to databases that have the
// first.
func ID(name string) model.ID { return model.ReferenceID("demo", name) }

// Load adds the example records that the database does not have yet, in
// dependency order (organisations and contacts, then projects, then groups
// with parents before subgroups). A record found in the trash is skipped and
// the example records created after it leave out their links to it. Load
// stops at the first error (a cancelled ctx included) and returns what it had
// done by then.
func Load(ctx context.Context, svc model.Services) (Result, error) {
	l := &loader{
		ctx:  ctx,
		res:  Result{Added: map[model.Kind]int{}, Skipped: map[model.Kind]int{}},
		gone: map[model.ID]bool{},
	}
	for _, e := range organisations() {
		add(l, svc.Organisations, e)
	}
	for _, e := range contacts() {
		add(l, svc.Contacts, e)
	}
	for _, e := range projects() {
		add(l, svc.Projects, e)
	}
	for _, e := range groups() {
		add(l, svc.Groups, e)
	}
	addMeetings(l, svc)
	return l.res, l.err
}

// entry is one example record and its stable name.
type entry[T any] struct {
	name string
	rec  *T
}

// loader carries Load's state; after the first error it does nothing.
type loader struct {
	ctx context.Context
	res Result
	err error
	// gone holds the example records found in the trash.
	gone map[model.ID]bool
}

// add creates e's record under its fixed ID unless a record with that ID
// exists.
func add[T any, P interface {
	*T
	model.Record
}](l *loader, svc model.Service[T], e entry[T]) {
	if l.err != nil {
		return
	}
	if err := l.ctx.Err(); err != nil {
		l.err = err
		return
	}
	r := P(e.rec)
	kind, id := r.Kind(), ID(e.name)
	old, err := svc.Get(l.ctx, id)
	switch {
	case err == nil:
		if P(old).GetMeta().InTrash() {
			l.gone[id] = true
		}
		l.res.Skipped[kind]++
		return
	case model.ErrorCode(err) != model.ENOTFOUND:
		l.err = fmt.Errorf("demo: reading %s %q: %w", kind, e.name, err)
		return
	}
	for _, ref := range r.Refs() {
		if l.gone[ref.ID] {
			r.Unlink(ref.ID)
		}
	}
	r.GetMeta().ID = id
	if err := svc.Create(l.ctx, e.rec); err != nil {
		if model.ErrorCode(err) == model.ECONFLICT {
			// Created meanwhile by someone else, or an ID of another kind.
			l.res.Skipped[kind]++
			return
		}
		l.err = fmt.Errorf("demo: adding %s %q: %w", kind, e.name, err)
		return
	}
	l.res.Added[kind]++
}
