package store

import (
	"fmt"
	"os"
	"syscall"
	"testing"

	"hankekirja/model"
)

// TestFlattenedDiskErrors: bbolt gives some disk errors only as text
// (growing a file: "file sync error: %s"); they still get the disk's
// message, and other texts stay what they were.
func TestFlattenedDiskErrors(t *testing.T) {
	flat := func(errno syscall.Errno) error {
		return fmt.Errorf("file sync error: %s", &os.PathError{Op: "sync", Path: "/x/.a.db.compact-1", Err: errno})
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{flat(syscall.EIO), model.EDISK},
		{flat(syscall.ENOSPC), model.EFULL},
		{flat(syscall.EROFS), model.EACCESS},
		{&os.PathError{Op: "write", Path: "/x/a.db", Err: syscall.EIO}, model.EDISK},
		{fmt.Errorf("file size too small 0"), model.EINTERNAL},
		{fmt.Errorf("a message that mentions input/output error in passing"), model.EINTERNAL},
	} {
		err := fileError("/x/a.db", c.err)
		if got := model.ErrorCode(err); got != c.want {
			t.Errorf("%q: %s (%v), want %s", c.err, got, err, c.want)
		}
		if got := isFileProblem(c.err); got != (c.want != model.EINTERNAL) {
			t.Errorf("%q: isFileProblem %v", c.err, got)
		}
	}
}
