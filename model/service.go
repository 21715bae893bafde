package model

import (
	"context"
	"time"
)

// Summary is the light form of a record that lists, pickers and search
// show: enough to display, sort and filter without loading the record.
type Summary struct {
	ID       ID     `json:"id"`
	Kind     Kind   `json:"kind"`
	Title    string `json:"name"`
	Subtitle string `json:"subtitle,omitempty"`
	// Words are the lower-case search words, each preceded by a space
	// (" matti meikäläinen"), so a prefix test is one strings.Contains.
	Words  string   `json:"-"`
	Facets []string `json:"facets,omitempty"`
	// SortKey orders summaries in Finnish collation (see SortKey).
	SortKey []byte     `json:"sort_key,omitempty"`
	Updated time.Time  `json:"updated"`
	Deleted *time.Time `json:"deleted,omitempty"`
}

// SummaryOf builds the summary of a record.
func SummaryOf(r Record) Summary { return SummaryWithSortKey(r, nil) }

// SummaryWithSortKey builds the summary of a record whose sort key is
// already known (the record's SortName has not changed); nil computes it.
// Computing a collation key is the costliest part of a summary.
func SummaryWithSortKey(r Record, key []byte) Summary {
	if key == nil {
		key = SortKey(r.SortName())
	}
	m := r.GetMeta()
	return Summary{
		ID:       m.ID,
		Kind:     r.Kind(),
		Title:    r.Title(),
		Subtitle: r.Subtitle(),
		Words:    JoinWords(uniqueWords(SearchWords(r.Title() + " " + r.SearchText()))),
		Facets:   r.Facets(),
		SortKey:  key,
		Updated:  m.Updated,
		Deleted:  m.Deleted,
	}
}

// HasFacet reports whether the summary carries facet f.
func (s Summary) HasFacet(f string) bool {
	for _, x := range s.Facets {
		if x == f {
			return true
		}
	}
	return false
}

// Filter narrows a list.
type Filter struct {
	// Query keeps records where every word is a prefix of one of theirs.
	Query string
	// Text keeps the records that full-text search (Queries.Find) finds
	// for it within the list's kind: every word in any inflected form, by
	// a compound part, a phone number however it is written, a name
	// typed without ä and ö. The last word, unless a space follows it,
	// and a one-letter word are also taken as the start of a name (Lehto
	// finds Lehtonen, m virtanen Matti Virtanen), as a filter being typed
	// needs. The list keeps its usual order. Until the
	// index is ready, and for a last word so short that it starts a great
	// many names, Text is matched as Query is.
	Text string
	// Facets keeps records that carry all of these ("region:05").
	Facets []string
	// Offset and Limit page the sorted result; Limit 0 means all.
	Offset, Limit int
	// Reverse lists in the opposite order (meetings: newest first).
	Reverse bool
}

// Page is one page of a sorted, filtered list and the count of all matches.
type Page struct {
	Items []Summary
	Total int
}

// Service is what the application can do with one kind of record. Its
// methods own their transaction.
//
// Errors: ENOTFOUND for an unknown ID; EINVALID (ValidationErrors) for a
// record that breaks a rule or refers to a record that does not exist;
// ECONFLICT when an update was made from a stale revision or a delete would
// leave references behind; EREADONLY for the official data of reference
// records.
type Service[T any] interface {
	// Get returns the current revision, also while it is in the trash.
	Get(ctx context.Context, id ID) (*T, error)
	// List returns a page of records not in the trash, in Finnish order.
	List(ctx context.Context, f Filter) (Page, error)
	// Each calls fn with every record not in the trash, in List's order,
	// one at a time (an export streams a kind this way instead of holding
	// all of it), in one read of the database; an error from fn stops it
	// and is returned.
	Each(ctx context.Context, fn func(*T) error) error
	// Create validates and stores a new record, filling in its Meta.
	Create(ctx context.Context, r *T) error
	// Update stores r as a new revision of the record. r.Rev must be the
	// current revision (ECONFLICT otherwise); on success r's Meta is updated.
	Update(ctx context.Context, r *T) error
	// Delete moves the record to the trash. When other records still refer
	// to it, Delete returns ECONFLICT naming them unless unlink is true, in
	// which case the references are removed in the same transaction.
	Delete(ctx context.Context, id ID, unlink bool) error
	// Restore brings a record back from the trash.
	Restore(ctx context.Context, id ID) error
	// Purge removes a record in the trash for good, with its history.
	Purge(ctx context.Context, id ID) error
	// History returns every revision of the record, oldest first.
	History(ctx context.Context, id ID) ([]*T, error)
	// RestoreRevision makes an old revision current again (as a new
	// revision, so nothing is lost).
	RestoreRevision(ctx context.Context, id, rev ID) error
}

