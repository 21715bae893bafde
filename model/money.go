package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Amounts of money are int64 euro cents (FundingLine.Amount), so that sums
// are exact. These are the one formatter and the one parser of them.

// FormatCents writes an amount of euro cents the Finnish way, without the
// currency: digits grouped by thousands with a space, a decimal comma and
// always two decimals: "1 234,50", "-60 000,00", "0,05".
func FormatCents(cents int64) string { return FormatCentsWith(cents, " ", ",") }

// FormatCentsWith is FormatCents with other marks: thousands "" groups
// nothing (a CSV cell a spreadsheet must read as a number: "1234,50"), and
// "," with "." is the English "1,234.50".
func FormatCentsWith(cents int64, thousands, decimal string) string {
	sign := ""
	u := uint64(cents)
	if cents < 0 {
		// -cents overflows for the smallest int64; this does not.
		sign, u = "-", uint64(-(cents+1))+1
	}
	whole := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	fmt.Fprintf(&b, "%s%02d", decimal, u%100)
	return b.String()
}

// ParseCents reads an amount of euros as people type it into cents:
// "60 000,00", "60000", "60 000 €", "1.500,50", "1500.5", "-100". Any
// spaces (also no-break ones) and the euro sign are ignored, and so is an
// apostrophe (the Swiss thousands separator). A comma is the decimal mark,
// dots before it separate thousands; without a comma one dot followed by at
// most two digits is the decimal mark ("1500.5") and other dots separate
// thousands ("1.500"). At most two decimals; blank is zero.
func ParseCents(s string) (int64, error) {
	in := s
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '€', r == '\'':
			return -1
		case r == '−' || r == '–':
			return '-'
		}
		return r
	}, s)
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	whole, frac := s, ""
	if i := strings.LastIndex(s, ","); i >= 0 {
		whole, frac = strings.ReplaceAll(s[:i], ".", ""), s[i+1:]
	} else if i := strings.LastIndex(s, "."); i >= 0 {
		if strings.Count(s, ".") == 1 && len(s)-i-1 <= 2 {
			whole, frac = s[:i], s[i+1:]
		} else {
			whole = strings.ReplaceAll(s, ".", "")
		}
	}
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, fmt.Errorf("not an amount: %q", in)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	euros, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || euros > (math.MaxInt64-99)/100 {
		return 0, fmt.Errorf("not an amount: %q", in)
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	v := euros*100 + cents
	if neg {
		v = -v
	}
	return v, nil
}
