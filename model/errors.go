package model

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. Anything that is not an *Error reads to a user as an internal
// error.
const (
	ENOTFOUND = "not_found" // the record does not exist (or is in the trash)
	EINVALID  = "invalid"   // the user's input breaks a rule; Field says where
	ECONFLICT = "conflict"  // the change clashes with stored data (references, a newer revision)
	ELOCKED   = "locked"    // the database is open in another program
	EDAMAGED  = "damaged"   // the file is not a Hankekirja database or is damaged
	ENEWER    = "newer"     // the database was written by a newer Hankekirja
	EINTERNAL = "internal"  // a bug or an unexpected I/O failure
	EREADONLY = "read_only" // the record may not be changed (reference data, checked minutes)
	EACCESS   = "access"    // a file or folder cannot be read or written: no permission, a read-only disk
	EFULL     = "disk_full" // the disk is full
	EUNSURE   = "unsure"    // the disk failed while a change was being saved: it may be on disk; reopen
	EDISK     = "disk"      // the disk reported an error (EIO) reading or writing a file other than the database's commit
)

// Error is the one error type the application shows to users. Key names a
// message in the translation catalogues (assets/translation) and Args fill
// its template, so the UI can say it in the user's language and place it at
// Field. Message is the English text, for logs and callers without a
// catalogue.
type Error struct {
	Code  string
	Field string
	Key   string
	Args  map[string]any
	// Message is English; built from Key and Args when empty.
	Message string
	// Err is an underlying cause, kept for logs.
	Err error
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = EnglishMessage(e.Key, e.Args)
	}
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a code, a message key and its arguments.
func Errorf(code, key string, args map[string]any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Invalid returns an EINVALID error for a field.
func Invalid(field, key string) *Error {
	return &Error{Code: EINVALID, Field: field, Key: key}
}

// NotFound returns the ENOTFOUND error for a record.
func NotFound(kind Kind, id ID) *Error {
	return &Error{Code: ENOTFOUND, Key: "error.not_found", Args: map[string]any{"Kind": kind.String(), "ID": id.String()}}
}

// Internal wraps an unexpected failure.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Key: "error.internal", Args: map[string]any{"Detail": err.Error()}, Err: err}
}

// ValidationErrors collects every field error of one record, so a form can
// mark all of them at once. Its code is EINVALID.
type ValidationErrors []*Error

