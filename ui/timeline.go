package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// The timeline draws a project's milestones against a horizontal time axis
// with a tick and a label for every year: a single date as a dot, a period
// as a bar, a period without an end as a dot with a fading tail. Each
// milestone has a lane of its own, so their texts never overlap. Done
// milestones are filled green and marked ✓; open ones are hollow.
const (
	timelineMargin   = 16
	timelineAxisY    = 36
	timelineLaneH    = 48
	timelineDot      = 14
	timelineBarH     = 12
	timelineTail     = 72
	timelineMinWidth = 520
)

// timeline is the picture of a project's milestones.
type timeline struct {
	widget.BaseWidget
	milestones []model.Milestone
	project    model.Period
	from, to   time.Time // the axis
	today      time.Time
}

func newTimeline(ms []model.Milestone, project model.Period) *timeline {
	t := &timeline{milestones: ms, project: project, today: model.Today().Time()}
	t.ExtendBaseWidget(t)
	var lo, hi time.Time
	see := func(d model.Date) {
		if d.IsZero() {
			return
		}
		x := d.Time()
		if lo.IsZero() || x.Before(lo) {
			lo = x
		}
		if hi.IsZero() || x.After(hi) {
			hi = x
		}
	}
	for _, m := range ms {
		see(m.Period.Start)
		see(m.Period.End)
	}
	see(project.Start)
	see(project.End)
	if lo.IsZero() {
		lo = t.today
		hi = t.today
	}
	// At least two months, and a margin so that nothing sits on the edge.
	if span := hi.Sub(lo); span < 60*24*time.Hour {
		extra := (60*24*time.Hour - span) / 2
		lo, hi = lo.Add(-extra), hi.Add(extra)
	}
	pad := hi.Sub(lo) / 25
	t.from, t.to = lo.Add(-pad), hi.Add(pad)
	return t
}

func (t *timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return fyne.NewSize(timelineMinWidth, timelineAxisY+16+float32(len(t.milestones))*timelineLaneH+8)
}

// x is the horizontal position of a moment on a timeline width wide.
func (t *timeline) x(at time.Time, width float32) float32 {
	inner := width - 2*timelineMargin
	f := float32(at.Sub(t.from)) / float32(t.to.Sub(t.from))
	return timelineMargin + f*inner
}

func (t *timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.axis = canvas.NewLine(color.Black)
	r.band = canvas.NewRectangle(color.Transparent)
	r.objects = append(r.objects, r.band, r.axis)
	for y := t.from.Year(); y <= t.to.Year(); y++ {
		for q := 0; q < 4; q++ {
			at := time.Date(y, time.Month(1+3*q), 1, 12, 0, 0, 0, time.UTC)
			if at.Before(t.from) || at.After(t.to) {
				continue
			}
			tick := timelineTick{at: at, year: q == 0, line: canvas.NewLine(color.Black)}
			if tick.year {
				tick.grid = canvas.NewLine(color.Black)
				r.objects = append(r.objects, tick.grid)
			}
			r.objects = append(r.objects, tick.line)
			r.ticks = append(r.ticks, tick)
		}
		label := canvas.NewText(strconv.Itoa(y), color.Black)
		label.TextStyle = fyne.TextStyle{Bold: true}
		r.years = append(r.years, label)
		r.objects = append(r.objects, label)
	}
	if !t.today.Before(t.from) && !t.today.After(t.to) {
		r.todayLine = canvas.NewLine(color.Black)
		r.todayText = canvas.NewText(T("projects.today"), color.Black)
		r.objects = append(r.objects, r.todayLine, r.todayText)
	}
	for _, m := range t.milestones {
		lane := &timelineLane{m: m}
		if m.Period.End.IsZero() {
			lane.tail = canvas.NewHorizontalGradient(color.Black, color.Transparent)
			r.objects = append(r.objects, lane.tail)
		}
		if timelineIsPoint(m.Period) {
			lane.marker = canvas.NewCircle(color.Transparent)
		} else {
			lane.marker = canvas.NewRectangle(color.Transparent)
		}
		lane.title = canvas.NewText(m.Description, color.Black)
		state := T("projects.open")
		if m.Done {
			state = "✓ " + T("projects.done")
		}
		lane.when = canvas.NewText(milestoneWhen(m.Period)+" · "+state, color.Black)
		r.objects = append(r.objects, lane.marker, lane.title, lane.when)
		r.lanes = append(r.lanes, lane)
	}
	r.Refresh()
	return r
}

