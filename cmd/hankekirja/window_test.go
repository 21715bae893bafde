package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests start the real binary in a real window under Xvfb, as a
// person would see it. They need Xvfb, xdotool and ImageMagick's import
// (.ci/install-deps installs them); without them the tests are skipped,
// except in CI, where that is a failure.

// needTools skips (or in CI fails) when a program is missing.
func needTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (run .ci/install-deps)", n)
			}
			t.Skipf("%s is not installed", n)
		}
	}
}

// buildGUI builds the real binary, with the GUI, into dir.
func buildGUI(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "hankekirja")
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// removeStaleDisplay removes the lock file and socket of display n when
// the X server that made them is no longer running (it was killed).
func removeStaleDisplay(n int) {
	lock := fmt.Sprintf("/tmp/.X%d-lock", n)
	b, err := os.ReadFile(lock)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err == nil && pid > 0 {
		// Signal 0 asks only whether the process exists.
		if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.Signal(0)) == nil {
			return // still running
		}
	}
	os.Remove(lock)
	os.Remove(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
}

// finnishKeyboard gives the display the Finnish layout that the users'
// keyboards have. With Xvfb's US layout xdotool types ä, ö and å by
// binding them to a spare key for each character, and GLFW misses some of
// those changes: "Mäkelä" arrives as "Mkelä", "Å" as "å". With the keys
// really on the layout, what is typed is what a Finnish user types.
func finnishKeyboard(t testing.TB, display string) {
	t.Helper()
	out, err := exec.Command("setxkbmap", "-display", display, "fi").CombinedOutput()
	if err != nil {
		t.Fatalf("setxkbmap fi on %s: %v\n%s", display, err, out)
	}
}

// startXvfb starts a virtual screen of 1366×768 (a common laptop) and
// returns its DISPLAY.
func startXvfb(t testing.TB) string {
	t.Helper()
	return startXvfbIn(t, 90, 140)
}

// startXvfbIn starts the virtual screen on the first free display number
// from first up to (not including) last: the fault tests take numbers of
// their own, so that they never wait on or clash with the window tests.
func startXvfbIn(t testing.TB, first, last int) string {
	t.Helper()
	for n := first; n < last; n++ {
		removeStaleDisplay(n)
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// SIGTERM lets Xvfb remove its lock file and socket; a killed
			// one leaves them, and fifty runs later no display is free.
			cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			removeStaleDisplay(n)
		})
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				finnishKeyboard(t, display)
				return display
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start", display)
	}
	t.Fatal("no free X display")
	return ""
}

// guiEnv is the environment of a GUI run: its own HOME (Fyne's
// preferences), the display and a Finnish locale.
func guiEnv(home, display string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "DISPLAY=") &&
			!strings.HasPrefix(kv, "LANG=") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANGUAGE=") &&
			!strings.HasPrefix(kv, "XDG_CONFIG_HOME=") && !strings.HasPrefix(kv, "HANKEKIRJA_DB=") {
			env = append(env, kv)
		}
	}
	return append(env, "HOME="+home, "DISPLAY="+display, "LANG=fi_FI.UTF-8", "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
}

// waitForWindow polls until a visible window with a title containing name
// is mapped, and returns its X window ID.
func waitForWindow(t testing.TB, display, name string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, _ := cmd.Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			return ids[0]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no window %q after %v", name, timeout)
	return ""
}

// screenshot takes a PNG of the whole screen.
func screenshot(t testing.TB, display, path string) image.Image {
	t.Helper()
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	return img
}

// colourStats counts the distinct colours of an image and the share of
// pixels that differ from the most common colour (the background).
func colourStats(img image.Image) (distinct int, foreground float64) {
	counts := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	total := b.Dx() * b.Dy()
	return len(counts), float64(total-most) / float64(total)
}

// TestWindowShowsExampleData starts the real binary on a database with the
// example data, waits for its window, checks the screenshot shows
// something, and quits it politely.
func TestWindowShowsExampleData(t *testing.T) {
	needTools(t, "Xvfb", "xdotool", "import")
	dir := t.TempDir()
	bin := buildGUI(t, dir)
	db := filepath.Join(dir, "esimerkki.db")
	if out, err := exec.Command(bin, "--db", db, "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	display := startXvfb(t)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--db", db)
	app.Env = guiEnv(dir, display)
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()

	win := waitForWindow(t, display, "Hankekirja", 60*time.Second)
	var title []byte
	if cmd := exec.Command("xdotool", "getwindowname", win); true {
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		title, _ = cmd.Output()
	}
	if got := strings.TrimSpace(string(title)); got != "Hankekirja – esimerkki" {
		t.Errorf("window title = %q, want the database's name in it", got)
	}
	// Give the list time to fill after the window maps.
	time.Sleep(3 * time.Second)
	shot := filepath.Join(dir, "window.png")
	img := screenshot(t, display, shot)
	distinct, fg := colourStats(img)
	t.Logf("screenshot: %d colours, %.1f%% foreground", distinct, 100*fg)
	if distinct < 20 || fg < 0.02 {
		t.Fatalf("the screenshot looks blank: %d colours, %.1f%% foreground (saved in %s)\nlogs:\n%s", distinct, 100*fg, shot, logs.String())
	}
	if dirOut := os.Getenv("HANKEKIRJA_SCREENSHOT_DIR"); dirOut != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dirOut, "window.png"), data, 0o644)
	}

	app.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the application did not exit cleanly: %v\nlogs:\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		app.Process.Kill()
		t.Fatalf("the application did not quit on SIGTERM\nlogs:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "panic") || strings.Contains(logs.String(), "DATA RACE") {
		t.Fatalf("logs:\n%s", logs.String())
	}
}

// BenchmarkStartToFirstFrame measures the real binary's start until its
// window is mapped and visible on the screen, on a database of 50 000
// contacts (plus the example data), under Xvfb. Run it with
//
//	go test -tags migrated_fynedo -run '^$' -bench StartToFirstFrame ./cmd/hankekirja
func BenchmarkStartToFirstFrame(b *testing.B) {
	needTools(b, "Xvfb", "xdotool")
	dir := b.TempDir()
	bin := buildGUI(b, dir)
	db := filepath.Join(dir, "suuri.db")
	if err := fillLargeDB(db, 50000); err != nil {
		b.Fatal(err)
	}
	display := startXvfb(b)
	for b.Loop() {
		app := exec.Command(bin, "--db", db)
		app.Env = guiEnv(dir, display)
		start := time.Now()
		if err := app.Start(); err != nil {
			b.Fatal(err)
		}
		waitForWindow(b, display, "Hankekirja", time.Minute)
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-window")
		b.StopTimer()
		app.Process.Signal(syscall.SIGTERM)
		app.Wait()
		b.StartTimer()
	}
}
