package snapshot

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"hankekirja/model"
	"hankekirja/store"
)

// world is the records two laptops start sharing.
type world struct {
	org                             *model.Organisation
	project                         *model.Project
	group                           *model.Group
	meeting                         *model.Meeting
	aino, eino, helmi, onni, kerttu *model.Contact
	lauri                           *model.Contact
	hyvinkaa                        model.ID
}

func seed(t *testing.T, db *store.DB) *world {
	t.Helper()
	svc := db.Services()
	w := &world{hyvinkaa: model.MunicipalityID("106")}
	w.org = create(t, svc.Organisations, &model.Organisation{Name: "KUUMA-kuntien sote-alueyksikkö", Type: model.OrgJointAuthority, Municipality: w.hyvinkaa})
	mk := func(first, last string) *model.Contact {
		return create(t, svc.Contacts, &model.Contact{FirstName: first, LastName: last, Organisation: w.org.ID, Emails: []string{first + "@example.com"}})
	}
	w.aino, w.eino, w.helmi = mk("Aino", "Virtanen"), mk("Eino", "Korhonen"), mk("Helmi", "Mäkinen")
	w.onni, w.kerttu, w.lauri = mk("Onni", "Laine"), mk("Kerttu", "Koskinen"), mk("Lauri", "Heikkinen")
	w.project = create(t, svc.Projects, &model.Project{Name: "Sote-uudistus", Status: model.ProjectRunning, Administrator: w.org.ID,
		Municipalities: []model.Participation{{Municipality: w.hyvinkaa}}, Staff: []model.StaffMember{{Contact: w.aino.ID, Role: model.StaffDirector}}})
	w.group = create(t, svc.Groups, &model.Group{Name: "Ohjausryhmä", Type: model.GroupSteering, Project: w.project.ID,
		Members: []model.Membership{{Contact: w.eino.ID, Role: model.RoleChair}, {Contact: w.lauri.ID, Role: model.RoleMember}}})
	w.meeting = create(t, svc.Meetings, &model.Meeting{Group: w.group.ID, Number: 1, Year: 2026, Date: model.DateOf(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)), GroupName: w.group.Name})
	return w
}

