package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The virtual screens (Xvfb) the window tests run on, and the real
// binary's runs on them. Under CI's load a window has found no X server to
// connect to ("failed to initialise GLFW: PlatformUnavailable") on a
// screen that answered a moment before; a test then waited minutes for a
// window that could never come. The likely cause was the server's reset
// when its last client left (now -noreset, see startXvfbIn); as a safety
// net each screen is watched, a window test learns at once that its screen
// ended or refused it, with what Xvfb said, and the run starts again on a
// new screen.

// lockedBuffer is a bytes.Buffer that a process's output goroutine and the
// test may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// screen is one Xvfb started by a test.
type screen struct {
	cmd    *exec.Cmd
	out    lockedBuffer
	exited chan struct{} // closed when Xvfb has ended
	err    error         // how it ended, once exited is closed
}

// screens are the running tests' screens by DISPLAY.
var screens sync.Map

// screenEnded reports whether the Xvfb this test process started for
// display has ended, and if so what it said.
func screenEnded(display string) (bool, string) {
	v, ok := screens.Load(display)
	if !ok {
		return false, ""
	}
	s := v.(*screen)
	select {
	case <-s.exited:
		return true, fmt.Sprintf("Xvfb %s ended (%v): %s", display, s.err, strings.TrimSpace(s.out.String()))
	default:
		return false, ""
	}
}

// screenAnswers reports whether an X server answers on display.
func screenAnswers(display string) bool {
	if ended, _ := screenEnded(display); ended {
		return false
	}
	cmd := exec.Command("xdotool", "getdisplaygeometry")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	return cmd.Run() == nil
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

// startXvfb starts a virtual screen of 1366×768 (a common laptop) and
// returns its DISPLAY.
func startXvfb(t testing.TB) string {
	t.Helper()
	return startXvfbIn(t, windowTestDisplays[0], windowTestDisplays[1])
}

// startXvfbIn starts the virtual screen on the first free display number
// from first up to (not including) last: the fault tests take numbers of
// their own, so that they never wait on or clash with the window tests.
//
// Xvfb writes its number to -displayfd once it accepts connections, and
// only then: a number another server holds makes it end instead, without
// writing, and the next number is tried. So the screen returned is ready
// and is this test's own.
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
		ready, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		s := &screen{exited: make(chan struct{})}
		// -noreset: an X server resets when its last client goes, and the
		// tests' windows and xdotool come and go between rounds. While it
		// resets a new client cannot connect ("failed to initialise GLFW",
		// "Can't open display" from xdotool), and afterwards the Finnish
		// layout is gone (typed ä and ö went missing).
		s.cmd = exec.Command("Xvfb", display, "-displayfd", "3", "-noreset", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		s.cmd.ExtraFiles = []*os.File{w} // descriptor 3
		s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
		err = s.cmd.Start()
		w.Close()
		if err != nil {
			ready.Close()
			t.Fatal(err)
		}
		go func() { s.err = s.cmd.Wait(); close(s.exited) }()
		told := make(chan string, 1)
		go func() {
			line, _ := bufio.NewReader(ready).ReadString('\n')
			ready.Close()
			told <- strings.TrimSpace(line)
		}()
		var number string
		select {
		case number = <-told:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
			t.Fatalf("Xvfb %s did not start in 30 s: %s", display, s.out.String())
		}
		if number != strconv.Itoa(n) {
			// It ended without a number: another server has it.
			s.cmd.Process.Kill()
			<-s.exited
			continue
		}
		screens.Store(display, s)
		t.Cleanup(func() {
			screens.Delete(display)
			// SIGTERM lets Xvfb remove its lock file and socket; a killed
			// one leaves them, and fifty runs later no display is free.
			s.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-s.exited:
			case <-time.After(5 * time.Second):
				s.cmd.Process.Kill()
				<-s.exited
			}
			removeStaleDisplay(n)
		})
		finnishKeyboard(t, display)
		return display
	}
	t.Fatal("no free X display")
	return ""
}

// errScreenGone is what waitShown says when the window's X server went
// away before the window appeared.
var errScreenGone = errors.New("the X server went away")

// errNoConnection is what waitShown says when the program ended before
// its window because it could not connect to its screen ("failed to
// initialise GLFW"), although the screen still answers other clients.
// Seen a few times under CI's load, among hundreds of windows that
// started; the cause is not known (waitShown logs what it can see of the
// server), and the run is started again.
var errNoConnection = errors.New("the program could not connect to its screen")

