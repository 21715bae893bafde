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

// NormalizePhone turns a phone number as typed ("040 123 4567",
// "+358 40 1234567", "00358 9 1234 5678") into the stored international form
// ("+358401234567"). Foreign numbers in + or 00 form are kept in + form. It
// returns false when s is not a phone number.
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/':
		default:
			return "", false
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(n, "+358"):
		n = n[4:]
	case strings.HasPrefix(n, "00358"):
		n = n[5:]
	case strings.HasPrefix(n, "00"): // international prefix: 0046 … is +46 …
		n = "+" + n[2:]
		fallthrough
	case strings.HasPrefix(n, "+"):
		if len(n) < 8 || len(n) > 16 || n[1] == '0' { // no country code starts with 0
			return "", false
		}
		return n, true
	case strings.HasPrefix(n, "0"):
		n = n[1:]
	default:
		return "", false
	}
	n = strings.TrimPrefix(n, "0") // "+358 (0)40 …"
	// The national significant number is 5–12 digits and does not start with 0.
	if len(n) < 5 || len(n) > 12 || n[0] == '0' {
		return "", false
	}
	return "+358" + n, true
}

// FormatPhone shows a stored +358 number in the national form users read
// ("+358401234567" → "040 123 4567", "+35891234567" → "09 123 4567",
// "+358912345678" → "09 1234 5678"): the last group has four digits.
// Other numbers are returned unchanged.
func FormatPhone(s string) string {
	if !strings.HasPrefix(s, "+358") {
		return s
	}
	n := "0" + s[4:]
	prefix := areaCodeLength(n)
	rest := n[prefix:]
	if len(rest) > 4 {
		cut := len(rest) - 4
		rest = rest[:cut] + " " + rest[cut:]
	}
	return n[:prefix] + " " + rest
}

// areaCodeLength returns how many leading digits of a national number
// (starting with 0) form its area or operator code.
func areaCodeLength(n string) int {
	switch {
	case strings.HasPrefix(n, "04"), strings.HasPrefix(n, "050"):
		return 3
	case len(n) > 2 && n[1] == '1': // 013–019, 010
		return 3
	case strings.HasPrefix(n, "020"), strings.HasPrefix(n, "030"), strings.HasPrefix(n, "07"):
		return 3
	default:
		return 2
	}
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
