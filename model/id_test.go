package model_test

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"hankekirja/model"
)

// mustParseID parses an ID known to be valid.
func mustParseID(t *testing.T, s string) model.ID {
	t.Helper()
	id, err := model.ParseID(s)
	if err != nil {
		t.Fatalf("ParseID(%q): %v", s, err)
	}
	return id
}

func TestNewID(t *testing.T) {
	const n = 10000
	seen := make(map[model.ID]bool, n)
	prev := model.NilID
	for i := 0; i < n; i++ {
		id := model.NewID()
		if id.IsZero() {
			t.Fatal("NewID returned the zero ID")
		}
		if seen[id] {
			t.Fatalf("NewID repeated %v after %d calls", id, i)
		}
		seen[id] = true
		// Time ordered: a later ID never sorts before an earlier one.
		if bytes.Compare(prev[:], id[:]) > 0 {
			t.Fatalf("NewID not time ordered: %v came after %v", id, prev)
		}
		prev = id
	}

	u := uuid.UUID(model.NewID())
	if got, want := u.Version(), uuid.Version(7); got != want {
		t.Fatalf("version = %d, want %d", got, want)
	}
	if got, want := u.Variant(), uuid.RFC4122; got != want {
		t.Fatalf("variant = %v, want %v", got, want)
	}
}

func TestNewID_Concurrent(t *testing.T) {
	const workers, each = 8, 500
	ch := make(chan []model.ID)
	for w := 0; w < workers; w++ {
		go func() {
			ids := make([]model.ID, each)
			for i := range ids {
				ids[i] = model.NewID()
			}
			ch <- ids
		}()
	}
	seen := map[model.ID]bool{}
	for w := 0; w < workers; w++ {
		for _, id := range <-ch {
			if seen[id] {
				t.Fatalf("duplicate ID %v", id)
			}
			seen[id] = true
		}
	}
}

func TestMunicipalityID(t *testing.T) {
	a, b := model.MunicipalityID("091"), model.MunicipalityID("091")
	if a != b {
		t.Fatalf("MunicipalityID(091) not stable: %v, %v", a, b)
	}
	if a.IsZero() {
		t.Fatal("MunicipalityID(091) is zero")
	}
	if a == model.MunicipalityID("092") {
		t.Fatal("MunicipalityID(091) == MunicipalityID(092)")
	}
	if a == model.MunicipalityID("91") {
		t.Fatal("MunicipalityID(091) == MunicipalityID(91)")
	}
	if got, want := model.ReferenceID("municipality", "091"), a; got != want {
		t.Fatalf("ReferenceID(municipality, 091) = %v, want %v", got, want)
	}
	if model.ReferenceID("region", "091") == a {
		t.Fatal("reference IDs of different kinds collide")
	}
	if got, want := uuid.UUID(a).Version(), uuid.Version(5); got != want {
		t.Fatalf("version = %d, want %d", got, want)
	}

	// Every database must give Helsinki the same ID, release after release:
	// the namespace and the name form are part of the file format.
	if got, want := a.String(), "68a9fc93-2615-5427-bbe0-f3f3221099ad"; got != want {
		t.Fatalf("MunicipalityID(091) = %s, want %s", got, want)
	}
	// The same, computed by hand per RFC 4122 §4.3.
	ns := uuid.MustParse("6f2b1c64-5d0e-4f0a-9a43-2f1e7d8c9b10")
	h := sha1.Sum(append(ns[:], "municipality:106"...))
	var want model.ID
	copy(want[:], h[:16])
	want[6] = want[6]&0x0f | 0x50
	want[8] = want[8]&0x3f | 0x80
	if got := model.MunicipalityID("106"); got != want {
		t.Fatalf("MunicipalityID(106) = %v, want %v", got, want)
	}
}

func TestParseID(t *testing.T) {
	const canonical = "0190a6a4-6f4e-7c3a-8b1d-2e3f4a5b6c7d"
	want := model.ID{0x01, 0x90, 0xa6, 0xa4, 0x6f, 0x4e, 0x7c, 0x3a, 0x8b, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b, 0x6c, 0x7d}

	t.Run("OK", func(t *testing.T) {
		for _, s := range []string{
			canonical,
			strings.ToUpper(canonical),
			" " + canonical + "\n",
			"0190a6a46f4e7c3a8b1d2e3f4a5b6c7d", // 32 hex digits
		} {
			got, err := model.ParseID(s)
			if err != nil {
				t.Errorf("ParseID(%q): %v", s, err)
				continue
			}
			if got != want {
				t.Errorf("ParseID(%q) = %v, want %v", s, got, want)
			}
		}
	})

	t.Run("RoundTrip", func(t *testing.T) {
		for _, id := range []model.ID{model.NewID(), model.MunicipalityID("091"), want} {
			got, err := model.ParseID(id.String())
			if err != nil {
				t.Fatal(err)
			}
			if got != id {
				t.Fatalf("ParseID(%q) = %v", id.String(), got)
			}
		}
		if got, want := want.String(), canonical; got != want {
			t.Fatalf("String() = %q, want %q", got, want)
		}
	})

	t.Run("Err", func(t *testing.T) {
		for _, s := range []string{
			"",
			"x",
			canonical[:35],
			canonical + "0",
			"0190a6a46f4e7c3a8b1d2e3f4a5b6c7",      // 31 hex digits
			"0190a6a46f4e7c3a8b1d2e3f4a5b6c7z",     // 32 characters, not hex
			"0190a6a4-6f4e-7c3a-8b1d_2e3f4a5b6c7d", // wrong separator
			"zzzzzzzz-6f4e-7c3a-8b1d-2e3f4a5b6c7d",
		} {
			if got, err := model.ParseID(s); err == nil {
				t.Errorf("ParseID(%q) = %v, want an error", s, got)
			} else if !got.IsZero() {
				t.Errorf("ParseID(%q) = %v with an error, want the zero ID", s, got)
			}
		}
	})
}

