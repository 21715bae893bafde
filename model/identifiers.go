package model

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// Finnish identifiers and formats. The rules follow the notes on Finnish
// identifiers in the reference data (Y-tunnus weights 7, 9, 10, 5, 8, 4, 2;
// OVT = 0037 + Y-tunnus digits + suffix; postal codes five digits; phone
// numbers with +358).

var businessIDPattern = regexp.MustCompile(`^[0-9]{7}-[0-9]$`)

// ValidBusinessID reports whether s is a Y-tunnus with a correct check digit.
func ValidBusinessID(s string) bool {
	if !businessIDPattern.MatchString(s) {
		return false
	}
	weights := [7]int{7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	r := sum % 11
	if r == 1 {
		return false // no check digit exists; no such ID is issued
	}
	check := 0
	if r != 0 {
		check = 11 - r
	}
	return int(s[8]-'0') == check
}

// OVTFromBusinessID returns the OVT code (e-invoice address) of a Y-tunnus
// with an optional suffix: 2844969-4 → 003728449694.
func OVTFromBusinessID(businessID, suffix string) string {
	return "0037" + strings.ReplaceAll(businessID, "-", "") + suffix
}

var ovtPattern = regexp.MustCompile(`^0037[0-9]{8}[0-9A-Za-z]{0,5}$`)

// ValidOVT reports whether s is 0037 + a valid Y-tunnus (without its hyphen)
// + a suffix of at most five characters.
func ValidOVT(s string) bool {
	if !ovtPattern.MatchString(s) {
		return false
	}
	digits := s[4:12]
	return ValidBusinessID(digits[:7] + "-" + digits[7:])
}

var postalCodePattern = regexp.MustCompile(`^[0-9]{5}$`)

// ValidPostalCode reports whether s is a Finnish postal code (five digits).
func ValidPostalCode(s string) bool { return postalCodePattern.MatchString(s) }

// ValidEmail reports whether s is a plain email address (no display name).
func ValidEmail(s string) bool {
	if strings.ContainsAny(s, " <>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// ValidURL reports whether s is an http(s) address.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ValidMunicipalityCode reports whether s is a three-digit municipality code.
func ValidMunicipalityCode(s string) bool {
	return len(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// required reports an error when s is blank.
func required(field, s string) *Error {
	if strings.TrimSpace(s) == "" {
		return Invalid(field, "error.required")
	}
	return nil
}

// oneOf reports an error when s is set and not among the choices.
func oneOf[T comparable](field string, v T, choices []T) *Error {
	var zero T
	if v == zero {
		return nil
	}
	for _, c := range choices {
		if v == c {
			return nil
		}
	}
	return Invalid(field, "error.choice")
}
