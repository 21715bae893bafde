package main

// runGUI opens the graphical interface on the database at path and returns
// the exit status when its last window closes. It is nil while the
// interface is not built into this binary, and run then says so; the GUI
// work sets it here (or from an init function in a file of its own), and
// nothing else in this package needs to change.
var runGUI func(path string) int
