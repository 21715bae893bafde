package model_test

import (
	"testing"

	"hankekirja/model"
)

func TestParseFieldPath(t *testing.T) {
	for _, tt := range []struct {
		in    string
		head  string
		index int // -1: none
		rest  string
	}{
		{"", "", -1, ""},
		{"name", "name", -1, ""},
		{"funding[2].amount", "funding", 2, "amount"},
		{"members[3].contact", "members", 3, "contact"},
		{"members[10].term.end", "members", 10, "term.end"},
		{"address.postal_code", "address", -1, "postal_code"},
		{"emails[0]", "emails", 0, ""},
		{"items[1].tasks[0].due", "items", 1, "tasks[0].due"},
		{"members.represents", "members", -1, "represents"},
		// Not in the syntax: kept whole as a name.
		{"a[x]", "a[x]", -1, ""},
		{"a[-1]", "a[-1]", -1, ""},
		{"a[01]", "a[01]", -1, ""},
		{"[2]", "[2]", -1, ""},
	} {
		p := model.ParseFieldPath(tt.in)
		i, ok := p.Index()
		if !ok {
			i = -1
		}
		if p.Head() != tt.head || i != tt.index || p.Rest().String() != tt.rest {
			t.Errorf("ParseFieldPath(%q) = head %q, index %d, rest %q; want %q, %d, %q",
				tt.in, p.Head(), i, p.Rest().String(), tt.head, tt.index, tt.rest)
		}
		if p.String() != tt.in {
			t.Errorf("ParseFieldPath(%q).String() = %q", tt.in, p.String())
		}
		if p.IsZero() != (tt.in == "") {
			t.Errorf("ParseFieldPath(%q).IsZero() = %v", tt.in, p.IsZero())
		}
	}
}

func TestFieldAt(t *testing.T) {
	if got := model.FieldAt("members", 3, "term"); got != "members[3].term" {
		t.Errorf("FieldAt = %q", got)
	}
	if got := model.FieldAt("staff", 0, ""); got != "staff[0]" {
		t.Errorf("FieldAt = %q", got)
	}
	p := model.ParseFieldPath(model.FieldAt("funding", 2, "period.end"))
	if i, _ := p.Index(); p.Head() != "funding" || i != 2 || p.Rest().String() != "period.end" {
		t.Errorf("FieldAt does not parse back: %v", p)
	}
}

// FuzzParseFieldPath: any text parses and prints back as it was.
func FuzzParseFieldPath(f *testing.F) {
	for _, s := range []string{"", "funding[2].amount", "a.b[0].c", "x[", "]", "a[1]]", ".."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := model.ParseFieldPath(s).String(); got != s {
			t.Fatalf("ParseFieldPath(%q).String() = %q", s, got)
		}
	})
}
