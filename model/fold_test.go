package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFoldLatinIsFoldUnicode: the table's fast way folds Finnish and
// Swedish text (and every Latin letter it takes) exactly as Unicode's
// decomposition does, and leaves to it what it does not take.
func TestFoldLatinIsFoldUnicode(t *testing.T) {
	texts := []string{
		"kunnassa kuntien kuntayhtymä hyvinvointialueen päihdehoidon",
		"Åkerblom Jöns Öhman Kärkkäinen Mäki-Ääri Sjöström Bäckström",
		"Café Noël Müller Łukasz Dvořák Ærø Straße",
		"a\u0308iti", // a with a combining diaeresis
		"Şahin Çelik İlkay", "東京 Москва", "ŉ ǆ ĳ",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			switch r.IntN(4) {
			case 0:
				b.WriteRune(rune(0xC0 + r.IntN(0x17F-0xC0+1)))
			case 1:
				b.WriteRune(rune(0x300 + r.IntN(0x70))) // combining marks
			default:
				b.WriteByte(byte('a' + r.IntN(26)))
			}
		}
		texts = append(texts, b.String())
	}
	fast := 0
	for _, s := range texts {
		got, want := foldAccents(s), foldUnicode(s)
		if got != want {
			t.Errorf("foldAccents(%q) = %q, Unicode's rules give %q", s, got, want)
		}
		if _, ok := foldLatin(s); ok {
			fast++
		}
	}
	if fast < 100 {
		t.Errorf("only %d of %d texts took the table's way", fast, len(texts))
	}
	for _, s := range texts[:2] {
		if _, ok := foldLatin(s); !ok {
			t.Errorf("%q does not take the table's way", s)
		}
	}
	if got := foldAccents("Åkerblom Jöns Kärkkäinen"); got != "Akerblom Jons Karkkainen" {
		t.Errorf("foldAccents = %q", got)
	}
}