// xserverClients is what /proc says of the connections of display's Xvfb
// (its open descriptors), for a failure's log.
func xserverClients(display string) string {
	v, ok := screens.Load(display)
	if !ok {
		return "not a screen of this test process"
	}
	s := v.(*screen)
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.cmd.Process.Pid))
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("Xvfb %s (pid %d) has %d open descriptors", display, s.cmd.Process.Pid, len(fds))
}

// guiRun is one run of the real binary on a screen.
type guiRun struct {
	cmd     *exec.Cmd
	display string
	logs    *lockedBuffer
	exited  chan struct{} // closed when the process has ended
	err     error         // how it ended, once exited is closed
}

// startGUI starts argv with HOME home on display. prepare, when not nil,
// adjusts the command before it starts. The process is killed and waited
// for when the test ends, and its output logged if the test failed.
func startGUI(t testing.TB, argv []string, home, display string, prepare func(*exec.Cmd)) *guiRun {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = guiEnv(home, display)
	g := &guiRun{cmd: cmd, display: display, logs: new(lockedBuffer), exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = g.logs, g.logs
	if prepare != nil {
		prepare(cmd)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { g.err = cmd.Wait(); close(g.exited) }()
	t.Cleanup(func() {
		g.cmd.Process.Kill()
		<-g.exited
		if t.Failed() {
			t.Logf("the program said:\n%s", g.logs)
		}
	})
	return g
}

// ended reports whether the process has ended.
func (g *guiRun) ended() bool {
	select {
	case <-g.exited:
		return true
	default:
		return false
	}
}

// waitShown waits up to timeout for a visible window whose title holds
// name and returns its X window ID. It returns errScreenGone when the
// screen ended, or the program ended on a screen that no longer answers;
// any other end of the program before its window, or the timeout, fails
// the test.
func (g *guiRun) waitShown(t testing.TB, name string, timeout time.Duration) (string, error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ended, said := screenEnded(g.display); ended {
			t.Logf("%s", said)
			return "", errScreenGone
		}
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
		cmd.Env = append(os.Environ(), "DISPLAY="+g.display)
		out, _ := cmd.Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			return ids[0], nil
		}
		if g.ended() {
			if !screenAnswers(g.display) {
				t.Logf("the program ended and its screen %s no longer answers:\n%s", g.display, g.logs)
				return "", errScreenGone
			}
			if strings.Contains(g.logs.String(), "failed to initialise GLFW") {
				t.Logf("the program could not connect to its screen %s, which answers other clients (%s):\n%s", g.display, xserverClients(g.display), g.logs)
				return "", errNoConnection
			}
			t.Fatalf("the program ended (%v) before its window %q appeared:\n%s", g.err, name, g.logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no window %q after %v", name, timeout)
	return "", nil
}

// openWindow starts argv in a real window with HOME home and waits up to
// timeout for it, on a new screen from numbers (or on
// HANKEKIRJA_TEST_DISPLAY, a screen already there, when that is set).
// When the screen goes away before the window appears, or the program
// cannot connect to it, the run starts again on a new screen, three
// times at most.
func openWindow(t testing.TB, argv []string, home string, numbers [2]int, timeout time.Duration) (*guiRun, string) {
	t.Helper()
	given := os.Getenv("HANKEKIRJA_TEST_DISPLAY")
	for try := 1; ; try++ {
		display := given
		if display == "" {
			display = startXvfbIn(t, numbers[0], numbers[1])
		} else {
			finnishKeyboard(t, display)
		}
		g := startGUI(t, argv, home, display, nil)
		win, err := g.waitShown(t, "Hankekirja", timeout)
		if err == nil {
			return g, win
		}
		if try == 3 || given != "" {
			t.Fatalf("the window could not be shown, %d times: %v", try, err)
		}
		g.cmd.Process.Kill()
		<-g.exited
		t.Logf("starting the window again on a new screen (try %d)", try+1)
	}
}

// windowTestDisplays are the display numbers of the window tests that are
// not fault tests.
var windowTestDisplays = [2]int{90, 140}

// quit ends the window as the desktop does when it is closed (SIGTERM)
// and fails the test unless it quits cleanly within 30 s, with nothing in
// its output that tells of a panic or a data race.
func (g *guiRun) quit(t testing.TB) {
	t.Helper()
	g.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-g.exited:
		if g.err != nil {
			t.Fatalf("the window did not exit cleanly: %v", g.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the window did not quit on SIGTERM")
	}
	if logs := g.logs.String(); strings.Contains(logs, "panic") || strings.Contains(logs, "DATA RACE") {
		t.Fatalf("the program said:\n%s", logs)
	}
}
