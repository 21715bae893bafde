package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("menu %q has no %q", m.Label, label)
	return nil
}

func TestHelpMenuGuideAndShortcuts(t *testing.T) {
	u := newTestUI(t)
	menu := u.win.MainMenu()
	help := menu.Items[len(menu.Items)-1]
	if help.Label != "Ohje" {
		t.Fatalf("last menu %q", help.Label)
	}
	menuItem(t, help, "Pikaopas").Action()
	if u.lastGuide == nil || !strings.Contains(u.lastGuide.String(), "Kokouksesta pöytäkirjaksi") {
		t.Fatal("the guide is not shown in Finnish")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog")
	}
	// Enter closes it, as a user expects of a dialog that only informs.
	u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the guide")
	}

	menuItem(t, help, "Pikanäppäimet").Action()
	text := screenText(u)
	for _, want := range []string{"Ctrl+F", "Ctrl+S", "Ctrl+Q", "Tallenna lomake"} {
		if !strings.Contains(text, want) {
			t.Errorf("shortcuts lack %q:\n%s", want, text)
		}
	}
}

func TestQuitHasCtrlQ(t *testing.T) {
	u := newTestUI(t)
	file := u.win.MainMenu().Items[0]
	quit := file.Items[len(file.Items)-1]
	s, ok := quit.Shortcut.(*desktop.CustomShortcut)
	if !quit.IsQuit || !ok || s.KeyName != fyne.KeyQ || s.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("quit item %q, shortcut %#v", quit.Label, quit.Shortcut)
	}
}

func TestInformationClosesWithEnterNotConfirmations(t *testing.T) {
	u := newTestUI(t)
	u.showInfo("Otsikko", "Valmis.")
	key := u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()
	key(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the message")
	}
	if len(u.notices) != 0 {
		t.Fatalf("%d notices left", len(u.notices))
	}
}

func TestWelcomeOffersTheFourStarts(t *testing.T) {
	u := newTestUI(t)
	for _, label := range []string{"Luo hanke", "Lataa esimerkkiaineisto", "Tuo osoitekirja tai taulukko…", "Avaa kollegan tilannevedos…", "Lue pikaopas"} {
		findButton(t, u, label)
	}
}

// TestEnterClosesAbout: the About dialog is a notice like the others.
func TestEnterClosesAbout(t *testing.T) {
	u := newTestUI(t)
	u.showAbout()
	if !u.closeNoticeKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) {
		t.Fatal("Enter does not close the About dialog")
	}
}
