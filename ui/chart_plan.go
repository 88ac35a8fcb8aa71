package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// chartPlan is what the History chart draws of the plan: the target date
// as an upright line, and the forecast from today as a fan of lines from
// today's score to the ready score, reached between the earliest and the
// latest date, the likely one dashed.
type chartPlan struct {
	// target is the day the user means to be ready by; zero: none.
	target time.Time
	// today and from are where the forecast starts: today's score.
	today time.Time
	from  float64
	// ready is the score the forecast is of (the roadmap's ready
	// threshold).
	ready float64
	// earliest, likely and latest are the forecast's range; zero (likely)
	// when there is no forecast.
	earliest, likely, latest time.Time
}

// hasForecast reports whether the plan holds a forecast to draw.
func (p chartPlan) hasForecast() bool { return !p.likely.IsZero() && !p.today.IsZero() }

// last is the latest date the plan draws, or the zero time.
func (p chartPlan) last() time.Time {
	var t time.Time
	for _, d := range []time.Time{p.target, p.latest, p.likely} {
		if d.After(t) {
			t = d
		}
	}
	if p.hasForecast() && p.today.After(t) {
		t = p.today
	}
	return t
}

// extends reports whether the plan reaches past t, so that the chart's
// time axis runs on to the plan's last date.
func (p chartPlan) extends(t time.Time) bool { return p.last().After(t) }

// chartDashes is how many dashes the likely forecast is drawn with.
const chartDashes = 18

// planDrawing is the drawing of the plan on the chart.
type planDrawing struct {
	target      *canvas.Line
	targetLabel *canvas.Text
	ready       *canvas.Line // the ready score, from today on
	early, late *canvas.Line // the forecast's range, lighter
	likely      [chartDashes]*canvas.Line
	label       *canvas.Text // the forecast's likely month
}

// drawsPlan reports whether the plan is drawn: only over daily points,
// whose axis is time; the steps of one day have no time axis to put a date
// on.
func (c *readinessChart) drawsPlan() bool {
	return len(c.steps) <= 1 && len(c.points) > 0
}

// end is the last date of the time axis: the last point's, or later when
// the plan reaches further.
func (c *readinessChart) end() time.Time {
	pts := c.series()
	if len(pts) == 0 {
		return time.Time{}
	}
	last := pts[len(pts)-1].At
	if c.drawsPlan() && c.plan.extends(last) {
		return c.plan.last()
	}
	return last
}

// timeX maps a date to a horizontal position between x0 and x1 on the
// daily points' time axis (which the plan may lengthen).
func (c *readinessChart) timeX(x0, x1 float32) func(t time.Time) float32 {
	pts := c.series()
	if len(pts) == 0 {
		return func(time.Time) float32 { return (x0 + x1) / 2 }
	}
	first, end := pts[0].At, c.end()
	span := end.Sub(first)
	if span <= 0 {
		return func(time.Time) float32 { return (x0 + x1) / 2 }
	}
	return func(t time.Time) float32 {
		f := float64(t.Sub(first)) / float64(span)
		return x0 + float32(max(0, min(1, f)))*(x1-x0)
	}
}

