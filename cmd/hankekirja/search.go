package main

import (
	"strconv"

	"hankekirja/model"
	"hankekirja/search"
	"hankekirja/store"
)

func init() { subcommands["search"] = (*cli).search }

// searchJSON is one hit of `search --json`.
type searchJSON struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Title   string `json:"title"`
	Field   string `json:"field"`
	Place   string `json:"place"`
	Snippet string `json:"snippet"`
	// Marks are the byte ranges of the matched words in snippet.
	Marks [][2]int `json:"marks,omitempty"`
	Rank  int      `json:"rank"`
}

// search: hankekirja search TEXT [--kind KIND] [--limit N] [--json]. It
// waits for the index when it is still being built (a first start after an
// upgrade), so that scripts always get the full answer.
func (c *cli) search(args []string) int {
	fs := c.flags("search")
	asJSON := fs.Bool("json", false, "print JSON")
	kindName := fs.String("kind", "", "only records of this kind")
	limit := fs.String("limit", "20", "at most this many of each kind")
	args, err := c.parse(fs, args, false)
	if err != nil {
		return c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 1, 1); !ok {
		return status
	}
	n, err := strconv.Atoi(*limit)
	if err != nil || n <= 0 {
		return c.usageError(c.msg("cli.search.limit", map[string]any{"Value": *limit}))
	}
	var kind model.Kind
	if *kindName != "" {
		k, status, ok := c.kindArg(*kindName)
		if !ok {
			return status
		}
		kind = k
	}
	c.searching = true
	return c.withDB(func(db *store.DB) int {
		select {
		case <-db.SearchReady():
		case <-c.ctx.Done():
			return c.fail(c.ctx.Err())
		}
		res, err := db.Services().Queries.Find(c.ctx, model.SearchQuery{Text: args[0], Kind: kind, PerKind: n})
		if err != nil {
			return c.fail(err)
		}
		tr := func(key string, a map[string]any) string { return c.msg(key, a) }
		if *asJSON {
			out := make([]searchJSON, 0, len(res.Hits))
			for _, h := range res.Hits {
				out = append(out, searchJSON{
					Kind: h.Summary.Kind.String(), ID: h.Summary.ID.String(), Title: h.Summary.Title,
					Field: h.Field, Place: search.Place(h, tr), Snippet: h.Snippet, Marks: h.Marks, Rank: h.Rank,
				})
			}
			return c.writeJSON(out)
		}
		if len(res.Hits) == 0 {
			c.println(c.msg("cli.search.none", nil))
			return exitOK
		}
		var rows [][]string
		last := model.Kind(0)
		for _, h := range res.Hits {
			if h.Summary.Kind != last {
				last = h.Summary.Kind
				rows = append(rows, []string{c.msg("search.count", map[string]any{"Kind": c.msg("kinds."+last.String(), nil), "Count": res.Counts[last]}), "", ""})
			}
			snip := search.Snippet{Text: h.Snippet, Marks: h.Marks}
			rows = append(rows, []string{"  " + h.Summary.Title, search.Place(h, tr), snip.Marked("*", "*")})
		}
		return c.writeTable(rows)
	})
}