// timelineIsPoint reports whether a milestone is drawn as a dot: a single date,
// or a start without an end.
func timelineIsPoint(p model.Period) bool { return p.End.IsZero() || p.End == p.Start }

type timelineTick struct {
	at         time.Time
	year       bool
	line, grid *canvas.Line
}

type timelineLane struct {
	m           model.Milestone
	marker      fyne.CanvasObject // *canvas.Circle or *canvas.Rectangle
	tail        *canvas.LinearGradient
	title, when *canvas.Text
}

type timelineRenderer struct {
	t                  *timeline
	axis               *canvas.Line
	band               *canvas.Rectangle
	ticks              []timelineTick
	years              []*canvas.Text
	todayLine          *canvas.Line
	todayText          *canvas.Text
	lanes              []*timelineLane
	objects            []fyne.CanvasObject
	textSize, whenSize float32
	titleH, whenH      float32
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	t := r.t
	w := size.Width
	bottom := size.Height - 4
	r.axis.Position1 = fyne.NewPos(timelineMargin, timelineAxisY)
	r.axis.Position2 = fyne.NewPos(w-timelineMargin, timelineAxisY)
	// The project's own period is a band along the axis.
	if !t.project.Start.IsZero() {
		end := t.to
		if !t.project.End.IsZero() {
			end = t.project.End.Time()
		}
		x1, x2 := t.x(t.project.Start.Time(), w), t.x(end, w)
		r.band.Move(fyne.NewPos(x1, timelineAxisY-3))
		r.band.Resize(fyne.NewSize(x2-x1, 6))
		r.band.Show()
	} else {
		r.band.Hide()
	}
	for _, tick := range r.ticks {
		x := t.x(tick.at, w)
		h := float32(3)
		if tick.year {
			h = 7
			tick.grid.Position1 = fyne.NewPos(x, timelineAxisY)
			tick.grid.Position2 = fyne.NewPos(x, bottom)
		}
		tick.line.Position1 = fyne.NewPos(x, timelineAxisY-h)
		tick.line.Position2 = fyne.NewPos(x, timelineAxisY+h)
	}
	// A year's label sits in the middle of the part of it on the axis,
	// when there is room.
	for i, label := range r.years {
		y := t.from.Year() + i
		start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		end := start.AddDate(1, 0, 0)
		if start.Before(t.from) {
			start = t.from
		}
		if end.After(t.to) {
			end = t.to
		}
		x1, x2 := t.x(start, w), t.x(end, w)
		lw := fyne.MeasureText(label.Text, label.TextSize, label.TextStyle)
		if x2-x1 < lw.Width+4 {
			label.Hide()
			continue
		}
		label.Show()
		label.Move(fyne.NewPos((x1+x2-lw.Width)/2, timelineAxisY-10-lw.Height))
		label.Resize(lw)
	}
	if r.todayLine != nil {
		x := t.x(t.today, w)
		r.todayLine.Position1 = fyne.NewPos(x, timelineAxisY-8)
		r.todayLine.Position2 = fyne.NewPos(x, bottom)
		tw := fyne.MeasureText(r.todayText.Text, r.todayText.TextSize, r.todayText.TextStyle)
		r.todayText.Move(fyne.NewPos(x+3, timelineAxisY+2))
		r.todayText.Resize(tw)
	}
	for i, lane := range r.lanes {
		cy := timelineAxisY + 16 + float32(i)*timelineLaneH + timelineLaneH/2
		p := lane.m.Period
		x1 := t.x(p.Start.Time(), w)
		x2 := x1
		if timelineIsPoint(p) {
			lane.marker.Move(fyne.NewPos(x1-timelineDot/2, cy-timelineDot/2))
			lane.marker.Resize(fyne.NewSquareSize(timelineDot))
			x1, x2 = x1-timelineDot/2, x1+timelineDot/2
		} else {
			x2 = t.x(p.End.Time(), w)
			lane.marker.Move(fyne.NewPos(x1, cy-timelineBarH/2))
			lane.marker.Resize(fyne.NewSize(max(x2-x1, 2), timelineBarH))
		}
		occupiedEnd := x2
		if lane.tail != nil {
			tail := min(timelineTail, w-timelineMargin-x2)
			lane.tail.Move(fyne.NewPos(x2, cy-2))
			lane.tail.Resize(fyne.NewSize(max(tail, 0), 4))
			occupiedEnd = x2 + tail
		}
		// Beside the marker: after it when the text fits, else before it,
		// else from the left edge.
		tw := max(fyne.MeasureText(lane.title.Text, lane.title.TextSize, lane.title.TextStyle).Width,
			fyne.MeasureText(lane.when.Text, lane.when.TextSize, lane.when.TextStyle).Width)
		var tx float32
		switch {
		case occupiedEnd+8+tw <= w-timelineMargin:
			tx = occupiedEnd + 8
		case x1-8-tw >= timelineMargin:
			tx = x1 - 8 - tw
		default:
			tx = max(timelineMargin, min(occupiedEnd+8, w-timelineMargin-tw))
		}
		lane.title.Move(fyne.NewPos(tx, cy-r.titleH))
		lane.title.Resize(fyne.NewSize(tw, r.titleH))
		lane.when.Move(fyne.NewPos(tx, cy))
		lane.when.Resize(fyne.NewSize(tw, r.whenH))
	}
}

