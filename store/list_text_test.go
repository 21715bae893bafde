package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hankekirja/model"
	"hankekirja/morph"
)

// listIDs lists every record of a kind through svc with filter f.
func listIDs[T any](t *testing.T, s model.Service[T], f model.Filter) []model.ID {
	t.Helper()
	page, err := s.List(ctx, f)
	if err != nil {
		t.Fatalf("List(%+v): %v", f, err)
	}
	if f.Limit == 0 && page.Total != len(page.Items) {
		t.Errorf("List(%+v): total %d, %d items", f, page.Total, len(page.Items))
	}
	var out []model.ID
	for _, s := range page.Items {
		out = append(out, s.ID)
	}
	return out
}

// searchOrder is what search finds of kind for q, in the order of the
// kind's unfiltered list: what the list's filter must show.
func searchOrder[T any](t *testing.T, svc model.Services, s model.Service[T], kind model.Kind, q string, reverse bool) []model.ID {
	t.Helper()
	res, err := svc.Queries.Find(ctx, model.SearchQuery{Text: q, Kind: kind, PerKind: 100000})
	if err != nil {
		t.Fatal(err)
	}
	found := map[model.ID]bool{}
	for _, h := range res.Hits {
		found[h.Summary.ID] = true
	}
	var out []model.ID
	for _, id := range listIDs(t, s, model.Filter{Reverse: reverse}) {
		if found[id] {
			out = append(out, id)
		}
	}
	return out
}

func requireVoikko(t *testing.T) {
	t.Helper()
	if !strings.HasPrefix(morph.New().Name(), "Voikko") {
		t.Skip("Voikko is not installed: base forms need it")
	}
}

// TestListTextMeetings: the meetings' filter finds by base form what the
// minutes say in another form, newest first as the list shows them.
func TestListTextMeetings(t *testing.T) {
	requireVoikko(t)
	db, svc := openTestDB(t)
	<-db.SearchReady()
	g := mustCreate(t, svc.Groups, &model.Group{Name: "Palvelutuotannon työryhmä", Type: model.GroupWorking})
	meeting := func(day int, background string) *model.Meeting {
		return mustCreate(t, svc.Meetings, &model.Meeting{Group: g.ID, GroupName: g.Name, Date: model.MustDate(2025, 3, day),
			Items: []model.AgendaItem{{Title: "Valmistelu", Background: background}}})
	}
	older := meeting(4, "Kunta vastaa kotihoidosta vuoden loppuun.")
	other := meeting(11, "Hyvinvointialue aloittaa tammikuussa.")
	newer := meeting(18, "Kuntien edustajat kuultiin.")

	got := listIDs(t, svc.Meetings, model.Filter{Text: "kunnassa", Reverse: true})
	if want := []model.ID{newer.ID, older.ID}; !slices.Equal(got, want) {
		t.Errorf("kunnassa lists %v, want %v (newest first; not %v)", got, want, other.ID)
	}
	if got := listIDs(t, svc.Meetings, model.Filter{Query: "kunnassa"}); len(got) != 0 {
		t.Errorf("the prefix filter found %v: the test says nothing", got)
	}
	got = listIDs(t, svc.Meetings, model.Filter{Text: "kotihoito"})
	if want := []model.ID{older.ID}; !slices.Equal(got, want) {
		t.Errorf("kotihoito lists %v, want %v", got, want)
	}
}

