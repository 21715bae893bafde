package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	var hits []searchJSON
	if err := json.Unmarshal([]byte(ok(t, path, "search", "tuotanto", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		if h.Kind == "" || h.ID == "" || h.Title == "" || h.Field == "" || h.Snippet == "" {
			t.Errorf("hit lacks a part: %+v", h)
		}
		if h.Title == "Palvelutuotannon työryhmä" && h.Kind == "group" {
			found = true
		}
	}
	if !found {
		t.Errorf("tuotanto does not find Palvelutuotannon työryhmä: %+v", hits)
	}

	// Typed in lower case, as people type a town in a search field: its
	// inflected forms still find the municipality itself, not only the
	// texts that say them.
	for _, c := range []struct{ query, want string }{{"hyvinkään", "Hyvinkää"}, {"hämeenlinnassa", "Hämeenlinna"}, {"riihimäen", "Riihimäki"}} {
		if out := ok(t, path, "search", c.query, "--kind", "municipalities"); !strings.Contains(out, c.want) {
			t.Errorf("search %s --kind municipalities:\n%s\nwant %s", c.query, out, c.want)
		}
	}

	out := ok(t, path, "search", "Tusby", "--kind", "municipalities", "--limit", "1")
	if !strings.Contains(out, "Tuusula") || strings.Contains(out, "Projects") {
		t.Errorf("search Tusby --kind municipalities: %q", out)
	}
	if out := ok(t, path, "search", "qqqzzz"); !strings.Contains(out, "No results") {
		t.Errorf("no hits: %q", out)
	}
	r := hk(t, path, nil, "search", "kunta", "--limit", "0")
	if r.status != exitUsage || !strings.Contains(r.stderr, "--limit") {
		t.Errorf("--limit 0: status %d, stderr %q", r.status, r.stderr)
	}
	r = hk(t, path, nil, "search", "kunta", "--kind", "cats")
	if r.status != exitUsage {
		t.Errorf("--kind cats: status %d, stderr %q", r.status, r.stderr)
	}
}

// TestListFilterFollowsFinnish: `list --filter` takes words as the
// window's filter does, through the index: an inflected form, a compound
// part and a name typed without ä find their records, a start of a
// surname still finds it, and the list keeps its own order and columns.
func TestListFilterFollowsFinnish(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"municipalities", "--filter", "hameenlinnan"}, "Hämeenlinna"},
		{[]string{"municipalities", "--filter", "Tusby"}, "Tuusula"},
		{[]string{"contacts", "--filter", "kunnassa"}, "maakuntavaltuutettu"},
		{[]string{"contacts", "--filter", "hakkar"}, "Sirpa Hakkarainen"},
		{[]string{"groups", "--filter", "tuotanto"}, "Palvelutuotannon työryhmä"},
	} {
		out := ok(t, path, append([]string{"list"}, c.args...)...)
		if !strings.Contains(out, c.want) {
			t.Errorf("list %v:\n%s\nwant %q among the rows", c.args, out, c.want)
		}
	}
	// Every row matches: no filter that lists everything.
	all := strings.Count(ok(t, path, "list", "contacts"), "\n")
	some := strings.Count(ok(t, path, "list", "contacts", "--filter", "kunnassa"), "\n")
	if some == 0 || some >= all {
		t.Errorf("--filter kunnassa lists %d of %d contacts", some, all)
	}
}
