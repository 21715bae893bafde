package model

import (
	"regexp"
	"strings"
)

// legacyNotes are the English sentences Hankekirja wrote as revision notes
// before notes had codes, one pattern per code; the named groups are the
// note's arguments. This is the only place that reads them.
var legacyNotes = []struct {
	re   *regexp.Regexp
	code NoteCode
}{
	{regexp.MustCompile(`^deleted$`), NoteDeleted},
	{regexp.MustCompile(`^restored from trash$`), NoteRestored},
	{regexp.MustCompile(`^restored revision (?P<Rev>\S+)$`), NoteRestoredRevision},
	{regexp.MustCompile(`^link to (?P<Name>(?s).+) removed$`), NoteLinkRemoved},
	{regexp.MustCompile(`^reopened: (?P<Reason>(?s).*)$`), NoteReopened},
	{regexp.MustCompile(`^merged with revision (?P<Rev>\S+) from device (?P<Device>\S+)$`), NoteMerged},
	{regexp.MustCompile(`^restored from trash: referred to by (?P<Name>(?s).+) \(snapshot import\)$`), NoteRestoredByImport},
	{regexp.MustCompile(`^removed link to missing (?P<Field>\S+)$`), NoteMissingLink},
}

// ParseLegacyNotes reads a revision note in the English form older
// versions stored (still found in old databases and snapshots): parts
// joined by "; ", each one of the sentences Note.String writes. A part it
// does not recognise is kept as written, as a NoteText note. "" gives nil.
func ParseLegacyNotes(s string) Notes {
	if s == "" {
		return nil
	}
	var out Notes
	for _, part := range strings.Split(s, "; ") {
		out = append(out, parseLegacyNote(part))
	}
	return out
}

func parseLegacyNote(part string) Note {
	for _, p := range legacyNotes {
		m := p.re.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		n := Note{Code: p.code}
		for i, name := range p.re.SubexpNames() {
			if name != "" {
				if n.Args == nil {
					n.Args = map[string]string{}
				}
				n.Args[name] = m[i]
			}
		}
		return n
	}
	return NewNote(NoteText, NoteArgText, part)
}