// TestDivergeAndExchange: two databases start from the same snapshot,
// change things on both sides (edits, deletes, additions, a conflict) and
// exchange snapshots both ways.
func TestDivergeAndExchange(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	if _, res := importAll(t, b, export(t, a)); res.Writes == 0 {
		t.Fatal("first import wrote nothing")
	}
	sa, sb := a.Services(), b.Services()

	// A: edits Aino, deletes Onni, adds Väinö, edits Kerttu's title.
	update(t, sa.Contacts, w.aino.ID, func(c *model.Contact) { c.JobTitle = "projektijohtaja" })
	if err := sa.Contacts.Delete(ctx, w.onni.ID, false); err != nil {
		t.Fatal(err)
	}
	vaino := create(t, sa.Contacts, &model.Contact{FirstName: "Väinö", LastName: "Nieminen"})
	update(t, sa.Contacts, w.kerttu.ID, func(c *model.Contact) { c.JobTitle = "sosiaalijohtaja" })
	// Helmi: A edits the first name, B the title and the phone.
	update(t, sa.Contacts, w.helmi.ID, func(c *model.Contact) { c.FirstName = "Helmi-Maria" })
	// Lauri: A deletes him (unlinking him from the group), B edits him.
	if err := sa.Contacts.Delete(ctx, w.lauri.ID, true); err != nil {
		t.Fatal(err)
	}

	// B: edits Eino, deletes Kerttu (changed on A: a conflict), adds
	// Elli, edits Helmi and Lauri.
	update(t, sb.Contacts, w.eino.ID, func(c *model.Contact) { c.Phones = []string{"+358401234567"} })
	if err := sb.Contacts.Delete(ctx, w.kerttu.ID, false); err != nil {
		t.Fatal(err)
	}
	elli := create(t, sb.Contacts, &model.Contact{FirstName: "Elli", LastName: "Järvinen"})
	update(t, sb.Contacts, w.helmi.ID, func(c *model.Contact) {
		c.JobTitle = "perusturvajohtaja"
		c.Phones = []string{"+358407654321"}
	})
	update(t, sb.Contacts, w.lauri.ID, func(c *model.Contact) { c.JobTitle = "kehittäjä" })

	fromA, fromB := export(t, a), export(t, b)

	// B imports A's snapshot.
	p := plan(t, b, fromA)
	if got, want := titles(p.Add), []string{"Väinö Nieminen"}; !slices.Equal(got, want) {
		t.Errorf("B adds %v, want %v", got, want)
	}
	if got, want := titles(p.Trash), []string{"Onni Laine"}; !slices.Equal(got, want) {
		t.Errorf("B trashes %v, want %v", got, want)
	}
	// The group changed on A only (Lauri unlinked), Aino too.
	if got := titles(p.Update); !slices.Contains(got, "Aino Virtanen") || !slices.Contains(got, "Ohjausryhmä") {
		t.Errorf("B updates %v, want Aino and the group", got)
	}
	conflicts := map[string]*Conflict{}
	for _, c := range p.Conflicts {
		conflicts[c.Title] = c
	}
	if len(conflicts) != 3 {
		t.Fatalf("B's conflicts = %v, want Helmi, Kerttu and Lauri", conflictTitles(p))
	}
	helmi := conflicts["Helmi-Maria Mäkinen"]
	if helmi == nil {
		t.Fatalf("no conflict for Helmi: %v", conflictTitles(p))
	}
	fields := map[string]*FieldDiff{}
	for _, f := range helmi.Fields {
		fields[f.Field] = f
	}
	if f := fields["first_name"]; f == nil || !f.TheirsOnly || f.Choice != TakeTheirs {
		t.Errorf("first_name diff = %+v, want only theirs, taken", f)
	}
	if f := fields["title"]; f == nil || f.TheirsOnly || f.Choice != KeepMine {
		t.Errorf("title diff = %+v, want mine kept", f)
	}
	// Lauri: A deleted him, B edited him: the trash move is a field of
	// the conflict; by default B keeps its edit out of the trash... but
	// the trash state changed only on A, so it is taken unless something
	// refers to him. Nothing does on B after A's group revision, which
	// unlinked him: he goes to the trash with B's edit kept.
	lauri := conflicts["Lauri Heikkinen"]
	if lauri == nil {
		t.Fatalf("no conflict for Lauri")
	}
	if _, err := Apply(ctx, b, p); err != nil {
		t.Fatalf("Apply on B: %v", err)
	}
	checkDB(t, b)

	hb := get(t, sb.Contacts, w.helmi.ID)
	if hb.FirstName != "Helmi-Maria" || hb.JobTitle != "perusturvajohtaja" || !slices.Equal(hb.Phones, []string{"+358407654321"}) {
		t.Errorf("B's Helmi = %+v, want A's first name and B's title and phone", hb)
	}
	if !contains(hb.Note.String(), "merged") {
		t.Errorf("B's Helmi note = %q", hb.Note)
	}
	hist, _ := sb.Contacts.History(ctx, w.helmi.ID)
	var sawA, sawB bool
	for _, r := range hist {
		if r.FirstName == "Helmi-Maria" && r.JobTitle == "" {
			sawA = true
		}
		if r.FirstName == "Helmi" && r.JobTitle == "perusturvajohtaja" {
			sawB = true
		}
	}
	if !sawA || !sawB {
		t.Errorf("B's history of Helmi lacks a side: A %v, B %v", sawA, sawB)
	}
	if c := get(t, sb.Contacts, w.onni.ID); !c.InTrash() {
		t.Error("Onni is not in B's trash")
	}
	if c := get(t, sb.Contacts, vaino.ID); c.InTrash() || c.FirstName != "Väinö" {
		t.Errorf("Väinö on B = %+v", c)
	}
	if c := get(t, sb.Contacts, w.aino.ID); c.JobTitle != "projektijohtaja" {
		t.Errorf("Aino on B = %+v", c)
	}
	if c := get(t, sb.Contacts, w.eino.ID); !slices.Equal(c.Phones, []string{"+358401234567"}) {
		t.Errorf("B lost its own edit of Eino: %+v", c)
	}
	if c := get(t, sb.Contacts, elli.ID); c.InTrash() {
		t.Error("B's Elli went to the trash")
	}
	// Kerttu: A edited, B deleted; B's trash state is its own change and
	// is kept, A's title is taken.
	if c := get(t, sb.Contacts, w.kerttu.ID); !c.InTrash() || c.JobTitle != "sosiaalijohtaja" {
		t.Errorf("Kerttu on B = %+v, want in the trash with A's title", c)
	}

	// Applying the same snapshot again changes nothing.
	again := plan(t, b, fromA)
	if !again.Empty() {
		t.Errorf("second plan is not empty: add %v update %v trash %v conflicts %v", titles(again.Add), titles(again.Update), titles(again.Trash), conflictTitles(again))
	}
	if res, err := Apply(ctx, b, again); err != nil || res.Writes != 0 {
		t.Errorf("second Apply = %+v, %v; want nothing written", res, err)
	}

	// A imports B's earlier snapshot: conflicts the other way round.
	pa := plan(t, a, fromB)
	if got := titles(pa.Add); !slices.Equal(got, []string{"Elli Järvinen"}) {
		t.Errorf("A adds %v", got)
	}
	if _, err := Apply(ctx, a, pa); err != nil {
		t.Fatalf("Apply on A: %v", err)
	}
	checkDB(t, a)

	// Now each side sends its merged state: both converge.
	for i := 0; i < 3; i++ {
		importAll(t, a, export(t, b))
		importAll(t, b, export(t, a))
	}
	ea, eb := export(t, a), export(t, b)
	if !bytes.Equal(content(t, ea), content(t, eb)) {
		t.Errorf("after exchanging, the two databases differ:\n%s", diffLines(content(t, ea), content(t, eb)))
	}
	if p := plan(t, a, eb); !p.Empty() {
		t.Errorf("A's plan of B's state is not empty: %v %v", titles(p.Update), conflictTitles(p))
	}
}

