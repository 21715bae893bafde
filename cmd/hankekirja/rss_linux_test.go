package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// runPeak runs cmd and returns its combined output and its peak resident
// memory in KiB: the kernel's high-water mark of the process (VmHWM),
// read every few milliseconds while it runs. Not the rusage of the
// finished child: Go starts a child with vfork, and exec records the
// parent's resident memory as the child's peak (ru_maxrss), so a test
// process that holds an archive's pages made every command look as large.
func runPeak(cmd *exec.Cmd) ([]byte, int64, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return out.Bytes(), peak, err
		case <-tick.C:
			peak = max(peak, vmHWM(status))
		}
	}
}

// vmHWM reads VmHWM (KiB) from a /proc status file; 0 when it is gone.
func vmHWM(status string) int64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
