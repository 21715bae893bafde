package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"hankekirja/assets"
	"hankekirja/model"
)

// lineWith returns the index of the line holding text, failing the test
// when none does.
func lineWith(t *testing.T, lines [][]byte, text string) int {
	t.Helper()
	for i, l := range lines {
		if bytes.Contains(l, []byte(text)) {
			return i
		}
	}
	t.Fatalf("no line holds %q", text)
	return -1
}

// resum rewrites a line's record checksum to fit its record, as someone
// who knows the format would when changing a record by hand.
func resum(t *testing.T, l []byte) []byte {
	t.Helper()
	var x line
	if err := json.Unmarshal(l, &x); err != nil {
		t.Fatal(err)
	}
	x.SHA256 = sumHex(x.Record)
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// messages returns the refusal in every language, for checks on what
// the user reads.
func messages(err error) []string {
	var me *model.Error
	if !asModelError(err, &me) {
		return []string{err.Error()}
	}
	var out []string
	for _, lang := range []string{"fi", "sv", "en"} {
		out = append(out, assets.Message(lang, me.Key, me.Args))
	}
	return out
}

func asModelError(err error, me **model.Error) bool { return errors.As(err, me) }

// wantNamed checks that every language's message names the record and
// its line and shows no Go internals.
func wantNamed(t *testing.T, err error, name string, line int) {
	t.Helper()
	for _, m := range messages(err) {
		for _, want := range []string{name, " " + itoa(line)} {
			if !strings.Contains(m, want) {
				t.Errorf("message %q lacks %q", m, want)
			}
		}
		for _, bad := range []string{"Go value", "Go struct", "snapshot.", "model.", "json:"} {
			if strings.Contains(m, bad) {
				t.Errorf("message %q shows %q", m, bad)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestSameRevisionOtherContent(t *testing.T) {
	a, b := testDB(t), testDB(t)
	seed(t, a)
	good := export(t, a)
	importAll(t, b, good)

	h, lines := splitFile(t, good)
	i := lineWith(t, lines, `"last_name":"Virtanen"`)
	lines[i] = resum(t, bytes.Replace(lines[i], []byte(`"Virtanen"`), []byte(`"Virtala"`), 1))
	changed := rebuild(t, h, lines)

	s, err := Read(changed, "")
	if err != nil {
		t.Fatalf("Read: %v (the file is self-consistent)", err)
	}
	_, err = MakePlan(ctx, b, s, nil)
	if got := ErrorKey(err); got != KeyRevisionChanged {
		t.Fatalf("error = %v (key %q), want %q", err, got, KeyRevisionChanged)
	}
	if model.ErrorCode(err) == "" {
		t.Errorf("no code on %v", err)
	}
	wantNamed(t, err, "Aino Virtanen", i+2)

	// Into a database without the record, the same file is simply new.
	if _, err := MakePlan(ctx, testDB(t), s, nil); err != nil {
		t.Errorf("into an empty database: %v", err)
	}
}

func TestLineChecksum(t *testing.T) {
	a := testDB(t)
	seed(t, a)
	h, lines := splitFile(t, export(t, a))
	i := lineWith(t, lines, `"last_name":"Korhonen"`)
	lines[i] = bytes.Replace(lines[i], []byte(`"Korhonen"`), []byte(`"Korhola"`), 1)
	_, err := Read(rebuild(t, h, lines), "")
	if got := ErrorKey(err); got != KeyRevisionContent {
		t.Fatalf("error = %v (key %q), want %q", err, got, KeyRevisionContent)
	}
	wantNamed(t, err, "Eino Korhola", i+2)
}

func TestInvalidUTF8(t *testing.T) {
	a := testDB(t)
	seed(t, a)
	h, lines := splitFile(t, export(t, a))
	i := lineWith(t, lines, `"last_name":"Laine"`)
	lines[i] = resum(t, bytes.Replace(lines[i], []byte(`"Laine"`), []byte("\"La\xffine\""), 1))
	_, err := Read(rebuild(t, h, lines), "")
	if got := ErrorKey(err); got != KeyInvalidText {
		t.Fatalf("error = %v (key %q), want %q", err, got, KeyInvalidText)
	}
	var me *model.Error
	asModelError(err, &me)
	if me.Args["Field"] != "last_name" || me.Args["Count"] != i+2 {
		t.Errorf("args = %v, want field last_name on line %d", me.Args, i+2)
	}
	wantNamed(t, err, "Onni La", i+2)
}

func TestRefusalsInWords(t *testing.T) {
	a := testDB(t)
	seed(t, a)
	h, lines := splitFile(t, export(t, a))
	i := lineWith(t, lines, `"last_name":"Heikkinen"`)
	for _, tc := range []struct {
		name, line, named string
	}{
		{"Array", "[1,2]\n", ""},
		{"NameIsAList", string(resum(t, bytes.Replace(lines[i], []byte(`"first_name":"Lauri"`), []byte(`"first_name":["Lauri"]`), 1))), "Heikkinen"},
		{"RevMismatch", string(bytes.Replace(lines[i], []byte(`"rev":"`), []byte(`"rev":"0`), 1)), "Heikkinen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ls := append([][]byte{}, lines...)
			ls[i] = []byte(tc.line)
			_, err := Read(rebuild(t, h, ls), "")
			if err == nil {
				t.Fatal("accepted")
			}
			if tc.named != "" {
				wantNamed(t, err, tc.named, i+2)
				return
			}
			for _, m := range messages(err) {
				if strings.Contains(m, "Go value") || strings.Contains(m, "snapshot.line") {
					t.Errorf("message %q shows Go internals", m)
				}
			}
		})
	}
}

// TestVersion2Reads keeps the files written before record checksums
// importable.
func TestVersion2Reads(t *testing.T) {
	a, b := testDB(t), testDB(t)
	seed(t, a)
	h, lines := splitFile(t, export(t, a))
	for i, l := range lines {
		var x line
		if err := json.Unmarshal(l, &x); err != nil {
			t.Fatal(err)
		}
		x.SHA256 = ""
		nb, _ := json.Marshal(x)
		lines[i] = append(nb, '\n')
	}
	h.Version = 2
	old := rebuild(t, h, lines)
	p, _ := importAll(t, b, old)
	if len(p.Add) == 0 || len(p.Add)+p.Unchanged != len(lines) {
		t.Errorf("added %d and left %d of %d records", len(p.Add), p.Unchanged, len(lines))
	}
	if _, err := Read(export(t, b), ""); err != nil {
		t.Errorf("re-export: %v", err)
	}
}

// TestHeaderRefusalInWords: a header field of the wrong type is said
// without the reader's Go types.
func TestHeaderRefusalInWords(t *testing.T) {
	a := testDB(t)
	seed(t, a)
	good := export(t, a)
	bad := bytes.Replace(good, []byte(`"records":`), []byte(`"records":"many","x":`), 1)
	_, err := Read(bad, "")
	if err == nil {
		t.Fatal("accepted")
	}
	for _, m := range messages(err) {
		if strings.Contains(m, "Go ") || strings.Contains(m, "snapshot.Header") || strings.Contains(m, "json:") {
			t.Errorf("message %q shows Go internals", m)
		}
	}
}
