package store

import (
	"errors"
	"strings"
	"syscall"

	"hankekirja/model"
)

// fileError is model.FileError: the user's words for a file that could
// not be opened or written.
func fileError(path string, err error) error { return model.FileError(path, unflatten(err)) }

// isFileProblem reports whether err is one fileError names.
func isFileProblem(err error) bool {
	c := model.ErrorCode(fileError("", err))
	return c == model.EACCESS || c == model.EFULL || c == model.EDISK
}

// flattenedErrnos are the disk's errors that bbolt sometimes gives only as
// text: growing a file, it reports "file sync error: sync …: input/output
// error" with %s, and the errno is no longer in the chain.
var flattenedErrnos = []syscall.Errno{syscall.EIO, syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EACCES}

// flattened is an error whose errno came back from its text.
type flattened struct {
	err   error
	errno syscall.Errno
}

func (f flattened) Error() string   { return f.err.Error() }
func (f flattened) Unwrap() []error { return []error{f.err, f.errno} }

// unflatten gives err its errno back when bbolt flattened it into text.
func unflatten(err error) error {
	var errno syscall.Errno
	if err == nil || errors.As(err, &errno) {
		return err
	}
	for _, e := range flattenedErrnos {
		if strings.HasSuffix(err.Error(), ": "+e.Error()) {
			return flattened{err, e}
		}
	}
	return err
}
