package model_test

import (
	"fmt"
	"strings"
	"testing"

	"hankekirja/model"
)

func TestValidBusinessID(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, s := range []string{
			"2077474-0", // remainder 0: check digit 0
			"1572860-0",
			"0000001-9", // 1*2 = 2: check digit 11-2 = 9
			"2332748-7",
			"2844969-4",
			"0737546-2",
		} {
			if !model.ValidBusinessID(s) {
				t.Errorf("ValidBusinessID(%q) = false, want true", s)
			}
		}
	})

	t.Run("ErrCheckDigit", func(t *testing.T) {
		for _, s := range []string{
			"2077474-1",
			"0737546-1",
			"2844969-5",
			"2332748-8",
			"0000001-0",
		} {
			if model.ValidBusinessID(s) {
				t.Errorf("ValidBusinessID(%q) = true, want false", s)
			}
		}
	})

	t.Run("ErrFormat", func(t *testing.T) {
		for _, s := range []string{
			"",
			"28449694",   // no hyphen
			"2844969 4",  // space instead of hyphen
			"284496-94",  // hyphen in the wrong place
			"844969-4",   // six digits
			"02844969-4", // eight digits
			"2844969-44", // two check digits
			"2844969-",   // no check digit
			"2844969-A",  // letter as check digit
			"28449A9-4",  // letter in the number
			" 2844969-4", // leading space
			"2844969-4 ", // trailing space
			"FI28449694", // VAT number, not a Y-tunnus
			"２８４４９６９-４",  // full-width digits
		} {
			if model.ValidBusinessID(s) {
				t.Errorf("ValidBusinessID(%q) = true, want false", s)
			}
		}
	})

	// 0000006: 6*2 = 12, 12 mod 11 = 1, and 11-1 = 10 is not a digit, so no
	// such Y-tunnus is ever issued whatever its last digit.
	t.Run("ErrRemainderOne", func(t *testing.T) {
		for d := '0'; d <= '9'; d++ {
			s := "0000006-" + string(d)
			if model.ValidBusinessID(s) {
				t.Errorf("ValidBusinessID(%q) = true, want false (remainder 1)", s)
			}
		}
	})

	// Every number whose weighted sum does not leave remainder 1 has exactly
	// one valid check digit.
	t.Run("OneCheckDigit", func(t *testing.T) {
		weights := []int{7, 9, 10, 5, 8, 4, 2}
		for _, base := range []string{"2844969", "2077474", "0737546", "1234567", "9999999", "0000000", "0000006", "1000000"} {
			sum := 0
			for i, w := range weights {
				sum += int(base[i]-'0') * w
			}
			valid := 0
			for d := '0'; d <= '9'; d++ {
				if model.ValidBusinessID(base + "-" + string(d)) {
					valid++
				}
			}
			want := 1
			if sum%11 == 1 {
				want = 0
			}
			if got := valid; got != want {
				t.Errorf("%s: %d valid check digits, want %d", base, got, want)
			}
		}
	})
}

func TestOVT(t *testing.T) {
	t.Run("FromBusinessID", func(t *testing.T) {
		for _, tt := range []struct{ id, suffix, want string }{
			{"2844969-4", "", "003728449694"},
			{"2332748-7", "", "003723327487"},
			{"2844969-4", "100", "003728449694100"},
		} {
			if got, want := model.OVTFromBusinessID(tt.id, tt.suffix), tt.want; got != want {
				t.Errorf("OVTFromBusinessID(%q, %q) = %q, want %q", tt.id, tt.suffix, got, want)
			}
		}
	})

	t.Run("OK", func(t *testing.T) {
		for _, s := range []string{
			"003728449694",
			"003723327487",
			"0037284496941",
			"00372844969410001", // five-character suffix
			"003728449694ABC",   // letters in the suffix
			model.OVTFromBusinessID("2077474-0", "12345"),
		} {
			if !model.ValidOVT(s) {
				t.Errorf("ValidOVT(%q) = false, want true", s)
			}
		}
	})

	t.Run("Err", func(t *testing.T) {
		for _, s := range []string{
			"",
			"003728449695",       // Y-tunnus check digit wrong
			"003720774741",       // 2077474-1
			"003700000060",       // remainder 1
			"003728449694100011", // six-character suffix
			"003828449694",       // wrong prefix
			"3728449694",         // no prefix
			"28449694",           // bare Y-tunnus digits
			"00372844969-4",      // hyphen kept
			"0037 28449694",      // space
			"00372844969",        // seven digits
			"003728449694-1",     // punctuation in the suffix
			"FI003728449694",     // leading text
		} {
			if model.ValidOVT(s) {
				t.Errorf("ValidOVT(%q) = true, want false", s)
			}
		}
	})
}