func (r *timelineRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *timelineRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	success := th.Color(theme.ColorNameSuccess, v)
	bg := th.Color(theme.ColorNameBackground, v)
	r.textSize, r.whenSize = th.Size(theme.SizeNameText), th.Size(theme.SizeNameCaptionText)
	r.titleH = fyne.MeasureText("Åg", r.textSize, fyne.TextStyle{}).Height
	r.whenH = fyne.MeasureText("Åg", r.whenSize, fyne.TextStyle{}).Height

	r.axis.StrokeColor, r.axis.StrokeWidth = fg, 1.5
	r.band.FillColor = diagramAlpha(primary, 0x55)
	r.band.CornerRadius = 3
	for _, tick := range r.ticks {
		tick.line.StrokeColor, tick.line.StrokeWidth = fg, 1
		if tick.grid != nil {
			tick.grid.StrokeColor, tick.grid.StrokeWidth = diagramAlpha(fg, 0x22), 1
		}
	}
	for _, y := range r.years {
		y.Color, y.TextSize = fg, r.textSize
	}
	if r.todayLine != nil {
		errColor := th.Color(theme.ColorNameError, v)
		r.todayLine.StrokeColor, r.todayLine.StrokeWidth = errColor, 1.5
		r.todayText.Color, r.todayText.TextSize = errColor, r.whenSize
	}
	for _, lane := range r.lanes {
		accent := primary
		fill := bg
		if lane.m.Done {
			accent, fill = success, success
		}
		switch m := lane.marker.(type) {
		case *canvas.Circle:
			m.FillColor, m.StrokeColor, m.StrokeWidth = fill, accent, 2.5
		case *canvas.Rectangle:
			if !lane.m.Done {
				fill = diagramAlpha(primary, 0x44)
			}
			m.FillColor, m.StrokeColor, m.StrokeWidth = fill, accent, 1.5
			m.CornerRadius = timelineBarH / 2
		}
		if lane.tail != nil {
			lane.tail.StartColor = diagramAlpha(accent, 0xcc)
			lane.tail.EndColor = diagramAlpha(accent, 0)
		}
		lane.title.Color, lane.title.TextSize = fg, r.textSize
		lane.title.TextStyle = fyne.TextStyle{Bold: !lane.m.Done}
		lane.when.Color, lane.when.TextSize = muted, r.whenSize
		if lane.m.Done {
			// Green, darkened (or lightened) towards the text colour so
			// that small text stays readable on either background.
			lane.when.Color = timelineMix(success, fg, 0.35)
		}
	}
	r.Layout(r.t.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// timelineMix blends a with b, f of the way towards b.
func timelineMix(a, b color.Color, f float32) color.NRGBA {
	x := color.NRGBAModel.Convert(a).(color.NRGBA)
	y := color.NRGBAModel.Convert(b).(color.NRGBA)
	mix := func(p, q uint8) uint8 { return uint8(float32(p)*(1-f) + float32(q)*f) }
	return color.NRGBA{mix(x.R, y.R), mix(x.G, y.G), mix(x.B, y.B), 0xff}
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *timelineRenderer) Destroy()                     {}