// layoutPlan places the plan's lines in the plot x0…x1, y0…y1.
func (r *chartRenderer) layoutPlan(x0, y0, x1, y1 float32, yFor func(float64) float32) {
	c, d := r.chart, r.plan
	if d == nil {
		return
	}
	at := c.timeX(x0, x1)
	pad := c.Theme().Size(theme.SizeNamePadding)
	if d.target.Visible() {
		x := at(c.plan.target)
		d.target.Position1 = fyne.NewPos(x, y0)
		d.target.Position2 = fyne.NewPos(x, y1)
		ls := d.targetLabel.MinSize()
		// Above the plot, beside the line, held inside the plot's width.
		lx := min(max(x-ls.Width-pad/2, x0), x1-ls.Width)
		d.targetLabel.Move(fyne.NewPos(max(lx, 0), max(y0-ls.Height-pad/2, 0)))
		d.targetLabel.Resize(ls)
	}
	if !d.ready.Visible() {
		return
	}
	p := c.plan
	start := fyne.NewPos(at(p.today), yFor(p.from))
	ry := yFor(p.ready)
	d.ready.Position1 = fyne.NewPos(start.X, ry)
	d.ready.Position2 = fyne.NewPos(x1, ry)
	d.early.Position1, d.early.Position2 = start, fyne.NewPos(at(p.earliest), ry)
	d.late.Position1, d.late.Position2 = start, fyne.NewPos(at(p.latest), ry)
	end := fyne.NewPos(at(p.likely), ry)
	// Dashes and gaps of equal length.
	parts := float32(2*chartDashes - 1)
	for i, l := range d.likely {
		a, b := float32(2*i)/parts, float32(2*i+1)/parts
		l.Position1 = fyne.NewPos(start.X+(end.X-start.X)*a, start.Y+(end.Y-start.Y)*a)
		l.Position2 = fyne.NewPos(start.X+(end.X-start.X)*b, start.Y+(end.Y-start.Y)*b)
	}
	ls := d.label.MinSize()
	lx := min(max(end.X-ls.Width/2, x0), x1-ls.Width)
	ly := ry + pad/2
	if ly+ls.Height > y1 {
		ly = ry - ls.Height - pad/2
	}
	d.label.Move(fyne.NewPos(max(lx, 0), ly))
	d.label.Resize(ls)
}

// refreshPlan matches the plan's drawing to the chart's plan and theme and
// appends its objects to objs, under the line and the dots.
func (r *chartRenderer) refreshPlan(objs []fyne.CanvasObject) []fyne.CanvasObject {
	c := r.chart
	if r.plan == nil {
		d := &planDrawing{target: canvas.NewLine(nil), targetLabel: canvas.NewText("", nil), ready: canvas.NewLine(nil),
			early: canvas.NewLine(nil), late: canvas.NewLine(nil), label: canvas.NewText("", nil)}
		for i := range d.likely {
			d.likely[i] = canvas.NewLine(nil)
		}
		r.plan = d
	}
	d := r.plan
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	goal := th.Color(theme.ColorNameSuccess, v)
	ts := th.Size(theme.SizeNameCaptionText)
	p := c.plan
	draws := c.drawsPlan()

	showTarget := draws && !p.target.IsZero()
	setShown(showTarget, d.target, d.targetLabel)
	d.target.StrokeColor, d.target.StrokeWidth = goal, 2
	d.targetLabel.Text = "target " + formatDay(p.target)
	d.targetLabel.Color, d.targetLabel.TextSize = fg, ts
	d.targetLabel.TextStyle = fyne.TextStyle{Bold: true}

	showForecast := draws && p.hasForecast()
	setShown(showForecast, d.ready, d.early, d.late, d.label)
	for _, l := range d.likely {
		setShown(showForecast, l)
		l.StrokeColor, l.StrokeWidth = primary, 2
	}
	d.ready.StrokeColor, d.ready.StrokeWidth = chartAlpha(fg, 0x50), 1
	d.early.StrokeColor, d.early.StrokeWidth = chartAlpha(primary, 0x60), 1
	d.late.StrokeColor, d.late.StrokeWidth = chartAlpha(primary, 0x60), 1
	d.label.Text = "likely " + p.likely.Format("2006-01")
	d.label.Color, d.label.TextSize = fg, ts

	// Only what is drawn is an object of the chart.
	if showForecast {
		objs = append(objs, d.ready, d.early, d.late)
		for _, l := range d.likely {
			objs = append(objs, l)
		}
		objs = append(objs, d.label)
	}
	if showTarget {
		objs = append(objs, d.target, d.targetLabel)
	}
	return objs
}

// setShown shows or hides every object.
func setShown(on bool, objs ...fyne.CanvasObject) {
	for _, o := range objs {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}