func TestValidPostalCode(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"00100", true},
		{"05800", true},
		{"99999", true},
		{"", false},
		{"0010", false},
		{"001000", false},
		{"00 100", false},
		{"FI-00100", false},
		{"0010a", false},
		{" 00100", false},
		{"٠٠١٠٠", false}, // Arabic-Indic digits
	} {
		if got, want := model.ValidPostalCode(tt.s), tt.want; got != want {
			t.Errorf("ValidPostalCode(%q) = %v, want %v", tt.s, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, s := range []string{
			"matti@example.fi",
			"matti.meikalainen@hel.fi",
			"etunimi.sukunimi+hanke@kuuma.fi",
			"a@b.co",
		} {
			if !model.ValidEmail(s) {
				t.Errorf("ValidEmail(%q) = false, want true", s)
			}
		}
	})

	t.Run("ErrDisplayName", func(t *testing.T) {
		for _, s := range []string{
			"Matti <matti@example.fi>",
			`"Matti Meikäläinen" <matti@example.fi>`,
			"Matti<matti@example.fi>",
			"<matti@example.fi>",
			"matti@example.fi (Matti)",
		} {
			if model.ValidEmail(s) {
				t.Errorf("ValidEmail(%q) = true, want false", s)
			}
		}
	})

	t.Run("Err", func(t *testing.T) {
		for _, s := range []string{
			"",
			"matti",
			"matti@",
			"@example.fi",
			"matti@example", // no dot in the domain
			"matti@@example.fi",
			"matti meikalainen@example.fi",
			" matti@example.fi",
			"matti@example.fi ",
			`"matti"@example.fi`, // quoted local part reads back unquoted
			"matti@example.fi, maija@example.fi",
		} {
			if model.ValidEmail(s) {
				t.Errorf("ValidEmail(%q) = true, want false", s)
			}
		}
	})
}

func TestValidURL(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"https://www.hyvinkaa.fi", true},
		{"http://example.fi/hanke?id=1#x", true},
		{"https://example.fi:8443/", true},
		{"", false},
		{"www.hyvinkaa.fi", false},
		{"ftp://example.fi", false},
		{"mailto:matti@example.fi", false},
		{"https://", false},
		{"https:///polku", false},
		{" https://example.fi", false},
		{"javascript:alert(1)", false},
	} {
		if got, want := model.ValidURL(tt.s), tt.want; got != want {
			t.Errorf("ValidURL(%q) = %v, want %v", tt.s, got, want)
		}
	}
}

