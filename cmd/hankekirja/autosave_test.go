package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// TestAutosaveSurvivesKill is the secretary's worst case: notes typed into
// the minutes of a meeting in the real window, the autosave's few seconds,
// and then the process killed outright (kill -9, as a crash or a power cut
// would end it). The notes must be in the database when it is opened
// again.
func TestAutosaveSurvivesKill(t *testing.T) {
	needTools(t, "Xvfb", "xdotool")
	if testing.Short() {
		t.Skip("starts the real window")
	}
	dir := t.TempDir()
	bin := buildGUI(t, dir)
	path := filepath.Join(dir, "kokous.db")
	if out, err := exec.Command(bin, "--db", path, "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	id := addPlannedMeeting(t, path)
	// Two minutes: under CI's load (every package's race tests at once on
	// two cores) a race-built window has taken over one to appear.
	app, _ := openWindow(t, []string{bin, "--db", path}, dir, windowTestDisplays, 2*time.Minute)
	display := app.display
	time.Sleep(2 * time.Second)

	// The window is 1280×720 at the screen's corner (a new HOME has no
	// remembered size): Meetings in the navigation, the newest meeting
	// (the planned one) at the top of the list, its Write minutes button,
	// then the discussion of the first item.
	xdo := func(args ...string) {
		t.Helper()
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
		time.Sleep(1500 * time.Millisecond)
	}
	xdo("mousemove", "70", "171", "click", "1")
	xdo("mousemove", "350", "215", "click", "1")
	xdo("mousemove", "630", "221", "click", "1")
	time.Sleep(time.Second)
	xdo("mousemove", "1000", "650", "click", "1")
	const notes = "Puheenjohtaja avasi kokouksen klo 13.02."
	xdo("type", "--delay", "30", notes)
	// The autosave runs 3 s after the last key.
	time.Sleep(5 * time.Second)

	// What the screen showed, for a failure's sake.
	shot := filepath.Join(os.TempDir(), "hankekirja-autosave-kill.png")
	if _, err := exec.LookPath("import"); err == nil {
		cmd := exec.Command("import", "-window", "root", shot)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		cmd.Run()
	}
	if err := app.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-app.exited

	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer db.Close()
	m, err := db.Services().Meetings.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Items[0].Discussion; !strings.Contains(got, notes) {
		t.Logf("the screen before the kill: %s", shot)
		t.Fatalf("after kill -9 the first item's discussion is %q, want %q", got, notes)
	}
}

// addPlannedMeeting adds the next meeting of the Kanta-Häme steering group
// to the example data: planned, and the newest meeting in the list.
func addPlannedMeeting(t *testing.T, path string) model.ID {
	t.Helper()
	db, err := store.Open(path, &store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	svc := db.Services()
	groups, err := svc.Groups.List(ctx, model.Filter{Query: "sote-selvityksen ohjausryhmä"})
	if err != nil || len(groups.Items) == 0 {
		t.Fatalf("no steering group in the example data: %v", err)
	}
	gid := groups.Items[0].ID
	for _, s := range groups.Items {
		if s.Title == "Sote-selvityksen ohjausryhmä" {
			gid = s.ID
		}
	}
	g, err := svc.Groups.Get(ctx, gid)
	if err != nil {
		t.Fatal(err)
	}
	page, err := svc.Meetings.List(ctx, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// After every other meeting, so that it heads the list.
	var others []*model.Meeting
	latest := model.MustDate(2019, 5, 14)
	for _, s := range page.Items {
		o, err := svc.Meetings.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Group == g.ID {
			others = append(others, o)
		}
		if !o.Date.Before(latest) {
			latest = model.DateOf(o.Date.Time().AddDate(0, 0, 28))
		}
	}
	m := model.NewMeeting(g, latest, others)
	if err := svc.Meetings.Create(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}
