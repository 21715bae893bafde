package store

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"

	"hankekirja/model"
)

// TestFileErrorsSayWhy: permission, a read-only disk and a full disk each
// have their own message; they were all "not a Hankekirja database or
// damaged" before.
func TestFileErrorsSayWhy(t *testing.T) {
	for _, tc := range []struct {
		err       error
		code, key string
	}{
		{&fs.PathError{Op: "open", Path: "/x.db", Err: syscall.EACCES}, model.EACCESS, "error.no_permission"},
		{&fs.PathError{Op: "open", Path: "/x.db", Err: syscall.EROFS}, model.EACCESS, "error.read_only_disk"},
		{&fs.PathError{Op: "write", Path: "/x.db", Err: syscall.ENOSPC}, model.EFULL, "error.disk_full"},
		{errors.New("something else"), model.EINTERNAL, ""},
	} {
		err := fileError("/x.db", tc.err)
		var me *model.Error
		if !errors.As(err, &me) || me.Code != tc.code || (tc.key != "" && me.Key != tc.key) {
			t.Errorf("fileError(%v) = %#v, want %s %s", tc.err, err, tc.code, tc.key)
		}
	}
}
