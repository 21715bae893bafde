package model

import (
	"errors"
	"io/fs"
	"syscall"
)

// FileError says in the user's terms why a file could not be opened, read
// or written: no permission, a read-only disk, a full disk, a file that is
// not there each have their own message; anything else stays an internal
// error. It returns nil for nil and a model error unchanged.
func FileError(path string, err error) error {
	var me *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &me):
		return err
	case errors.Is(err, syscall.EROFS):
		return &Error{Code: EACCESS, Key: "error.read_only_disk", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Code: EACCESS, Key: "error.no_permission", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &Error{Code: EFULL, Key: "error.disk_full", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, syscall.EIO):
		return &Error{Code: EDISK, Key: "error.disk_error", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Code: ENOTFOUND, Key: "error.file_not_found", Args: map[string]any{"Path": path}, Err: err}
	}
	return Internal(err)
}