func conflictTitles(p *Plan) []string {
	var out []string
	for _, c := range p.Conflicts {
		out = append(out, c.Title)
	}
	return out
}

func contains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }

// content returns a plaintext snapshot's content (after the header line).
func content(t testing.TB, data []byte) []byte {
	t.Helper()
	_, off, err := ReadHeader(data)
	if err != nil {
		t.Fatal(err)
	}
	return data[off:]
}

func diffLines(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	var out bytes.Buffer
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			out.WriteString("- " + string(x) + "\n+ " + string(y) + "\n")
			if out.Len() > 4000 {
				break
			}
		}
	}
	return out.String()
}

// TestTrashMendsReferences: one side deletes a contact while the other
// puts them in a new group. Neither import may leave the group referring
// into the trash.
func TestTrashMendsReferences(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	importAll(t, b, export(t, a))
	// A deletes Onni; B makes a working group with Onni in it.
	if err := a.Services().Contacts.Delete(ctx, w.onni.ID, false); err != nil {
		t.Fatal(err)
	}
	g := create(t, b.Services().Groups, &model.Group{Name: "Työryhmä", Type: model.GroupWorking, Project: w.project.ID,
		Members: []model.Membership{{Contact: w.onni.ID, Role: model.RoleMember}}})
	fromA, fromB := export(t, a), export(t, b)

	// B: A's trash move is not made; Onni is kept.
	p, _ := importAll(t, b, fromA)
	if got := titles(p.Kept); !slices.Equal(got, []string{"Onni Laine"}) || len(p.Trash) != 0 {
		t.Errorf("B keeps %v and trashes %v, want Onni kept", got, titles(p.Trash))
	}
	if c := get(t, b.Services().Contacts, w.onni.ID); c.InTrash() {
		t.Error("Onni went to B's trash")
	}
	// A: the new group refers to Onni, in A's trash: he is restored.
	p, _ = importAll(t, a, fromB)
	if got := titles(p.Restore); !slices.Equal(got, []string{"Onni Laine"}) || p.Restore[0].ReferredBy != "Työryhmä" {
		t.Errorf("A restores %v, want Onni, referred to by the group", p.Restore)
	}
	if c := get(t, a.Services().Contacts, w.onni.ID); c.InTrash() || !contains(c.Note.String(), "restored from trash") {
		t.Errorf("Onni on A = %+v", c.Meta)
	}
	if grp := get(t, a.Services().Groups, g.ID); len(grp.Members) != 1 {
		t.Error("the group lost its member on A")
	}
	// Both converge with Onni out of the trash.
	for range 2 {
		importAll(t, a, export(t, b))
		importAll(t, b, export(t, a))
	}
	if !bytes.Equal(content(t, export(t, a)), content(t, export(t, b))) {
		t.Error("the databases differ after exchanging")
	}
	for _, db := range []*store.DB{a, b} {
		if c := get(t, db.Services().Contacts, w.onni.ID); c.InTrash() {
			t.Error("Onni ended in a trash")
		}
	}
}

