package model_test

import (
	"encoding/json"
	"testing"
	"time"

	"hankekirja/model"
)

func TestParseDate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in   string
			want model.Date
		}{
			{"16.4.2019", model.MustDate(2019, time.April, 16)},
			{"16.04.2019", model.MustDate(2019, time.April, 16)},
			{"16.4.2019.", model.MustDate(2019, time.April, 16)}, // trailing dot
			{" 16.4.2019 ", model.MustDate(2019, time.April, 16)},
			{"2019-04-16", model.MustDate(2019, time.April, 16)},
			{"2019-4-16", model.MustDate(2019, time.April, 16)},
			{"1.1.2018", model.MustDate(2018, time.January, 1)},
			{"31.12.2017", model.MustDate(2017, time.December, 31)},
			{"29.2.2020", model.MustDate(2020, time.February, 29)}, // leap year
			{"29.2.2000", model.MustDate(2000, time.February, 29)}, // divisible by 400
			{"", model.Date{}},
			{"   ", model.Date{}},
		} {
			got, err := model.ParseDate(tt.in)
			if err != nil {
				t.Errorf("ParseDate(%q): %v", tt.in, err)
				continue
			}
			if want := tt.want; got != want {
				t.Errorf("ParseDate(%q) = %#v, want %#v", tt.in, got, want)
			}
		}
	})

	t.Run("Err", func(t *testing.T) {
		for _, in := range []string{
			"31.2.2019",
			"30.2.2020",
			"29.2.2019", // not a leap year
			"29.2.1900", // divisible by 100, not by 400
			"1.13.2019",
			"0.1.2019",
			"32.1.2019",
			"31.4.2019",
			"2019-02-30",
			"2019-13-01",
			"abc",
			"16.4.19", // two-digit year
			"16.4",
			"16/4/2019",
			"2019-04-16T10:00",
			"16.4.2019.2019",
			"1..2019",
			"a.b.cdef",
			"1.1.0000",
			"1.-1.2019",
		} {
			if got, err := model.ParseDate(in); err == nil {
				t.Errorf("ParseDate(%q) = %#v, want an error", in, got)
			}
		}
	})
}

func TestNewDate(t *testing.T) {
	for _, tt := range []struct {
		y    int
		m    time.Month
		d    int
		want bool
	}{
		{2019, time.April, 16, true},
		{2020, time.February, 29, true},
		{1, time.January, 1, true},
		{9999, time.December, 31, true},
		{2019, time.February, 29, false},
		{2019, time.April, 31, false},
		{2019, 0, 1, false},
		{2019, 13, 1, false},
		{2019, time.January, 0, false},
		{0, time.January, 1, false},
		{10000, time.January, 1, false},
		{-1, time.January, 1, false},
	} {
		d, ok := model.NewDate(tt.y, tt.m, tt.d)
		if got, want := ok, tt.want; got != want {
			t.Errorf("NewDate(%d, %d, %d) ok = %v, want %v", tt.y, tt.m, tt.d, got, want)
		}
		if !ok && !d.IsZero() {
			t.Errorf("NewDate(%d, %d, %d) = %#v, want the zero date", tt.y, tt.m, tt.d, d)
		}
		if ok && (d.Year != tt.y || d.Month != tt.m || d.Day != tt.d) {
			t.Errorf("NewDate(%d, %d, %d) = %#v", tt.y, tt.m, tt.d, d)
		}
	}

	t.Run("MustDatePanics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Fatal("MustDate(2019, 2, 31) did not panic")
			}
		}()
		model.MustDate(2019, time.February, 31)
	})
}

