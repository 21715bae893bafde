package ui

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// The governance diagram draws a project's group tree as an organisation
// chart: one box per group (its name and type), the steering group on top,
// each group's subordinate groups in the layer below, joined by lines.
// Measures are at scale 1; the diagram scales to fit the width it gets
// (within limits) and can be zoomed.
const (
	diagramBoxWidth = 184
	diagramHGap     = 20
	diagramVGap     = 48
	diagramMargin   = 16
	diagramPad      = 8
	diagramMaxLines = 3
	diagramMinScale = 0.6
	diagramMaxScale = 2
)

// governanceDiagram is the picture of a group tree.
type governanceDiagram struct {
	widget.BaseWidget
	u *UI // nil when the diagram is drawn for export

	nodes   []*diagramNode // parents before children
	layers  int
	boxH    float32
	boxes   []*diagramBox
	lines   []*canvas.Line
	scale   float32
	autoFit bool
}

// diagramNode is one group's place in the picture.
type diagramNode struct {
	group  *model.Group
	depth  int
	x      float32 // centre, in box pitches from the leftmost box
	parent *diagramNode
	kids   []*diagramNode
	box    *diagramBox
}

// newGovernanceDiagram lays out the tree; u is used to open a group when
// its box is tapped.
func newGovernanceDiagram(u *UI, tree []*model.GroupNode) *governanceDiagram {
	d := &governanceDiagram{u: u, scale: 1, autoFit: true}
	d.ExtendBaseWidget(d)
	var layers [][]*diagramNode
	var add func(ns []*model.GroupNode, parent *diagramNode, depth int)
	add = func(ns []*model.GroupNode, parent *diagramNode, depth int) {
		for _, n := range ns {
			dn := &diagramNode{group: n.Group, depth: depth, parent: parent}
			if parent != nil {
				parent.kids = append(parent.kids, dn)
			}
			if depth >= len(layers) {
				layers = append(layers, nil)
			}
			layers[depth] = append(layers[depth], dn)
			d.nodes = append(d.nodes, dn)
			add(n.Children, dn, depth+1)
		}
	}
	add(tree, nil, 0)
	d.layers = len(layers)
	placeLayers(layers)

	// Boxes share one height: enough for the longest name.
	nameSize, typeSize := diagramTextSizes()
	lines := 1
	for _, n := range d.nodes {
		n.box = newDiagramBox(d, n.group, nameSize)
		lines = max(lines, len(n.box.name))
		d.boxes = append(d.boxes, n.box)
	}
	lineH := fyne.MeasureText("Åg", nameSize, fyne.TextStyle{Bold: true}).Height
	typeH := fyne.MeasureText("Åg", typeSize, fyne.TextStyle{}).Height
	d.boxH = float32(lines)*lineH + typeH + 3*diagramPad
	for _, n := range d.nodes {
		if len(n.kids) == 0 {
			continue
		}
		// A bus: down from the parent, across the children, down to each.
		for range 2 + len(n.kids) {
			d.lines = append(d.lines, canvas.NewLine(color.Black))
		}
	}
	return d
}

// placeLayers gives every node an x (in box pitches): the roots side by
// side, each group's children centred under it, pushed apart where they
// would overlap. Pushing both ways and averaging keeps a layer centred
// where it is crowded.
func placeLayers(layers [][]*diagramNode) {
	for depth, layer := range layers {
		n := len(layer)
		ideal := make([]float32, n)
		if depth == 0 {
			for i := range layer {
				ideal[i] = float32(i) - float32(n-1)/2
			}
		} else {
			for i := 0; i < n; {
				p := layer[i].parent
				j := i
				for j < n && layer[j].parent == p {
					j++
				}
				k := j - i
				for m := i; m < j; m++ {
					ideal[m] = p.x + float32(m-i) - float32(k-1)/2
				}
				i = j
			}
		}
		left := make([]float32, n)
		right := make([]float32, n)
		for i := range layer {
			left[i] = ideal[i]
			if i > 0 {
				left[i] = max(left[i], left[i-1]+1)
			}
		}
		for i := n - 1; i >= 0; i-- {
			right[i] = ideal[i]
			if i < n-1 {
				right[i] = min(right[i], right[i+1]-1)
			}
		}
		for i, node := range layer {
			node.x = (left[i] + right[i]) / 2
		}
	}
	// Shift so that the leftmost box is at 0.
	lowest := float32(0)
	first := true
	for _, layer := range layers {
		for _, n := range layer {
			if first || n.x < lowest {
				lowest, first = n.x, false
			}
		}
	}
	for _, layer := range layers {
		for _, n := range layer {
			n.x -= lowest
		}
	}
}

