//go:build !linux

package main

import (
	"fmt"
	"os"
)

// mountRefused is the mount helper's status when it may not mount.
const mountRefused = 3

// mountHelper: mount namespaces and tmpfs are Linux's; elsewhere the disk
// cases do not run.
func mountHelper([]string) int {
	fmt.Fprintln(os.Stderr, "mount helper: Linux only")
	return mountRefused
}
