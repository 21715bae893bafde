package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme with readable secondary text. Fyne
// draws a low-importance label (the second line of every list row, the
// notes beside values) in its "disabled" colour, which is #39393a on the
// dark theme's #171718 background (1.6:1) and #e3e3e3 on white in the
// light one: far under the 4.5:1 that WCAG asks of text. These greys
// keep the text visibly secondary and give at least 4.5:1 on the
// backgrounds it is drawn on (see theme_test.go).
type appTheme struct{ fyne.Theme }

var (
	secondaryOnDark  = color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9c, A: 0xff}
	secondaryOnLight = color.NRGBA{R: 0x55, G: 0x55, B: 0x59, A: 0xff}
)

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// Color is the default theme's colour, but for secondary text.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return secondaryOnDark
		}
		return secondaryOnLight
	}
	return t.Theme.Color(n, v)
}