// diagramTextSizes are the sizes of a box's name and type at scale 1.
func diagramTextSizes() (name, kind float32) {
	return theme.TextSize() - 1, theme.CaptionTextSize()
}

// naturalSize is the diagram's size at scale 1.
func (d *governanceDiagram) naturalSize() fyne.Size {
	var span float32
	for _, n := range d.nodes {
		span = max(span, n.x)
	}
	w := span*(diagramBoxWidth+diagramHGap) + diagramBoxWidth + 2*diagramMargin
	h := float32(d.layers)*d.boxH + float32(max(d.layers-1, 0))*diagramVGap + 2*diagramMargin
	return fyne.NewSize(w, h)
}

// setScale zooms the diagram.
func (d *governanceDiagram) setScale(s float32) {
	s = min(max(s, diagramMinScale), diagramMaxScale)
	if s == d.scale {
		return
	}
	d.scale = s
	d.Refresh()
}

// fitWidth scales the diagram to fit width, neither smaller than the
// minimum scale nor larger than 1.
func (d *governanceDiagram) fitWidth(width float32) {
	d.setScale(min(1, width/d.naturalSize().Width))
}

func (d *governanceDiagram) MinSize() fyne.Size {
	d.ExtendBaseWidget(d)
	n := d.naturalSize()
	return fyne.NewSize(n.Width*d.scale, n.Height*d.scale)
}

func (d *governanceDiagram) CreateRenderer() fyne.WidgetRenderer {
	d.ExtendBaseWidget(d)
	r := &diagramRenderer{d: d}
	for _, l := range d.lines {
		r.objects = append(r.objects, l)
	}
	for _, b := range d.boxes {
		r.objects = append(r.objects, b)
	}
	r.Refresh()
	return r
}

type diagramRenderer struct {
	d       *governanceDiagram
	objects []fyne.CanvasObject
}

func (r *diagramRenderer) Layout(size fyne.Size) {
	d := r.d
	s := d.scale
	nat := d.naturalSize()
	offsetX := max(0, (size.Width-nat.Width*s)/2)
	pitch := (diagramBoxWidth + diagramHGap) * s
	boxW, boxH := diagramBoxWidth*s, d.boxH*s
	top := func(n *diagramNode) float32 {
		return diagramMargin*s + float32(n.depth)*(boxH+diagramVGap*s)
	}
	centre := func(n *diagramNode) float32 {
		return offsetX + diagramMargin*s + n.x*pitch + boxW/2
	}
	for _, n := range d.nodes {
		n.box.scale = s
		n.box.Move(fyne.NewPos(centre(n)-boxW/2, top(n)))
		n.box.Resize(fyne.NewSize(boxW, boxH))
	}
	i := 0
	for _, n := range d.nodes {
		if len(n.kids) == 0 {
			continue
		}
		x := centre(n)
		y0 := top(n) + boxH
		bus := y0 + diagramVGap*s/2
		d.lines[i].Position1, d.lines[i].Position2 = fyne.NewPos(x, y0), fyne.NewPos(x, bus)
		i++
		lo, hi := x, x
		for _, k := range n.kids {
			kx := centre(k)
			lo, hi = min(lo, kx), max(hi, kx)
			d.lines[i].Position1, d.lines[i].Position2 = fyne.NewPos(kx, bus), fyne.NewPos(kx, top(k))
			i++
		}
		d.lines[i].Position1, d.lines[i].Position2 = fyne.NewPos(lo, bus), fyne.NewPos(hi, bus)
		i++
	}
}