func TestDate_String(t *testing.T) {
	for _, tt := range []struct {
		d         model.Date
		str, iso  string
		wantEmpty bool
	}{
		{d: model.MustDate(2018, time.January, 1), str: "1.1.2018", iso: "2018-01-01"},
		{d: model.MustDate(2019, time.April, 16), str: "16.4.2019", iso: "2019-04-16"},
		{d: model.MustDate(2017, time.December, 31), str: "31.12.2017", iso: "2017-12-31"},
		{d: model.MustDate(987, time.March, 5), str: "5.3.987", iso: "0987-03-05"},
		{d: model.Date{}, str: "", iso: ""},
	} {
		if got, want := tt.d.String(), tt.str; got != want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, want)
		}
		if got, want := tt.d.ISO(), tt.iso; got != want {
			t.Errorf("%#v.ISO() = %q, want %q", tt.d, got, want)
		}
	}

	// What String and ISO print, ParseDate reads back.
	d := model.MustDate(2019, time.April, 16)
	for _, s := range []string{d.String(), d.ISO()} {
		if got, err := model.ParseDate(s); err != nil {
			t.Fatal(err)
		} else if got != d {
			t.Fatalf("ParseDate(%q) = %v, want %v", s, got, d)
		}
	}
}

func TestDate_Compare(t *testing.T) {
	d := func(y int, m time.Month, day int) model.Date { return model.MustDate(y, m, day) }
	for _, tt := range []struct {
		a, b model.Date
		want int
	}{
		{d(2019, 4, 16), d(2019, 4, 16), 0},
		{d(2019, 4, 15), d(2019, 4, 16), -1},
		{d(2019, 4, 17), d(2019, 4, 16), 1},
		{d(2019, 3, 31), d(2019, 4, 1), -1},
		{d(2019, 12, 1), d(2019, 1, 31), 1},
		{d(2018, 12, 31), d(2019, 1, 1), -1},
		{d(2020, 1, 1), d(2019, 12, 31), 1},
		{model.Date{}, d(2019, 1, 1), -1},
		{model.Date{}, model.Date{}, 0},
	} {
		if got, want := tt.a.Compare(tt.b), tt.want; got != want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, want)
		}
		if got, want := tt.b.Compare(tt.a), -tt.want; got != want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.b, tt.a, got, want)
		}
		if got, want := tt.a.Before(tt.b), tt.want < 0; got != want {
			t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, want)
		}
		// Compare agrees with the dates' times.
		if !tt.a.IsZero() && !tt.b.IsZero() {
			if got, want := tt.a.Compare(tt.b), tt.a.Time().Compare(tt.b.Time()); got != want {
				t.Errorf("%v.Compare(%v) = %d, but times compare %d", tt.a, tt.b, got, want)
			}
		}
	}
}

func TestDate_Time(t *testing.T) {
	d := model.MustDate(2019, time.April, 16)
	if got, want := d.Time(), time.Date(2019, time.April, 16, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Time() = %v, want %v", got, want)
	}
	if got, want := model.DateOf(d.Time()), d; got != want {
		t.Fatalf("DateOf(Time()) = %v, want %v", got, want)
	}
}

func TestDateOf(t *testing.T) {
	// 00:30 in Helsinki on 16.4.2019 is still 15.4.2019 in UTC: DateOf uses
	// the time's own location.
	helsinki := time.FixedZone("EEST", 3*60*60)
	tm := time.Date(2019, time.April, 16, 0, 30, 0, 0, helsinki)
	if got, want := model.DateOf(tm), model.MustDate(2019, time.April, 16); got != want {
		t.Fatalf("DateOf(%v) = %v, want %v", tm, got, want)
	}
	if got, want := model.DateOf(tm.UTC()), model.MustDate(2019, time.April, 15); got != want {
		t.Fatalf("DateOf(%v) = %v, want %v", tm.UTC(), got, want)
	}
	if model.Today().IsZero() {
		t.Fatal("Today() is zero")
	}
}

