package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// NoteCode says why a revision was made when it is not an ordinary edit.
// The code is stored in the revision's metadata and travels in snapshots,
// so its value is part of the file formats: never rename one. The user
// interface says it in the user's language under the key "ui.note_<code>".
type NoteCode string

// The revision notes and the arguments each carries.
const (
	NoteDeleted          NoteCode = "deleted"            // moved to the trash
	NoteRestored         NoteCode = "restored"           // restored from the trash
	NoteRestoredRevision NoteCode = "restored_revision"  // Rev: the revision made current again
	NoteLinkRemoved      NoteCode = "link_removed"       // Name: the deleted record a link pointed at
	NoteReopened         NoteCode = "reopened"           // Reason: why checked minutes were reopened
	NoteMerged           NoteCode = "merged"             // Rev, Device: the revision merged in and where it came from
	NoteRestoredByImport NoteCode = "restored_by_import" // Name: the imported record that refers to this one
	NoteMissingLink      NoteCode = "missing_link"       // Field: the reference removed because its target is gone
	// NoteText is a note in words that no code stands for: what an older
	// Hankekirja wrote that ParseLegacyNotes does not recognise. Text holds
	// it as written.
	NoteText NoteCode = "text"
)

// The argument names of notes; they are also the names the catalogue
// templates use ({{.Name}}).
const (
	NoteArgRev    = "Rev"
	NoteArgDevice = "Device"
	NoteArgName   = "Name"
	NoteArgReason = "Reason"
	NoteArgField  = "Field"
	NoteArgText   = "Text"
)

// NoteCodes lists every code that is translated where notes are shown (all
// but NoteText, which is shown as written), so a test can check the
// catalogues have them.
func NoteCodes() []NoteCode {
	return []NoteCode{NoteDeleted, NoteRestored, NoteRestoredRevision, NoteLinkRemoved,
		NoteReopened, NoteMerged, NoteRestoredByImport, NoteMissingLink}
}

// Note is one reason a revision was made: a code and its arguments.
type Note struct {
	Code NoteCode          `json:"code"`
	Args map[string]string `json:"args,omitempty"`
}

// NewNote returns a note with code and arguments given as name, value
// pairs.
func NewNote(code NoteCode, nameValues ...string) Note {
	n := Note{Code: code}
	for i := 0; i+1 < len(nameValues); i += 2 {
		if n.Args == nil {
			n.Args = map[string]string{}
		}
		n.Args[nameValues[i]] = nameValues[i+1]
	}
	return n
}

// Arg returns the argument name ("" when the note has none by that name).
func (n Note) Arg(name string) string { return n.Args[name] }

// String says the note in English, for logs and the command line, in the
// words older versions stored (ParseLegacyNotes reads them back).
func (n Note) String() string {
	switch n.Code {
	case NoteDeleted:
		return "deleted"
	case NoteRestored:
		return "restored from trash"
	case NoteRestoredRevision:
		return "restored revision " + n.Arg(NoteArgRev)
	case NoteLinkRemoved:
		return "link to " + n.Arg(NoteArgName) + " removed"
	case NoteReopened:
		return "reopened: " + n.Arg(NoteArgReason)
	case NoteMerged:
		return "merged with revision " + n.Arg(NoteArgRev) + " from device " + n.Arg(NoteArgDevice)
	case NoteRestoredByImport:
		return "restored from trash: referred to by " + n.Arg(NoteArgName) + " (snapshot import)"
	case NoteMissingLink:
		return "removed link to missing " + n.Arg(NoteArgField)
	case NoteText:
		return n.Arg(NoteArgText)
	}
	return string(n.Code)
}

// Notes are the reasons of one revision, in the order they arose
// ("restored revision X", then "removed link to missing parent").
//
// In JSON they are a list of {"code", "args"} objects. Older versions
// stored one English string; decoding still accepts it, through
// ParseLegacyNotes, so old databases and snapshots keep their notes.
type Notes []Note

// String says the notes in English, joined by "; " as older versions did.
func (ns Notes) String() string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, "; ")
}

// Has reports whether one of the notes has code c.
func (ns Notes) Has(c NoteCode) bool {
	for _, n := range ns {
		if n.Code == c {
			return true
		}
	}
	return false
}

// UnmarshalJSON reads the list form and, from older files, the English
// string form.
func (ns *Notes) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*ns = ParseLegacyNotes(s)
		return nil
	}
	// Strictly, as snapshots are read: a field this version does not know
	// would otherwise be dropped when the revision is stored.
	var list []Note
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return err
	}
	*ns = list
	return nil
}
