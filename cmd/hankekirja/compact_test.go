package main

import (
	"strings"
	"testing"
)

func TestCompact(t *testing.T) {
	t.Parallel()
	path := tempDB(t)
	ok(t, path, "demo")
	out := ok(t, path, "compact")
	if !strings.Contains(out, "compacted:") || !strings.Contains(out, "-compact.bak") {
		t.Errorf("compact printed %q", out)
	}
	if r := hk(t, path, map[string]string{"LANG": "fi_FI.UTF-8"}, "compact", "extra"); r.status != exitUsage {
		t.Errorf("compact with an argument: status %d", r.status)
	}
	if out := ok(t, path, "check"); !strings.Contains(out, "OK") {
		t.Errorf("check after compact: %q", out)
	}
}
