package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
)

// readinessChart is a line chart of the readiness score (0-100) over time:
// one dot per point, joined by lines, with the dates spaced by time.
type readinessChart struct {
	widget.BaseWidget
	points []tracker.Point
	// empty is shown when there are no points.
	empty string
}

// newReadinessChart returns an empty chart.
func newReadinessChart() *readinessChart {
	c := &readinessChart{empty: "No changes yet: tick a skill and your readiness shows here."}
	c.ExtendBaseWidget(c)
	return c
}

// setPoints shows points, oldest first.
func (c *readinessChart) setPoints(points []tracker.Point) {
	c.points = points
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *readinessChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	r := &chartRenderer{chart: c, empty: canvas.NewText("", nil)}
	for i := range r.grid {
		r.grid[i] = canvas.NewLine(nil)
		r.yLabels[i] = canvas.NewText("", nil)
		r.yLabels[i].Alignment = fyne.TextAlignTrailing
	}
	r.yLabels[0].Text, r.yLabels[1].Text, r.yLabels[2].Text = "0", "50", "100"
	r.first = canvas.NewText("", nil)
	r.last = canvas.NewText("", nil)
	r.last.Alignment = fyne.TextAlignTrailing
	r.Refresh()
	return r
}

// chartScores are the scores of the horizontal grid lines, bottom up.
var chartScores = [3]float64{0, 50, 100}

// chartRenderer draws a readinessChart from canvas lines, circles and texts.
type chartRenderer struct {
	chart   *readinessChart
	grid    [3]*canvas.Line // at 0, 50 and 100
	yLabels [3]*canvas.Text
	first   *canvas.Text // date of the first point, under the axis
	last    *canvas.Text // date of the last point
	empty   *canvas.Text
	lines   []*canvas.Line   // one fewer than points
	dots    []*canvas.Circle // one per point
	objects []fyne.CanvasObject
	size    fyne.Size
}

// Destroy is part of fyne.WidgetRenderer.
func (r *chartRenderer) Destroy() {}

// Objects is part of fyne.WidgetRenderer.
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is part of fyne.WidgetRenderer.
func (r *chartRenderer) MinSize() fyne.Size {
	th := r.chart.Theme()
	text := fyne.MeasureText("2026-12-31", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{})
	return fyne.NewSize(text.Width*3, 200)
}

// plot is the rectangle the scores are drawn in, within size.
func (r *chartRenderer) plot(size fyne.Size) (x0, y0, x1, y1 float32) {
	th := r.chart.Theme()
	pad := th.Size(theme.SizeNamePadding)
	ts := th.Size(theme.SizeNameCaptionText)
	label := fyne.MeasureText("100", ts, fyne.TextStyle{})
	date := fyne.MeasureText("2026-12-31", ts, fyne.TextStyle{})
	x0 = label.Width + 2*pad
	x1 = size.Width - date.Width/2 - pad
	y0 = label.Height/2 + pad
	y1 = size.Height - date.Height - 2*pad
	if x1 < x0 {
		x1 = x0
	}
	if y1 < y0 {
		y1 = y0
	}
	return x0, y0, x1, y1
}

