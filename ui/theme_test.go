package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over paints a translucent colour over an opaque one (a hover or
// selection highlight over the background).
func over(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// TestSecondaryTextIsReadable: the second line of a list row and every
// other low-importance label reach WCAG's 4.5:1 on the backgrounds they
// are drawn on, in both theme variants; Fyne's own colour did not.
func TestSecondaryTextIsReadable(t *testing.T) {
	th := newAppTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		bg := th.Color(theme.ColorNameBackground, v)
		fg := th.Color(theme.ColorNameDisabled, v)
		for name, back := range map[string]color.Color{
			"background":   bg,
			"hovered row":  over(th.Color(theme.ColorNameHover, v), bg),
			"selected row": over(th.Color(theme.ColorNameSelection, v), bg),
			"dialog":       over(th.Color(theme.ColorNameOverlayBackground, v), bg),
			"menu":         over(th.Color(theme.ColorNameMenuBackground, v), bg),
			"input":        over(th.Color(theme.ColorNameInputBackground, v), bg),
		} {
			if r := contrast(fg, back); r < 4.5 {
				t.Errorf("variant %d, %s: secondary text contrast %.2f:1, under 4.5:1", v, name, r)
			}
		}
		if r := contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, v), bg); r >= 4.5 {
			t.Errorf("variant %d: Fyne's own secondary colour already reaches %.2f:1; the override may go", v, r)
		}
	}
}
