package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// FyneApp.toml (read by fyne package) must name the app as gui.go does:
// Fyne keeps the preferences (language, recent databases) under the ID, so
// a packaged build with another ID would start with none of them.
func TestFyneAppMatchesGUI(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^\s*` + name + `\s*=\s*"([^"]*)"`).FindSubmatch(data)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", name)
		}
		return string(m[1])
	}
	if got := field("ID"); got != appID {
		t.Errorf("FyneApp.toml ID = %q, gui.go's appID = %q", got, appID)
	}
	if got := field("Name"); got != "Hankekirja" {
		t.Errorf("FyneApp.toml Name = %q", got)
	}
	if _, err := os.Stat(filepath.FromSlash(field("Icon"))); err != nil {
		t.Errorf("FyneApp.toml's icon: %v", err)
	}
}
