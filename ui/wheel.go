package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A multi-line entry that wraps keeps its own scroller, and Fyne gives a
// wheel event to the innermost scroller under the pointer: over a text
// area the page hardly moved. wheelPass lies over such an entry, takes
// the wheel (and nothing else: taps, typing and the cursor still reach
// the entry below) and hands it to the page's scroller; the entry grows
// with its text (growRows) so nothing needs its own scroller.
type wheelPass struct {
	widget.BaseWidget
	target func() *container.Scroll
}

func newWheelPass(target func() *container.Scroll) *wheelPass {
	w := &wheelPass{target: target}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled scrolls the page.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if s := w.target(); s != nil {
		s.Scrolled(ev)
	}
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// wheelPassRenderer is a widget's renderer with a wheelPass laid over
// everything it draws.
type wheelPassRenderer struct {
	fyne.WidgetRenderer
	pass *wheelPass
}

func (r *wheelPassRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.pass.Move(fyne.NewPos(0, 0))
	r.pass.Resize(size)
}

func (r *wheelPassRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.pass)
}

// passWheel puts a wheelPass over o.
func passWheel(o fyne.CanvasObject, target func() *container.Scroll) fyne.CanvasObject {
	return container.NewStack(o, newWheelPass(target))
}

// growRows shows the whole text of a multi-line entry: at least least rows,
// one more per line and per about 90 characters of a long line, up to 40.
func growRows(en *widget.Entry, least int) {
	rows := 0
	for _, l := range strings.Split(en.Text, "\n") {
		rows += 1 + len([]rune(l))/90
	}
	en.SetMinRowsVisible(max(least, min(rows+1, 40)))
}
