package ui

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// diagramBox is one group's box: its name (up to three lines) and type,
// framed in the colour of its type. Tapping it opens the group.
type diagramBox struct {
	widget.BaseWidget
	d       *governanceDiagram
	group   *model.Group
	name    []string
	kind    string
	scale   float32
	hovered bool
}

func newDiagramBox(d *governanceDiagram, g *model.Group, nameSize float32) *diagramBox {
	b := &diagramBox{d: d, group: g, scale: 1, kind: projectTr("group_type.", string(g.Type))}
	b.name = diagramWrapText(g.Name, nameSize, fyne.TextStyle{Bold: true}, diagramBoxWidth-2*diagramPad, diagramMaxLines)
	b.ExtendBaseWidget(b)
	return b
}

// diagramGroupColor is the accent of a group type.
func diagramGroupColor(t model.GroupType) color.NRGBA {
	switch t {
	case model.GroupSteering:
		return color.NRGBA{0x1f, 0x6f, 0xb2, 0xff}
	case model.GroupManagement:
		return color.NRGBA{0x7b, 0x4f, 0xb8, 0xff}
	case model.GroupWorking:
		return color.NRGBA{0x2e, 0x8b, 0x57, 0xff}
	case model.GroupSubgroup:
		return color.NRGBA{0x2a, 0x9d, 0x9f, 0xff}
	case model.GroupExpert:
		return color.NRGBA{0xc0, 0x7a, 0x1a, 0xff}
	}
	return color.NRGBA{0x80, 0x80, 0x80, 0xff}
}

func diagramAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func (b *diagramBox) Tapped(*fyne.PointEvent) {
	if b.d.u != nil {
		b.d.u.navigate(model.KindGroup, b.group.ID)
	}
}

func (b *diagramBox) Cursor() desktop.Cursor {
	if b.d.u == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

func (b *diagramBox) MouseIn(*desktop.MouseEvent) {
	b.hovered = true
	b.Refresh()
}

func (b *diagramBox) MouseMoved(*desktop.MouseEvent) {}

func (b *diagramBox) MouseOut() {
	b.hovered = false
	b.Refresh()
}

func (b *diagramBox) CreateRenderer() fyne.WidgetRenderer {
	r := &diagramBoxRenderer{b: b, rect: canvas.NewRectangle(color.Transparent), stripe: canvas.NewRectangle(color.Transparent)}
	for _, line := range b.name {
		t := canvas.NewText(line, color.Black)
		t.TextStyle = fyne.TextStyle{Bold: true}
		t.Alignment = fyne.TextAlignCenter
		r.name = append(r.name, t)
	}
	r.kind = canvas.NewText(b.kind, color.Black)
	r.kind.Alignment = fyne.TextAlignCenter
	r.objects = []fyne.CanvasObject{r.rect, r.stripe}
	for _, t := range r.name {
		r.objects = append(r.objects, t)
	}
	r.objects = append(r.objects, r.kind)
	r.Refresh()
	return r
}

type diagramBoxRenderer struct {
	b            *diagramBox
	rect, stripe *canvas.Rectangle
	name         []*canvas.Text
	kind         *canvas.Text
	objects      []fyne.CanvasObject
}

func (r *diagramBoxRenderer) Layout(size fyne.Size) {
	s := r.b.scale
	pad := diagramPad * s
	r.rect.Resize(size)
	r.stripe.Move(fyne.NewPos(0, 0))
	r.stripe.Resize(fyne.NewSize(size.Width, 4*s))
	nameSize, typeSize := diagramTextSizes()
	lineH := fyne.MeasureText("Åg", nameSize*s, fyne.TextStyle{Bold: true}).Height
	typeH := fyne.MeasureText("Åg", typeSize*s, fyne.TextStyle{}).Height
	// The name sits centred in the space above the type line.
	free := size.Height - typeH - 3*pad - float32(len(r.name))*lineH
	y := pad + 2*s + free/2
	for _, t := range r.name {
		t.TextSize = nameSize * s
		t.Move(fyne.NewPos(pad, y))
		t.Resize(fyne.NewSize(size.Width-2*pad, lineH))
		y += lineH
	}
	r.kind.TextSize = typeSize * s
	r.kind.Move(fyne.NewPos(pad, size.Height-pad-typeH))
	r.kind.Resize(fyne.NewSize(size.Width-2*pad, typeH))
}

func (r *diagramBoxRenderer) MinSize() fyne.Size {
	return fyne.NewSize(diagramBoxWidth*r.b.scale, r.b.d.boxH*r.b.scale)
}

func (r *diagramBoxRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	accent := diagramGroupColor(r.b.group.Type)
	fill := uint8(0x22)
	if r.b.hovered {
		fill = 0x44
	}
	r.rect.FillColor = diagramAlpha(accent, fill)
	r.rect.StrokeColor = accent
	r.rect.StrokeWidth = 1.5 * r.b.scale
	r.rect.CornerRadius = 6 * r.b.scale
	r.stripe.FillColor = accent
	r.stripe.CornerRadius = 2 * r.b.scale
	for _, t := range r.name {
		t.Color = th.Color(theme.ColorNameForeground, v)
	}
	r.kind.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.Layout(r.b.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *diagramBoxRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *diagramBoxRenderer) Destroy()                     {}

// diagramWrapText breaks text into lines no wider than width, at spaces and after
// hyphens ("sote-" / "uudistuksen"); past maxLines the last line ends
// with "…".
func diagramWrapText(text string, size float32, style fyne.TextStyle, width float32, maxLines int) []string {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	// Tokens keep a trailing hyphen or space to tell how to join them.
	var tokens []string
	for _, word := range strings.Fields(text) {
		parts := strings.SplitAfter(word, "-")
		for i, p := range parts {
			if p == "" {
				continue
			}
			if i == len(parts)-1 || (i == len(parts)-2 && parts[len(parts)-1] == "") {
				p += " "
			}
			tokens = append(tokens, p)
		}
	}
	// A word too long for a line ("Henkilöstöasiantuntijaryhmä") is
	// hyphenated where the line ends.
	for i := 0; i < len(tokens); i++ {
		t := strings.TrimSpace(tokens[i])
		if fits(t) {
			continue
		}
		r := []rune(t)
		n := len(r) - 1
		for n > 1 && !fits(string(r[:n])+"-") {
			n--
		}
		rest := string(r[n:]) + tokens[i][len(t):]
		tokens = slices.Insert(tokens, i+1, rest)
		tokens[i] = string(r[:n]) + "-"
	}
	var lines []string
	cur := ""
	for _, t := range tokens {
		if cur != "" && !fits(strings.TrimSpace(cur+t)) {
			lines = append(lines, strings.TrimSpace(cur))
			cur = ""
		}
		cur += t
	}
	if strings.TrimSpace(cur) != "" {
		lines = append(lines, strings.TrimSpace(cur))
	}
	if len(lines) > maxLines {
		last := strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines]
		for last != "" && !fits(last+"…") {
			r := []rune(last)
			last = strings.TrimSpace(string(r[:len(r)-1]))
		}
		lines[maxLines-1] = last + "…"
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}
