package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"hankekirja/model"
)

// revisionOf returns a copy of c as another laptop's revision made from
// parent.
func revisionOf(c model.Contact, parent model.ID, device model.ID, at time.Time) *model.Contact {
	c.Meta = model.Meta{ID: c.ID, Rev: model.NewID(), ParentRev: parent, Created: c.Created, Updated: at, Device: device}
	return &c
}

func TestApplyMergeWritesGivenRevisions(t *testing.T) {
	db, svc := openTestDB(t)
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Virtanen"})
	mine := c.Rev
	other := model.NewID()
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	mid := revisionOf(*c, c.Rev, other, at)
	mid.JobTitle = "valmistelija"
	gone := model.Meta{ID: c.ID, Rev: model.NewID(), ParentRev: mid.Rev, Created: c.Created, Updated: at.Add(time.Minute), Device: model.NewID()}
	theirs := revisionOf(*mid, gone.Rev, other, at.Add(time.Hour))
	theirs.JobTitle = "projektijohtaja"

	w := model.MergeWrite{ID: c.ID, Kind: model.KindContact, Expect: mine, Current: theirs,
		History: []model.Record{mid}, Known: []model.Meta{gone}}
	if err := db.ApplyMerge(ctx, []model.MergeWrite{w}); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Contacts.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rev != theirs.Rev || got.ParentRev != gone.Rev || got.Device != other || got.JobTitle != "projektijohtaja" {
		t.Errorf("current = %+v, want their revision as given", got.Meta)
	}
	hist, _ := svc.Contacts.History(ctx, c.ID)
	var revs []model.ID
	for _, h := range hist {
		revs = append(revs, h.Rev)
	}
	if len(hist) != 3 || hist[2].Rev != theirs.Rev {
		t.Errorf("history revisions = %v, want mine, theirs' middle one and theirs", revs)
	}
	var chain *model.Chain
	db.ReadChains(ctx, []model.ID{c.ID}, func(ch *model.Chain) error { chain = ch; return nil })
	if chain == nil || len(chain.Older) != 3 || !chain.Knows(gone.Rev) || !chain.Knows(mine) || !chain.Knows(mid.Rev) {
		t.Fatalf("chain = %+v", chain)
	}
	if _, err := db.Revision(ctx, c.ID, gone.Rev); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("content of a metadata-only revision: %v", err)
	}
	if r, err := db.Revision(ctx, c.ID, mine); err != nil || r.(*model.Contact).JobTitle != "" {
		t.Errorf("Revision(mine) = %v, %v", r, err)
	}

	// The same merge again changes nothing but is refused as stale, since
	// the current revision moved on.
	err = db.ApplyMerge(ctx, []model.MergeWrite{w})
	wantCode(t, err, model.ECONFLICT)

	// Going back to an older revision (the greater revision ID wins on
	// both sides after a conflict) moves it out of the history.
	back := model.MergeWrite{ID: c.ID, Kind: model.KindContact, Expect: theirs.Rev, Current: mid}
	if err := db.ApplyMerge(ctx, []model.MergeWrite{back}); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Contacts.Get(ctx, c.ID); got.Rev != mid.Rev {
		t.Errorf("current = %s, want %s", got.Rev, mid.Rev)
	}
}

