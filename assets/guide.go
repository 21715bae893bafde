package assets

import (
	"embed"
	"strings"
)

// The quick guide (Help → Pikaopas), one Markdown file per language, so
// that a translator edits prose rather than catalogue strings.
//
//go:embed guide
var guides embed.FS

// Guide returns the quick guide in lang (fi, sv or en), in Markdown;
// Finnish when there is none in lang.
func Guide(lang string) string {
	lang, _, _ = strings.Cut(lang, "-")
	b, err := guides.ReadFile("guide/guide." + lang + ".md")
	if err != nil {
		b, _ = guides.ReadFile("guide/guide.fi.md")
	}
	return string(b)
}
