package model

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the country a national phone number belongs to when
// nothing on the record says otherwise.
const DefaultRegion = "FI"

// Phone problems: why a phone number could not be read. They are
// translation keys (error.phone…) so the form and the import preview can
// say which.
const (
	PhoneOK      = ""
	PhoneInvalid = "error.phone"
	// PhoneVanity is a number with letters (1-800-MYFAX) that does not
	// give a valid number when the letters are turned into digits.
	PhoneVanity = "error.phone_vanity"
)

// extension finds an extension at the end of a number as address books
// write it: ";ext=5555" (RFC 3966), "ext. 12", "x12", "#12".
var extension = regexp.MustCompile(`(?i)^(.*?)\s*(?:;\s*ext=|\bext\.?|\bx|#)\s*(\d{1,7})$`)

// vanityWord is a run of at least three capitals, as in 1-800-FLOWERS; a
// lone letter is a typing mistake, not a vanity number.
var vanityWord = regexp.MustCompile(`[A-Z]{3,}`)

// NormalizePhone turns a phone number as typed ("040 123 4567",
// "+358 40 1234567", "00358 9 1234 5678") into the stored form, E.164
// ("+358401234567"); a national number is Finnish. It returns false when
// s is not a phone number. See NormalizePhoneIn.
func NormalizePhone(s string) (string, bool) {
	n, problem := NormalizePhoneIn(s, DefaultRegion)
	return n, problem == PhoneOK
}

// NormalizePhoneIn turns a phone number as typed into its stored form: E.164
// ("+49351223344"), with ";ext=N" after it when the number has an
// extension. A national number ("0351 223344") belongs to region, an ISO
// 3166 code ("DE"); empty means DefaultRegion. Numbers with letters
// (1-800-FLOWERS) are converted to digits when that gives a valid number.
// Parsing, validation and formatting follow libphonenumber's metadata.
//
// The second result is PhoneOK, or the translation key of the problem.
func NormalizePhoneIn(s, region string) (string, string) {
	if region == "" {
		region = DefaultRegion
	}
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	main, ext := s, ""
	if m := extension.FindStringSubmatch(s); m != nil {
		main, ext = m[1], m[2]
	}
	problem := PhoneInvalid
	if vanityWord.MatchString(main) && strings.ContainsAny(main, "0123456789") {
		main = phonenumbers.ConvertAlphaCharactersInNumber(main)
		problem = PhoneVanity
	}
	digits, ok := phoneDigits(main)
	if !ok {
		return "", problem
	}
	switch {
	case strings.HasPrefix(digits, "00"):
		// The international prefix of Finland and most of Europe.
		digits = "+" + digits[2:]
	}
	switch {
	case strings.HasPrefix(digits, "+0"):
		return "", problem // no country code starts with 0
	case strings.HasPrefix(digits, "+"):
	default:
		// Where national numbers start with the trunk prefix 0 (Finland,
		// most of Europe), one without it is missing a digit rather than
		// being a number.
		if phonenumbers.GetNddPrefixForRegion(region, true) == "0" && !strings.HasPrefix(digits, "0") {
			return "", problem
		}
	}
	// A number in full international form (as every stored one is, which
	// Validate normalises again) needs no parser.
	num := storedNumber(digits)
	if num == nil {
		var err error
		if num, err = phonenumbers.Parse(digits, region); err != nil {
			return "", problem
		}
	}
	if !phonenumbers.IsPossibleNumber(num) {
		return "", problem
	}
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if nsn == "" || (nsn[0] == '0' && !num.GetItalianLeadingZero()) {
		// "+358 00 …", or a trunk prefix left over from a number too short.
		return "", problem
	}
	if num.GetItalianLeadingZero() && !phonenumbers.IsValidNumber(num) {
		return "", problem
	}
	if problem == PhoneVanity && !phonenumbers.IsValidNumber(num) {
		return "", problem
	}
	out := phonenumbers.Format(num, phonenumbers.E164)
	if ext != "" {
		out += ";ext=" + ext
	}
	return out, PhoneOK
}