func TestApplyMergeIsAllOrNothing(t *testing.T) {
	db, svc := openTestDB(t)
	org := mustCreate(t, svc.Organisations, &model.Organisation{Name: "KUUMA", Type: model.OrgJointAuthority})
	eino := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Eino", LastName: "Korhonen", Organisation: org.ID})
	group := mustCreate(t, svc.Groups, &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering,
		Members: []model.Membership{{Contact: eino.ID, Role: model.RoleChair}}})
	now := time.Now()
	newContact := func(first string) *model.Contact {
		return &model.Contact{Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: now, Updated: now, Device: model.NewID()},
			FirstName: first, LastName: "Uusi"}
	}
	good := newContact("Helmi")
	list := func() int {
		p, err := svc.Contacts.List(ctx, model.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	before := list() // loads the summary cache

	bad := newContact("Onni")
	bad.Emails = []string{"not an address"}
	dangling := newContact("Kerttu")
	dangling.Organisation = model.NewID()
	trashed := revisionOf(*eino, eino.Rev, model.NewID(), now)
	trashed.Deleted = &now
	muniID := model.MunicipalityID("106")
	var hyvinkaa model.Municipality
	if m, err := svc.Municipalities.Get(ctx, muniID); err == nil {
		hyvinkaa = *m
	}
	renamed := hyvinkaa
	renamed.Meta = model.Meta{ID: muniID, Rev: model.NewID(), ParentRev: hyvinkaa.Rev, Created: hyvinkaa.Created, Updated: now}
	renamed.Name.FI = "Hyvinkää-Uusi"

	for _, tc := range []struct {
		name string
		bad  model.MergeWrite
		code string
	}{
		{"Invalid", model.MergeWrite{ID: bad.ID, Kind: model.KindContact, Current: bad}, model.EINVALID},
		{"MissingReference", model.MergeWrite{ID: dangling.ID, Kind: model.KindContact, Current: dangling}, model.EINVALID},
		{"TrashStillReferred", model.MergeWrite{ID: eino.ID, Kind: model.KindContact, Expect: eino.Rev, Current: trashed}, model.ECONFLICT},
		{"Stale", model.MergeWrite{ID: eino.ID, Kind: model.KindContact, Expect: model.NewID(), Current: trashed}, model.ECONFLICT},
		{"OfficialData", model.MergeWrite{ID: muniID, Kind: model.KindMunicipality, Expect: hyvinkaa.Rev, Current: &renamed}, model.EREADONLY},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writes := []model.MergeWrite{{ID: good.ID, Kind: model.KindContact, Current: good}, tc.bad}
			err := db.CheckMerge(ctx, writes)
			wantCode(t, err, tc.code)
			err = db.ApplyMerge(ctx, writes)
			wantCode(t, err, tc.code)
			if tc.code != model.ECONFLICT || tc.name == "TrashStillReferred" {
				var me *model.MergeError
				if !errors.As(err, &me) || me.ID != tc.bad.ID {
					t.Errorf("error %v does not name the record", err)
				}
			}
			if _, err := svc.Contacts.Get(ctx, good.ID); model.ErrorCode(err) != model.ENOTFOUND {
				t.Error("the good half of the merge was written")
			}
			if n := list(); n != before {
				t.Errorf("list has %d contacts, want %d", n, before)
			}
		})
	}
	// Notes of a municipality may come from the other side.
	noted := hyvinkaa
	noted.Meta = renamed.Meta
	noted.Notes = "KUUMA-kunta"
	if err := db.ApplyMerge(ctx, []model.MergeWrite{{ID: muniID, Kind: model.KindMunicipality, Expect: hyvinkaa.Rev, Current: &noted}}); err != nil {
		t.Errorf("notes: %v", err)
	}
	// Unlinking the member and trashing him in one merge is fine.
	unlinked := *group
	unlinked.Meta = model.Meta{ID: group.ID, Rev: model.NewID(), ParentRev: group.Rev, Created: group.Created, Updated: now}
	unlinked.Members = nil
	err := db.ApplyMerge(ctx, []model.MergeWrite{
		{ID: eino.ID, Kind: model.KindContact, Expect: eino.Rev, Current: trashed},
		{ID: group.ID, Kind: model.KindGroup, Expect: group.Rev, Current: &unlinked},
	})
	if err != nil {
		t.Fatal(err)
	}
	if refs, _ := svc.Queries.ReferencesTo(ctx, eino.ID); len(refs) != 0 {
		t.Errorf("references to the trashed contact: %v", refs)
	}
	if n := list(); n != before-1 {
		t.Errorf("list has %d contacts after the trash move, want %d", n, before-1)
	}
}

