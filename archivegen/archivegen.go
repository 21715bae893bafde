// Package archivegen generates a realistic, deterministic archive of a
// Finnish region's sote preparation: organisations around the registry's
// municipalities and wellbeing services counties, contacts with Finnish and
// Swedish names, projects with their municipalities, funding and
// milestones, groups in governance trees with members over their terms,
// and ten years of meetings whose minutes are composed from a grammar of
// Finnish sentence templates and declined vocabulary.
//
// The same Config (seed included) gives the same names, texts, numbers and
// counts; record IDs and timestamps come from the store and the clock. The
// archive is written through model.Services, one Services.Atomic
// transaction per batch of records, so tests and benchmarks can fill any
// store with it.
package archivegen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hankekirja/model"
)

// Config says how much to generate.
type Config struct {
	Contacts, Meetings, Groups, Projects int
	// Seed seeds the random source; the same seed gives the same archive.
	Seed uint64
	// From is the first day of the archive (default 1.1.2017). Meetings
	// run from it to a few months past Today.
	From model.Date
	// Today divides held meetings from planned ones (default 1.12.2026).
	// It is fixed rather than the clock's so that the archive does not
	// depend on the day it is made.
	Today model.Date
	// BatchSize is the number of records written per transaction (default
	// 1000). Larger batches cost more, not less: a meeting adds some
	// thirty keys to the reference index, and bbolt keeps each of a
	// transaction's changed index pages as one sorted array until the
	// commit, so every insert moves more of it (2000 took a third longer
	// than 1000 on the default archive, 250 no less than 1000).
	BatchSize int
}

// Default is the default workload: a region's archive over ten years.
func Default() Config {
	return Config{Contacts: 50000, Meetings: 20000, Groups: 3000, Projects: 400, Seed: 1}
}

// Scaled returns a configuration for the given numbers of contacts and
// meetings with groups and projects in the default's proportion to the
// contacts (at least one of each when there are meetings).
func Scaled(contacts, meetings int, seed uint64) Config {
	d := Default()
	c := Config{Contacts: contacts, Meetings: meetings, Seed: seed}
	c.Groups = contacts * d.Groups / d.Contacts
	c.Projects = contacts * d.Projects / d.Contacts
	if meetings > 0 || c.Groups > 0 {
		c.Groups = max(c.Groups, 1)
		c.Projects = max(c.Projects, 1)
	}
	return c
}

// minContacts is how many contacts groups need to seat members.
const minContacts = 10

// withDefaults fills in the unset dates and batch size.
func (c Config) withDefaults() Config {
	if c.From.IsZero() {
		c.From = model.MustDate(2017, time.January, 1)
	}
	if c.Today.IsZero() {
		c.Today = model.MustDate(2026, time.December, 1)
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 1000
	}
	return c
}

// Validate reports a configuration that cannot be generated.
func (c Config) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Contacts < 0 || c.Meetings < 0 || c.Groups < 0 || c.Projects < 0:
		return errors.New("archivegen: negative count")
	case c.Meetings > 0 && c.Groups == 0:
		return errors.New("archivegen: meetings need at least one group")
	case c.Groups > 0 && c.Projects == 0:
		return errors.New("archivegen: groups need at least one project")
	case (c.Groups > 0 || c.Projects > 0) && c.Contacts < minContacts:
		return fmt.Errorf("archivegen: projects and groups need at least %d contacts", minContacts)
	case !c.From.Before(c.Today):
		return errors.New("archivegen: From must be before Today")
	}
	return nil
}

// Result counts what was generated, by kind.
type Result struct {
	Created map[model.Kind]int
}

// Total is the number of records created.
func (r Result) Total() int {
	n := 0
	for _, v := range r.Created {
		n += v
	}
	return n
}

// Generate writes the archive cfg describes through svc, calling progress
// (may be nil) after each batch with the records written so far and the
// total. The municipalities must be there (every store seeds them). On an
// error the batches already written stay.
func Generate(ctx context.Context, svc model.Services, cfg Config, progress func(done, total int)) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	g := &generator{cfg: cfg.withDefaults(), names: map[model.ID]string{}, byName: map[string]*place{}}
	g.w = &writer{ctx: ctx, svc: svc, size: g.cfg.BatchSize, progress: progress, res: Result{Created: map[model.Kind]int{}}}
	var err error
	if g.places, g.counties, err = loadPlaces(); err != nil {
		return Result{}, err
	}
	for _, p := range g.places {
		g.byName[p.name] = p
	}
	orgs := g.organisations()
	g.w.total = len(orgs) + cfg.Contacts + cfg.Projects + cfg.Groups + cfg.Meetings
	for _, o := range orgs {
		g.w.add(o)
	}
	g.contacts()
	g.projects()
	g.groups()
	g.meetings()
	g.w.flush()
	return g.w.res, g.w.err
}

