package ui

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hankekirja/assets/demo"
	"hankekirja/model"
	"hankekirja/store"
)

// newTestUI opens a window on a new database in a temporary directory,
// speaking Finnish. When the test ends the database is checked for
// consistency.
func newTestUI(t *testing.T) *UI {
	t.Helper()
	u := newBenchUI(t)
	t.Cleanup(func() {
		u.Wait()
		if u.db != nil {
			if db, ok := u.db.(*store.DB); ok {
				problems, err := db.Check(context.Background())
				if err != nil {
					t.Errorf("Check: %v", err)
				}
				for _, p := range problems {
					t.Errorf("Check: %s", p)
				}
			}
		}
	})
	return u
}

// newBenchUI is newTestUI without the consistency check (benchmarks).
func newBenchUI(t testing.TB) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "fi")
	path := filepath.Join(t.TempDir(), "ui.db")
	var opened []*store.DB
	u := New(Config{
		App: a,
		Open: func(p string) (Database, error) {
			db, err := store.Open(p, nil)
			if err == nil {
				opened = append(opened, db)
			}
			return db, err
		},
		LoadDemo: func(ctx context.Context, svc model.Services) error {
			_, err := demo.Load(ctx, svc)
			return err
		},
		Version:   "test",
		Snapshots: storeSnapshots,
		Backups:   storeBackups{},
		WriteFile: func(path string, write func(w io.Writer) error) error {
			return store.WriteFileAtomic(path, 0o600, write)
		},
	})
	u.queueResults()
	u.win.Resize(fyne.NewSize(1366, 768))
	if err := u.OpenDatabase(path); err != nil {
		t.Fatal(err)
	}
	u.Wait()
	t.Cleanup(u.Close)
	return u
}

// withDemo loads the example data into the test window's database.
func withDemo(t *testing.T, u *UI) {
	t.Helper()
	if _, err := demo.Load(context.Background(), u.svc); err != nil {
		t.Fatal(err)
	}
	u.shell.databaseChanged()
	u.Wait()
}

// objects returns every object in the tree under o (including o).
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, objects(child)...)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		if r != nil {
			for _, child := range r.Objects() {
				out = append(out, objects(child)...)
			}
		}
	}
	return out
}

// allObjects returns every object on the window's canvas, the topmost
// overlay (dialog, pop-up) first, as a user sees them.
func allObjects(u *UI) []fyne.CanvasObject {
	c := u.win.Canvas()
	var out []fyne.CanvasObject
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		out = append(out, objects(overlays[i])...)
	}
	return append(out, objects(c.Content())...)
}

// findButton returns the visible button whose text is text.
func findButton(t *testing.T, u *UI, text string) *widget.Button {
	t.Helper()
	for _, o := range allObjects(u) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q on screen", text)
	return nil
}

// findHyperlink returns the visible link whose text is text.
func findHyperlink(t *testing.T, u *UI, text string) *widget.Hyperlink {
	t.Helper()
	for _, o := range allObjects(u) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == text && h.Visible() {
			return h
		}
	}
	t.Fatalf("no link %q on screen", text)
	return nil
}

// screenText returns the text of every label, hyperlink and entry on
// screen, one per line.
func screenText(u *UI) string {
	var b strings.Builder
	for _, o := range allObjects(u) {
		switch w := o.(type) {
		case *widget.Label:
			if w.Visible() {
				b.WriteString(w.Text + "\n")
			}
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *widget.Entry:
			b.WriteString(w.Text + "\n")
		}
	}
	return b.String()
}

// selectSection shows the navigation section with the given name.
func selectSection(u *UI, name string) {
	u.shell.nav.Select(sectionIndex(name, 0))
	u.Wait()
}

// browserOf returns the browser of a kind.
func browserOf(u *UI, kind model.Kind) *browser { return u.shell.browsers[kind] }

// selectTitle selects the list row with the given title in a browser.
func selectTitle(t *testing.T, u *UI, b *browser, title string) {
	t.Helper()
	for i, s := range loadedItems(b) {
		if s.Title == title {
			b.list.Select(i)
			u.Wait()
			return
		}
	}
	t.Fatalf("%s list has no %q", b.kind, title)
}

// formField returns a form's text field by its model field name.
func formField(f *form, field string) *widget.Entry {
	e, ok := entryOf(f.items[field].Widget)
	if !ok {
		panic("form field " + field + " is not a text field")
	}
	return e
}

// loadedItems returns the rows a browser has loaded, in list order.
func loadedItems(b *browser) []model.Summary {
	var out []model.Summary
	for n := 0; n*listPage < b.total; n++ {
		page, ok := b.pages[n]
		if !ok {
			break
		}
		out = append(out, page...)
	}
	return out
}
