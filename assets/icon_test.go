package assets

import (
	"bytes"
	"image/png"
	"testing"
)

// The packages and the window take the icon as it is: a square PNG of
// 512×512 that Fyne's packager scales down.
func TestIconIsA512PNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(IconPNG))
	if err != nil {
		t.Fatalf("icon/hankekirja.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %d×%d, want 512×512", b.Dx(), b.Dy())
	}
	// A corner is transparent, so the icon sits on any background.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("the icon's corner is not transparent (alpha %d)", a)
	}
}
