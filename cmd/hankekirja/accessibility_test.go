package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAccessibilityBuildStarts builds the binary with Fyne's accessibility
// tag (docs/accessibility.md says what it gives a screen reader) and starts
// it under Xvfb: the tag swaps in other driver code, which nothing else
// compiles or runs, so a Fyne upgrade that breaks it shows here.
func TestAccessibilityBuildStarts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary once more")
	}
	needTools(t, "Xvfb", "xdotool")
	dir := t.TempDir()
	bin := filepath.Join(dir, "hankekirja-a11y")
	build := exec.Command("go", "build", "-tags", "accessibility,migrated_fynedo", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags accessibility: %v\n%s", err, out)
	}
	display := startXvfb(t)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--db", filepath.Join(dir, "a11y.db"))
	app.Env = guiEnv(dir, display)
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()

	waitForWindow(t, display, "Hankekirja", 60*time.Second)
	// A moment for the first frames (the accessibility tree is refreshed
	// with them).
	time.Sleep(time.Second)
	app.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the accessibility build did not exit cleanly: %v\nlogs:\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		app.Process.Kill()
		t.Fatalf("the accessibility build did not quit on SIGTERM\nlogs:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "panic") {
		t.Fatalf("logs:\n%s", logs.String())
	}
}
