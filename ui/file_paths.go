package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// The file dialog takes what a person types: a bare name (saved in the
// folder shown), a path relative to that folder, a full path, or one that
// starts with ~ for the home folder. On Windows a full path starts with a
// drive letter (C:\ or C:/) or a server share (\\server\share), and both
// slashes separate folders. The rules are written for both systems so that
// the Windows ones are tested here too.

// pathRules are one operating system's way of writing paths.
type pathRules struct {
	windows bool
}

// localPaths are the rules of the system the program runs on.
var localPaths = pathRules{windows: runtime.GOOS == "windows"}

// normalise turns every separator into the system's own.
func (r pathRules) normalise(p string) string {
	if r.windows {
		return strings.ReplaceAll(p, "/", `\`)
	}
	return p
}

// isAbs reports whether p names a place without a folder to start from.
func (r pathRules) isAbs(p string) bool {
	if !r.windows {
		return strings.HasPrefix(p, "/")
	}
	p = r.normalise(p)
	if strings.HasPrefix(p, `\\`) {
		return true // \\server\share
	}
	return len(p) >= 3 && isDriveLetter(p[0]) && p[1] == ':' && p[2] == '\\'
}

func isDriveLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// join puts a relative path under a folder and removes "." and "..".
func (r pathRules) join(folder, rel string) string {
	if !r.windows {
		return filepath.Clean(folder + "/" + rel)
	}
	return r.clean(r.normalise(folder) + `\` + r.normalise(rel))
}

// clean removes repeated separators, "." and ".." from a Windows path,
// keeping its drive or share.
func (r pathRules) clean(p string) string {
	if !r.windows {
		return filepath.Clean(p)
	}
	p = r.normalise(p)
	root := ""
	switch {
	case strings.HasPrefix(p, `\\`):
		root, p = `\\`, p[2:]
	case len(p) >= 2 && isDriveLetter(p[0]) && p[1] == ':':
		root, p = p[:2]+`\`, strings.TrimLeft(p[2:], `\`)
	}
	var parts []string
	for _, part := range strings.Split(p, `\`) {
		switch part {
		case "", ".":
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, part)
		}
	}
	return root + strings.Join(parts, `\`)
}

// dir is the folder a path is in.
func (r pathRules) dir(p string) string {
	if !r.windows {
		return filepath.Dir(p)
	}
	p = r.clean(p)
	i := strings.LastIndex(p, `\`)
	switch {
	case i < 0:
		return "."
	case i == 2 && p[1] == ':':
		return p[:3] // C:\
	}
	return p[:i]
}

// base is a path's last element.
func (r pathRules) base(p string) string {
	if !r.windows {
		return filepath.Base(p)
	}
	p = r.clean(p)
	return p[strings.LastIndex(p, `\`)+1:]
}

// resolve turns what was typed into a full path: relative to folder,
// with ~ meaning home. The extension ext (".csv") is added when the name
// has none, as every desktop program does. An empty name resolves to "".
func (r pathRules) resolve(typed, folder, home, ext string) string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return ""
	}
	switch {
	case typed == "~":
		return r.clean(home)
	case strings.HasPrefix(typed, "~/") || r.windows && strings.HasPrefix(typed, `~\`):
		typed = r.join(home, typed[2:])
	case r.isAbs(typed):
		typed = r.clean(typed)
	default:
		typed = r.join(folder, typed)
	}
	if ext != "" && !strings.Contains(r.base(typed), ".") {
		typed += ext
	}
	return typed
}

// homeDir is the user's home folder, or the working folder when the
// system does not say.
func homeDir() string {
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}

// existingFolder is folder when it is one, else the nearest folder above
// it that exists, else home: a remembered folder may have been removed or
// sit on a stick that is no longer there.
func existingFolder(folder string) string {
	for folder != "" {
		if fi, err := os.Stat(folder); err == nil && fi.IsDir() {
			return folder
		}
		up := filepath.Dir(folder)
		if up == folder {
			break
		}
		folder = up
	}
	return homeDir()
}
