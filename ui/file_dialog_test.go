package ui

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hankekirja/model"
)

// TestPathRules: what a person types becomes the path they meant, on
// this system and on Windows.
func TestPathRules(t *testing.T) {
	unix := pathRules{}
	win := pathRules{windows: true}
	for _, c := range []struct {
		rules                    pathRules
		typed, folder, home, ext string
		want                     string
	}{
		{unix, "vienti", "/home/a/Asiakirjat", "/home/a", ".csv", "/home/a/Asiakirjat/vienti.csv"},
		{unix, "vienti.txt", "/home/a", "/home/a", ".csv", "/home/a/vienti.txt"},
		{unix, "/tmp/x/vienti.csv", "/home/a", "/home/a", ".csv", "/tmp/x/vienti.csv"},
		{unix, "  /tmp//x/../y/v.csv ", "/home/a", "/home/a", "", "/tmp/y/v.csv"},
		{unix, "~/Asiakirjat/v.csv", "/srv", "/home/a", "", "/home/a/Asiakirjat/v.csv"},
		{unix, "~", "/srv", "/home/a", ".csv", "/home/a"},
		{unix, "ali/v", "/home/a", "/home/a", ".vcf", "/home/a/ali/v.vcf"},
		{unix, "../v.csv", "/home/a/b", "/home/a", "", "/home/a/v.csv"},
		{unix, "", "/home/a", "/home/a", ".csv", ""},
		{win, `C:\Users\Aino\Documents\vienti`, `D:\`, `C:\Users\Aino`, ".csv", `C:\Users\Aino\Documents\vienti.csv`},
		{win, `c:/Users/Aino/v.csv`, `D:\`, `C:\Users\Aino`, "", `c:\Users\Aino\v.csv`},
		{win, `v.csv`, `D:\Yhteiset`, `C:\Users\Aino`, "", `D:\Yhteiset\v.csv`},
		{win, `ali\..\v`, `D:\Yhteiset`, `C:\Users\Aino`, ".csv", `D:\Yhteiset\v.csv`},
		{win, `~\v.csv`, `D:\`, `C:\Users\Aino`, "", `C:\Users\Aino\v.csv`},
		{win, `\\palvelin\jako\v.csv`, `D:\`, `C:\Users\Aino`, "", `\\palvelin\jako\v.csv`},
	} {
		if got := c.rules.resolve(c.typed, c.folder, c.home, c.ext); got != c.want {
			t.Errorf("windows=%v resolve(%q in %q) = %q, want %q", c.rules.windows, c.typed, c.folder, got, c.want)
		}
	}
	if d := win.dir(`C:\v.csv`); d != `C:\` {
		t.Errorf(`dir(C:\v.csv) = %q`, d)
	}
	if d := win.dir(`D:\Yhteiset\v.csv`); d != `D:\Yhteiset` {
		t.Errorf(`dir(D:\Yhteiset\v.csv) = %q`, d)
	}
	if win.isAbs(`Yhteiset\v.csv`) || !win.isAbs(`C:/v.csv`) || unix.isAbs(`C:\v.csv`) {
		t.Error("isAbs mistakes a relative path for a full one or the other way round")
	}
}

// exportSomething starts an export of a fixed text through the save
// dialog and returns the dialog.
func exportSomething(u *UI, name string) *fileDialog {
	u.saveExport(name, func(ctx context.Context, svc model.Services, w io.Writer) error {
		_, err := io.WriteString(w, "Sukunimi;Etunimi\nMäkinen;Aino\n")
		return err
	})
	return u.lastFileDialog
}

// typeName replaces the name field's text as a person would and presses
// Enter.
func typeName(f *fileDialog, text string) {
	f.name.SetText("")
	test.Type(f.name, text)
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// TestSaveDialogTakesATypedPath: a full path typed in the name field
// saves there (the extension added), remembers the folder for the next
// export and offers to open the file or its folder.
func TestSaveDialogTakesATypedPath(t *testing.T) {
	u := newTestUI(t)
	t.Setenv("HOME", t.TempDir())
	var opened []string
	u.openURL = func(uri *url.URL) error { opened = append(opened, uri.Path); return nil }
	dir := filepath.Join(t.TempDir(), "Vientikansio")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f := exportSomething(u, "yhteystiedot.csv")
	typeName(f, filepath.Join(dir, "kunnat"))
	u.Wait()
	want := filepath.Join(dir, "kunnat.csv")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("the export is not where it was typed: %v\n%s", err, screenText(u))
	}
	if !strings.Contains(string(data), "Mäkinen") {
		t.Fatalf("the file holds %q", data)
	}
	if text := screenText(u); !strings.Contains(text, want) || strings.Contains(text, "Sisäinen") {
		t.Fatalf("the notice does not name the file:\n%s", text)
	}
	test.Tap(findButton(t, u, T("file.show_in_folder")))
	if len(opened) != 1 || opened[0] != dir {
		t.Fatalf("Show in folder opened %v, want %s", opened, dir)
	}

	// The next export starts in the same folder, and a bare name goes
	// there.
	f = exportSomething(u, "toinen.csv")
	if f.folder != dir {
		t.Fatalf("the next dialog starts in %s, want %s", f.folder, dir)
	}
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.Wait()
	if _, err := os.Stat(filepath.Join(dir, "toinen.csv")); err != nil {
		t.Fatalf("a bare name was not saved in the remembered folder: %v", err)
	}
	test.Tap(findButton(t, u, T("file.open_file")))
	if len(opened) != 2 || opened[1] != filepath.Join(dir, "toinen.csv") {
		t.Fatalf("Open file opened %v", opened)
	}
}

// TestSaveDialogSaysWhatIsWrong: a folder that does not exist is named
// at the field (and the line clears when typing goes on), a typed folder
// is opened rather than written over, the database itself is refused and
// an existing file is replaced only after a yes.
func TestSaveDialogSaysWhatIsWrong(t *testing.T) {
	u := newTestUI(t)
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	f := exportSomething(u, "v.csv")

	missing := filepath.Join(dir, "ei-ole", "v.csv")
	typeName(f, missing)
	if want := T("file.no_folder", map[string]any{"Path": filepath.Dir(missing)}); f.errLine.Text != want {
		t.Fatalf("error line %q, want %q", f.errLine.Text, want)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("a file appeared in a folder that does not exist")
	}
	test.Type(f.name, "x")
	if strings.TrimSpace(f.errLine.Text) != "" {
		t.Fatalf("the error line stays after the name changed: %q", f.errLine.Text)
	}

	typeName(f, dir)
	if f.folder != dir {
		t.Fatalf("typing a folder did not open it: in %s", f.folder)
	}

	typeName(f, u.db.Path())
	if !strings.Contains(f.errLine.Text, u.db.Path()) {
		t.Fatalf("the database itself was not refused: %q", f.errLine.Text)
	}

	existing := filepath.Join(dir, "vanha.csv")
	if err := os.WriteFile(existing, []byte("vanha"), 0o600); err != nil {
		t.Fatal(err)
	}
	typeName(f, "vanha.csv")
	u.Wait()
	if data, _ := os.ReadFile(existing); string(data) != "vanha" {
		t.Fatal("an existing file was replaced without asking")
	}
	if text := screenText(u); !strings.Contains(text, T("file.replace", map[string]any{"Name": "vanha.csv"})) {
		t.Fatalf("no question before replacing:\n%s", text)
	}
	test.Tap(findButton(t, u, "Kyllä"))
	u.Wait()
	if data, _ := os.ReadFile(existing); !strings.Contains(string(data), "Mäkinen") {
		t.Fatalf("after yes the file holds %q", data)
	}
}

// TestOpenDialogListsWhatCanBeOpened: folders first, then only the files
// of the kind asked for; choosing a folder opens it, choosing a file
// fills the field, and Enter opens it.
func TestOpenDialogListsWhatCanBeOpened(t *testing.T) {
	u := newTestUI(t)
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	for _, p := range []string{"b.csv", "a.vcf", "c.pdf", ".piilo.csv"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "Öljy"), 0o755); err != nil {
		t.Fatal(err)
	}
	var got string
	f := u.chooseFile(fileRequest{kind: fileImport, title: "Tuo", exts: importExtensions, folder: dir}, func(p string) { got = p })
	var names []string
	for _, e := range f.entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "Öljy,a.vcf,b.csv" {
		t.Fatalf("listed %v", names)
	}
	f.list.Select(2)
	if f.name.Text != "b.csv" {
		t.Fatalf("choosing a file put %q in the field", f.name.Text)
	}
	f.list.Select(0)
	if f.folder != filepath.Join(dir, "Öljy") || len(f.entries) != 0 {
		t.Fatalf("choosing a folder did not open it: %s %v", f.folder, f.entries)
	}
	typeName(f, "../b.csv")
	if got != filepath.Join(dir, "b.csv") {
		t.Fatalf("opened %q", got)
	}
	f = u.chooseFile(fileRequest{kind: fileImport, title: "Tuo", exts: importExtensions}, func(p string) { got = p })
	if f.folder != dir {
		t.Fatalf("the open dialog did not remember %s: %s", dir, f.folder)
	}
	typeName(f, "puuttuu.csv")
	if want := T("file.not_found", map[string]any{"Path": filepath.Join(dir, "puuttuu.csv")}); f.errLine.Text != want {
		t.Fatalf("error line %q, want %q", f.errLine.Text, want)
	}
}
