//go:build !cgo

package morph

import "errors"

// libName is the library a cgo build loads; kept here so tests build alike.
var libName = "libvoikko.so.1"

// NewVoikko needs cgo to load libvoikko; without it New always falls back
// to Snowball.
func NewVoikko() (Analyser, error) {
	return nil, errors.New("morph: Voikko needs a cgo build")
}