// generator holds the state of one run.
type generator struct {
	cfg      Config
	w        *writer
	places   []*place
	byName   map[string]*place
	counties []*county
	orgs     []orgInfo
	ministry model.ID // the grants' funder
	// people are the contacts, by index; names their names by ID.
	people   []person
	names    map[model.ID]string
	byCounty map[string][]int
	byPlace  map[string][]int
	projs    []*project
	grps     []*group
}

// person is what groups and meetings need of a contact.
type person struct {
	id     model.ID
	name   string
	county string
	place  *place
}

// writer queues records and writes them in batches, one transaction each.
type writer struct {
	ctx      context.Context
	svc      model.Services
	size     int
	queue    []model.Record
	done     int
	total    int
	progress func(done, total int)
	res      Result
	err      error
}

// add queues a record; it is written with its batch.
func (w *writer) add(r model.Record) {
	if w.err != nil {
		return
	}
	w.queue = append(w.queue, r)
	if len(w.queue) >= w.size {
		w.flush()
	}
}

// flush writes the queued records in one transaction.
func (w *writer) flush() {
	if w.err != nil || len(w.queue) == 0 {
		return
	}
	w.err = w.svc.Atomic(w.ctx, func(ctx context.Context) error {
		for _, r := range w.queue {
			if err := create(ctx, w.svc, r); err != nil {
				return fmt.Errorf("archivegen: %s %q: %w", r.Kind(), r.Title(), err)
			}
		}
		return nil
	})
	if w.err != nil {
		return
	}
	for _, r := range w.queue {
		w.res.Created[r.Kind()]++
	}
	w.done += len(w.queue)
	w.queue = w.queue[:0]
	if w.progress != nil {
		w.progress(w.done, w.total)
	}
}

func create(ctx context.Context, svc model.Services, r model.Record) error {
	switch r := r.(type) {
	case *model.Organisation:
		return svc.Organisations.Create(ctx, r)
	case *model.Contact:
		return svc.Contacts.Create(ctx, r)
	case *model.Project:
		return svc.Projects.Create(ctx, r)
	case *model.Group:
		return svc.Groups.Create(ctx, r)
	case *model.Meeting:
		return svc.Meetings.Create(ctx, r)
	}
	return fmt.Errorf("archivegen: cannot create a %s", r.Kind())
}

// contacts generates the contacts: three in four work for a municipality,
// the others for one of the region's organisations.
func (g *generator) contacts() {
	r := newRNG(g.cfg.Seed, streamContacts)
	g.byCounty = map[string][]int{}
	g.byPlace = map[string][]int{}
	cum := make([]float64, len(g.places))
	sum := 0.0
	for i, p := range g.places {
		sum += float64(max(p.population, 500)) * 0.001
		cum[i] = sum
	}
	titles := newTitlePicker()
	emails := map[string]bool{}
	for range g.cfg.Contacts {
		c := &model.Contact{}
		c.ID = model.NewID()
		p := g.places[r.weighted(cum)]
		org, domain := p.id, p.domain
		if r.chance(0.25) {
			o := pick(r, g.orgs)
			org, domain = o.id, o.domain
			if o.place != nil {
				p = o.place
			}
		}
		c.Organisation = org
		c.FirstName, c.LastName = personName(r, p.swedish)
		c.JobTitle = titles.pick(r)
		local := mailPart(c.FirstName) + "." + mailPart(c.LastName)
		email := local + "@" + domain
		for n := 2; emails[email]; n++ {
			email = fmt.Sprintf("%s%d@%s", local, n, domain)
		}
		emails[email] = true
		c.Emails = []string{email}
		if r.chance(0.1) {
			c.Emails = append(c.Emails, fmt.Sprintf("%s.%s@posti.example", mailPart(c.FirstName), mailPart(c.LastName)))
		}
		switch x := r.Float64(); {
		case x < 0.05:
		case x < 0.15:
			c.Phones = []string{phoneTyping(r), phoneTyping(r)}
		default:
			c.Phones = []string{phoneTyping(r)}
		}
		if r.chance(0.3) {
			c.Address = contactAddress(r, p.name, p.postal)
		}
		if r.chance(0.05) {
			c.Notes = pick(r, contactNotes)
		}
		i := len(g.people)
		g.people = append(g.people, person{id: c.ID, name: c.Title(), county: p.county, place: p})
		g.names[c.ID] = c.Title()
		g.byCounty[p.county] = append(g.byCounty[p.county], i)
		g.byPlace[p.code] = append(g.byPlace[p.code], i)
		g.w.add(c)
	}
}

var contactNotes = []string{
	"Tavoittaa parhaiten sähköpostilla.",
	"Osa-aikainen, tavattavissa ti–to.",
	"Varahenkilö lomien aikana: hallintosihteeri.",
	"Siirtyi hyvinvointialueen palvelukseen 1.1.2023.",
	"Toimii myös kunnan vanhusneuvoston sihteerinä.",
	"Virkavapaalla syksyn ajan.",
}
