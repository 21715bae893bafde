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