// Reference is one record referring to another.
type Reference struct {
	From  Summary
	Field RefField
}

// ProjectRole is a municipality's part in a project.
type ProjectRole struct {
	Project Summary
	Role    string
}

// GroupRole is a contact's seat in a group.
type GroupRole struct {
	Group      Summary
	Project    ID
	Membership Membership
}

// GroupNode is one group in a project's governance tree.
type GroupNode struct {
	Group    *Group
	Children []*GroupNode
}

// Queries answers the questions that span kinds.
type Queries interface {
	// KindOf tells which kind of record an ID belongs to (ENOTFOUND).
	KindOf(ctx context.Context, id ID) (Kind, error)
	// Summary returns the summary of any record.
	Summary(ctx context.Context, id ID) (Summary, error)
	// ReferencesTo lists the records that refer to id.
	ReferencesTo(ctx context.Context, id ID) ([]Reference, error)
	// ProjectsOfMunicipality lists the projects a municipality takes part in.
	ProjectsOfMunicipality(ctx context.Context, id ID) ([]ProjectRole, error)
	// RolesOfContact lists a contact's memberships, current and past.
	RolesOfContact(ctx context.Context, id ID) ([]GroupRole, error)
	// ProjectsOfContact lists the projects a contact works for or whose
	// groups they sit in.
	ProjectsOfContact(ctx context.Context, id ID) ([]Summary, error)
	// GroupTree returns a project's groups as a tree, roots first, ordered
	// by group type (steering group first) and name.
	GroupTree(ctx context.Context, project ID) ([]*GroupNode, error)
	// MembersOn returns a group's members whose term covers the date.
	MembersOn(ctx context.Context, group ID, d Date) ([]Membership, error)
	// ResolveMunicipality finds a municipality by code or by a current or
	// former name (Hauho → Hämeenlinna) and returns the current one.
	ResolveMunicipality(ctx context.Context, nameOrCode string) (*Municipality, error)
	// Search looks across all kinds; at most perKind results of each.
	Search(ctx context.Context, query string, perKind int) ([]Summary, error)
	// Find searches every text people write, through the full-text index,
	// ranked, with the place and a snippet of each hit.
	Find(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Trash lists every record in the trash, newest deletion first.
	Trash(ctx context.Context) ([]Summary, error)
}

// Services bundles everything the UI and the command line use.
type Services struct {
	Municipalities Service[Municipality]
	Organisations  Service[Organisation]
	Projects       Service[Project]
	Groups         Service[Group]
	Contacts       Service[Contact]
	Meetings       Service[Meeting]
	Queries        Queries
	// Atomic runs fn so that the service calls it makes with the context it
	// is given take effect together or not at all (an import). fn must
	// return the error of any call that failed.
	Atomic func(ctx context.Context, fn func(ctx context.Context) error) error
	// View runs fn so that the service calls it makes with the context it
	// is given read one consistent state of the database, in one read
	// transaction (an export). Calls that write fail inside it. Nil means
	// every call reads on its own.
	View func(ctx context.Context, fn func(ctx context.Context) error) error
}

// uniqueWords drops repeated words, keeping the first of each.
func uniqueWords(words []string) []string {
	seen := make(map[string]bool, len(words))
	out := words[:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
