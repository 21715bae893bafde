package minutes_test

import (
	"os"
	"testing"

	"hankekirja/minutes"
	"hankekirja/model"
)

// formalMeeting is checked minutes of a statutory body: standard items the
// secretary left empty, a vote on a seconded counter-proposal, the
// checking recorded, a public view, appeal instructions and a
// distribution list.
func formalMeeting(t *testing.T, svc model.Services) model.ID {
	t.Helper()
	var ids []model.ID
	for _, n := range []string{"Åke Öberg", "Sari Sihteeri", "Jaana Jäsen", "Mikko Mäki", "Liisa Laine", "Ville Virta"} {
		c := &model.Contact{}
		c.FirstName, c.LastName = splitName(n)
		if err := svc.Contacts.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	g := &model.Group{Name: "Sote-jaosto", Type: model.GroupSteering, Rules: model.MeetingRules{
		Body: model.BodyStatutory, InviteMethod: "sähköpostilla",
		AppealAuthority: "Hämeen hyvinvointialueen aluehallitus", AppealAddress: "PL 1, 13101 Hämeenlinna",
		PublicView: "hyvinvointialueen verkkosivuilla", Distribution: []string{"Aluehallitus", "Jäsenet ja varajäsenet"},
	}}
	roles := []model.Role{model.RoleChair, model.RoleSecretary, model.RoleMember, model.RoleMember, model.RoleMember, model.RoleMember}
	for i, id := range ids {
		g.Members = append(g.Members, model.Membership{Contact: id, Role: roles[i]})
	}
	if err := svc.Groups.Create(ctx, g); err != nil {
		t.Fatal(err)
	}
	w := model.NewMeetingWork(svc)
	m, err := w.Create(ctx, g.ID, model.MustDate(2026, 3, 10), model.MustClock(9, 0), "Kokoushuone Ähtäri", false)
	if err != nil {
		t.Fatal(err)
	}
	m.InvitedOn = model.MustDate(2026, 3, 3)
	m.OpenedAt, m.ClosedAt = model.MustClock(9, 2), model.MustClock(10, 41)
	m.Checkers = []model.Person{{Contact: ids[2]}, {Contact: ids[3]}}
	m.CheckOn, m.CheckPlace = model.MustDate(2026, 3, 12), "sähköisesti"
	m.Attendance[len(m.Attendance)-2].Status = model.AttendanceAbsent // Ville Virta
	own := model.AgendaItem{Title: "Palveluverkon muutos", Proposal: "Jaosto hyväksyy palveluverkon muutoksen.",
		Decision: "Jaosto hyväksyi palveluverkon muutoksen äänin 3–1.",
		CounterProposals: []model.CounterProposal{
			{By: model.Person{Contact: ids[4]}, SecondedBy: model.Person{Contact: ids[3]}, Text: "Asia palautetaan valmisteluun."},
			{By: model.Person{Contact: ids[2]}, Text: "Asia jätetään pöydälle."},
		},
		Vote: &model.Vote{Against: 0, Yes: 3, No: 1, Blank: 0, Absent: 1},
		Elections: []model.Election{{Office: "Varapuheenjohtaja", Elected: model.Person{Contact: ids[2]},
			Candidates: []model.Candidate{{Person: model.Person{Contact: ids[2]}, Votes: 3}, {Person: model.Person{Contact: ids[4]}, Votes: 1}}}}}
	m.Items = append(m.Items[:4], append([]model.AgendaItem{own}, m.Items[4:]...)...)
	if _, err := w.Save(ctx, m, m, "?"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetStatus(ctx, m.ID, model.MeetingChecked); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func splitName(n string) (string, string) {
	for i, r := range n {
		if r == ' ' {
			return n[:i], n[i+1:]
		}
	}
	return n, ""
}

func TestFormalitiesInMinutes(t *testing.T) {
	svc := demoServices(t)
	id := formalMeeting(t, svc)
	v, err := minutes.Load(ctx, svc, id)
	if err != nil {
		t.Fatal(err)
	}
	today := model.Today().String()
	wants := []string{
		"Puheenjohtaja Åke Öberg avasi kokouksen klo 9.02.",
		"Kokouskutsu lähetettiin 3.3.2026 sähköpostilla.",
		"Läsnä 4/5 jäsentä.",
		"Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi.",
		"Pöytäkirjantarkastajiksi valittiin Jaana Jäsen ja Mikko Mäki.",
		"Pöytäkirja tarkastetaan 12.3.2026 sähköisesti.",
		"Esityslista hyväksyttiin kokouksen työjärjestykseksi.",
		"Liisa Laine teki vastaehdotuksen, jota Mikko Mäki kannatti: Asia palautetaan valmisteluun.",
		"Jaana Jäsen teki vastaehdotuksen, joka raukesi kannattamattomana",
		"Ääniä annettiin 3 jaa, 1 ei ja 0 tyhjää; poissa 1.",
		"Puheenjohtaja totesi päätösehdotuksen tulleen hyväksytyksi äänin.",
		"Varapuheenjohtaja: valituksi tuli Jaana Jäsen.",
		"Vaalit, Varapuheenjohtaja: Jaana Jäsen: 3 ääntä, Liisa Laine: 1 ääntä.",
		"Jaosto hyväksyi palveluverkon muutoksen äänin 3–1.",
		"Puheenjohtaja päätti kokouksen klo 10.41.",
		"Pöytäkirja tarkastettu " + today + ": Jaana Jäsen, Mikko Mäki",
		"Nähtävänä", "Pöytäkirja on yleisesti nähtävänä hyvinvointialueen verkkosivuilla " + today + " alkaen.",
		"Oikaisuvaatimusohje", "Oikaisuvaatimusviranomainen: Hämeen hyvinvointialueen aluehallitus.",
		"Osoite: PL 1, 13101 Hämeenlinna.", "14 päivän kuluessa",
		"Jakelu", "Aluehallitus", "Jäsenet ja varajäsenet",
	}
	md, err := os.ReadFile(write(t, v, minutes.Minutes, "md", "fi"))
	if err != nil {
		t.Fatal(err)
	}
	wantAll(t, "the Markdown minutes", string(md), wants...)
	html, err := os.ReadFile(write(t, v, minutes.Minutes, "html", "fi"))
	if err != nil {
		t.Fatal(err)
	}
	wantAll(t, "the HTML minutes", string(html), "Läsnä 4/5 jäsentä.", "Oikaisuvaatimusohje", "Jakelu")
	text, _ := pdfText(t, write(t, v, minutes.Minutes, "pdf", "fi"))
	wantAll(t, "the PDF minutes", text, wants...)
	wantNone(t, "the PDF minutes", text, "ei voi tehdä oikaisuvaatimusta")
}

// TestNoAppealNote: the example data's working groups prepare matters, so
// their minutes say they are not open to appeal.
func TestNoAppealNote(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, kantaHame)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, write(t, v, minutes.Minutes, "pdf", "fi"))
	wantAll(t, "the minutes", text, "Muutoksenhaku", "Sote-selvityksen ohjausryhmä on asioita valmisteleva toimielin.")
	wantNone(t, "the minutes", text, "Oikaisuvaatimusohje")
}

// TestInvitationLetter: the invitation is the agenda with a letter calling
// the meeting, and no decisions or signatures.
func TestInvitationLetter(t *testing.T) {
	svc := demoServices(t)
	v, err := minutes.Load(ctx, svc, keskiSuomi)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := minutes.ParseDoc("kokouskutsu"); !ok || d != minutes.Invitation || d.String() != "invitation" {
		t.Errorf("ParseDoc(kokouskutsu) = %v, %v", d, ok)
	}
	text, _ := pdfText(t, write(t, v, minutes.Invitation, "pdf", "fi"))
	wantAll(t, "the invitation", text, "KOKOUSKUTSU 1/2016", "Palvelutuotannon työryhmä kutsutaan kokoukseen.",
		"ilmoittamaan sihteerille (Noora Jokela)", "Kutsutut", "6 § Valmistelun koordinaattori",
		"valmistelulle palkataan määräaikainen koordinaattori")
	wantNone(t, "the invitation", text, "Allekirjoitukset", "Koordinaattorin hakuilmoitus", "PÖYTÄKIRJA")
	md, err := os.ReadFile(write(t, v, minutes.Invitation, "md", "sv"))
	if err != nil {
		t.Fatal(err)
	}
	wantAll(t, "the Swedish invitation", string(md), "KALLELSE 1/2016", "kallas till möte")
}