func TestDate_JSON(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		d := model.MustDate(2019, time.April, 16)
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `"2019-04-16"`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
		var back model.Date
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got, want := back, d; got != want {
			t.Fatalf("round trip = %v, want %v", got, want)
		}
	})

	t.Run("Zero", func(t *testing.T) {
		b, err := json.Marshal(model.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `""`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
		back := model.MustDate(2019, time.April, 16)
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !back.IsZero() {
			t.Fatalf("Unmarshal(%s) = %v, want the zero date", b, back)
		}
	})

	t.Run("FinnishForm", func(t *testing.T) {
		var d model.Date
		if err := json.Unmarshal([]byte(`"16.4.2019"`), &d); err != nil {
			t.Fatal(err)
		}
		if got, want := d, model.MustDate(2019, time.April, 16); got != want {
			t.Fatalf("Unmarshal = %v, want %v", got, want)
		}
	})

	t.Run("ErrNoSuchDate", func(t *testing.T) {
		var d model.Date
		if err := json.Unmarshal([]byte(`"2019-02-31"`), &d); err == nil {
			t.Fatalf("Unmarshal of 2019-02-31 = %v, want an error", d)
		}
	})
}

func TestPeriod_JSON(t *testing.T) {
	start := model.MustDate(2016, time.January, 1)
	end := model.MustDate(2017, time.December, 31)
	for _, tt := range []struct {
		name string
		p    model.Period
		want string
	}{
		{"Closed", model.Period{Start: start, End: end}, `{"start":"2016-01-01","end":"2017-12-31"}`},
		{"OpenEnd", model.Period{Start: start}, `{"start":"2016-01-01"}`},
		{"OpenStart", model.Period{End: end}, `{"end":"2017-12-31"}`},
		{"Zero", model.Period{}, `{}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), tt.want; got != want {
				t.Fatalf("Marshal = %s, want %s", got, want)
			}
			var back model.Period
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if got, want := back, tt.p; got != want {
				t.Fatalf("round trip = %#v, want %#v", got, want)
			}
		})
	}

	// A record's unset period and date are left out of its JSON.
	t.Run("OmittedInRecord", func(t *testing.T) {
		b, err := json.Marshal(struct {
			Period model.Period `json:"period,omitzero"`
			Date   model.Date   `json:"date,omitzero"`
		}{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{}`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
	})
}

func TestPeriod_Contains(t *testing.T) {
	d := func(y int, m time.Month, day int) model.Date { return model.MustDate(y, m, day) }
	closed := model.Period{Start: d(2016, 1, 1), End: d(2017, 12, 31)}
	openEnd := model.Period{Start: d(2016, 1, 1)}
	openStart := model.Period{End: d(2017, 12, 31)}
	for _, tt := range []struct {
		name string
		p    model.Period
		d    model.Date
		want bool
	}{
		{"Inside", closed, d(2017, 1, 1), true},
		{"StartInclusive", closed, d(2016, 1, 1), true},
		{"EndInclusive", closed, d(2017, 12, 31), true},
		{"BeforeStart", closed, d(2015, 12, 31), false},
		{"AfterEnd", closed, d(2018, 1, 1), false},
		{"OpenEndLater", openEnd, d(2099, 1, 1), true},
		{"OpenEndBefore", openEnd, d(2015, 12, 31), false},
		{"OpenStartEarlier", openStart, d(1900, 1, 1), true},
		{"OpenStartAfter", openStart, d(2018, 1, 1), false},
		{"Open", model.Period{}, d(2019, 4, 16), true},
		{"OneDay", model.Period{Start: d(2019, 4, 16), End: d(2019, 4, 16)}, d(2019, 4, 16), true},
		{"OneDayNext", model.Period{Start: d(2019, 4, 16), End: d(2019, 4, 16)}, d(2019, 4, 17), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.p.Contains(tt.d), tt.want; got != want {
				t.Fatalf("%v.Contains(%v) = %v, want %v", tt.p, tt.d, got, want)
			}
		})
	}
}

func TestPeriod_String(t *testing.T) {
	start := model.MustDate(2016, time.January, 1)
	end := model.MustDate(2017, time.December, 31)
	for _, tt := range []struct {
		p    model.Period
		want string
	}{
		{model.Period{Start: start, End: end}, "1.1.2016–31.12.2017"},
		{model.Period{Start: start}, "1.1.2016–"},
		{model.Period{End: end}, "–31.12.2017"},
		{model.Period{}, ""},
	} {
		if got, want := tt.p.String(), tt.want; got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
