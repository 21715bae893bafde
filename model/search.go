package model

// SearchQuery is what full-text search is asked.
type SearchQuery struct {
	// Text is the query as typed: every word must match (in any inflected
	// form, by a compound part, or as a prefix of a name).
	Text string
	// Kind keeps one kind only; 0 searches all.
	Kind Kind
	// PerKind is how many hits of each kind to return; 0 means 10.
	PerKind int
}

// SearchHit is one record that matches, and where.
type SearchHit struct {
	Summary Summary
	// Field names the text the best match is in ("decision", "name"); the
	// window translates it as "search.field.<Field>".
	Field string
	// Item is the agenda item (its index in Meeting.Items plus one) the
	// match is in, 0 when it is not in an item; ItemNumber is that item's
	// § number (0 while not numbered).
	Item, ItemNumber int
	// MeetingNumber is the meeting's "1/2016" for a hit in a meeting.
	MeetingNumber string
	// Snippet is the text around the match; Marks are the byte ranges of
	// the matched words in it.
	Snippet string
	Marks   [][2]int
	// Rank orders hits: lower is better (whole-word name matches first).
	Rank int
}

// SearchResult is the hits of a query, grouped by kind, best first within
// a kind and the kinds in the order of their best hit (Kinds' order
// between equals), with the count of all hits per kind.
type SearchResult struct {
	Hits   []SearchHit
	Counts map[Kind]int
	// Partial is true while the index is still being built: the hits then
	// come from the names alone.
	Partial bool
}