// TestApplyMergeKeepsTheLists checks that small and large merges (the
// latter grow the file in large steps) show in the lists.
func TestApplyMergeKeepsTheLists(t *testing.T) {
	db, svc := openTestDB(t)
	svc.Contacts.List(ctx, model.Filter{})
	now := time.Now()
	for _, n := range []int{3, bulkThreshold + 10} {
		var writes []model.MergeWrite
		for i := range n {
			c := &model.Contact{Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: now, Updated: now},
				FirstName: "Etu", LastName: fmt.Sprintf("Suku%d", i)}
			writes = append(writes, model.MergeWrite{ID: c.ID, Kind: model.KindContact, Current: c})
		}
		before, _ := svc.Contacts.List(ctx, model.Filter{})
		if err := db.ApplyMerge(ctx, writes); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.Contacts.List(ctx, model.Filter{})
		if after.Total != before.Total+n {
			t.Errorf("after merging %d: %d contacts listed, want %d", n, after.Total, before.Total+n)
		}
	}
}

// TestEncodeRecord: the envelope written by hand is what encoding/json
// makes of it, and decoding gives the record back.
func TestEncodeRecord(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 7, 0, 0, time.FixedZone("", 7200))
	for _, r := range []model.Record{
		&model.Contact{Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: now, Updated: now}, FirstName: "Åsa <&>", LastName: "Öhman\u2028"},
		&model.Project{Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Deleted: &now}, Name: "Hanke", Status: model.ProjectRunning},
		&model.Municipality{Code: "106", Name: model.Names{FI: "Hyvinkää", SV: "Hyvinge"}},
	} {
		got, err := encodeRecord(r)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(r)
		env, _ := json.Marshal(envelope{V: recordVersion, Kind: r.Kind(), Record: body})
		old := append([]byte{byte(r.Kind())}, env...) // a value written before checksums
		if want := framed(old); !bytes.Equal(got, want) {
			t.Errorf("encodeRecord differs from encoding/json:\n%s\n%s", got, want)
		}
		if back, err := decodeRecord(old); err != nil || back.GetMeta().ID != r.GetMeta().ID {
			t.Errorf("a value without a checksum: %v, %v", back, err)
		}
		back, err := decodeRecord(got)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := encodeRecord(back)
		if !bytes.Equal(got, again) {
			t.Errorf("decode and encode again differ:\n%s\n%s", got, again)
		}
	}
}

// TestApplyMergeIndexesWhatItWrites: records that come in by a merge (a
// colleague's snapshot imported into this database) are found by search
// like saved ones: a new record by the words of its text, a changed one by
// its new words and no longer by the ones it lost. A dry run indexes
// nothing.
func TestApplyMergeIndexesWhatItWrites(t *testing.T) {
	db, svc := openTestDB(t)
	<-db.SearchReady()
	c := mustCreate(t, svc.Contacts, &model.Contact{FirstName: "Aino", LastName: "Virtanen", Notes: "kotihoidon pilotti"})
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	theirs := revisionOf(*c, c.Rev, model.NewID(), at)
	theirs.Notes = "valtionavustuksen haku"
	now := time.Now()
	fresh := &model.Contact{FirstName: "Eino", LastName: "Lahtinen", Notes: "hyvinvointialueen valmistelu"}
	fresh.Meta = model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: now, Updated: now, Device: model.NewID()}

	writes := []model.MergeWrite{
		{ID: c.ID, Kind: model.KindContact, Expect: c.Rev, Current: theirs},
		{ID: fresh.ID, Kind: model.KindContact, Current: fresh},
	}
	if err := db.CheckMerge(ctx, writes); err != nil {
		t.Fatal(err)
	}
	if hits := findIDs(t, svc, "hyvinvointialue"); len(hits) != 0 {
		t.Errorf("a dry run indexed %v", hits)
	}
	if err := db.ApplyMerge(ctx, writes); err != nil {
		t.Fatal(err)
	}
	if hits := findIDs(t, svc, "hyvinvointialue"); hits[fresh.ID].Summary.ID != fresh.ID {
		t.Errorf("hyvinvointialue finds %v, want the merged new contact", hits)
	}
	if hits := findIDs(t, svc, "valtionavustus"); hits[c.ID].Summary.ID != c.ID {
		t.Errorf("valtionavustus finds %v, want the merged revision's contact", hits)
	}
	if hits := findIDs(t, svc, "kotihoito"); len(hits) != 0 {
		t.Errorf("kotihoito still finds %v after the merge replaced the text", hits)
	}
}
