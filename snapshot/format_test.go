package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age/armor"

	"hankekirja/model"
)

// splitFile returns a plaintext snapshot's header and its record lines.
func splitFile(t testing.TB, data []byte) (Header, [][]byte) {
	t.Helper()
	h, off, err := ReadHeader(data)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	for _, l := range bytes.SplitAfter(data[off:], []byte("\n")) {
		if len(l) > 0 {
			lines = append(lines, l)
		}
	}
	return h, lines
}

// rebuild writes a file from a header and lines, with the header's
// length, checksum and counts made to fit (so that only what a test breaks
// on purpose is wrong).
func rebuild(t testing.TB, h Header, lines [][]byte) []byte {
	t.Helper()
	content := bytes.Join(lines, nil)
	sum := sha256.Sum256(content)
	h.SHA256, h.ContentLength = hex.EncodeToString(sum[:]), int64(len(content))
	h.Records, h.Revisions, h.Counts = 0, 0, map[string]int{}
	for _, l := range lines {
		var x line
		if json.Unmarshal(l, &x) == nil {
			h.Records++
			h.Revisions += len(x.History)
			h.Counts[x.Kind.String()]++
		}
	}
	head, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	return append(append(head, '\n'), content...)
}

func TestRoundTripIsByteIdentical(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	// Some history: edits, a deletion, a restore.
	update(t, a.Services().Contacts, w.aino.ID, func(c *model.Contact) { c.JobTitle = "väliaikainen" })
	update(t, a.Services().Contacts, w.aino.ID, func(c *model.Contact) {
		c.JobTitle = "valmistelija"
		c.Notes = "Tavoitettavissa ma–to"
	})
	if err := a.Services().Contacts.Delete(ctx, w.onni.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := a.Services().Contacts.Delete(ctx, w.kerttu.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := a.Services().Contacts.Restore(ctx, w.kerttu.ID); err != nil {
		t.Fatal(err)
	}
	update(t, a.Services().Municipalities, w.hyvinkaa, func(m *model.Municipality) { m.Notes = "KUUMA-kunta" })

	first := export(t, a)
	importAll(t, b, first)
	second := export(t, b)
	h1, l1 := splitFile(t, first)
	h2, l2 := splitFile(t, second)
	if !bytes.Equal(bytes.Join(l1, nil), bytes.Join(l2, nil)) {
		t.Fatalf("content differs:\n%s", diffLines(bytes.Join(l1, nil), bytes.Join(l2, nil)))
	}
	if h1.ExportedBy == h2.ExportedBy {
		t.Error("both headers name the same device")
	}
	h1.ExportedAt, h2.ExportedAt = time.Time{}, time.Time{}
	h1.ExportedBy, h2.ExportedBy = model.NilID, model.NilID
	j1, _ := json.Marshal(h1)
	j2, _ := json.Marshal(h2)
	if !bytes.Equal(j1, j2) {
		t.Errorf("headers differ beyond time and device:\n%s\n%s", j1, j2)
	}
	// Decode → Encode reproduces the file exactly.
	s, err := Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, first) {
		t.Error("Decode → Encode changed the file")
	}
	// The older revisions travel as metadata only.
	if bytes.Contains(first, []byte("väliaikainen")) || !bytes.Contains(first, []byte("valmistelija")) {
		t.Error("an older revision's content is in the snapshot")
	}
}

func TestEncryptedRoundTrip(t *testing.T) {
	a, b := testDB(t), testDB(t)
	seed(t, a)
	data, h, err := Export(ctx, a, ExportOptions{Passphrase: "korppi kantele sauna", AppVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !IsEncrypted(data) || !IsSnapshot(data) || bytes.Contains(data, []byte("Virtanen")) {
		t.Fatal("not an opaque age file")
	}
	s, err := Read(data, "korppi kantele sauna")
	if err != nil {
		t.Fatal(err)
	}
	if s.Header.SHA256 != h.SHA256 || len(s.Records) != h.Records {
		t.Errorf("decrypted header %+v, exported %+v", s.Header, h)
	}
	// Armored files are read too.
	var arm bytes.Buffer
	aw := armor.NewWriter(&arm)
	aw.Write(data)
	aw.Close()
	if _, err := Read(arm.Bytes(), "korppi kantele sauna"); err != nil {
		t.Errorf("armored: %v", err)
	}
	p, err := MakePlan(ctx, b, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(ctx, b, p); err != nil {
		t.Fatal(err)
	}

	before := export(t, b)
	for _, tc := range []struct {
		name, pass string
		data       []byte
		key        string
	}{
		{"WrongPassphrase", "korppi kantele", data, KeyPassphrase},
		{"NoPassphrase", "", data, KeyEncrypted},
		{"FlippedLastChunk", "korppi kantele sauna", flip(data, len(data)-5), KeyTampered},
		{"FlippedHeaderMAC", "korppi kantele sauna", flip(data, bytes.Index(data, []byte("\n--- "))+8), KeyTampered},
		{"Truncated", "korppi kantele sauna", data[:len(data)-40], KeyTampered},
		{"TruncatedToHeader", "korppi kantele sauna", data[:120], KeyTampered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.data, tc.pass)
			if ErrorKey(err) != tc.key {
				t.Fatalf("Read = %v, want %s", err, tc.key)
			}
		})
	}
	if after := export(t, b); !bytes.Equal(content(t, before), content(t, after)) {
		t.Error("the database changed")
	}
}

func flip(data []byte, i int) []byte {
	out := bytes.Clone(data)
	out[i] ^= 0x40
	return out
}

// TestBadInput feeds broken snapshots to the import: each is refused with
// its own error and the database is unchanged.
func TestBadInput(t *testing.T) {
	maxFileSize = testFileSize
	t.Cleanup(func() { maxFileSize = MaxFileSize })
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	good := export(t, a)
	h, lines := splitFile(t, good)
	before := export(t, b)

	dup := append(append([][]byte{}, lines[:3]...), lines[2:]...)
	swapped := append([][]byte{}, lines...)
	swapped[1], swapped[2] = swapped[2], swapped[1]
	future := bytes.Replace(good, []byte(`"version":`+strconv.Itoa(Version)), []byte(`"version":7`), 1)
	// A contact referring to an organisation neither side has.
	orphan := &model.Contact{Meta: model.Meta{ID: model.NewID(), Rev: model.NewID(), Created: time.Now(), Updated: time.Now()},
		FirstName: "Orpo", LastName: "Olematon", Organisation: model.NewID()}
	orphanLine := recordLine(t, orphan)
	withOrphan := rebuild(t, h, insertSorted(lines, orphan.ID, orphanLine))
	unknown := bytes.Replace(lines[0], []byte(`"record":{`), []byte(`"record":{"shoe_size":44,`), 1)
	bigHeader := h
	bigHeader.Records = 10 * len(lines) // more than the file holds
	bh, _ := json.Marshal(bigHeader)
	tooMany := append(append(bh, '\n'), bytes.Join(lines, nil)...)
	longLine := bytes.Repeat([]byte("x"), MaxLine+10)

	for _, tc := range []struct {
		name string
		data []byte
		key  string
		plan bool // refused by MakePlan rather than Read
	}{
		{"Empty", nil, KeyNotSnapshot, false},
		{"Text", []byte("Nimi;Sähköposti\nAino;aino@example.com\n"), KeyNotSnapshot, false},
		{"Bolt", mustRead(t, a.Path()), KeyNotSnapshot, false},
		{"FutureVersion", future, KeyVersion, false},
		{"ChecksumMismatch", bytes.Replace(good, []byte("Virtanen"), []byte("Virtanan"), 1), KeyChecksum, false},
		{"TruncatedContent", good[:len(good)-30], KeyTruncated, false},
		{"TruncatedHeader", good[:20], KeyTruncated, false},
		{"TrailingData", append(bytes.Clone(good), "{}\n"...), KeyChecksum, false},
		{"Duplicate", rebuild(t, h, dup), KeyDuplicate, false},
		{"OutOfOrder", rebuild(t, h, swapped), KeyMalformed, false},
		{"NotJSON", rebuild(t, h, append([][]byte{[]byte("not json\n")}, lines...)), KeyMalformed, false},
		{"NoFinalNewline", rebuild(t, h, [][]byte{bytes.TrimSuffix(lines[0], []byte("\n"))}), KeyMalformed, false},
		{"UnknownField", rebuild(t, h, append([][]byte{unknown}, lines[1:]...)), KeyUnknownData, false},
		{"MoreRecordsThanItHolds", tooMany, KeyMalformed, false},
		{"LongLine", rebuild(t, h, [][]byte{longLine}), KeyLimit, false},
		{"TooLarge", make([]byte, testFileSize+1), KeyLimit, false},
		{"MissingReference", withOrphan, KeyMissingRef, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Read(tc.data, "")
			if tc.plan {
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				_, err = MakePlan(ctx, b, s, nil)
			}
			if ErrorKey(err) != tc.key {
				t.Fatalf("error = %v (key %q), want key %q", err, ErrorKey(err), tc.key)
			}
			var me *model.Error
			if !errors.As(err, &me) || me.Message == "" || strings.Contains(me.Message, "snapshot.error") {
				t.Errorf("error %v has no English message", err)
			}
		})
	}
	if after := export(t, b); !bytes.Equal(content(t, before), content(t, after)) {
		t.Error("the database changed")
	}
	_ = w
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func recordLine(t testing.TB, r model.Record) []byte {
	t.Helper()
	body, _ := json.Marshal(r)
	b, err := json.Marshal(line{ID: r.GetMeta().ID, Kind: r.Kind(), Record: body, SHA256: sumHex(body)})
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// insertSorted puts a line where its ID belongs.
func insertSorted(lines [][]byte, id model.ID, l []byte) [][]byte {
	out := make([][]byte, 0, len(lines)+1)
	done := false
	for _, x := range lines {
		var y line
		json.Unmarshal(x, &y)
		if !done && bytes.Compare(id[:], y.ID[:]) < 0 {
			out = append(out, l)
			done = true
		}
		out = append(out, x)
	}
	if !done {
		out = append(out, l)
	}
	return out
}

func TestProjectScope(t *testing.T) {
	a, b := testDB(t), testDB(t)
	w := seed(t, a)
	svc := a.Services()
	sub := create(t, svc.Projects, &model.Project{Name: "Osahanke", Status: model.ProjectPlanned, Parent: w.project.ID})
	other := create(t, svc.Projects, &model.Project{Name: "Toinen hanke", Status: model.ProjectPlanned})
	stranger := create(t, svc.Contacts, &model.Contact{FirstName: "Vieras", LastName: "Ihminen"})
	otherGroup := create(t, svc.Groups, &model.Group{Name: "Toisen ryhmä", Type: model.GroupWorking, Project: other.ID,
		Members: []model.Membership{{Contact: stranger.ID, Role: model.RoleMember}}})
	// A deleted group of the project travels as deleted.
	trashed := create(t, svc.Groups, &model.Group{Name: "Lakkautettu", Type: model.GroupWorking, Project: w.project.ID})
	if err := svc.Groups.Delete(ctx, trashed.ID, false); err != nil {
		t.Fatal(err)
	}

	data, h, err := Export(ctx, a, ExportOptions{Project: w.project.ID})
	if err != nil {
		t.Fatal(err)
	}
	if h.Scope != w.project.ID.String() || h.Project() != w.project.ID {
		t.Errorf("scope = %q", h.Scope)
	}
	s, err := Read(data, "")
	if err != nil {
		t.Fatal(err)
	}
	in := map[model.ID]bool{}
	for _, r := range s.Records {
		in[r.ID()] = true
	}
	for name, id := range map[string]model.ID{"project": w.project.ID, "sub-project": sub.ID, "group": w.group.ID,
		"meeting": w.meeting.ID, "staff": w.aino.ID, "member": w.eino.ID, "administrator": w.org.ID,
		"municipality": w.hyvinkaa, "trashed group": trashed.ID} {
		if !in[id] {
			t.Errorf("the snapshot lacks the %s", name)
		}
	}
	for name, id := range map[string]model.ID{"other project": other.ID, "other group": otherGroup.ID, "stranger": stranger.ID, "unrelated contact": w.helmi.ID} {
		if in[id] {
			t.Errorf("the snapshot holds the %s", name)
		}
	}
	importAll(t, b, data)
	if g := get(t, b.Services().Groups, trashed.ID); !g.InTrash() {
		t.Error("the deleted group is not in the trash on the other side")
	}
	if _, _, err := Export(ctx, a, ExportOptions{Project: w.aino.ID}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("export of a contact as a project: %v", err)
	}
}

func TestHeaderFields(t *testing.T) {
	a := testDB(t)
	seed(t, a)
	at := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	data, _, err := Export(ctx, a, ExportOptions{AppVersion: "1.2.3", Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	first := string(data[:bytes.IndexByte(data, '\n')])
	for _, want := range []string{`{"format":"hankekirja-snapshot","version":3,"app_version":"1.2.3","exported_at":"2026-11-23T07:30:00Z"`,
		`"exported_by":"` + a.Device().String() + `"`, `"scope":"all"`, `"contact":6`, `"sha256":"`} {
		if !strings.Contains(first, want) {
			t.Errorf("header lacks %s:\n%s", want, first)
		}
	}
}

// testFileSize is the file size limit while TestBadInput runs (the real
// one, 2 GiB, is too large to build a file beyond in a test).
const testFileSize = 8 << 20