func TestValidMunicipalityCode(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"091", true},
		{"106", true},
		{"005", true},
		{"", false},
		{"91", false},
		{"0911", false},
		{"09a", false},
		{" 91", false},
		{"-91", false},
	} {
		if got, want := model.ValidMunicipalityCode(tt.s), tt.want; got != want {
			t.Errorf("ValidMunicipalityCode(%q) = %v, want %v", tt.s, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct{ in, want string }{
			{"040 123 4567", "+358401234567"},
			{"0401234567", "+358401234567"},
			{"040-123 4567", "+358401234567"},
			{" 040 123 4567 ", "+358401234567"},
			{"+358 40 1234567", "+358401234567"},
			{"+358401234567", "+358401234567"}, // already stored form
			{"00358 40 123 4567", "+358401234567"},
			{"+358 (0)40 123 4567", "+358401234567"},
			{"09 1234 5678", "+358912345678"},
			{"(09) 1234 5678", "+358912345678"},
			{"09/1234 5678", "+358912345678"},
			{"09.1234.5678", "+358912345678"},
			{"00358 9 1234 5678", "+358912345678"},
			{"09 123 4567", "+35891234567"},
			{"019 123 456", "+35819123456"},
			{"09 1234", "+35891234"},                 // shortest: five-digit national number
			{"040 1234 5678 90", "+358401234567890"}, // longest: twelve digits
			// Foreign numbers keep their country code.
			{"+46 8 123 456 78", "+46812345678"},
			{"+1 (202) 555-0143", "+12025550143"},
			{"0046 8 123 456 78", "+46812345678"},
			{"00 49 30 1234567", "+49301234567"},
		} {
			got, ok := model.NormalizePhone(tt.in)
			if !ok {
				t.Errorf("NormalizePhone(%q) failed, want %q", tt.in, tt.want)
				continue
			}
			if want := tt.want; got != want {
				t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, want)
			}
		}
	})

	t.Run("Err", func(t *testing.T) {
		for _, in := range []string{
			"",
			"   ",
			"+",
			"040 123 456a",
			"puh. 040 123 4567",
			"040 123 4567 (työ)",
			"040+1234567",           // plus sign in the middle
			"401234567",             // no trunk or country prefix
			"040 12",                // national number too short
			"09 123",                // four-digit national number
			"040 1234 5678 901",     // thirteen-digit national number
			"+358",                  // nothing after the country code
			"+358 0",                // only the (0)
			"+358 00 123 4567",      // national number starting with 0
			"+46 123",               // foreign number too short
			"+46 1234 5678 9012 34", // foreign number too long
			"0000 1234 5678",        // no country code starts with 0
			"040_123_4567",
			"040\t123",
		} {
			if got, ok := model.NormalizePhone(in); ok {
				t.Errorf("NormalizePhone(%q) = %q, want failure", in, got)
			}
		}
	})
}

func TestFormatPhone(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"+358401234567", "040 123 4567"},
		{"+358501234567", "050 123 4567"},
		{"+358451234567", "045 123 4567"},
		{"+35891234567", "09 123 4567"},
		{"+358912345678", "09 1234 5678"},
		{"+358101234567", "010 123 4567"},
		{"+358201234567", "020 123 4567"},
		{"+35819123456", "019 12 3456"},
		{"+35891234", "09 1234"},
		{"+3584012345678", "040 1234 5678"},
		// Other numbers are shown in international form.
		{"+46812345678", "+46 8 123 456 78"},
		{"", ""},
		{"040 123 4567", "040 123 4567"},
	} {
		if got, want := model.FormatPhone(tt.in), tt.want; got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

// A number typed, stored and shown reads back as the same stored number.
func TestPhoneRoundTrip(t *testing.T) {
	for _, in := range []string{
		"040 123 4567",
		"09 1234 5678",
		"09 123 4567",
		"(09) 1234 5678",
		"+358 40 1234567",
		"00358 50 123 45 67",
		"010 123 4567",
		"019 123 456",
		"0201 234 567",
		"09 1234",
		"040 1234 5678 90",
		"+46 8 123 456 78",
		"0046 8 123 456 78",
	} {
		t.Run(in, func(t *testing.T) {
			n1, ok := model.NormalizePhone(in)
			if !ok {
				t.Fatalf("NormalizePhone(%q) failed", in)
			}
			shown := model.FormatPhone(n1)
			n2, ok := model.NormalizePhone(shown)
			if !ok {
				t.Fatalf("NormalizePhone(FormatPhone(%q) = %q) failed", n1, shown)
			}
			if got, want := n2, n1; got != want {
				t.Fatalf("round trip %q → %q → %q → %q", in, n1, shown, n2)
			}
			if strings.HasPrefix(n1, "+358") {
				if shown == n1 || !strings.HasPrefix(shown, "0") || !strings.Contains(shown, " ") {
					t.Fatalf("FormatPhone(%q) = %q, want a national form with spaces", n1, shown)
				}
			}
			if got, want := model.FormatPhone(n2), shown; got != want {
				t.Fatalf("FormatPhone not stable: %q then %q", want, got)
			}
		})
	}
}

func ExampleNormalizePhone() {
	n, _ := model.NormalizePhone("040 123 4567")
	fmt.Println(n, model.FormatPhone(n))
	// Output: +358401234567 040 123 4567
}
