package archivegen

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/model"
	"hankekirja/store"
)

var ctx = context.Background()

// small is the configuration the tests generate.
func small(seed uint64) Config {
	return Config{Contacts: 200, Meetings: 50, Groups: 12, Projects: 3, Seed: seed, BatchSize: 100}
}

// generate writes cfg's archive into a new store, checks the store when
// the test ends, and returns its services.
func generate(t *testing.T, cfg Config) (model.Services, Result) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := db.Check(ctx)
		if err != nil {
			t.Errorf("Check: %v", err)
		}
		for _, p := range problems {
			t.Errorf("Check: %s", p)
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	svc := db.Services()
	calls := 0
	res, err := Generate(ctx, svc, cfg, func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d/%d", done, total)
		}
	})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if calls < 2 {
		t.Errorf("progress called %d times, want once a batch", calls)
	}
	return svc, res
}

// all returns every record of a service, in Finnish order.
func all[T any](t *testing.T, s model.Service[T]) []*T {
	t.Helper()
	page, err := s.List(ctx, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*T, 0, len(page.Items))
	for _, it := range page.Items {
		r, err := s.Get(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestGenerateCounts(t *testing.T) {
	cfg := small(7)
	svc, res := generate(t, cfg)
	for _, c := range []struct {
		kind model.Kind
		want int
		got  int
	}{
		{model.KindContact, cfg.Contacts, len(all(t, svc.Contacts))},
		{model.KindMeeting, cfg.Meetings, len(all(t, svc.Meetings))},
		{model.KindGroup, cfg.Groups, len(all(t, svc.Groups))},
		{model.KindProject, cfg.Projects, len(all(t, svc.Projects))},
	} {
		if c.got != c.want || res.Created[c.kind] != c.want {
			t.Errorf("%s: %d stored, %d reported, want %d", c.kind, c.got, res.Created[c.kind], c.want)
		}
	}
	if n := res.Created[model.KindOrganisation]; n < 50 {
		t.Errorf("%d organisations, want the region's (50 or more)", n)
	}
}

// TestEveryRecordValidates reads every record back and validates it (the
// store validated it on the way in; Check in cleanup validates again).
func TestEveryRecordValidates(t *testing.T) {
	svc, _ := generate(t, small(3))
	check := func(r model.Record) {
		if err := r.Validate(); err != nil {
			t.Errorf("%s %q: %v", r.Kind(), r.Title(), err)
		}
	}
	for _, r := range all(t, svc.Contacts) {
		check(r)
	}
	for _, r := range all(t, svc.Organisations) {
		check(r)
	}
	for _, r := range all(t, svc.Projects) {
		check(r)
	}
	for _, r := range all(t, svc.Groups) {
		check(r)
	}
	for _, m := range all(t, svc.Meetings) {
		check(m)
		if n := len(m.Items); n < 8 || n > 15 {
			t.Errorf("meeting %s has %d items, want 8–15", m.Title(), n)
		}
		if got := m.Items[0].Title; got != "Kokouksen avaus" {
			t.Errorf("meeting %s opens with %q", m.Title(), got)
		}
	}
}

// fingerprint is what a seed decides: names and texts, not IDs.
func fingerprint(t *testing.T, svc model.Services) []string {
	var out []string
	for _, c := range all(t, svc.Contacts) {
		out = append(out, c.Title()+" "+c.JobTitle+" "+strings.Join(c.Emails, ",")+" "+strings.Join(c.Phones, ","))
	}
	for _, p := range all(t, svc.Projects) {
		out = append(out, p.Name+" "+p.Description)
	}
	for _, g := range all(t, svc.Groups) {
		out = append(out, g.Name+" "+g.Mandate+fmt.Sprint(len(g.Members)))
	}
	for _, m := range all(t, svc.Meetings) {
		s := m.Title() + " " + m.Date.String() + " " + string(m.Status)
		for _, it := range m.Items {
			s += fmt.Sprintf("|%d %s %s %s %s", it.Number, it.Title, it.Background, it.Proposal, it.Decision)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func TestSameSeedSameArchive(t *testing.T) {
	a, _ := generate(t, small(11))
	b, _ := generate(t, small(11))
	c, _ := generate(t, small(12))
	fa, fb, fc := fingerprint(t, a), fingerprint(t, b), fingerprint(t, c)
	if !slices.Equal(fa, fb) {
		for i := range min(len(fa), len(fb)) {
			if fa[i] != fb[i] {
				t.Fatalf("same seed, different archives:\n%s\n%s", fa[i], fb[i])
			}
		}
		t.Fatalf("same seed, %d and %d records", len(fa), len(fb))
	}
	same := 0
	for _, x := range fc {
		if _, found := slices.BinarySearch(fa, x); found {
			same++
		}
	}
	if same > len(fc)/10 {
		t.Errorf("another seed shares %d of %d records", same, len(fc))
	}
}

// TestVariedText: the minutes' sentences do not repeat a handful.
func TestVariedText(t *testing.T) {
	svc, _ := generate(t, small(5))
	sentences := map[string]int{}
	total, items := 0, 0
	for _, m := range all(t, svc.Meetings) {
		for _, it := range m.Items {
			if it.Background == "" || it.Title == model.ReviewItemTitle {
				continue
			}
			items++
			for _, s := range strings.SplitAfter(strings.ReplaceAll(it.Background+" "+it.Discussion, "\n\n", " "), ". ") {
				if s = strings.TrimSpace(s); s != "" {
					sentences[s]++
					total++
				}
			}
		}
	}
	if items < 50 {
		t.Fatalf("only %d substantive items", items)
	}
	if len(sentences) < total*8/10 {
		t.Errorf("%d distinct sentences among %d in %d items, want at least 80 %% distinct", len(sentences), total, items)
	}
	text := ""
	for s := range sentences {
		text += s + " "
	}
	for _, w := range []string{"kunnan", "hankkeen", "hyvinvointialueen", "kuntien", "valtionavustus"} {
		if !strings.Contains(text, w) {
			t.Errorf("no %q in the minutes", w)
		}
	}
}

// TestNumbering: meetings run 1..k per group and year, items § 1..n per
// group and year across the meetings, without gaps.
func TestNumbering(t *testing.T) {
	svc, _ := generate(t, small(9))
	type key struct {
		group model.ID
		year  int
	}
	byKey := map[key][]*model.Meeting{}
	for _, m := range all(t, svc.Meetings) {
		k := key{m.Group, m.Date.Year}
		byKey[k] = append(byKey[k], m)
	}
	for k, ms := range byKey {
		slices.SortFunc(ms, func(a, b *model.Meeting) int { return a.Number - b.Number })
		item := 0
		for i, m := range ms {
			if m.Number != i+1 || m.Year != k.year {
				t.Errorf("group %s %d: meeting %d is %s", ms[0].GroupName, k.year, i+1, m.NumberText())
			}
			if i > 0 && m.Date.Before(ms[i-1].Date) {
				t.Errorf("%s: meeting %s is dated before %s", m.GroupName, m.NumberText(), ms[i-1].NumberText())
			}
			for _, it := range m.Items {
				item++
				if it.Number != item {
					t.Errorf("%s %s: § %d, want § %d", m.GroupName, m.NumberText(), it.Number, item)
				}
			}
		}
	}
}

// TestStatuses: most meetings checked, some planned after Today.
func TestStatuses(t *testing.T) {
	svc, _ := generate(t, small(4))
	count := map[model.MeetingStatus]int{}
	for _, m := range all(t, svc.Meetings) {
		count[m.Status]++
		if m.Status == model.MeetingPlanned && m.Items[5].Decision != "" {
			t.Errorf("planned meeting %s has decisions", m.Title())
		}
	}
	if count[model.MeetingChecked] < 25 {
		t.Errorf("statuses %v: want most checked", count)
	}
}

func TestInflection(t *testing.T) {
	for _, c := range []struct{ name, gen, in string }{
		{"Hyvinkää", "Hyvinkään", "Hyvinkäällä"},
		{"Jyväskylä", "Jyväskylän", "Jyväskylässä"},
		{"Seinäjoki", "Seinäjoen", "Seinäjoella"},
		{"Kauniainen", "Kauniaisten", "Kauniaisissa"},
		{"Kuortane", "Kuortaneen", "Kuortaneen kunnassa"},
		{"Lahti", "Lahden", "Lahdessa"},
		{"Turku", "Turun", "Turussa"},
		{"Hanko", "Hangon", "Hangossa"},
		{"Varkaus", "Varkauden", "Varkaudessa"},
		{"Nurmes", "Nurmeksen", "Nurmeksen kunnassa"},
		{"Finström", "Finströmin", "Finströmin kunnassa"},
		{"Kitee", "Kiteen", "Kiteellä"},
		{"Toivakka", "Toivakan", "Toivakan kunnassa"},
	} {
		if got := placeGenitive(c.name); got != c.gen {
			t.Errorf("genitive of %s = %s, want %s", c.name, got, c.gen)
		}
		if got := placeIn(c.name); got != c.in {
			t.Errorf("locative of %s = %s, want %s", c.name, got, c.in)
		}
	}
	kunta := phrase{head: parseWord("kunta kunna kuntaan kuntaa kuntien kuntia kunni")}
	hoito := phrase{prefix: "koti", head: heads[0].word}
	alue := phrase{prefix: "hyvinvointi", head: parseWord("alue aluee alueeseen aluetta alueiden alueita aluei +"), adj: &adjectives[0]}
	for _, c := range []struct {
		p    phrase
		c    Case
		want string
	}{
		{kunta, Gen, "kunnan"}, {kunta, Ine, "kunnassa"}, {kunta, PlGen, "kuntien"}, {kunta, Ill, "kuntaan"},
		{hoito, Nom, "kotihoito"}, {hoito, Gen, "kotihoidon"}, {hoito, Ine, "kotihoidossa"},
		{alue, Gen, "yhteisen hyvinvointialueen"}, {alue, Ine, "yhteisellä hyvinvointialueella"}, {alue, Ela, "yhteiseltä hyvinvointialueelta"},
	} {
		if got := c.p.form(c.c); got != c.want {
			t.Errorf("form %d = %q, want %q", c.c, got, c.want)
		}
	}
	if got := countyForm("Keski-Uudenmaan hyvinvointialue", Ill); got != "Keski-Uudenmaan hyvinvointialueelle" {
		t.Errorf("county illative = %q", got)
	}
}

func TestValidateConfig(t *testing.T) {
	for _, c := range []Config{
		{Meetings: 5, Contacts: 100},
		{Groups: 2, Contacts: 100},
		{Projects: 1, Groups: 1, Contacts: 3},
		{Contacts: -1},
	} {
		if c.Validate() == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if err := Default().Validate(); err != nil {
		t.Error(err)
	}
	if c := Scaled(100, 20, 1); c.Groups < 1 || c.Projects < 1 || c.Validate() != nil {
		t.Errorf("Scaled(100, 20) = %+v", c)
	}
}
