//go:build !linux

package main

import "os/exec"

// runPeak runs cmd; its peak memory is known on Linux only, where the
// benchmarks are measured (elsewhere they report 0 MB).
func runPeak(cmd *exec.Cmd) ([]byte, int64, error) {
	out, err := cmd.CombinedOutput()
	return out, 0, err
}
