package model

// Errors of an encrypted database. They live apart from errors.go, with
// their English texts added to the catalogue at start.
const (
	EPASSPHRASE = "passphrase" // the passphrase does not open the encrypted database
	ENEEDKEY    = "need_key"   // the database is encrypted and no passphrase was given
)

func init() {
	for k, v := range map[string]string{
		"error.passphrase_wrong":     "the passphrase does not open {{.Path}}; check it (letter case, keyboard layout) and try again. Nothing was changed",
		"error.passphrase_needed":    "{{.Path}} is encrypted: give its passphrase",
		"error.passphrase_mismatch":  "the two passphrases differ; type the same one twice",
		"error.passphrase_short":     "a passphrase needs at least {{.Count}} characters",
		"error.already_encrypted":    "{{.Path}} is already encrypted",
		"error.not_encrypted":        "{{.Path}} is not encrypted",
		"error.passphrase_tries":     "the passphrase was wrong three times; {{.Path}} was not opened",
		"error.passphrase_no_source": "{{.Path}} is encrypted: run in a terminal to type its passphrase, or set HANKEKIRJA_PASSPHRASE",
	} {
		englishMessages[k] = v
	}
}

// WrongPassphrase is the EPASSPHRASE error of the database at path.
func WrongPassphrase(path string) *Error {
	return &Error{Code: EPASSPHRASE, Key: "error.passphrase_wrong", Args: map[string]any{"Path": path}}
}

// NeedPassphrase is the ENEEDKEY error of the database at path.
func NeedPassphrase(path string) *Error {
	return &Error{Code: ENEEDKEY, Key: "error.passphrase_needed", Args: map[string]any{"Path": path}}
}
