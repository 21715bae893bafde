package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
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
	// Fyne makes its cache folder with os.Mkdir, and logs an error when
	// the new HOME has no .cache to make it in.
	os.MkdirAll(filepath.Join(home, ".cache"), 0o700)
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
		if ended, said := screenEnded(display); ended {
			t.Fatalf("no window %q: its screen went away. %s", name, said)
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
	app, win := openWindow(t, []string{bin, "--db", db}, dir, windowTestDisplays, 2*time.Minute)
	display := app.display
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
		t.Fatalf("the screenshot looks blank: %d colours, %.1f%% foreground (saved in %s)", distinct, 100*fg, shot)
	}
	if dirOut := os.Getenv("HANKEKIRJA_SCREENSHOT_DIR"); dirOut != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dirOut, "window.png"), data, 0o644)
	}

	app.quit(t)
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
