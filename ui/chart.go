package ui

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
)

// chartMark is a check-in marked on the chart.
type chartMark struct {
	id    int64
	at    time.Time
	score float64
	label string
}

// readinessChart is a line chart of the readiness score (0-100) over time:
// one dot per day, joined by lines, with the dates spaced by time, and the
// check-ins marked. When every change is from one day it draws the score
// after each change instead (steps), evenly spaced, so that one day of work
// is a line rather than a lone dot.
type readinessChart struct {
	widget.BaseWidget
	points []tracker.Point
	steps  []tracker.Point
	marks  []chartMark
	// selected is the id of the check-in chosen in the History screen, or 0.
	selected int64
	// onMark runs when the user taps a check-in's mark.
	onMark func(id int64)
	// empty is shown when there are no points.
	empty string
	// rend is the renderer, which knows where the marks are drawn.
	rend *chartRenderer
	// plan is the target date and the forecast drawn from today; its zero
	// value draws neither.
	plan chartPlan
}

// chartEmpty is what a chart without points says.
const chartEmpty = "No changes yet: tick a skill and your readiness shows here."

// newReadinessChart returns an empty chart.
func newReadinessChart() *readinessChart {
	c := &readinessChart{empty: chartEmpty}
	c.ExtendBaseWidget(c)
	return c
}

// setPoints shows daily points, oldest first, with no check-ins.
func (c *readinessChart) setPoints(points []tracker.Point) { c.setData(points, nil, nil) }

// setData shows daily points and, when every change is from one day, the
// score after each change (steps, see tracker.ReadinessSeries), with the
// check-ins' marks; all oldest first.
func (c *readinessChart) setData(points, steps []tracker.Point, marks []chartMark) {
	c.points, c.steps, c.marks = points, steps, marks
	c.Refresh()
}

// setSelected marks check-in id as the chosen one (0: none).
func (c *readinessChart) setSelected(id int64) {
	c.selected = id
	c.Refresh()
}

// series is what the line is drawn through: the steps of the one day, or
// the daily points.
func (c *readinessChart) series() []tracker.Point {
	if len(c.steps) > 1 {
		return c.steps
	}
	return c.points
}

// Tapped chooses the check-in whose mark is nearest the tap, when one is
// within reach.
func (c *readinessChart) Tapped(ev *fyne.PointEvent) {
	r, ok := c.renderer()
	if !ok || c.onMark == nil {
		return
	}
	reach := c.Theme().Size(theme.SizeNamePadding) * 4
	best, bestD := int64(0), float32(math.MaxFloat32)
	for i, m := range c.marks {
		if i >= len(r.markX) {
			break
		}
		if d := chartAbs(r.markX[i] - ev.Position.X); d <= reach && d < bestD {
			best, bestD = m.id, d
		}
	}
	if best != 0 {
		c.onMark(best)
	}
}

// renderer returns the chart's renderer once it has one.
func (c *readinessChart) renderer() (*chartRenderer, bool) {
	return c.rend, c.rend != nil
}

// chartAbs is the absolute value of x.
func chartAbs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
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
	c.rend = r
	r.Refresh()
	return r
}

// chartScores are the scores of the horizontal grid lines, bottom up.
var chartScores = [3]float64{0, 50, 100}

// markDrawing is the drawing of one check-in: a thin upright line through
// the plot, a ring at its score and its label.
type markDrawing struct {
	line  *canvas.Line
	ring  *canvas.Circle
	label *canvas.Text
}

// chartRenderer draws a readinessChart from canvas lines, circles and texts.
type chartRenderer struct {
	chart   *readinessChart
	grid    [3]*canvas.Line // at 0, 50 and 100
	yLabels [3]*canvas.Text
	first   *canvas.Text // date of the first point, under the axis
	last    *canvas.Text // date of the last point
	empty   *canvas.Text
	lines   []*canvas.Line   // one fewer than points; one flat line for a single point
	dots    []*canvas.Circle // one per point
	marks   []markDrawing    // one per check-in
	plan    *planDrawing     // the target and the forecast; nil before the first refresh
	markX   []float32        // where each mark was drawn
	objects []fyne.CanvasObject
	size    fyne.Size
}

// Destroy is part of fyne.WidgetRenderer.
func (r *chartRenderer) Destroy() {}

