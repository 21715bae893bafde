package ui

import "fyne.io/fyne/v2"

// columnsLayout places its objects side by side, each taking its share of
// the width (the last one the rest), so that the rows of a list line up
// as a table. Hidden objects take no room in the minimum size.
type columnsLayout struct{ shares []float32 }

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width - x
		if i < len(l.shares) && i < len(objs)-1 {
			w = size.Width * l.shares[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
