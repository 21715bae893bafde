package main

import "runtime"

// hasDisplay says whether a window can be opened at all. On Linux and the
// BSDs a window needs an X11 or Wayland display named in the environment;
// without one Fyne's GLFW driver fails with "NotInitialized", which tells a
// user nothing, so the command line says it first. Windows and macOS
// always have their own window system.
func hasDisplay(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin", "ios", "android":
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}

// thisOS is the system the binary runs on; tests ask about others.
var thisOS = runtime.GOOS
