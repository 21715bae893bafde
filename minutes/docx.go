package minutes

import (
	"io"
	"strings"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"

	"hankekirja/model"
)

// WriteDOCX writes doc of v as a Word document (.docx) with the content
// and structure of the PDF: the group and the document's heading, the
// facts, the attendance tables, the numbered § items with everything
// recorded on them, the signature block and the notes that end the
// minutes. The styles are Word's own (Title, Heading 1–2, List Bullet,
// Table Grid), so that a secretary can finish the document in Word or
// LibreOffice as in her own template.
func WriteDOCX(w io.Writer, v *View, doc Doc, lang string) error {
	d, err := godocx.NewDocument()
	if err != nil {
		return err
	}
	a4(d)
	t := newText(lang)
	m := v.Meeting
	x := &docxDoc{d: d, v: v, t: t}
	if _, err := d.AddHeading(v.GroupName, 0); err != nil {
		return err
	}
	if v.ProjectName != "" {
		d.AddParagraph(v.ProjectName).Style("Subtitle")
	}
	head := t.number(doc, m)
	if m.Type == model.MeetingExtra {
		head += " · " + t.label("meeting_type.", string(m.Type))
	}
	x.heading(head, 1)
	if doc == Minutes {
		d.AddParagraph("").AddText(statusNote(t, m)).Italic(true)
	}
	x.labelled(t.t("time"), t.when(m))
	if m.Place != "" {
		x.labelled(t.t("place"), m.Place)
	}
	if m.Link != "" {
		x.labelled(t.t("online"), m.Link)
	}
	if doc == Invitation {
		for _, p := range v.invitationText(t) {
			x.d.AddParagraph(p)
		}
	}
	members, others, absent := v.attendanceRows(t, doc)
	if doc == Minutes {
		x.attendance(t.t("present"), members)
		x.attendance(t.t("others_present"), others)
		x.attendance(t.t("absent"), absent)
	} else {
		x.attendance(t.t("invited"), members)
		x.attendance(t.t("others_invited"), others)
	}
	for i := range m.Items {
		x.item(&m.Items[i], doc)
	}
	if doc == Minutes {
		x.end()
	}
	return d.Write(w)
}

// a4 sets the page to A4 with the PDF's margins (the template is US
// Letter).
func a4(d *docx.RootDoc) {
	body := d.Document.Body
	if body.SectPr == nil {
		body.SectPr = ctypes.NewSectionProper()
	}
	size := *ctypes.A4
	body.SectPr.PageSize = &size
	// Twips: 1 mm is 56.7.
	twips := func(mm float64) *int { n := int(mm * 56.7); return &n }
	body.SectPr.PageMargin = &ctypes.PageMargin{
		Left: twips(marginLeft), Right: twips(marginRight), Top: twips(marginTop), Bottom: twips(marginBottom),
		Header: twips(10), Footer: twips(10), Gutter: twips(0),
	}
}

// docxDoc builds one Word document.
type docxDoc struct {
	d *docx.RootDoc
	v *View
	t text
}

func (x *docxDoc) heading(s string, level uint) {
	if _, err := x.d.AddHeading(s, level); err != nil {
		x.d.AddParagraph(s).AddText("").Bold(true)
	}
}

// labelled is a paragraph "Aika: tiistai 16.4.2019 klo 13.00–15.30".
func (x *docxDoc) labelled(label, value string) {
	p := x.d.AddParagraph("")
	p.AddText(label + ": ").Bold(true)
	p.AddText(value)
}

// paras writes plain text, a paragraph per blank-line-separated part.
func (x *docxDoc) paras(s string) {
	for _, para := range paragraphs(s) {
		x.d.AddParagraph(strings.Join(strings.Fields(para), " "))
	}
}

// part is a bold label and its text, as the PDF's item parts.
func (x *docxDoc) part(label, body string) {
	if strings.TrimSpace(body) == "" {
		return
	}
	x.d.AddParagraph("").AddText(label).Bold(true)
	x.paras(body)
}

// table writes a table with a header row.
func (x *docxDoc) table(header []string, rows [][]string) {
	tb := x.d.AddTable()
	tb.Style("TableGrid")
	hr := tb.AddRow()
	for _, h := range header {
		hr.AddCell().AddParagraph("").AddText(h).Bold(true)
	}
	for _, r := range rows {
		row := tb.AddRow()
		for _, c := range r {
			row.AddCell().AddParagraph(c)
		}
	}
	x.d.AddEmptyParagraph()
}

