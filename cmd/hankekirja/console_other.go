//go:build !windows

package main

// attachConsole is needed only by the Windows GUI-subsystem binary
// (console_windows.go); elsewhere a program has its terminal already.
func attachConsole() {}
