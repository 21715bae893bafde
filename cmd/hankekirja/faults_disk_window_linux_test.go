//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The disk cases of the damaged-file matrix in the real window under
// Xvfb: the example database on a read-only filesystem, on a full disk,
// and without permission to read it. The window must come up, say what
// it can (the title's read-only mark, or the error dialog), quit when
// the desktop asks, and leave the file as it was.

// diskWindowDisplays are this test's display numbers (see
// autosaveDisplays).
var diskWindowDisplays = [2]int{330, 350}

// diskWindow is a window run on a disk case: the GUI binary, the screen,
// the HOME and where the screenshot goes, and the command prefix that
// runs it as another user (nil: as the test).
type diskWindow struct {
	Bin, Display, Home, Shot string
	As                       []string
}

// windowReport is what showWindow saw.
type windowReport struct {
	Shown  bool   // a window "Hankekirja…" was mapped
	Title  string // its title, 3 s after it appeared
	Status int    // its exit status after SIGTERM; -1 ended on its own before, -2 did not quit
	Logs   string
}

// showWindow opens path in the window as w says, waits up to two minutes
// for it, lets it settle for 3 s, photographs the screen, reads the title
// and quits it with SIGTERM. A window that could not connect to its screen
// (see errNoConnection) is started again, three times at most. It runs in
// the mount helper too, so it uses no testing.T.
func showWindow(path string, w diskWindow) *windowReport {
	var rep *windowReport
	for try := 0; try < 3; try++ {
		if rep = showWindowOnce(path, w); rep.Shown || !strings.Contains(rep.Logs, "failed to initialise GLFW") {
			break
		}
	}
	return rep
}

func showWindowOnce(path string, w diskWindow) *windowReport {
	argv := append(append([]string(nil), w.As...), w.Bin, "--db", path)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = guiEnv(w.Home, w.Display)
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	rep := &windowReport{Status: -1}
	if err := cmd.Start(); err != nil {
		rep.Logs = err.Error()
		return rep
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	status := func(err error) int {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			return -1
		}
		return 0
	}
	x := func(args ...string) string {
		c := exec.Command(args[0], args[1:]...)
		c.Env = append(os.Environ(), "DISPLAY="+w.Display)
		out, _ := c.Output()
		return strings.TrimSpace(string(out))
	}
	var win string
	for deadline := time.Now().Add(2 * time.Minute); win == "" && time.Now().Before(deadline); {
		select {
		case err := <-exited:
			rep.Status, rep.Logs = -1, fmt.Sprintf("ended before its window (%v):\n%s", err, logs.String())
			return rep
		default:
		}
		if ids := strings.Fields(x("xdotool", "search", "--onlyvisible", "--name", "Hankekirja")); len(ids) > 0 {
			win = ids[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	if win != "" {
		rep.Shown = true
		time.Sleep(3 * time.Second)
		rep.Title = x("xdotool", "getwindowname", win)
		x("import", "-window", "root", w.Shot)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		rep.Status = status(err)
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		rep.Status = -2
	}
	rep.Logs = logs.String()
	return rep
}

// TestDiskFaultsInWindow opens the example database in the real window on
// a read-only filesystem (the title says read-only), on a full disk (it
// opens as usual: the failed day's backup is a notice, not an error) and
// as a user without permission to read it (an error dialog); each quits
// with status 0 on SIGTERM, nothing in its output tells of a panic, and
// the file is unchanged.
func TestDiskFaultsInWindow(t *testing.T) {
	beginWindowFault(t, "Xvfb", "xdotool", "import")
	ex := exampleDir(t)
	src := filepath.Join(ex, "example.db")
	fi, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	// Where user nobody may run the binary, with a HOME of its own.
	dir, err := os.MkdirTemp("", "hankekirja-diskwin")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := buildGUI(t, dir)
	display := startXvfbIn(t, diskWindowDisplays[0], diskWindowDisplays[1])
	check := func(t *testing.T, name string, w *windowReport, wantTitle string) {
		t.Helper()
		if w == nil {
			t.Fatalf("%s: no window report", name)
		}
		if !w.Shown {
			t.Fatalf("%s: no window appeared\n%s", name, w.Logs)
		}
		t.Logf("%s: window %q, status %d after SIGTERM", name, w.Title, w.Status)
		if w.Title != wantTitle {
			t.Errorf("%s: the window's title is %q, want %q", name, w.Title, wantTitle)
		}
		if w.Status != 0 {
			t.Errorf("%s: status %d after SIGTERM, want 0\n%s", name, w.Status, w.Logs)
		}
		for _, bad := range []string{"panic", "goroutine ", "SIGBUS", "SIGSEGV", "fatal error", "DATA RACE"} {
			if strings.Contains(w.Logs, bad) {
				t.Errorf("%s: the window's output shows %q:\n%s", name, bad, w.Logs)
			}
		}
	}
	shot := func(name string) string {
		return filepath.Join(os.TempDir(), "hankekirja-disk-"+name+".png")
	}
	for _, c := range []struct {
		name, shot, title string
		disk              diskCase
	}{
		{"read-only filesystem", "read-only", "Hankekirja – hankekirja (vain luku)", diskCase{ReadOnly: true}},
		{"full disk", "full", "Hankekirja – hankekirja", diskCase{Fill: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			display = liveDisplay(t, display, diskWindowDisplays)
			w := &diskWindow{Bin: bin, Display: display, Home: t.TempDir(), Shot: shot(c.shot)}
			c.disk.Size, c.disk.Window = fmt.Sprint(fi.Size()+1<<20), w
			rep := onDisk(t, src, c.disk)
			check(t, c.name, rep.Window, c.title)
			if rep.Before != rep.After {
				t.Errorf("%s: the window changed the file", c.name)
			}
			t.Logf("the screen: %s", w.Shot)
		})
	}
	t.Run("no permission", func(t *testing.T) {
		as, why := asNobody()
		if as == nil {
			t.Skipf("cannot run as user nobody: %s", why)
		}
		display = liveDisplay(t, display, diskWindowDisplays)
		home := filepath.Join(dir, "home")
		for _, d := range []string{home, filepath.Join(home, ".cache")} {
			if err := os.MkdirAll(d, 0o700); err != nil {
				t.Fatal(err)
			}
			os.Chown(d, nobodyID, nobodyID)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "hankekirja.db")
		if err := os.WriteFile(path, data, 0o600); err != nil { // root's, and only root's
			t.Fatal(err)
		}
		before := sha(t, path)
		w := showWindow(path, diskWindow{Bin: bin, Display: display, Home: home, Shot: shot("no-permission"), As: as})
		// Nothing opened: the window keeps its bare title, and the error
		// dialog says why.
		check(t, "no permission", w, "Hankekirja")
		if sha(t, path) != before {
			t.Error("the window changed a file it may not read")
		}
		if bytes.Contains([]byte(w.Logs), []byte("sisäinen virhe")) {
			t.Errorf("no permission is told as an internal error:\n%s", w.Logs)
		}
		t.Logf("the screen: %s", shot("no-permission"))
	})
}
