//go:build unix

package main

import (
	"os"
	"syscall"
)

// peakRSSKiB is a finished child's peak resident memory in KiB, as the
// kernel counted it (Linux reports ru_maxrss in KiB).
func peakRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
