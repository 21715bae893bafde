//go:build !unix

package snapshot

import "time"

// cpuTime has no getrusage to ask outside Unix (the Windows build is only
// compiled and vetted, never benchmarked): the benchmarks report 0 CPU time.
func cpuTime() time.Duration { return 0 }