// Layout is part of fyne.WidgetRenderer.
func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	th := r.chart.Theme()
	pad := th.Size(theme.SizeNamePadding)
	x0, y0, x1, y1 := r.plot(size)
	yFor := func(score float64) float32 {
		score = max(0, min(100, score))
		return y1 - float32(score/100)*(y1-y0)
	}

	for i, score := range chartScores {
		y := yFor(score)
		r.grid[i].Position1 = fyne.NewPos(x0, y)
		r.grid[i].Position2 = fyne.NewPos(x1, y)
		l := r.yLabels[i]
		ls := l.MinSize()
		l.Move(fyne.NewPos(0, y-ls.Height/2))
		l.Resize(fyne.NewSize(x0-pad, ls.Height))
	}

	r.empty.Move(fyne.NewPos(x0+pad, yFor(50)-r.empty.MinSize().Height-pad))
	r.empty.Resize(r.empty.MinSize())

	pts := r.chart.points
	xFor := r.xScale(x0, x1)
	rad := th.Size(theme.SizeNamePadding) * 0.75
	for i, p := range pts {
		if i >= len(r.dots) {
			break
		}
		pos := fyne.NewPos(xFor(p.At), yFor(p.Score))
		r.dots[i].Move(pos.SubtractXY(rad, rad))
		r.dots[i].Resize(fyne.NewSquareSize(2 * rad))
		if i > 0 && i-1 < len(r.lines) {
			r.lines[i-1].Position2 = pos
		}
		if i < len(r.lines) {
			r.lines[i].Position1 = pos
		}
	}

	dateY := y1 + pad
	fs := r.first.MinSize()
	r.first.Move(fyne.NewPos(x0-fs.Width/2, dateY))
	r.first.Resize(fs)
	ls := r.last.MinSize()
	r.last.Move(fyne.NewPos(x1-ls.Width/2, dateY))
	r.last.Resize(ls)
	if len(pts) == 1 {
		r.first.Move(fyne.NewPos(xFor(pts[0].At)-fs.Width/2, dateY))
	}
}

// xScale maps a time to a horizontal position between x0 and x1: the first
// point at x0 and the last at x1, or a single point in the middle.
func (r *chartRenderer) xScale(x0, x1 float32) func(time.Time) float32 {
	pts := r.chart.points
	if len(pts) == 0 {
		return func(time.Time) float32 { return x0 }
	}
	first, last := pts[0].At, pts[len(pts)-1].At
	span := last.Sub(first)
	if span <= 0 {
		return func(time.Time) float32 { return (x0 + x1) / 2 }
	}
	return func(t time.Time) float32 {
		return x0 + float32(float64(t.Sub(first))/float64(span))*(x1-x0)
	}
}

// Refresh is part of fyne.WidgetRenderer: it matches the dots and lines to
// the points and applies the theme's colours.
func (r *chartRenderer) Refresh() {
	c := r.chart
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	dim := th.Color(theme.ColorNameDisabled, v)
	sep := th.Color(theme.ColorNameSeparator, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	ts := th.Size(theme.SizeNameCaptionText)

	n := len(c.points)
	for len(r.dots) < n {
		r.dots = append(r.dots, canvas.NewCircle(nil))
	}
	r.dots = r.dots[:n]
	lines := max(n-1, 0)
	for len(r.lines) < lines {
		r.lines = append(r.lines, canvas.NewLine(nil))
	}
	r.lines = r.lines[:lines]

	for i, l := range r.grid {
		l.StrokeColor = sep
		l.StrokeWidth = 1
		if i == 0 {
			l.StrokeColor = dim
		}
		r.yLabels[i].Color = fg
		r.yLabels[i].TextSize = ts
	}
	for _, l := range r.lines {
		l.StrokeColor = primary
		l.StrokeWidth = 2
	}
	for _, d := range r.dots {
		d.FillColor = primary
	}
	r.first.Text, r.last.Text = "", ""
	if n > 0 {
		r.first.Text = c.points[0].At.Format("2006-01-02")
		if n > 1 {
			r.last.Text = c.points[n-1].At.Format("2006-01-02")
		}
	}
	r.empty.Text = ""
	if n == 0 {
		r.empty.Text = c.empty
	}
	for _, t := range []*canvas.Text{r.first, r.last, r.empty} {
		t.Color = fg
		t.TextSize = ts
	}

	r.objects = r.objects[:0]
	for i := range r.grid {
		r.objects = append(r.objects, r.grid[i], r.yLabels[i])
	}
	r.objects = append(r.objects, r.first, r.last, r.empty)
	for _, l := range r.lines {
		r.objects = append(r.objects, l)
	}
	for _, d := range r.dots {
		r.objects = append(r.objects, d)
	}
	r.Layout(r.size)
	canvas.Refresh(c)
}
