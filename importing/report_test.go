package importing

import (
	"context"
	"errors"
	"strings"
	"testing"

	"hankekirja/model"
)

func TestReportLines(t *testing.T) {
	rep := Report{Format: "csv", Lang: "fi", Ignored: []string{"Kenkänumero"}}
	rep.Append(Item{Row: 2, Action: Add, Title: "Matti Mäkinen"})
	rep.Append(Item{Row: 3, Action: Update, Title: "Liisa Virtanen", Changes: []string{"Sähköpostit"}})
	rep.Append(Item{Row: 4, Action: Unchanged})
	rep.Append(Item{Row: 5}).Reject(5, "Sähköposti: ei kelpaa")
	want := []string{
		"lisättäviä 1, päivitettäviä 1, ennallaan 1, virheellisiä 1",
		"Näitä sarakkeita ei tunnistettu, eikä niitä tuoda: Kenkänumero",
		"rivi 2: lisätään ”Matti Mäkinen”",
		"rivi 3: päivitetään ”Liisa Virtanen”: Sähköpostit",
		"rivi 5: Sähköposti: ei kelpaa",
	}
	if got := rep.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rep.Format, rep.Applied = "vcard", true
	if got := rep.Lines()[len(rep.Lines())-1]; got != "kortti 5: Sähköposti: ei kelpaa" {
		t.Errorf("a vCard's problem is placed as %q", got)
	}
	if got := rep.Summary(); !strings.HasPrefix(got, "lisätty 1, päivitetty 1") {
		t.Errorf("applied summary = %q", got)
	}
}

// A note says what was left out without making the item invalid.
func TestItemNote(t *testing.T) {
	var rep Report
	it := rep.Append(Item{Row: 1, Action: Add})
	it.Note(1, "organisation not found")
	if rep.Items[0].Action != Add || rep.Count(Invalid) != 0 || len(rep.Problems()) != 1 {
		t.Errorf("after Note: %+v", rep.Items[0])
	}
}

func TestErrorText(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{ErrRejected, "tiedostossa on virheellisiä rivejä"},
		{&FormatError{Key: "table.unterminated"}, "lainausmerkillä alkava kenttä ei pääty koskaan"},
		{&RowError{Row: 7, Err: errors.New("quote"), Key: "table.unterminated"}, "rivi 7: lainausmerkillä alkava kenttä ei pääty koskaan"},
		{&RowError{Row: 3, Err: &model.Error{Code: model.EINVALID, Key: "table.unknown_ref"}}, "rivi 3: "},
	} {
		got := ErrorText("fi", c.err)
		if !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("ErrorText(%v) = %q, want %q...", c.err, got, c.want)
		}
	}
}

func TestApply(t *testing.T) {
	ctx := context.Background()
	invalid := Report{Items: []Item{{Action: Add}, {Action: Invalid}}}
	calls := 0
	write := func(context.Context) error { calls++; return nil }
	if err := Apply(ctx, model.Services{}, &invalid, Options{}, write); !errors.Is(err, ErrRejected) || calls != 0 || invalid.Applied {
		t.Errorf("an invalid row: err %v, %d writes, applied %v", err, calls, invalid.Applied)
	}
	if err := Apply(ctx, model.Services{}, &invalid, Options{SkipInvalid: true, DryRun: true}, write); err != nil || calls != 0 || invalid.Applied {
		t.Errorf("dry run: err %v, %d writes, applied %v", err, calls, invalid.Applied)
	}
	if err := Apply(ctx, model.Services{}, &invalid, Options{SkipInvalid: true}, write); err != nil || calls != 1 || !invalid.Applied {
		t.Errorf("skip invalid: err %v, %d writes, applied %v", err, calls, invalid.Applied)
	}

	// A failure inside a transaction writes nothing; without one, what was
	// written before it stays.
	fail := errors.New("disk full")
	inTx := false
	atomic := model.Services{Atomic: func(ctx context.Context, fn func(context.Context) error) error {
		inTx = true
		defer func() { inTx = false }()
		return fn(ctx)
	}}
	rep := Report{Items: []Item{{Action: Add}}}
	err := Apply(ctx, atomic, &rep, Options{}, func(context.Context) error {
		if !inTx {
			t.Error("write runs outside the transaction")
		}
		return fail
	})
	if !errors.Is(err, fail) || rep.Applied {
		t.Errorf("failed transaction: err %v, applied %v", err, rep.Applied)
	}
	rep = Report{Items: []Item{{Action: Add}}}
	if err := Apply(ctx, model.Services{}, &rep, Options{}, func(context.Context) error { return fail }); !errors.Is(err, fail) || !rep.Applied {
		t.Errorf("failure without a transaction: err %v, applied %v", err, rep.Applied)
	}
}