// Objects is part of fyne.WidgetRenderer.
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is part of fyne.WidgetRenderer.
func (r *chartRenderer) MinSize() fyne.Size {
	// 110 px of height: enough to read the trend, and little enough that
	// History fits an 800×600 window with the banner and status line shown.
	th := r.chart.Theme()
	text := fyne.MeasureText("2026-12-31", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{})
	return fyne.NewSize(text.Width*3, 110)
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
	// Room above 100 for a check-in's label.
	y0 = label.Height + 2*pad
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
	c := r.chart
	th := c.Theme()
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

	pts := r.chart.series()
	xAt := r.xScale(x0, x1)
	rad := pad * 0.75
	at := make([]fyne.Position, 0, len(pts))
	shownX := float32(-1e9)
	for i, p := range pts {
		if i >= len(r.dots) {
			break
		}
		pos := fyne.NewPos(xAt(i), yFor(p.Score))
		at = append(at, pos)
		r.dots[i].Move(pos.SubtractXY(rad, rad))
		r.dots[i].Resize(fyne.NewSquareSize(2 * rad))
		// Where the days are closer than a dot is wide the line alone
		// shows them: a dot drawn over the previous one adds nothing, and
		// every object is a draw call (a year of daily changes drew 1,100
		// dots and 1,100 lines, and made History slow to open without a
		// graphics card). The last day always has its dot.
		r.dots[i].Hidden = i < len(pts)-1 && pos.X-shownX < 2*rad+2
		if !r.dots[i].Hidden {
			shownX = pos.X
		}
	}
	if len(pts) > 1 {
		// The line joins the points it needs to pass within half a pixel
		// of every one.
		kept := simplifyLine(at, 0.5)
		for j, l := range r.lines {
			l.Hidden = j >= len(kept)-1
			if !l.Hidden {
				l.Position1, l.Position2 = at[kept[j]], at[kept[j+1]]
			}
		}
	}
	if len(pts) == 1 && len(r.lines) == 1 {
		// One day, one score: a level line across the plot.
		y := yFor(pts[0].Score)
		r.lines[0].Hidden = false
		r.lines[0].Position1 = fyne.NewPos(x0, y)
		r.lines[0].Position2 = fyne.NewPos(x1, y)
	}

	r.markX = r.markX[:0]
	ringR := pad * 1.25
	var prevX, stack float32 = -1, 0
	lastRight := float32(-1e9)
	for i, m := range r.chart.marks {
		if i >= len(r.marks) {
			break
		}
		x := r.markPos(m, x0, x1)
		r.markX = append(r.markX, x)
		d := r.marks[i]
		d.line.Position1 = fyne.NewPos(x, y0)
		d.line.Position2 = fyne.NewPos(x, y1)
		y := yFor(m.score)
		rr := ringR
		if m.id == r.chart.selected {
			rr = ringR * 1.4
		}
		d.ring.Move(fyne.NewPos(x-rr, y-rr))
		d.ring.Resize(fyne.NewSquareSize(2 * rr))
		// Marks at the same place stack their labels upwards.
		if chartAbs(x-prevX) < 1 {
			stack++
		} else {
			stack = 0
		}
		prevX = x
		ls := d.label.MinSize()
		ly := y - rr - ls.Height - stack*ls.Height
		if ly < 0 {
			ly = y + rr + stack*ls.Height
		}
		// A label stays over the plot: centred on its mark, or ending at
		// the plot's right edge (starting at its left one) near an edge.
		lx := min(max(x-ls.Width/2, x0), x1-ls.Width)
		lx = max(min(lx, size.Width-ls.Width), 0)
		d.label.Move(fyne.NewPos(lx, ly))
		d.label.Resize(ls)
		// Labels of marks close together would run into each other:
		// those without room are left out (the chosen one never is).
		if stack == 0 && lx < lastRight+pad && m.id != r.chart.selected {
			d.label.Hide()
		} else {
			d.label.Show()
			if stack == 0 {
				lastRight = lx + ls.Width
			}
		}
	}
	r.clearChosenLabel(pad)

	dateY := y1 + pad
	fs := r.first.MinSize()
	r.first.Move(fyne.NewPos(max(x0-fs.Width/2, 0), dateY))
	r.first.Resize(fs)
	ls := r.last.MinSize()
	r.last.Move(fyne.NewPos(min(x1-ls.Width/2, size.Width-ls.Width), dateY))
	r.last.Resize(ls)
	if len(pts) == 1 && !c.plan.extends(pts[0].At) {
		r.first.Move(fyne.NewPos(xAt(0)-fs.Width/2, dateY))
	}
	r.layoutPlan(x0, y0, x1, y1, yFor)
	r.clearCoveringLabels()
}

