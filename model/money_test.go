package model

import (
	"math"
	"testing"
)

func TestFormatCents(t *testing.T) {
	for _, c := range []struct {
		cents int64
		want  string
	}{
		{0, "0,00"},
		{5, "0,05"},
		{-5, "-0,05"},
		{123450, "1 234,50"},
		{-10050, "-100,50"},
		{6000000, "60 000,00"},
		{910000000, "9 100 000,00"},
		{99999, "999,99"},
		{100000, "1 000,00"},
		{math.MinInt64, "-92 233 720 368 547 758,08"},
		{math.MaxInt64, "92 233 720 368 547 758,07"},
	} {
		if got := FormatCents(c.cents); got != c.want {
			t.Errorf("FormatCents(%d) = %q, want %q", c.cents, got, c.want)
		}
		if back, err := ParseCents(FormatCents(c.cents)); (err != nil || back != c.cents) && c.cents != math.MinInt64 && c.cents != math.MaxInt64 {
			t.Errorf("ParseCents(FormatCents(%d)) = %d, %v", c.cents, back, err)
		}
	}
	if got := FormatCentsWith(125000050, "", ","); got != "1250000,50" {
		t.Errorf("ungrouped = %q", got)
	}
	if got := FormatCentsWith(-125000050, ",", "."); got != "-1,250,000.50" {
		t.Errorf("English = %q", got)
	}
}

func TestParseCents(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true},
		{"  ", 0, true},
		{"0", 0, true},
		{"0,00", 0, true},
		{"1 234,50", 123450, true},
		{"1\u00a0234,50", 123450, true},   // no-break space, as spreadsheets copy it
		{"1\u202f234,50 €", 123450, true}, // narrow no-break space
		{"60 000 €", 6000000, true},
		{"1.500,50", 150050, true},
		{"1500.5", 150050, true},
		{"1234.56", 123456, true},
		{"1.500", 150000, true},
		{"1.234.567", 123456700, true},
		{"1'234,50", 123450, true},
		{",5", 50, true},
		{"0,05", 5, true},
		{"-100", -10000, true},
		{"−100,50", -10050, true}, // the minus sign, not a hyphen
		{"+7", 700, true},
		{"sata", 0, false},
		{"12a", 0, false},
		{"1,234", 0, false},     // three decimals
		{"1,2,3", 0, false},     // two commas
		{"1.234,567", 0, false}, // three decimals after a comma
		{"10 €uroa", 0, false},
		{"99999999999999999999", 0, false},
		{"92233720368547758,08", 0, false}, // past the largest amount
	} {
		got, err := ParseCents(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}