// TestConflictTrashChoiceChecked: choosing "take theirs" for the trash
// state of a record that is still referred to is refused at Apply, and
// nothing is written.
func TestConflictTrashChoiceChecked(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	importAll(t, b, export(t, a))
	// A unlinks and deletes Eino; B edits Eino (still the group's chair
	// on B).
	if err := a.Services().Contacts.Delete(ctx, w.eino.ID, true); err != nil {
		t.Fatal(err)
	}
	update(t, b.Services().Contacts, w.eino.ID, func(c *model.Contact) { c.JobTitle = "puheenjohtaja" })
	update(t, b.Services().Groups, w.group.ID, func(g *model.Group) { g.Mandate = "Ohjaa valmistelua" })
	p := plan(t, b, export(t, a))
	var eino *Conflict
	for _, c := range p.Conflicts {
		if c.ID == w.eino.ID {
			eino = c
		}
	}
	if eino == nil {
		t.Fatalf("no conflict for Eino: %v", conflictTitles(p))
	}
	// By default the group takes A's members (only A changed them), so
	// nothing refers to Eino and his trash state may be A's too.
	for _, f := range eino.Fields {
		if f.Field == FieldTrash && f.Choice != TakeTheirs {
			t.Errorf("the trash state starts as %v, want take theirs", f.Choice)
		}
	}
	// Keeping B's members instead leaves the group referring to him.
	before := export(t, b)
	for _, c := range p.Conflicts {
		if c.ID == w.group.ID {
			c.Choose("members", KeepMine)
		}
	}
	if _, err := Apply(ctx, b, p); ErrorKey(err) != KeyReferenced {
		t.Fatalf("Apply = %v, want %s", err, KeyReferenced)
	}
	if after := export(t, b); !bytes.Equal(content(t, before), content(t, after)) {
		t.Error("a refused Apply changed the database")
	}
}

// TestConflictTrashDefaultKeepsReferenced: when the merged group keeps a
// member the other side deleted, the member's trash state starts as "keep
// mine" even though only they changed it.
func TestConflictTrashDefaultKeepsReferenced(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	importAll(t, b, export(t, a))
	if err := a.Services().Contacts.Delete(ctx, w.eino.ID, true); err != nil {
		t.Fatal(err)
	}
	update(t, b.Services().Contacts, w.eino.ID, func(c *model.Contact) { c.JobTitle = "puheenjohtaja" })
	update(t, b.Services().Groups, w.group.ID, func(g *model.Group) {
		g.Members = append(g.Members, model.Membership{Contact: w.helmi.ID, Role: model.RoleSecretary})
	})
	p, _ := importAll(t, b, export(t, a))
	if c := get(t, b.Services().Contacts, w.eino.ID); c.InTrash() || c.JobTitle != "puheenjohtaja" {
		t.Errorf("Eino on B = %+v", c)
	}
	if g := get(t, b.Services().Groups, w.group.ID); len(g.Members) != 3 {
		t.Errorf("the group on B has %d members, want B's three", len(g.Members))
	}
	if len(p.Conflicts) != 2 {
		t.Errorf("conflicts = %v", conflictTitles(p))
	}
}
