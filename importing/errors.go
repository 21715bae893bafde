package importing

import (
	"errors"
	"strconv"

	"hankekirja/assets"
)

// ErrRejected is returned with the report when a file has invalid rows and
// SkipInvalid is not set: nothing was imported.
var ErrRejected = errors.New("the file has invalid rows; nothing was imported")

// FormatError is a file that cannot be read at all (not CSV, no known
// columns, no cards) or an export that cannot be made (an unknown kind or
// vCard version). Key names its message in the catalogues.
type FormatError struct {
	Key  string
	Args map[string]any
	Err  error
}

func (e *FormatError) Error() string {
	s := e.Key
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FormatError) Unwrap() error { return e.Err }

// RowError is a failure tied to a row: a write the store refused, or a
// row the file format cannot read. Key, when set, names the message that
// says Err (an error of the file format, which the catalogues do not know
// by itself).
type RowError struct {
	Row int
	Err error
	Key string
}

func (e *RowError) Error() string { return "row " + strconv.Itoa(e.Row) + ": " + e.Err.Error() }
func (e *RowError) Unwrap() error { return e.Err }

// ErrorText says an error of an import or export to a person in language
// lang: a rejected file, a file that cannot be read, a row the store
// refused, or any error of the store.
func ErrorText(lang string, err error) string {
	var fe *FormatError
	var re *RowError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRejected):
		return assets.Message(lang, "table.rejected", nil)
	case errors.As(err, &fe):
		return assets.Message(lang, fe.Key, fe.Args)
	case errors.As(err, &re):
		text := ErrorText(lang, re.Err)
		if re.Key != "" {
			text = assets.Message(lang, re.Key, nil)
		}
		return assets.Message(lang, "table.row", map[string]any{"Count": re.Row}) + ": " + text
	}
	return assets.ErrorText(lang, err)
}
