package plainlocale

import (
	"os"
	"testing"
)

func TestApply(t *testing.T) {
	cases := []struct {
		lcAll, lang, language string
		want                  string
	}{
		{lang: "C.UTF-8", want: "fi"},
		{lang: "C.utf8", want: "fi"},
		{lang: "POSIX.UTF-8", want: "fi"},
		{lcAll: "C.UTF-8", lang: "sv_FI.UTF-8", want: "fi"},
		{lang: "C", want: ""},
		{lang: "", want: ""},
		{lang: "sv_FI.UTF-8", want: ""},
		{lang: "Catalan", want: ""},
		{lang: "C.UTF-8", language: "sv", want: "sv"},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		apply()
		if got := os.Getenv("LANGUAGE"); got != c.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: LANGUAGE becomes %q, want %q", c.lcAll, c.lang, c.language, got, c.want)
		}
	}
}