// phoneDigits keeps the digits of a number and a leading +, dropping the
// separators people type; anything else makes it not a number.
func phoneDigits(s string) (string, bool) {
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
	d := b.String()
	return d, strings.Trim(d, "+") != ""
}

// parseStored reads a stored number back. ok is false for anything that
// is not in stored form.
func parseStored(s string) (*phonenumbers.PhoneNumber, bool) {
	if !strings.HasPrefix(s, "+") {
		return nil, false
	}
	main, ext, _ := strings.Cut(s, ";ext=")
	num := storedNumber(main)
	if num == nil {
		var err error
		if num, err = phonenumbers.Parse(main, DefaultRegion); err != nil {
			return nil, false
		}
	}
	if ext != "" {
		num.Extension = &ext
	}
	return num, true
}

// storedNumber makes the number of e164 ("+358401234567", as Phones
// holds them) without libphonenumber's parser, whose regular expressions
// were a seventh of check's time at the archive (every contact's search
// words have every form of its numbers): calling codes are prefix-free,
// so the first one to three digits that are a known code are the
// country's and the rest is the national number. A national number with a
// leading zero (Italy's), or anything that is not plain digits, is left
// to the parser (nil).
func storedNumber(e164 string) *phonenumbers.PhoneNumber {
	digits, ok := strings.CutPrefix(e164, "+")
	if !ok || len(digits) < 4 || len(digits) > 17 || strings.Trim(digits, "0123456789") != "" {
		return nil
	}
	for l := 1; l <= 3; l++ {
		cc, _ := strconv.Atoi(digits[:l])
		if phonenumbers.GetRegionCodeForCountryCode(cc) == "ZZ" {
			continue
		}
		if digits[l] == '0' {
			return nil
		}
		nn, err := strconv.ParseUint(digits[l:], 10, 64)
		if err != nil {
			return nil
		}
		c := int32(cc)
		return &phonenumbers.PhoneNumber{CountryCode: &c, NationalNumber: &nn}
	}
	return nil
}

// FormatPhone shows a stored number as people read it: a Finnish number in
// national form with the last group of four digits ("+358401234567" →
// "040 123 4567", "+358912345678" → "09 1234 5678"), any other in
// international form ("+46812345678" → "+46 8 123 456 78"). What is not in
// stored form is returned unchanged.
func FormatPhone(s string) string {
	num, ok := parseStored(s)
	if !ok {
		return s
	}
	if num.GetCountryCode() != 358 {
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	ext := num.GetExtension()
	num.Extension = nil
	// libphonenumber separates the area or operator code ("040 1234567");
	// Finnish custom also splits the subscriber number before its last
	// four digits.
	nat := phonenumbers.Format(num, phonenumbers.NATIONAL)
	area, rest, found := strings.Cut(nat, " ")
	if !found {
		area, rest = "0"+phonenumbers.GetNationalSignificantNumber(num), ""
		if len(area) > 3 {
			area, rest = area[:3], area[3:]
		}
	}
	rest = strings.ReplaceAll(rest, " ", "")
	if len(rest) > 4 {
		cut := len(rest) - 4
		rest = rest[:cut] + " " + rest[cut:]
	}
	out := strings.TrimSpace(area + " " + rest)
	if ext != "" {
		out += " ext. " + ext
	}
	return out
}

// PhoneSearchText is what search indexes for a stored number, so that it
// is found however it is typed: the digits of the E.164 form
// ("358401234567"), the national digits with and without the trunk
// prefix ("0401234567", "401234567"), and the groups of the shown and the
// international forms ("040", "123", "4567"; "358", "40").
func PhoneSearchText(s string) string {
	num, ok := parseStored(s)
	if !ok {
		return s
	}
	num.Extension = nil
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	words := []string{e164[1:], nsn, FormatPhone(s), phonenumbers.Format(num, phonenumbers.INTERNATIONAL)}
	if ndd := phonenumbers.GetNddPrefixForRegion(phonenumbers.GetRegionCodeForNumber(num), true); ndd != "" {
		words = append(words, ndd+nsn)
	}
	return strings.Join(words, " ")
}
