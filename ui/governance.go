package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