// xScale maps the index of a point of the series to a horizontal position
// between x0 and x1: daily points by their dates, the steps of one day
// evenly, a single point in the middle.
func (r *chartRenderer) xScale(x0, x1 float32) func(i int) float32 {
	c := r.chart
	pts := c.series()
	n := len(pts)
	switch {
	case n == 0:
		return func(int) float32 { return x0 }
	case n == 1 && !c.plan.extends(pts[0].At):
		return func(int) float32 { return (x0 + x1) / 2 }
	case len(c.steps) > 1:
		return func(i int) float32 { return x0 + float32(i)/float32(n-1)*(x1-x0) }
	}
	at := c.timeX(x0, x1)
	return func(i int) float32 { return at(pts[i].At) }
}

// markPos is where a check-in's mark goes: at its day among daily points;
// among the steps of one day on the last change before it.
func (r *chartRenderer) markPos(m chartMark, x0, x1 float32) float32 {
	c := r.chart
	pts := c.series()
	n := len(pts)
	if n == 0 || (n == 1 && !c.plan.extends(pts[0].At)) {
		return (x0 + x1) / 2
	}
	if len(c.steps) > 1 {
		k := 0
		for k+1 < n && !pts[k+1].At.After(m.at) {
			k++
		}
		// It holds the score after change k: on that dot.
		return x0 + float32(k)/float32(n-1)*(x1-x0)
	}
	first, last := pts[0].At, pts[n-1].At
	day := time.Date(m.at.Year(), m.at.Month(), m.at.Day(), 0, 0, 0, 0, time.UTC)
	if day.Before(first) {
		day = first
	}
	if day.After(last) {
		day = last
	}
	return c.timeX(x0, x1)(day)
}

// Refresh is part of fyne.WidgetRenderer: it matches the dots, lines and
// marks to the data and applies the theme's colours.
func (r *chartRenderer) Refresh() {
	c := r.chart
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	dim := th.Color(theme.ColorNameDisabled, v)
	sep := th.Color(theme.ColorNameSeparator, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	markColor := th.Color(theme.ColorNameWarning, v)
	bg := th.Color(theme.ColorNameBackground, v)
	ts := th.Size(theme.SizeNameCaptionText)

	pts := c.series()
	n := len(pts)
	for len(r.dots) < n {
		r.dots = append(r.dots, canvas.NewCircle(nil))
	}
	r.dots = r.dots[:n]
	lines := max(n-1, 0)
	if n == 1 {
		lines = 1
	}
	for len(r.lines) < lines {
		r.lines = append(r.lines, canvas.NewLine(nil))
	}
	r.lines = r.lines[:lines]
	for len(r.marks) < len(c.marks) {
		r.marks = append(r.marks, markDrawing{canvas.NewLine(nil), canvas.NewCircle(nil), canvas.NewText("", nil)})
	}
	r.marks = r.marks[:len(c.marks)]

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
	for i, d := range r.marks {
		m := c.marks[i]
		sel := m.id == c.selected
		d.line.StrokeColor = chartAlpha(markColor, 0x80)
		d.line.StrokeWidth = 1
		d.ring.StrokeColor = markColor
		d.ring.StrokeWidth = 2
		d.ring.FillColor = bg
		if sel {
			d.ring.FillColor = markColor
			d.line.StrokeColor = markColor
			d.line.StrokeWidth = 2
		}
		d.label.Text = m.label
		d.label.Color = fg
		d.label.TextSize = ts
		d.label.TextStyle = fyne.TextStyle{Bold: sel}
	}
	r.first.Text, r.last.Text = "", ""
	switch {
	case len(c.steps) > 1:
		r.first.Text = "first change, " + pts[0].At.Local().Format("15:04")
		r.last.Text = "latest, " + pts[n-1].At.Local().Format("15:04")
	case n > 0:
		r.first.Text = pts[0].At.Format("2006-01-02")
		if end := c.end(); n > 1 || end.After(pts[0].At) {
			r.last.Text = end.Format("2006-01-02")
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
	r.objects = r.refreshPlan(r.objects)
	for _, d := range r.marks {
		r.objects = append(r.objects, d.line)
	}
	for _, l := range r.lines {
		r.objects = append(r.objects, l)
	}
	for _, d := range r.dots {
		r.objects = append(r.objects, d)
	}
	for _, d := range r.marks {
		r.objects = append(r.objects, d.ring, d.label)
	}
	r.Layout(r.size)
	canvas.Refresh(c)
}

// chartAlpha returns col with its alpha set to a (0-255).
func chartAlpha(col color.Color, a uint8) color.Color {
	cr, cg, cb, _ := col.RGBA()
	return color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: a}
}