func (v ValidationErrors) Error() string {
	parts := make([]string, len(v))
	for i, e := range v {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// ErrorCode returns the code of the first *Error in err's chain, EINVALID for
// ValidationErrors, "" for nil and EINTERNAL for anything else.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var ve ValidationErrors
	if errors.As(err, &ve) {
		return EINVALID
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// FieldErrors returns the field errors in err (one for a plain *Error).
func FieldErrors(err error) []*Error {
	var ve ValidationErrors
	if errors.As(err, &ve) {
		return ve
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// errs accumulates validation errors.
type errs struct{ list ValidationErrors }

func (c *errs) add(e *Error) {
	if e != nil {
		c.list = append(c.list, e)
	}
}

func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	return c.list
}

// englishMessages are the English texts of the model's message keys, used by
// Error() when no catalogue is at hand. The catalogues in assets/translation
// hold the same keys in fi, sv and en (a test keeps them in step).
var englishMessages = map[string]string{
	"error.required":               "is required",
	"error.email":                  "is not a valid email address",
	"error.phone":                  "is not a valid phone number",
	"error.phone_vanity":           "has letters that do not make a valid phone number",
	"error.business_id":            "is not a valid business ID (Y-tunnus)",
	"error.ovt":                    "is not a valid e-invoice address (OVT)",
	"error.postal_code":            "must be five digits",
	"error.date":                   "is not a real date (d.M.yyyy)",
	"error.end_before_start":       "end is before the start",
	"error.negative_amount":        "must not be negative",
	"error.percent":                "must be between 0 and 100",
	"error.choice":                 "is not one of the allowed choices",
	"error.missing_ref":            "refers to a record that does not exist",
	"error.wrong_ref_kind":         "refers to the wrong kind of record",
	"error.self_parent":            "cannot be its own parent",
	"error.parent_cycle":           "would make a loop of parents",
	"error.municipality_code":      "must be three digits",
	"error.url":                    "is not a web address",
	"error.year":                   "is not a valid year",
	"error.not_found":              "{{.Kind}} {{.ID}} was not found",
	"error.internal":               "internal error: {{.Detail}}",
	"error.referenced":             "is still referred to by {{.Refs}}",
	"error.read_only":              "cannot be changed",
	"error.code_fixed":             "the official code of a municipality cannot be changed",
	"error.stale":                  "was changed elsewhere meanwhile; reload and try again",
	"error.locked":                 "the database {{.Path}} is already open in another Hankekirja window or program",
	"error.no_permission":          "no permission to open {{.Path}}; ask whoever manages the laptop, or open another file",
	"error.read_only_disk":         "{{.Path}} is on a disk that cannot be written to (read-only)",
	"error.disk_full":              "the disk of {{.Path}} is full; nothing was changed. Free some space and try again",
	"error.disk_error":             "the disk reported an error with {{.Path}} (input/output error); nothing in the database was changed. The disk may be failing: copy the database and its backups to another disk",
	"error.damaged":                "{{.Path}} is not a Hankekirja database or it is damaged; it was left untouched",
	"error.file_not_found":         "there is no file {{.Path}}; check the name and the folder",
	"error.commit_failed":          "saving to {{.Path}} failed: the disk reported an error. Nothing was changed; try again",
	"error.commit_unsure":          "the disk reported an error while saving to {{.Path}}; the change may have been saved. Close and reopen the database and look before you try again, so that nothing is saved twice",
	"error.database_read_only":     "{{.Path}} is open for reading only (the file or its disk cannot be written): nothing can be saved. Copy it to a folder of your own to edit it",
	"error.database_read_only_old": "{{.Path}} was made by an older Hankekirja and must be upgraded, which needs write access; copy it to a folder of your own and open the copy",
	"error.reopen_needed":          "after the disk error, {{.Path}} must be closed and reopened before anything more can be saved",
	"error.newer":                  "the database {{.Path}} was written by a newer Hankekirja (schema {{.Found}}); update Hankekirja to open it",
	"error.in_trash":               "is in the trash",
	"error.not_in_trash":           "is not in the trash",
	"error.duplicate":              "already exists",
	// Meetings.
	"error.meeting_year":             "must be the year of the meeting's date",
	"error.clock":                    "is not a time of day (h.mm)",
	"error.deputy_not_represented":   "only a member represented by a deputy has one",
	"error.too_many_checkers":        "a meeting has two minute checkers, not more",
	"error.checker_contact":          "must be one of the contacts",
	"error.checker_signs":            "must be someone other than the chair and the secretary, who sign the minutes anyway",
	"error.checkers_needed":          "checked minutes need two minute checkers",
	"error.no_such_item":             "refers to an agenda item (§) the meeting does not have",
	"error.left_before_arrived":      "is before the arrival",
	"error.status_change":            "this change of status is not allowed",
	"error.not_checked":              "only checked minutes can be reopened",
	"error.reopen_reason":            "a reason is required to reopen checked minutes",
	"error.minutes_checked":          "the minutes have been checked and cannot be changed; reopen them with a reason to correct them",
	"error.whole_number":             "must be a whole number",
	"error.cancel_held":              "a meeting already held cannot be cancelled",
	"error.duration":                 "must be at most 24 hours (1440 minutes)",
	"error.seconds_own":              "nobody can second their own proposal",
	"error.vote_no_counter_proposal": "a vote needs a counter-proposal to vote against",
	"error.vote_not_seconded":        "only a seconded counter-proposal is voted on",
	"error.votes_ballots":            "the counts do not agree with the votes by name",
	"error.voted_twice":              "has already voted",
	"error.votes_add_up":             "{{.Votes}} votes were cast but {{.Present}} members were present at the item",
}

// EnglishMessage renders a message key in English with simple {{.Name}}
// substitution.
func EnglishMessage(key string, args map[string]any) string {
	msg, ok := englishMessages[key]
	if !ok {
		msg = key
	}
	for k, v := range args {
		msg = strings.ReplaceAll(msg, "{{."+k+"}}", fmt.Sprint(v))
	}
	return msg
}

// MessageKeys lists the model's message keys, so that tests can check every
// translation catalogue has them.
func MessageKeys() []string {
	keys := make([]string, 0, len(englishMessages))
	for k := range englishMessages {
		keys = append(keys, k)
	}
	return keys
}
