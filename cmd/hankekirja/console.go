package main

// The Windows binary is linked for the GUI subsystem (-H=windowsgui), so
// that starting it from the Start menu opens no console window. Such a
// program starts without a console, and without standard handles unless
// its parent redirected them; console_windows.go therefore attaches to the
// console of the shell it was started from, so that `hankekirja.exe list
// contacts` prints in PowerShell. These are the decisions it makes, kept
// here so that they are tested on every system.

// Before run reads os.Stdout and the others.
func init() { attachConsole() }

// Windows' file types (GetFileType), as far as they matter here.
const (
	fileTypeUnknown = 0 // no such handle, or none at all
	fileTypeDisk    = 1 // redirected to a file
	fileTypeChar    = 2 // a console (or another character device)
	fileTypePipe    = 3 // piped to another program
)

// keepStdHandle reports whether a standard handle the program started with
// should be kept after attaching to the parent's console: a redirection to
// a file or a pipe must be kept (`hankekirja.exe list contacts > x.txt`),
// while a missing handle is replaced by the console's.
func keepStdHandle(valid bool, fileType uint32) bool {
	if !valid {
		return false
	}
	switch fileType {
	case fileTypeDisk, fileTypePipe, fileTypeChar:
		return true
	}
	return false
}

// consoleDevice names the console device a replaced handle is opened on:
// input reads from the console, output and errors write to it.
func consoleDevice(input bool) string {
	if input {
		return "CONIN$"
	}
	return "CONOUT$"
}
