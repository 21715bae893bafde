package store

import (
	"hankekirja/model"
)

// fileError is model.FileError: the user's words for a file that could
// not be opened or written.
func fileError(path string, err error) error { return model.FileError(path, err) }

// isFileProblem reports whether err is one fileError names.
func isFileProblem(err error) bool {
	c := model.ErrorCode(fileError("", err))
	return c == model.EACCESS || c == model.EFULL
}
