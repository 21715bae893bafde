package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date without a time of day or zone (a meeting's day, a
// project's start). The zero Date means "not set". JSON form: "2019-04-16".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date, or the zero Date and false when it does not
// exist (31.2.2019).
func NewDate(year int, month time.Month, day int) (Date, bool) {
	t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
	if t.Year() != year || t.Month() != month || t.Day() != day || year < 1 || year > 9999 {
		return Date{}, false
	}
	return Date{year, month, day}, true
}

// MustDate is NewDate for literals known to be valid (example data, tests).
func MustDate(year int, month time.Month, day int) Date {
	d, ok := NewDate(year, month, day)
	if !ok {
		panic(fmt.Sprintf("model: invalid date %d-%d-%d", year, month, day))
	}
	return d
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// Today returns the local calendar date.
func Today() Date { return DateOf(time.Now()) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns the date at noon UTC, for arithmetic and comparisons.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or 1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String formats the date the Finnish way, d.M.yyyy ("16.4.2019"); the zero
// date is "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d.%d.%d", d.Day, int(d.Month), d.Year)
}

// ISO formats the date as yyyy-mm-dd.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// ParseDate reads a date as users type it: d.M.yyyy (Finnish, also with a
// trailing dot or leading zeros) or yyyy-mm-dd. "" is the zero date. A date
// that does not exist is an error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if s == "" {
		return Date{}, nil
	}
	var parts []string
	var y, m, d string
	if strings.Contains(s, "-") {
		parts = strings.Split(s, "-")
		if len(parts) == 3 {
			y, m, d = parts[0], parts[1], parts[2]
		}
	} else {
		parts = strings.Split(s, ".")
		if len(parts) == 3 {
			d, m, y = parts[0], parts[1], parts[2]
		}
	}
	if len(parts) != 3 || len(y) != 4 {
		return Date{}, fmt.Errorf("not a date: %q", s)
	}
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("not a date: %q", s)
	}
	date, ok := NewDate(yi, time.Month(mi), di)
	if !ok {
		return Date{}, fmt.Errorf("no such date: %q", s)
	}
	return date, nil
}

// MarshalText encodes the date as yyyy-mm-dd ("" when unset).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.ISO()), nil }

// UnmarshalText decodes yyyy-mm-dd (or d.M.yyyy).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is a span of dates; either end may be open.
type Period struct {
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
}

// Contains reports whether d falls within the period (ends inclusive, an
// unset end is open).
func (p Period) Contains(d Date) bool {
	if !p.Start.IsZero() && d.Before(p.Start) {
		return false
	}
	if !p.End.IsZero() && p.End.Before(d) {
		return false
	}
	return true
}

// String formats the period "1.1.2016–31.12.2017".
func (p Period) String() string {
	if p.Start.IsZero() && p.End.IsZero() {
		return ""
	}
	return p.Start.String() + "–" + p.End.String()
}

// validate checks that the end is not before the start.
func (p Period) validate(field string) *Error {
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		return Invalid(field, "error.end_before_start")
	}
	return nil
}