func (x *docxDoc) attendance(title string, rows []attendanceRow) {
	if len(rows) == 0 {
		return
	}
	x.heading(title, 2)
	var cells [][]string
	for _, r := range rows {
		cells = append(cells, []string{r.Name, r.Organisation, r.Note})
	}
	x.table([]string{x.t.t("name"), x.t.t("organisation"), x.t.t("note")}, cells)
}

// markdown writes an item's background: headings, list items and
// paragraphs from the Markdown.
func (x *docxDoc) markdown(src string) {
	for _, b := range markdownBlocks(src) {
		switch b.kind {
		case blockHeading:
			x.d.AddParagraph("").AddText(b.text).Bold(true)
		case blockItem:
			p := x.d.AddParagraph(b.text)
			if b.depth > 1 {
				p.Style("ListBullet2")
			} else {
				p.Style("ListBullet")
			}
		case blockCode:
			x.d.AddParagraph("").AddText(b.text).Font("Courier New")
		default:
			x.d.AddParagraph(b.text)
		}
	}
}

func (x *docxDoc) item(it *model.AgendaItem, doc Doc) {
	t, v := x.t, x.v
	x.heading(t.section(it.Number)+" "+strings.Join(strings.Fields(it.Title), " "), 2)
	if !it.Presenter.IsZero() {
		x.d.AddParagraph("").AddText(t.t("presenter") + ": " + v.Name(it.Presenter)).Italic(true)
	}
	x.markdown(it.Background)
	x.part(t.t("proposal"), it.Proposal)
	if doc != Minutes {
		return
	}
	x.part(t.t("discussion"), it.Discussion)
	for _, c := range it.Conflicts {
		x.part(t.t("conflict"), v.conflictText(t, c))
	}
	if how := v.howDecided(t, it); len(how) > 0 {
		x.part(t.t("how_decided"), strings.Join(how, "\n\n"))
	}
	x.part(t.t("decision"), v.decision(t, it))
	for _, d := range it.Dissents {
		x.part(t.t("dissent")+" ("+v.Name(d.By)+")", d.Text)
	}
	if len(it.Tasks) > 0 {
		x.d.AddParagraph("").AddText(t.t("tasks")).Bold(true)
		var rows [][]string
		for _, task := range it.Tasks {
			rows = append(rows, []string{task.Description, v.Name(task.Owner), task.Due.String(), taskStatus(t, task)})
		}
		x.table([]string{t.t("task"), t.t("owner"), t.t("due"), t.t("status")}, rows)
	}
}

// end writes the corrections, the signature block with lines to sign on,
// the record of the checking and the closing notes.
func (x *docxDoc) end() {
	t, v, m := x.t, x.v, x.v.Meeting
	if len(m.Reopenings) > 0 {
		x.heading(t.t("corrections"), 2)
		for _, r := range m.Reopenings {
			x.d.AddParagraph(reopenedText(t, r)).Style("ListBullet")
		}
	}
	line := "______________________________"
	x.heading(t.t("signatures"), 2)
	sign := x.d.AddTable()
	row := sign.AddRow()
	for _, s := range [][2]string{{v.Name(m.Chair), t.t("chair")}, {v.Name(m.Secretary), t.t("secretary")}} {
		c := row.AddCell()
		c.AddParagraph("")
		c.AddParagraph(line)
		c.AddParagraph(s[0])
		c.AddParagraph("").AddText(s[1]).Italic(true)
	}
	x.heading(t.t("checked_heading"), 2)
	x.d.AddParagraph(t.t("place_and_date") + ": " + line)
	names := append(v.checkedNames(), "", "")[:2]
	checkers := x.d.AddTable()
	row = checkers.AddRow()
	for _, n := range names {
		c := row.AddCell()
		c.AddParagraph("")
		c.AddParagraph(line)
		c.AddParagraph(n)
		c.AddParagraph("").AddText(t.t("checker")).Italic(true)
	}
	if l := v.checkedLine(t); l != "" {
		x.d.AddParagraph("").AddText(l + ": " + strings.Join(v.checkedNames(), ", ")).Bold(true)
	}
	for _, blk := range v.closing(t) {
		x.heading(blk.Title, 2)
		for _, p := range blk.Paras {
			x.d.AddParagraph(p)
		}
		for _, l := range blk.List {
			x.d.AddParagraph(l).Style("ListBullet")
		}
	}
}
