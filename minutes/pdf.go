package minutes

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"hankekirja/model"
)

// Page geometry of the PDF, in millimetres (A4).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 22.0
	marginRight  = 18.0
	marginTop    = 18.0
	marginBottom = 20.0
	contentW     = pageW - marginLeft - marginRight
	// labelW is the left column of labels ("Aika") and § numbers; the
	// texts of an item are indented by it.
	labelW = 28.0
	bodyX  = marginLeft + labelW
	bodyW  = contentW - labelW
	// font is the family name the embedded Go fonts are registered under.
	font = "Go"
)

// nbAlias stands for the number of pages until the document is closed.
const nbAlias = "{nb}"

// pdfDoc lays out one document.
type pdfDoc struct {
	pdf *fpdf.Fpdf
	v   *View
	t   text
	doc Doc
}

// WritePDF writes doc of v as an A4 PDF: a header with the group, the
// meeting's number, date, time and place; the attendance; the numbered
// items with their proposals (and in the minutes discussion, decisions,
// conflicts of interest, dissents and tasks); in the minutes the signature
// block of the chair, the secretary and the two minute checkers; and "Sivu
// 1/3" at the foot of every page.
func WritePDF(w io.Writer, v *View, doc Doc, lang string) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(font, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(font, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(font, "I", goitalic.TTF)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.AliasNbPages(nbAlias)
	t := newText(lang)
	m := v.Meeting
	title := strings.TrimSpace(v.GroupName + " " + t.number(doc, m))
	pdf.SetTitle(title, true)
	pdf.SetSubject(t.heading(doc)+" "+m.Date.String(), true)
	pdf.SetCreator("Hankekirja", true)
	pdf.SetLang(t.lang)
	// The creation date makes otherwise equal files differ; the meeting's
	// last change is the honest date of the document.
	if !m.Updated.IsZero() {
		pdf.SetCreationDate(m.Updated)
		pdf.SetModificationDate(m.Updated)
	}
	d := &pdfDoc{pdf: pdf, v: v, t: t, doc: doc}
	pdf.SetHeaderFunc(d.pageHeader)
	pdf.SetFooterFunc(d.pageFooter)
	pdf.AddPage()
	d.firstHeader()
	d.facts()
	if doc == Invitation {
		d.pdf.Ln(2)
		for _, para := range v.invitationText(t) {
			d.setFont("", 10)
			d.pdf.SetX(marginLeft)
			d.pdf.MultiCell(contentW, 5.2, para, "", "L", false)
			d.pdf.Ln(1.5)
		}
	}
	d.attendance()
	for i := range m.Items {
		d.item(&m.Items[i])
	}
	if doc == Minutes {
		d.corrections()
		d.signatures()
		d.closing()
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func (d *pdfDoc) setFont(style string, size float64) { d.pdf.SetFont(font, style, size) }

func (d *pdfDoc) grey()  { d.pdf.SetTextColor(90, 90, 90) }
func (d *pdfDoc) black() { d.pdf.SetTextColor(20, 20, 20) }

// pageHeader repeats the group and the document on the pages after the
// first.
func (d *pdfDoc) pageHeader() {
	if d.pdf.PageNo() == 1 {
		return
	}
	p := d.pdf
	d.setFont("", 8.5)
	d.grey()
	p.SetXY(marginLeft, 10)
	p.CellFormat(contentW/2, 4, d.v.GroupName, "", 0, "L", false, 0, "")
	p.CellFormat(contentW/2, 4, d.t.number(d.doc, d.v.Meeting)+" · "+d.v.Meeting.Date.String(), "", 0, "R", false, 0, "")
	p.SetDrawColor(170, 170, 170)
	p.Line(marginLeft, 15, pageW-marginRight, 15)
	p.SetY(marginTop + 2)
	d.black()
}

// pageFooter numbers the pages "Sivu 1/3".
func (d *pdfDoc) pageFooter() {
	p := d.pdf
	p.SetY(-14)
	d.setFont("", 8.5)
	d.grey()
	left := ""
	if d.doc == Minutes {
		left = statusNote(d.t, d.v.Meeting)
	}
	p.CellFormat(contentW*0.7, 5, left, "", 0, "L", false, 0, "")
	p.CellFormat(contentW*0.3, 5, fmt.Sprintf("%s %d/%s", d.t.t("page"), p.PageNo(), nbAlias), "", 0, "R", false, 0, "")
	d.black()
}

// firstHeader is the head of the first page: the group (and project) on
// the left, "PÖYTÄKIRJA 3/2019" and the date on the right.
func (d *pdfDoc) firstHeader() {
	p, m := d.pdf, d.v.Meeting
	top := p.GetY()
	rightW := 62.0
	d.setFont("B", 14)
	p.SetXY(marginLeft, top)
	p.MultiCell(contentW-rightW-4, 6.5, d.v.GroupName, "", "L", false)
	if d.v.ProjectName != "" {
		d.setFont("", 9.5)
		d.grey()
		p.SetX(marginLeft)
		p.MultiCell(contentW-rightW-4, 4.8, d.v.ProjectName, "", "L", false)
		d.black()
	}
	leftEnd := p.GetY()
	p.SetXY(pageW-marginRight-rightW, top)
	d.setFont("B", 13)
	p.CellFormat(rightW, 6.5, d.t.number(d.doc, m), "", 2, "R", false, 0, "")
	d.setFont("", 10)
	p.SetX(pageW - marginRight - rightW)
	p.CellFormat(rightW, 5, m.Date.String(), "", 2, "R", false, 0, "")
	if m.Type == model.MeetingExtra {
		p.SetX(pageW - marginRight - rightW)
		p.CellFormat(rightW, 5, d.t.label("meeting_type.", string(m.Type)), "", 2, "R", false, 0, "")
	}
	y := max(leftEnd, p.GetY()) + 2
	p.SetLineWidth(0.5)
	p.SetDrawColor(20, 20, 20)
	p.Line(marginLeft, y, pageW-marginRight, y)
	p.SetLineWidth(0.2)
	p.SetY(y + 4)
}

// labelled writes a label in the left column and a text beside it.
func (d *pdfDoc) labelled(label, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	p := d.pdf
	d.keep(6)
	y := p.GetY()
	d.setFont("B", 10)
	p.SetXY(marginLeft, y)
	p.CellFormat(labelW, 5.2, label, "", 0, "L", false, 0, "")
	d.setFont("", 10)
	p.SetXY(bodyX, y)
	p.MultiCell(bodyW, 5.2, value, "", "L", false)
}

// facts writes the time and the place.
func (d *pdfDoc) facts() {
	m := d.v.Meeting
	d.labelled(d.t.t("time"), d.t.when(m))
	d.labelled(d.t.t("place"), m.Place)
	d.labelled(d.t.t("online"), m.Link)
	if d.doc == Minutes && m.Status != model.MeetingChecked {
		d.setFont("I", 9.5)
		d.grey()
		d.pdf.SetX(bodyX)
		d.pdf.MultiCell(bodyW, 5, statusNote(d.t, m), "", "L", false)
		d.black()
	}
	d.pdf.Ln(3)
}

// keep starts a new page unless h millimetres fit on this one.
func (d *pdfDoc) keep(h float64) {
	if d.pdf.GetY()+h > pageH-marginBottom {
		d.pdf.AddPage()
	}
}

// column is one column of a table.
type column struct {
	w     float64
	text  string
	style string
}

// row writes one table row: cells wrap, the row moves to the next page
// whole, and a thin rule closes it.
func (d *pdfDoc) row(x float64, cols []column, lineH float64, rule bool) {
	p := d.pdf
	lines := 1
	for _, c := range cols {
		d.setFont(c.style, 9.5)
		lines = max(lines, len(p.SplitText(c.text, c.w)))
	}
	h := float64(lines)*lineH + 1
	d.keep(h)
	y := p.GetY()
	cx := x
	for _, c := range cols {
		d.setFont(c.style, 9.5)
		p.SetXY(cx, y+0.5)
		p.MultiCell(c.w, lineH, c.text, "", "L", false)
		cx += c.w
	}
	if rule {
		p.SetDrawColor(185, 185, 185)
		p.Line(x, y+h, cx, y+h)
	}
	p.SetXY(marginLeft, y+h)
}

// attendance writes the attendance tables: present members, others present
// and absent (minutes), or those invited (agenda).
func (d *pdfDoc) attendance() {
	members, others, absent := d.v.attendanceRows(d.t, d.doc)
	sections := []struct {
		title string
		rows  []attendanceRow
	}{{d.t.t("present"), members}, {d.t.t("others_present"), others}, {d.t.t("absent"), absent}}
	if d.doc != Minutes {
		sections = sections[:2]
		sections[0].title, sections[1].title = d.t.t("invited"), d.t.t("others_invited")
	}
	widths := []float64{bodyW * 0.38, bodyW * 0.32, bodyW * 0.30}
	for _, s := range sections {
		if len(s.rows) == 0 {
			continue
		}
		d.keep(18)
		y := d.pdf.GetY()
		d.setFont("B", 10)
		d.pdf.SetXY(marginLeft, y)
		d.pdf.MultiCell(labelW, 5.2, s.title, "", "L", false)
		d.pdf.SetY(y)
		d.grey()
		d.row(bodyX, []column{{widths[0], d.t.t("name"), "I"}, {widths[1], d.t.t("organisation"), "I"}, {widths[2], d.t.t("note"), "I"}}, 4.6, true)
		d.black()
		for _, r := range s.rows {
			d.row(bodyX, []column{{widths[0], r.Name, ""}, {widths[1], r.Organisation, ""}, {widths[2], r.Note, ""}}, 4.6, true)
		}
		d.pdf.Ln(3)
	}
}

// item writes one agenda item.
func (d *pdfDoc) item(it *model.AgendaItem) {
	p, v, t := d.pdf, d.v, d.t
	d.keep(22)
	p.Ln(2)
	y := p.GetY()
	d.setFont("B", 11.5)
	p.SetXY(marginLeft, y)
	p.CellFormat(labelW, 6, t.section(it.Number), "", 0, "L", false, 0, "")
	p.SetXY(bodyX, y)
	p.MultiCell(bodyW, 6, it.Title, "", "L", false)
	p.SetDrawColor(185, 185, 185)
	p.Line(marginLeft, p.GetY()+0.5, pageW-marginRight, p.GetY()+0.5)
	p.Ln(2)
	if !it.Presenter.IsZero() {
		d.setFont("I", 9.5)
		d.grey()
		p.SetX(bodyX)
		p.MultiCell(bodyW, 5, t.t("presenter")+": "+v.Name(it.Presenter), "", "L", false)
		d.black()
		p.Ln(1)
	}
	d.markdown(it.Background)
	d.part(t.t("proposal"), it.Proposal, "")
	if d.doc == Minutes {
		d.part(t.t("discussion"), it.Discussion, "")
		for _, c := range it.Conflicts {
			d.part(t.t("conflict"), v.conflictText(t, c), "")
		}
		if how := v.howDecided(t, it); len(how) > 0 {
			d.part(t.t("how_decided"), strings.Join(how, "\n\n"), "")
		}
		d.part(t.t("decision"), v.decision(t, it), "decision")
		for _, x := range it.Dissents {
			d.part(t.t("dissent")+" ("+v.Name(x.By)+")", x.Text, "")
		}
		if len(it.Tasks) > 0 {
			d.keep(16)
			d.setFont("B", 10)
			p.SetX(bodyX)
			p.CellFormat(bodyW, 5.5, t.t("tasks"), "", 1, "L", false, 0, "")
			widths := []float64{bodyW * 0.42, bodyW * 0.24, bodyW * 0.15, bodyW * 0.19}
			d.grey()
			d.row(bodyX, []column{{widths[0], t.t("task"), "I"}, {widths[1], t.t("owner"), "I"}, {widths[2], t.t("due"), "I"}, {widths[3], t.t("status"), "I"}}, 4.6, true)
			d.black()
			for _, task := range it.Tasks {
				d.row(bodyX, []column{{widths[0], task.Description, ""}, {widths[1], v.Name(task.Owner), ""}, {widths[2], task.Due.String(), ""}, {widths[3], taskStatus(t, task), ""}}, 4.6, true)
			}
			p.Ln(1)
		}
	}
	p.Ln(2)
}

// part writes a labelled paragraph of an item ("Päätös").
func (d *pdfDoc) part(label, body, style string) {
	body = strings.TrimSpace(body)
	if body == "" {
		return
	}
	p := d.pdf
	d.keep(12)
	d.setFont("B", 10)
	p.SetX(bodyX)
	p.CellFormat(bodyW, 5.5, label, "", 1, "L", false, 0, "")
	y := p.GetY()
	d.setFont("", 10)
	for i, para := range paragraphs(body) {
		if i > 0 {
			p.Ln(1.5)
		}
		p.SetX(bodyX + pick(style == "decision", 3.0, 0))
		p.MultiCell(bodyW-pick(style == "decision", 3.0, 0), 5.2, para, "", "L", false)
	}
	if style == "decision" && p.PageNo() > 0 && p.GetY() > y {
		p.SetLineWidth(0.6)
		p.SetDrawColor(20, 20, 20)
		p.Line(bodyX, y, bodyX, p.GetY())
		p.SetLineWidth(0.2)
	}
	p.Ln(2)
}

// markdown writes an item's Markdown background.
func (d *pdfDoc) markdown(src string) {
	p := d.pdf
	for _, b := range markdownBlocks(src) {
		x := bodyX + float64(max(b.depth-1, 0))*5
		switch b.kind {
		case blockHeading:
			d.keep(10)
			d.setFont("B", 10)
			p.SetX(x)
			p.MultiCell(bodyX+bodyW-x, 5.4, b.text, "", "L", false)
		case blockItem:
			d.setFont("", 10)
			y := p.GetY()
			p.SetXY(x, y)
			p.CellFormat(5, 5.2, b.marker, "", 0, "L", false, 0, "")
			p.SetXY(x+5, y)
			p.MultiCell(bodyX+bodyW-x-5, 5.2, b.text, "", "L", false)
			continue
		case blockCode:
			d.setFont("", 9)
			p.SetX(x + 3)
			p.MultiCell(bodyX+bodyW-x-3, 4.6, b.text, "", "L", false)
		default:
			d.setFont("", 10)
			p.SetX(x)
			p.MultiCell(bodyX+bodyW-x, 5.2, b.text, "", "L", false)
		}
		p.Ln(1.5)
	}
	if len(markdownBlocks(src)) > 0 {
		p.Ln(1)
	}
}

// corrections lists the reopenings of checked minutes.
func (d *pdfDoc) corrections() {
	m := d.v.Meeting
	if len(m.Reopenings) == 0 {
		return
	}
	lines := make([]string, len(m.Reopenings))
	for i, r := range m.Reopenings {
		lines[i] = reopenedText(d.t, r)
	}
	d.pdf.Ln(2)
	d.labelled(d.t.t("corrections"), strings.Join(lines, "\n"))
}

// signatures writes the signature block: the chair and the secretary, then
// the two minute checkers. It is never split across pages.
func (d *pdfDoc) signatures() {
	p, v, m := d.pdf, d.v, d.v.Meeting
	d.keep(92)
	p.Ln(6)
	colW := (contentW - 12) / 2
	sign := func(x, y float64, name, role string) {
		p.SetDrawColor(20, 20, 20)
		p.Line(x, y+16, x+colW, y+16)
		d.setFont("", 10)
		p.SetXY(x, y+17)
		p.CellFormat(colW, 5, name, "", 2, "L", false, 0, "")
		d.setFont("", 8.5)
		d.grey()
		p.SetX(x)
		p.CellFormat(colW, 4.5, role, "", 0, "L", false, 0, "")
		d.black()
	}
	d.setFont("B", 10.5)
	p.SetX(marginLeft)
	p.CellFormat(contentW, 6, d.t.t("signatures"), "", 1, "L", false, 0, "")
	y := p.GetY()
	sign(marginLeft, y, v.Name(m.Chair), d.t.t("chair"))
	sign(marginLeft+colW+12, y, v.Name(m.Secretary), d.t.t("secretary"))
	p.SetY(y + 32)
	d.setFont("B", 10.5)
	p.SetX(marginLeft)
	p.CellFormat(contentW, 6, d.t.t("checked_heading"), "", 1, "L", false, 0, "")
	d.setFont("", 9.5)
	p.SetX(marginLeft)
	p.CellFormat(contentW, 6, d.t.t("place_and_date")+": ______________________________", "", 1, "L", false, 0, "")
	y = p.GetY()
	names := []string{"", ""}
	for i, c := range v.checkedNames() {
		if i < 2 {
			names[i] = c
		}
	}
	sign(marginLeft, y, names[0], d.t.t("checker"))
	sign(marginLeft+colW+12, y, names[1], d.t.t("checker"))
	p.SetY(y + 28)
	if line := v.checkedLine(d.t); line != "" {
		// The record of the checking: who checked and when.
		d.setFont("B", 9.5)
		p.SetX(marginLeft)
		p.MultiCell(contentW, 5, line+": "+strings.Join(v.checkedNames(), ", "), "", "L", false)
	}
}

// closing writes the notes after the signatures: public view, appeal
// instructions or the note that there is no appeal, distribution.
func (d *pdfDoc) closing() {
	p := d.pdf
	for _, blk := range d.v.closing(d.t) {
		d.keep(24)
		p.Ln(3)
		d.setFont("B", 10.5)
		p.SetX(marginLeft)
		p.MultiCell(contentW, 6, blk.Title, "", "L", false)
		d.setFont("", 9.5)
		for _, para := range blk.Paras {
			p.SetX(marginLeft)
			p.MultiCell(contentW, 4.8, para, "", "L", false)
			p.Ln(1)
		}
		for _, l := range blk.List {
			p.SetX(marginLeft)
			p.MultiCell(contentW, 4.8, "– "+l, "", "L", false)
		}
	}
}

func pick(cond bool, a, b float64) float64 {
	if cond {
		return a
	}
	return b
}
