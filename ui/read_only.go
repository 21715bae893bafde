package ui

// A database the store could open only for reading (a read-only disk, a
// file the user may only read) is shown with its records, exports and
// search working, and without the buttons that would make, change or
// delete records: each of them could only end in an error.

// readOnlyDatabase is a Database that says whether it was opened for
// reading only (the store's DB does).
type readOnlyDatabase interface{ ReadOnly() bool }

// readOnly reports whether the open database can only be read.
func (u *UI) readOnly() bool {
	ro, ok := u.db.(readOnlyDatabase)
	return ok && ro.ReadOnly()
}
