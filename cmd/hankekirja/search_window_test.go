package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clipboardSentinel is put on the clipboard before the field is copied: a
// field with nothing to select copies nothing, and the sentinel read back
// says the field was empty.
const clipboardSentinel = "\x01tyhjä\x01"

// TestWindowSearchField drives the toolbar's search field in the real
// window at a person's speed, with the Finnish keyboard: every letter of
// Hyvinkää arrives in the field while the results update below it (the
// field is read back through the clipboard, Ctrl+A Ctrl+C), the first Esc
// closes the results and leaves the text, the second empties the field,
// and Down and Enter open the chosen result in its view (which the window
// remembers in its preferences as the view shown).
func TestWindowSearchField(t *testing.T) {
	needTools(t, "Xvfb", "xdotool", "xclip", "setxkbmap")
	if testing.Short() {
		t.Skip("starts the real window")
	}
	dir := t.TempDir()
	bin := buildGUI(t, dir)
	path := filepath.Join(dir, "haku.db")
	if out, err := exec.Command(bin, "--db", path, "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	home := filepath.Join(dir, "home")
	// Two minutes: under CI's load a race-built window has taken over
	// one to appear.
	app, win := openWindow(t, []string{bin, "--db", path}, home, windowTestDisplays, 2*time.Minute)
	display := app.display
	t.Cleanup(func() {
		if t.Failed() && !app.ended() { // what the screen showed, while the window is there
			shot := filepath.Join(os.TempDir(), "hankekirja-search-window.png")
			cmd := exec.Command("import", "-window", "root", shot)
			cmd.Env = append(os.Environ(), "DISPLAY="+display)
			if cmd.Run() == nil {
				t.Logf("the screen is in %s", shot)
			}
		}
	})
	time.Sleep(2 * time.Second)

	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return string(out)
	}
	key := func(keys ...string) {
		t.Helper()
		run(append([]string{"xdotool", "key", "--delay", "150"}, keys...)...)
		time.Sleep(700 * time.Millisecond) // the results come off the window's thread
	}
	typeText := func(s string) {
		t.Helper()
		run("xdotool", "type", "--delay", "150", s)
		time.Sleep(time.Second)
	}
	field := func() string {
		t.Helper()
		// -loops 1: the sentinel's xclip, which stays to serve it, leaves
		// once it has been read or the window has taken the clipboard. Its
		// output is not a pipe, which it would keep open.
		set := exec.Command("xclip", "-selection", "clipboard", "-loops", "1")
		set.Env = append(os.Environ(), "DISPLAY="+display)
		set.Stdin = strings.NewReader(clipboardSentinel)
		if err := set.Run(); err != nil {
			t.Fatalf("xclip: %v", err)
		}
		key("ctrl+a", "ctrl+c")
		got := run("xclip", "-o", "-selection", "clipboard")
		if got == clipboardSentinel {
			return ""
		}
		return got
	}

	// No window manager: the keyboard goes where the pointer is.
	run("xdotool", "mousemove", "640", "400")
	run("xdotool", "windowfocus", win)
	key("ctrl+f")
	typeText("Hyvinkää")
	if got := field(); got != "Hyvinkää" {
		t.Fatalf("typed Hyvinkää at 150 ms a key, the field reads %q", got)
	}
	// Ctrl+A selected the text; End puts the cursor back, and the
	// results are still open: the first Esc closes them only.
	key("End", "Escape")
	if got := field(); got != "Hyvinkää" {
		t.Fatalf("after the first Esc the field reads %q, want the text kept", got)
	}
	key("End", "Escape")
	if got := field(); got != "" {
		t.Fatalf("after the second Esc the field reads %q, want it empty", got)
	}
	typeText("ö")
	if got := field(); got != "ö" {
		t.Fatalf("typing into the emptied field gives %q", got)
	}

	if got := lastSection(t, home); got == "municipalities" {
		t.Fatalf("the window starts in %q: the test would prove nothing", got)
	}
	key("BackSpace")
	typeText("Hyvinkää")
	key("Down", "Return")
	deadline := time.Now().Add(10 * time.Second)
	for lastSection(t, home) != "municipalities" {
		if time.Now().After(deadline) {
			t.Fatalf("Down and Enter on Hyvinkää's results: the window shows %q, not the municipalities", lastSection(t, home))
		}
		time.Sleep(200 * time.Millisecond)
	}

	app.quit(t)
}

// lastSection reads the view the window says it shows from its
// preferences file ("" before it has written one).
func lastSection(t *testing.T, home string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(home, ".config", "fyne", "*", "preferences.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var prefs map[string]any
		if json.Unmarshal(data, &prefs) == nil {
			if s, ok := prefs["last_section"].(string); ok {
				return s
			}
		}
	}
	return ""
}
