package assets

import _ "embed"

// IconPNG is Hankekirja's icon, 512×512, rendered from icon/hankekirja.svg
// (see icon/README.md). The window, the About dialog and the packages use
// it.
//
//go:embed icon/hankekirja.png
var IconPNG []byte
