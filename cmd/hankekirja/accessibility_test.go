package main

import (
	"os/exec"
	"path/filepath"
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
	app, _ := openWindow(t, []string{bin, "--db", filepath.Join(dir, "a11y.db")}, dir, windowTestDisplays, 2*time.Minute)
	// A moment for the first frames (the accessibility tree is refreshed
	// with them).
	time.Sleep(time.Second)
	app.quit(t)
}