func TestID_JSON(t *testing.T) {
	type rec struct {
		ID     model.ID `json:"id"`
		Parent model.ID `json:"parent,omitzero"`
	}

	t.Run("Zero", func(t *testing.T) {
		if got, want := model.NilID.String(), ""; got != want {
			t.Fatalf("String() = %q, want %q", got, want)
		}
		if !model.NilID.IsZero() {
			t.Fatal("NilID not zero")
		}
		b, err := json.Marshal(model.NilID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `""`; got != want {
			t.Fatalf("Marshal(NilID) = %s, want %s", got, want)
		}
		b, err = json.Marshal(rec{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"id":""}`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
		back := rec{ID: model.NewID()}
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !back.ID.IsZero() {
			t.Fatalf("Unmarshal(\"\") = %v, want the zero ID", back.ID)
		}
	})

	t.Run("OK", func(t *testing.T) {
		in := rec{ID: model.NewID(), Parent: model.MunicipalityID("091")}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"id":"`+in.ID.String()+`","parent":"68a9fc93-2615-5427-bbe0-f3f3221099ad"}`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
		var out rec
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		if out != in {
			t.Fatalf("round trip = %+v, want %+v", out, in)
		}
	})

	t.Run("Err", func(t *testing.T) {
		var r rec
		if err := json.Unmarshal([]byte(`{"id":"not-an-id"}`), &r); err == nil {
			t.Fatal("Unmarshal of a bad ID succeeded")
		}
	})
}

func TestKind(t *testing.T) {
	// The numbers are part of the on-disk format.
	for _, tt := range []struct {
		k    model.Kind
		num  uint8
		name string
	}{
		{model.KindMunicipality, 1, "municipality"},
		{model.KindOrganisation, 2, "organisation"},
		{model.KindProject, 3, "project"},
		{model.KindGroup, 4, "group"},
		{model.KindContact, 5, "contact"},
		{model.KindMeeting, 6, "meeting"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := uint8(tt.k), tt.num; got != want {
				t.Fatalf("%s = %d, want %d", tt.name, got, want)
			}
			if got, want := tt.k.String(), tt.name; got != want {
				t.Fatalf("String() = %q, want %q", got, want)
			}
			for _, s := range []string{tt.name, tt.name + "s"} {
				k, ok := model.ParseKind(s)
				if !ok {
					t.Fatalf("ParseKind(%q) failed", s)
				}
				if got, want := k, tt.k; got != want {
					t.Fatalf("ParseKind(%q) = %v, want %v", s, got, want)
				}
			}
		})
	}

	t.Run("ErrParse", func(t *testing.T) {
		for _, s := range []string{"", "Project", "PROJECTS", "projectss", "proj", "kind(3)", "3", " project"} {
			if k, ok := model.ParseKind(s); ok {
				t.Errorf("ParseKind(%q) = %v, want failure", s, k)
			}
		}
	})

	t.Run("Unknown", func(t *testing.T) {
		if got, want := model.Kind(0).String(), "kind(0)"; got != want {
			t.Fatalf("String() = %q, want %q", got, want)
		}
		if got, want := model.Kind(42).String(), "kind(42)"; got != want {
			t.Fatalf("String() = %q, want %q", got, want)
		}
	})

	t.Run("Kinds", func(t *testing.T) {
		if got, want := len(model.Kinds), 6; got != want {
			t.Fatalf("%d kinds, want %d", got, want)
		}
		seen := map[model.Kind]bool{}
		for _, k := range model.Kinds {
			if seen[k] {
				t.Fatalf("%v listed twice", k)
			}
			seen[k] = true
			if strings.HasPrefix(k.String(), "kind(") {
				t.Fatalf("%d has no name", uint8(k))
			}
		}
	})

	t.Run("Text", func(t *testing.T) {
		for _, k := range model.Kinds {
			b, err := k.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), k.String(); got != want {
				t.Fatalf("MarshalText = %q, want %q", got, want)
			}
			var back model.Kind
			if err := back.UnmarshalText(b); err != nil {
				t.Fatal(err)
			}
			if got, want := back, k; got != want {
				t.Fatalf("round trip %v = %v", want, got)
			}
		}
		var k model.Kind
		if err := k.UnmarshalText([]byte("meetingz")); err == nil {
			t.Fatalf("UnmarshalText(meetingz) = %v, want an error", k)
		}
	})

	t.Run("JSON", func(t *testing.T) {
		in := map[string]model.Kind{"kind": model.KindGroup}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"kind":"group"}`; got != want {
			t.Fatalf("Marshal = %s, want %s", got, want)
		}
		var out struct{ Kind model.Kind }
		if err := json.Unmarshal([]byte(`{"Kind":"contacts"}`), &out); err != nil {
			t.Fatal(err)
		}
		if got, want := out.Kind, model.KindContact; got != want {
			t.Fatalf("Unmarshal = %v, want %v", got, want)
		}
	})
}
