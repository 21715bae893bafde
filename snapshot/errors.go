package snapshot

import (
	"errors"

	"hankekirja/assets"
	"hankekirja/model"
)

// The message keys of the errors this package returns, each a
// *model.Error with the key's text in assets/translation/snapshot.*.json.
const (
	KeyNotSnapshot = "snapshot.error.not_snapshot" // not a snapshot at all
	KeyVersion     = "snapshot.error.version"      // a newer format version
	KeyUnknownData = "snapshot.error.unknown_data" // fields this version does not know
	KeyTruncated   = "snapshot.error.truncated"    // the file is cut short
	KeyChecksum    = "snapshot.error.checksum"     // content and checksum disagree
	KeyMalformed   = "snapshot.error.malformed"    // a line that is not what the format says
	// KeyMalformedRecord is KeyMalformed for a line that names its record.
	KeyMalformedRecord = "snapshot.error.malformed_record"
	// KeyInvalidText is a line that is not UTF-8 text.
	KeyInvalidText = "snapshot.error.invalid_text"
	// KeyRevisionContent is a record whose content does not match the
	// checksum its line gives: changed after export.
	KeyRevisionContent = "snapshot.error.revision_content"
	// KeyRevisionChanged is a record the snapshot holds under a revision
	// this database has with other content.
	KeyRevisionChanged = "snapshot.error.revision_changed"
	// KeyKindChanged is a record of one kind in the snapshot and another here.
	KeyKindChanged   = "snapshot.error.kind_changed"
	KeyDuplicate     = "snapshot.error.duplicate"      // one ID twice
	KeyLimit         = "snapshot.error.limit"          // beyond a documented limit
	KeyEncrypted     = "snapshot.error.encrypted"      // a passphrase is needed
	KeyPassphrase    = "snapshot.error.passphrase"     // the passphrase is wrong
	KeyTampered      = "snapshot.error.tampered"       // encrypted content fails authentication
	KeyMissingRef    = "snapshot.error.missing_ref"    // a reference neither side can satisfy
	KeyInvalidRecord = "snapshot.error.invalid_record" // a merged record breaks a rule
	KeyStale         = "snapshot.error.stale"          // the database changed after the preview
	KeyReferenced    = "snapshot.error.referenced"     // a chosen trash move leaves references behind
)

// newError returns a *model.Error with its English message filled in from
// the catalogue (for logs and callers without one).
func newError(code, key string, args map[string]any, cause error) *model.Error {
	return &model.Error{Code: code, Key: key, Args: args, Message: assets.Message("en", key, args), Err: cause}
}

func damagedAt(line int, detail string) *model.Error {
	return newError(model.EDAMAGED, KeyMalformed, map[string]any{"Count": line, "Detail": detail}, nil)
}

func limitError(detail string) *model.Error {
	return newError(model.EINVALID, KeyLimit, map[string]any{"Detail": detail}, nil)
}

// ErrorKey returns the message key of err when it is a *model.Error, "" otherwise.
func ErrorKey(err error) string {
	var me *model.Error
	if errors.As(err, &me) {
		return me.Key
	}
	return ""
}
