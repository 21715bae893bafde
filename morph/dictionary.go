package morph

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// voikkoName is the analyser's name as Settings shows it:
// "Voikko 4.3.1 (voikko-fi 2.5)", or without the dictionary's version when
// it cannot be read.
func voikkoName(libVersion, dictVersion string) string {
	name := "Voikko " + libVersion
	if dictVersion != "" {
		name += " (voikko-fi " + dictVersion + ")"
	}
	return name
}

// dictionaryVersion reads the version of the Finnish dictionary Voikko
// uses from its index.txt (the line "SM-Version: 2.5"). libvoikko's API
// tells a dictionary's description but not its version, so this looks in
// the places libvoikko itself searches, in its order: VOIKKO_DICTIONARY_PATH,
// ~/.voikko, /etc/voikko, then the directories it was built with (Debian's
// /usr/lib/voikko and /usr/share/voikko). Empty when none is found.
func dictionaryVersion() string {
	var dirs []string
	if p := os.Getenv("VOIKKO_DICTIONARY_PATH"); p != "" {
		dirs = append(dirs, filepath.SplitList(p)...)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".voikko"))
	}
	dirs = append(dirs, "/etc/voikko", "/usr/lib/voikko", "/usr/share/voikko")
	for _, d := range dirs {
		if v := readSMVersion(filepath.Join(d, "5", "mor-standard", "index.txt")); v != "" {
			return v
		}
	}
	return ""
}

func readSMVersion(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "SM-Version:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