func (r *diagramRenderer) MinSize() fyne.Size { return r.d.MinSize() }

func (r *diagramRenderer) Refresh() {
	th := r.d.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := diagramAlpha(th.Color(theme.ColorNameForeground, v), 0x99)
	for _, l := range r.d.lines {
		l.StrokeColor = c
		l.StrokeWidth = 1.5 * r.d.scale
		l.Refresh()
	}
	r.Layout(r.d.Size())
	for _, b := range r.d.boxes {
		b.Refresh()
	}
}

func (r *diagramRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *diagramRenderer) Destroy()                     {}

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

// diagramView is the diagram in a scrolled area under a bar of zoom
// buttons, with right at the bar's end and middle between. Until the user
// zooms, the diagram fits the width it has.
func diagramView(d *governanceDiagram, right, middle fyne.CanvasObject) fyne.CanvasObject {
	scroll := container.NewScroll(d)
	fit := container.New(&diagramFitLayout{d: d}, scroll)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() {
		d.autoFit = false
		d.setScale(d.scale / 1.25)
	})
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() {
		d.autoFit = false
		d.setScale(d.scale * 1.25)
	})
	zoomFit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), func() {
		d.autoFit = true
		d.fitWidth(scroll.Size().Width)
	})
	bar := container.NewBorder(nil, nil, container.NewHBox(zoomOut, zoomFit, zoomIn), right, middle)
	return container.NewBorder(bar, nil, nil, nil, fit)
}

// diagramFitLayout scales its diagram to the width before laying out the
// scroll around it, so the scroll sees the final size.
type diagramFitLayout struct{ d *governanceDiagram }

func (l *diagramFitLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 150) }

func (l *diagramFitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.d.autoFit {
		l.d.fitWidth(size.Width - theme.Padding())
	}
	objs[0].Resize(size)
}

// renderDiagram draws a project's group tree as an image at twice the
// screen resolution, light theme, the project's name above it.
func renderDiagram(title string, tree []*model.GroupNode) image.Image {
	d := newGovernanceDiagram(nil, tree)
	heading := canvas.NewText(title, color.Black)
	heading.TextStyle = fyne.TextStyle{Bold: true}
	heading.TextSize = theme.TextSize() + 4
	light := theme.LightTheme()
	heading.Color = light.Color(theme.ColorNameForeground, theme.VariantLight)
	bg := canvas.NewRectangle(light.Color(theme.ColorNameBackground, theme.VariantLight))
	body := container.NewPadded(container.NewVBox(heading, d))
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetScale(2)
	c.SetContent(container.NewThemeOverride(container.NewStack(bg, body), light))
	return c.Capture()
}

// writeDiagramPNG writes the diagram of a project's groups as PNG.
func writeDiagramPNG(w io.Writer, title string, tree []*model.GroupNode) error {
	return png.Encode(w, renderDiagram(title, tree))
}

// exportDiagramDialog asks where to save the diagram and saves it as PNG.
func exportDiagramDialog(u *UI, p *model.Project, tree []*model.GroupNode) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		werr := writeDiagramPNG(w, p.Name, tree)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			u.showError(werr)
			return
		}
		dialog.ShowInformation(T("projects.export_png"), T("projects.export_done", map[string]any{"Path": w.URI().Path()}), u.win)
	}, u.win)
	save.SetFileName(diagramFileName(p) + ".png")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
	save.Show()
}

// diagramFileName suggests a file name for a project's picture.
func diagramFileName(p *model.Project) string {
	name := p.ShortName
	if name == "" {
		name = p.Name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return name + " – " + T("projects.tab_organisation")
}
