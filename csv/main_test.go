package csv

import (
	"flag"
	"os"
	"testing"
)

// defaultChecks is how many runs each property gets unless -rapid.checks
// says otherwise: fewer than rapid's 100, as each run opens two databases,
// and fewer still under the race detector (race_test.go), which slows them
// down a lot. Run with -rapid.checks=1000 for a thorough search.
var defaultChecks = "30"

// TestMain applies defaultChecks.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		flag.Set("rapid.checks", defaultChecks)
	}
	os.Exit(m.Run())
}
