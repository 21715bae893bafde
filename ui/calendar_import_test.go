package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"hankekirja/importing"
	"hankekirja/model"
)

// TestImportCalendarInvitation: an invitation asks for the group, then
// previews, then adds the meeting when applied.
func TestImportCalendarInvitation(t *testing.T) {
	u := newTestUI(t)
	withDemo(t, u)
	data, err := os.ReadFile(filepath.Join("..", "calendar", "testdata", "outlook-request-fi.ics"))
	if err != nil {
		t.Fatal(err)
	}
	lastCalendarChoice, lastImportPreview = nil, nil
	u.previewImport("kutsu.ics", data)
	u.Wait()
	c := lastCalendarChoice
	if c == nil || len(c.groups) == 0 {
		t.Fatal("no group choice")
	}
	if c.group.SelectedIndex() < 0 {
		c.group.SetSelectedIndex(0) // the example data names no group the invitation's title does
	}
	c.dialog.Hide()
	c.next()
	u.Wait()
	p := lastImportPreview
	if p == nil || p.report.Count(importing.Add) == 0 || p.report.Applied {
		t.Fatalf("preview: %+v", p)
	}
	before, _ := u.svc.Meetings.List(context.Background(), model.Filter{})
	p.dialog.Hide()
	p.apply()
	u.Wait()
	after, _ := u.svc.Meetings.List(context.Background(), model.Filter{})
	if after.Total != before.Total+1 {
		t.Errorf("meetings %d → %d, want one more", before.Total, after.Total)
	}
}

// TestImportCalendarWithoutGroups: with no group to choose, the window
// says so instead of asking.
func TestImportCalendarWithoutGroups(t *testing.T) {
	u := newTestUI(t)
	data, err := os.ReadFile(filepath.Join("..", "calendar", "testdata", "google-calendar-alarms.ics"))
	if err != nil {
		t.Fatal(err)
	}
	lastCalendarChoice = nil
	u.previewImport("google.ics", data)
	u.Wait()
	if lastCalendarChoice != nil {
		t.Error("a group choice without groups")
	}
}
