package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hankekirja/model"
)

// formatTime shows a moment in local time the Finnish way: "16.4.2019 9.07".
func formatTime(t time.Time) string {
	t = t.Local()
	return fmt.Sprintf("%d.%d.%d %d.%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

// separators returns the thousands separator and the decimal mark of lang.
func separators(lang string) (thousands, decimal string) {
	if lang == "en" {
		return ",", "."
	}
	return " ", ","
}

// formatInt groups the digits of n by thousands: 46 855 (fi), 46,855 (en).
func formatInt(lang string, n int64) string {
	sep, _ := separators(lang)
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// formatCents shows an amount of euro cents: "1 250 000,00 €" (fi, sv),
// "€1,250,000.00" (en).
func formatCents(lang string, cents int64) string {
	thousands, dec := separators(lang)
	s := model.FormatCentsWith(cents, thousands, dec)
	if lang == "en" {
		if rest, neg := strings.CutPrefix(s, "-"); neg {
			return "-€" + rest
		}
		return "€" + s
	}
	return s + " €"
}

// formatDecimal shows a number with at most two decimals and lang's
// decimal mark: 12,5.
func formatDecimal(lang string, f float64) string {
	_, dec := separators(lang)
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s) > i+3 {
		s = strconv.FormatFloat(f, 'f', 2, 64)
	}
	return strings.Replace(s, ".", dec, 1)
}

// formatSize shows a size in bytes in binary units: "1,5 MiB".
func formatSize(lang string, n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	_, dec := separators(lang)
	f := float64(n)
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	i := -1
	for f >= unit && i < len(units)-1 {
		f /= unit
		i++
	}
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", dec, 1) + " " + units[i]
}
