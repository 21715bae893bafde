//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// kernel32's AttachConsole; x/sys/windows does not wrap it.
var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole attaches to the console of the parent process (see
// console.go) and points os.Stdin, os.Stdout and os.Stderr at it where the
// program has no handle of its own. Started from Explorer or the Start
// menu there is no parent console, and nothing changes.
func attachConsole() {
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	std := []struct {
		id    uint32
		input bool
		file  **os.File
		name  string
	}{
		{windows.STD_INPUT_HANDLE, true, &os.Stdin, "/dev/stdin"},
		{windows.STD_OUTPUT_HANDLE, false, &os.Stdout, "/dev/stdout"},
		{windows.STD_ERROR_HANDLE, false, &os.Stderr, "/dev/stderr"},
	}
	for _, s := range std {
		h, err := windows.GetStdHandle(s.id)
		valid := err == nil && h != 0 && h != windows.InvalidHandle
		var ft uint32
		if valid {
			ft, _ = windows.GetFileType(h)
		}
		if keepStdHandle(valid, ft) {
			continue
		}
		name, err := windows.UTF16PtrFromString(consoleDevice(s.input))
		if err != nil {
			continue
		}
		access := uint32(windows.GENERIC_READ | windows.GENERIC_WRITE)
		c, err := windows.CreateFile(name, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE,
			nil, windows.OPEN_EXISTING, 0, 0)
		if err != nil {
			continue
		}
		windows.SetStdHandle(s.id, c)
		*s.file = os.NewFile(uintptr(c), s.name)
	}
}
