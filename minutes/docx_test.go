package minutes_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hankekirja/minutes"
)

// wordToPDF converts a .docx to PDF with LibreOffice, in a profile of its
// own. Without soffice, or without LibreOffice Writer to load the file
// (a machine with only Calc), the test is skipped (on CI it fails).
func wordToPDF(t *testing.T, docx string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		missing(t, "soffice (LibreOffice) is not installed: cannot check the .docx")
	}
	profile := t.TempDir()
	out := t.TempDir()
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "pdf", "--outdir", out, docx)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	msg, err := cmd.CombinedOutput()
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	if _, serr := os.Stat(pdf); err != nil || serr != nil {
		if strings.Contains(string(msg), "could not be loaded") {
			missing(t, "LibreOffice cannot load .docx files (is libreoffice-writer installed?): "+strings.TrimSpace(string(msg)))
		}
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	return pdf
}

// convertedText is the text of LibreOffice's PDF of a .docx; the page must
// be A4 (Word's twips round it to 595.3 points, not the 595.28 of pdfText).
func convertedText(t *testing.T, pdf string) string {
	t.Helper()
	if info := run(t, tool(t, "pdfinfo"), pdf); !strings.Contains(info, "(A4)") {
		t.Errorf("not A4:\n%s", info)
	}
	return strings.ReplaceAll(run(t, tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", pdf, "-"), "\f", "\n")
}

// TestMinutesDOCX: LibreOffice opens the Word minutes, and they have what
// the PDF has: the headings, attendance, § titles, decisions, the vote,
// the signature block and the closing notes, with å, ä and ö intact.
func TestMinutesDOCX(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, kantaHame)
	if err != nil {
		t.Fatal(err)
	}
	text := convertedText(t, wordToPDF(t, write(t, v, minutes.Minutes, "docx", "fi")))
	wantAll(t, "the Word minutes", text,
		"Sote-selvityksen ohjausryhmä", "PÖYTÄKIRJA 1/2019", "tiistai 16.4.2019 klo 13.00–15.30",
		"Läsnä", "Markku Lehtola", "Hämeenlinna", "puheenjohtaja", "Katja Leppänen", "asiantuntija",
		"1 § Kokouksen avaus", "Puheenjohtaja Markku Lehtola avasi kokouksen klo 13.00.",
		"2 § Laillisuus ja päätösvaltaisuus", "Läsnä 6/6 jäsentä.",
		"5 § Kanta-Hämeen kuntien sote-selvityksen käynnistäminen",
		"Hämeen liitto toimii selvityksen taloudellisena projektitoimistona",
		"Ohjausryhmä päätti yksimielisesti käynnistää selvityksen esityksen mukaisesti.",
		"Sosiaalihuollon roolia vahvistetaan.",
		"Ääniä annettiin 4 jaa, 2 ei ja 0 tyhjää", "Hyväksyttiin esityksen mukaisesti äänin 4–2.",
		"Forssan seudun mallin kokemusten esittely ohjausryhmälle", "tehty 27.5.2019",
		"10 § Kokouksen päättäminen", "Puheenjohtaja päätti kokouksen klo 15.20.",
		"Allekirjoitukset", "Pöytäkirja tarkastettu", "Pöytäkirjantarkastaja", "Tuula Saarinen",
		"Pöytäkirja tarkastettu 24.4.2019: Tuula Saarinen, Harri Salonen",
		"Muutoksenhaku", "Sote-selvityksen ohjausryhmä on asioita valmisteleva toimielin.",
	)
}

// TestAgendaDOCX: the Word agenda has the proposals but no decisions and
// no signatures.
func TestAgendaDOCX(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, keskiSuomi)
	if err != nil {
		t.Fatal(err)
	}
	text := convertedText(t, wordToPDF(t, write(t, v, minutes.Agenda, "docx", "fi")))
	wantAll(t, "the Word agenda", text,
		"Palvelutuotannon työryhmä", "ESITYSLISTA 1/2016", "Kutsutut", "Tapio Hirvonen", "Jyväskylä",
		"6 § Valmistelun koordinaattori", "Esittelijä: Anneli Hyvärinen",
		"valmistelulle palkataan määräaikainen koordinaattori")
	wantNone(t, "the Word agenda", text, "Allekirjoitukset", "Pöytäkirja tarkastettu", "Koordinaattorin hakuilmoitus")
}
