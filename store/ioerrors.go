package store

import (
	"errors"
	"io/fs"
	"syscall"

	"hankekirja/model"
)

// fileError says in the user's terms why a file could not be opened or
// written: no permission, a read-only disk, a full disk each have their
// own message; anything else stays an internal error. It returns nil for
// nil.
func fileError(path string, err error) error {
	var me *model.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &me):
		return err
	case errors.Is(err, syscall.EROFS):
		return &model.Error{Code: model.EACCESS, Key: "error.read_only_disk", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &model.Error{Code: model.EACCESS, Key: "error.no_permission", Args: map[string]any{"Path": path}, Err: err}
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &model.Error{Code: model.EFULL, Key: "error.disk_full", Args: map[string]any{"Path": path}, Err: err}
	}
	return model.Internal(err)
}

// isFileProblem reports whether err is one fileError names.
func isFileProblem(err error) bool {
	c := model.ErrorCode(fileError("", err))
	return c == model.EACCESS || c == model.EFULL
}
