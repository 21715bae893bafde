package model_test

import (
	"strings"
	"testing"

	"hankekirja/model"
)

func TestNormalizePhoneIn(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct{ in, region, want string }{
			{"0351 223344", "DE", "+49351223344"},
			{"0351 223344", "", "+358351223344"}, // no region: Finnish
			{"905-555-1234", "CA", "+19055551234"},
			{"(905) 555-1234", "US", "+19055551234"},
			{"tel:+44-555-555-5555;ext=5555", "FI", "+445555555555;ext=5555"},
			{"+1 (905) 555-1234 x 12", "FI", "+19055551234;ext=12"},
			{"040 123 4567 ext. 21", "FI", "+358401234567;ext=21"},
			{"1-800-FLOWERS", "US", "+18003569377"},
			{"+358401234567;ext=21", "DE", "+358401234567;ext=21"}, // stored form stays
		} {
			got, problem := model.NormalizePhoneIn(tt.in, tt.region)
			if problem != model.PhoneOK || got != tt.want {
				t.Errorf("NormalizePhoneIn(%q, %q) = %q, %q; want %q", tt.in, tt.region, got, problem, tt.want)
			}
		}
	})
	t.Run("ErrVanity", func(t *testing.T) {
		if got, problem := model.NormalizePhoneIn("+1-800-MYFAX", "US"); problem != model.PhoneVanity {
			t.Errorf("NormalizePhoneIn(+1-800-MYFAX) = %q, %q; want %q", got, problem, model.PhoneVanity)
		}
	})
	t.Run("ErrNational", func(t *testing.T) {
		// A US number read as Finnish lacks the trunk prefix.
		if got, problem := model.NormalizePhoneIn("905-555-1234", "FI"); problem != model.PhoneInvalid {
			t.Errorf("NormalizePhoneIn(905-555-1234, FI) = %q, %q; want %q", got, problem, model.PhoneInvalid)
		}
	})
}

func TestFormatPhone_Foreign(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"+49351223344", "+49 351 223344"},
		{"+445555555555;ext=5555", "+44 55 5555 5555 x5555"},
		{"+358401234567;ext=21", "040 123 4567 ext. 21"},
	} {
		if got := model.FormatPhone(tt.in); got != tt.want {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// What is shown reads back as the stored number.
		if n, ok := model.NormalizePhone(model.FormatPhone(tt.in)); !ok || n != tt.in {
			t.Errorf("NormalizePhone(FormatPhone(%q)) = %q, %v", tt.in, n, ok)
		}
	}
}

// The address's country decides what a national number means.
func TestContact_NormalizeCountry(t *testing.T) {
	c := &model.Contact{LastName: "Müller", Phones: []string{"0351 223344"}, Address: model.Address{City: "Dresden", Country: "Saksa"}}
	c.NormalizeIn("FI")
	if got, want := c.Phones[0], "+49351223344"; got != want {
		t.Fatalf("Phones[0] = %q, want %q", got, want)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c = &model.Contact{LastName: "Smith", Phones: []string{"(905) 555-1234"}}
	c.NormalizeIn("CA")
	if got, want := c.Phones[0], "+19055551234"; got != want {
		t.Fatalf("with default region CA: Phones[0] = %q, want %q", got, want)
	}
}

// A number is found by any of the ways people type it.
func TestContact_PhoneSearch(t *testing.T) {
	c := &model.Contact{LastName: "Virtanen", Phones: []string{"+358401234567"}}
	words := model.SummaryOf(c).Words
	for _, q := range []string{"040 123 4567", "0401234567", "+358 40 123 4567", "+358401234567", "040-1234567", "401234567"} {
		for _, w := range model.SearchWords(q) {
			if !strings.Contains(" "+words, " "+w) && !strings.HasPrefix(words, w) {
				t.Errorf("query %q: word %q is not a prefix of any of %q", q, w, words)
			}
		}
	}
}