// TestListTextContacts: names by their start without ä and ö, a phone
// number however it is typed, and the same records as search, in Finnish
// order and paged.
func TestListTextContacts(t *testing.T) {
	requireVoikko(t)
	db, svc := openTestDB(t)
	<-db.SearchReady()
	mk := func(first, last string, phones ...string) *model.Contact {
		return mustCreate(t, svc.Contacts, &model.Contact{FirstName: first, LastName: last, Phones: phones})
	}
	makinen := mk("Kaisa", "Mäkinen")
	makkonen := mk("Pekka", "Makkonen")
	virtanen := mk("Matti", "Virtanen", "+358 40 123 4567")
	lehto := mk("Liisa", "Lehto")
	lehtonen := mk("Olli", "Lehtonen")

	// Finnish order: Makkonen before Mäkinen (ä after z).
	if got, want := listIDs(t, svc.Contacts, model.Filter{Text: "mak"}), []model.ID{makkonen.ID, makinen.ID}; !slices.Equal(got, want) {
		t.Errorf("mak lists %v, want %v", got, want)
	}
	for _, q := range []string{"0401234567", "040 123 4567", "+358401234567"} {
		if got, want := listIDs(t, svc.Contacts, model.Filter{Text: q}), []model.ID{virtanen.ID}; !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want %v", q, got, want)
		}
	}
	// The word being typed is the start of a name; once a space follows
	// it, it is a word.
	if got, want := listIDs(t, svc.Contacts, model.Filter{Text: "lehto"}), []model.ID{lehto.ID, lehtonen.ID}; !slices.Equal(got, want) {
		t.Errorf("lehto lists %v, want %v", got, want)
	}
	if got, want := listIDs(t, svc.Contacts, model.Filter{Text: "lehto "}), []model.ID{lehto.ID}; !slices.Equal(got, want) {
		t.Errorf("'lehto ' lists %v, want %v", got, want)
	}
	if got, want := listIDs(t, svc.Contacts, model.Filter{Text: "liisa lehto"}), []model.ID{lehto.ID}; !slices.Equal(got, want) {
		t.Errorf("liisa lehto lists %v, want %v", got, want)
	}
	if got, want := listIDs(t, svc.Contacts, model.Filter{Text: "m virtanen "}), []model.ID{virtanen.ID}; !slices.Equal(got, want) {
		t.Errorf("'m virtanen ' lists %v, want %v", got, want)
	}

	// Many matches (the walk in order) and few (the look-ups), paged.
	for i := range 60 {
		c := &model.Contact{FirstName: "Aino", LastName: fmt.Sprintf("%sla%02d", []string{"Ö", "A", "Å", "Ä", "Z"}[i%5], i)}
		if i%3 == 0 {
			c.Notes = "Vetää kotihoidon pilottia."
		}
		mustCreate(t, svc.Contacts, c)
	}
	for _, q := range []string{"kotihoito ", "pilotti ", "aino ", "kaisa ", "0401234567"} {
		want := searchOrder(t, svc, svc.Contacts, model.KindContact, q, false)
		if len(want) == 0 {
			t.Fatalf("search finds nothing for %q", q)
		}
		if got := listIDs(t, svc.Contacts, model.Filter{Text: q}); !slices.Equal(got, want) {
			t.Errorf("%q lists %v, search finds %v", q, got, want)
		}
		var paged []model.ID
		for off := 0; off < len(want); off += 7 {
			page, err := svc.Contacts.List(ctx, model.Filter{Text: q, Offset: off, Limit: 7})
			if err != nil || page.Total != len(want) {
				t.Fatalf("%q page at %d: total %d, want %d (%v)", q, off, page.Total, len(want), err)
			}
			for _, s := range page.Items {
				paged = append(paged, s.ID)
			}
		}
		if !slices.Equal(paged, want) {
			t.Errorf("%q paged: %v, want %v", q, paged, want)
		}
		reversed := slices.Clone(want)
		slices.Reverse(reversed)
		if got := listIDs(t, svc.Contacts, model.Filter{Text: q, Reverse: true}); !slices.Equal(got, reversed) {
			t.Errorf("%q reversed: %v, want %v", q, got, reversed)
		}
	}
	if p, _ := svc.Contacts.List(ctx, model.Filter{Text: "kotihoito"}); p.Total != 20 {
		t.Errorf("kotihoito: %d contacts, want 20", p.Total)
	}
	// A contact in the trash is not listed.
	if err := svc.Contacts.Delete(ctx, virtanen.ID, false); err != nil {
		t.Fatal(err)
	}
	if got := listIDs(t, svc.Contacts, model.Filter{Text: "0401234567"}); len(got) != 0 {
		t.Errorf("a contact in the trash is listed: %v", got)
	}
}

// TestListTextMunicipalities: Swedish names, with the list's facets.
func TestListTextMunicipalities(t *testing.T) {
	db, svc := openTestDB(t)
	<-db.SearchReady()
	for q, want := range map[string]string{"Tusby": "Tuusula", "Raseborg": "Raasepori", "hyvinkaa": "Hyvinkää"} {
		page, err := svc.Municipalities.List(ctx, model.Filter{Text: q, Facets: []string{"current"}})
		if err != nil || page.Total != 1 || page.Items[0].Title != want {
			t.Errorf("%s lists %+v (%v), want %s", q, page.Items, err, want)
		}
	}
	// Hauho is a former municipality: found, but not among the current.
	if page, _ := svc.Municipalities.List(ctx, model.Filter{Text: "Hauho", Facets: []string{"current"}}); page.Total != 0 {
		t.Errorf("Hauho among the current municipalities: %+v", page.Items)
	}
	if page, _ := svc.Municipalities.List(ctx, model.Filter{Text: "Hauho"}); page.Total != 1 {
		t.Errorf("Hauho: %+v", page.Items)
	}
}

// TestListTextBeforeIndex: until the index is built the filter answers
// from the summaries, as it did before the index.
func TestListTextBeforeIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bulk.db")
	db, err := Open(path, &Options{NoAutoBackup: true, DeferSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Kaisa", LastName: "Mäkinen", Notes: "kotihoidon pilotti"})
	if got := listIDs(t, svc.Contacts, model.Filter{Text: "mäk"}); !slices.Equal(got, []model.ID{c.ID}) {
		t.Errorf("before the index, mäk lists %v", got)
	}
	if got := listIDs(t, svc.Contacts, model.Filter{Text: "kotihoito"}); len(got) != 0 {
		t.Errorf("before the index, kotihoito lists %v", got)
	}
	if err := db.BuildSearch(); err != nil {
		t.Fatal(err)
	}
	if got := listIDs(t, svc.Contacts, model.Filter{Text: "kotihoito"}); !slices.Equal(got, []model.ID{c.ID}) {
		t.Errorf("after the index, kotihoito lists %v", got)
	}
}
