// Package plainlocale keeps Fyne's language lookup quiet under the C
// locale.
//
// Fyne's lang package reads the locale in its init function and logs
// "Error parsing user locale C" (three lines on standard error) when the
// locale is C.UTF-8 or POSIX.UTF-8, as it is in containers, CI and many
// servers: it takes "C" for a language tag and fails. That runs before
// main, so every subcommand would print those lines before its own
// output. Importing this package for its side effect, from main, fixes
// the environment first: under such a locale, with LANGUAGE unset, it
// sets LANGUAGE to the application's default language, which Fyne then
// reads instead. The locale itself (LANG, LC_*) is left as it was.
//
// Why this runs first: since Go 1.21 packages are initialised in import
// path order among those whose imports are ready. This package imports
// only syscall, so it is ready as soon as syscall is, and "hankekirja/…"
// sorts before "os", which Fyne's lang package needs; it is therefore
// initialised before os and so before lang. It must keep importing
// nothing but syscall (os.Getenv and os.Setenv use syscall's copy of the
// environment, so the change is seen by everything later).
package plainlocale

import "syscall"

// defaultLanguage is the language the interface falls back to (Finnish).
const defaultLanguage = "fi"

func init() { apply() }

// apply sets LANGUAGE when the effective locale is a C or POSIX one with a
// codeset ("C.UTF-8"), which Fyne cannot parse. A plain "C" or "POSIX" is
// left alone: Fyne's locale lookup already treats those as no locale.
func apply() {
	if v, ok := syscall.Getenv("LANGUAGE"); ok && v != "" {
		return
	}
	if isCodesetC(effectiveLocale()) {
		syscall.Setenv("LANGUAGE", defaultLanguage)
	}
}

// effectiveLocale is the locale gettext uses for messages: the first of
// LC_ALL, LC_MESSAGES and LANG that is set.
func effectiveLocale() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, _ := syscall.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// isCodesetC reports whether l is the C or POSIX locale with a codeset or
// modifier ("C.UTF-8", "C.utf8", "POSIX.UTF-8@x").
func isCodesetC(l string) bool {
	for _, p := range []string{"C.", "C@", "POSIX.", "POSIX@"} {
		if len(l) > len(p) && l[:len(p)] == p {
			return true
		}
	}
	return false
}
