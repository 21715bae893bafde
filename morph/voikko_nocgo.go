//go:build !cgo || windows

package morph

import "errors"

// libName is the library a cgo build loads; kept here so tests build alike.
var libName = "libvoikko.so.1"

// NewVoikko loads libvoikko with dlopen, which needs cgo on a Unix system.
// Without cgo, and on Windows (where Voikko is seldom installed and this
// build has no loader for its DLL), New always falls back to Snowball.
func NewVoikko() (Analyser, error) {
	return nil, errors.New("morph: Voikko is not loaded in this build")
}
