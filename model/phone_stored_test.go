package model

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestStoredNumberAgreesWithTheParser: the shortcut that reads a stored
// E.164 number without libphonenumber's parser gives the same number as
// the parser, for libphonenumber's own example numbers of every region
// (fixed line and mobile) and a few Finnish ones: the same E.164,
// national and international forms, and the same search text. Where it
// cannot tell (a national number with a leading zero), it leaves the
// number to the parser.
func TestStoredNumberAgreesWithTheParser(t *testing.T) {
	var stored []string
	for region := range phonenumbers.GetSupportedRegions() {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			if ex := phonenumbers.GetExampleNumberForType(region, typ); ex != nil {
				stored = append(stored, phonenumbers.Format(ex, phonenumbers.E164))
			}
		}
	}
	stored = append(stored, "+358401234567", "+358912345678", "+35832345678", "+358201234567", "+46812345678", "+390612345678")
	if len(stored) < 400 {
		t.Fatalf("only %d example numbers", len(stored))
	}
	short := 0
	for _, s := range stored {
		parsed, err := phonenumbers.Parse(s, DefaultRegion)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		// A stored number normalises to itself, as the parser had it.
		if n, problem := NormalizePhoneIn(s, DefaultRegion); phonenumbers.IsPossibleNumber(parsed) && phonenumbers.GetNationalSignificantNumber(parsed)[0] != '0' && (problem != PhoneOK || n != s) {
			t.Errorf("NormalizePhoneIn(%s) = %q, %q", s, n, problem)
		}
		got := storedNumber(s)
		if got == nil {
			continue // left to the parser
		}
		short++
		for _, f := range []phonenumbers.PhoneNumberFormat{phonenumbers.E164, phonenumbers.NATIONAL, phonenumbers.INTERNATIONAL} {
			if a, b := phonenumbers.Format(got, f), phonenumbers.Format(parsed, f); a != b {
				t.Errorf("%s: format %v gives %q, the parser's number %q", s, f, a, b)
			}
		}
	}
	t.Logf("%d example numbers, %d read by the shortcut", len(stored), short)
	if short < len(stored)*9/10 {
		t.Errorf("the shortcut read %d of %d numbers", short, len(stored))
	}
	if got, want := PhoneSearchText("+358401234567"), "358401234567 401234567 040 123 4567 +358 40 1234567 0401234567"; got != want {
		t.Errorf("PhoneSearchText = %q, want %q", got, want)
	}
}
