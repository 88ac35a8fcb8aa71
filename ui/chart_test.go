package ui

import (
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"devpath/tracker"
)

func chartDay(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }

// dotCentre is the centre of dot i.
func dotCentre(r *chartRenderer, i int) fyne.Position {
	d := r.dots[i]
	return d.Position().AddXY(d.Size().Width/2, d.Size().Height/2)
}

func TestChartPlacesPointsByDateAndScore(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	c.setPoints([]tracker.Point{
		{At: chartDay(1), Score: 0},
		{At: chartDay(2), Score: 50},
		{At: chartDay(4), Score: 100},
	})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 300))
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(fyne.NewSize(400, 300))

	if len(r.dots) != 3 || len(r.lines) != 2 {
		t.Fatalf("%d dots and %d lines, want 3 and 2", len(r.dots), len(r.lines))
	}
	p0, p1, p2 := dotCentre(r, 0), dotCentre(r, 1), dotCentre(r, 2)
	x0, y0, x1, y1 := r.plot(fyne.NewSize(400, 300))
	near := func(a, b float32) bool { return a-b < 0.5 && b-a < 0.5 }
	if !near(p0.X, x0) || !near(p2.X, x1) {
		t.Errorf("first and last dots at x %v and %v, want the plot's edges %v and %v", p0.X, p2.X, x0, x1)
	}
	// Day 2 is a third of the way from day 1 to day 4.
	if want := x0 + (x1-x0)/3; !near(p1.X, want) {
		t.Errorf("middle dot at x %v, want %v", p1.X, want)
	}
	if !near(p0.Y, y1) || !near(p2.Y, y0) || !near(p1.Y, (y0+y1)/2) {
		t.Errorf("dots at y %v, %v, %v; want 0 at %v, 50 half way, 100 at %v", p0.Y, p1.Y, p2.Y, y1, y0)
	}
	if r.lines[0].Position1 != p0 || r.lines[0].Position2 != p1 || r.lines[1].Position2 != p2 {
		t.Errorf("lines do not join the dots: %v–%v, %v–%v", r.lines[0].Position1, r.lines[0].Position2, r.lines[1].Position1, r.lines[1].Position2)
	}
	if r.first.Text != "2026-03-01" || r.last.Text != "2026-03-04" {
		t.Errorf("date labels %q and %q, want the first and last days", r.first.Text, r.last.Text)
	}
	if r.yLabels[0].Text != "0" || r.yLabels[1].Text != "50" || r.yLabels[2].Text != "100" {
		t.Errorf("score labels %q %q %q", r.yLabels[0].Text, r.yLabels[1].Text, r.yLabels[2].Text)
	}

	// Resizing lays the points out again.
	r.Layout(fyne.NewSize(800, 300))
	if got := dotCentre(r, 2); got.X <= p2.X {
		t.Errorf("after widening, the last dot stayed at x %v", got.X)
	}
}

func TestChartEmptyAndSinglePoint(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 300))
	r := test.WidgetRenderer(c).(*chartRenderer)
	if len(r.dots) != 0 || r.empty.Text == "" {
		t.Errorf("an empty chart has %d dots and message %q", len(r.dots), r.empty.Text)
	}

	c.setPoints([]tracker.Point{{At: chartDay(5), Score: 40}})
	r.Layout(fyne.NewSize(400, 300))
	if len(r.dots) != 1 || len(r.lines) != 1 || r.empty.Text != "" {
		t.Fatalf("one point: %d dots, %d lines, message %q", len(r.dots), len(r.lines), r.empty.Text)
	}
	x0, _, x1, _ := r.plot(fyne.NewSize(400, 300))
	if got, want := dotCentre(r, 0).X, (x0+x1)/2; got-want > 0.5 || want-got > 0.5 {
		t.Errorf("a single point at x %v, want the middle %v", got, want)
	}
	// A lone score is a level line across the plot, through the dot.
	l := r.lines[0]
	if l.Position1.X != x0 || l.Position2.X != x1 || l.Position1.Y != l.Position2.Y || l.Position1.Y != dotCentre(r, 0).Y {
		t.Errorf("the line of one point runs %v–%v, want level from %v to %v at the dot", l.Position1, l.Position2, x0, x1)
	}

	// Fewer points drop the extra dots.
	c.setPoints(nil)
	if len(r.dots) != 0 || len(r.Objects()) != 9 {
		t.Errorf("after clearing: %d dots, %d objects (want 0 and the 9 axes and labels)", len(r.dots), len(r.Objects()))
	}
}

func TestChartLeavesOutLabelsWithoutRoom(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	var pts []tracker.Point
	var marks []chartMark
	for d := 1; d <= 20; d++ {
		pts = append(pts, tracker.Point{At: chartDay(d), Score: float64(d)})
		marks = append(marks, chartMark{id: int64(d), at: chartDay(d), score: float64(d), label: "Review " + strconv.Itoa(d)})
	}
	c.setData(pts, nil, marks)
	c.setSelected(8)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 300))
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(fyne.NewSize(400, 300))
	shown := 0
	var lastRight float32 = -1
	for i, d := range r.marks {
		if !d.label.Visible() {
			continue
		}
		shown++
		if marks[i].id != 8 && d.label.Position().X < lastRight {
			t.Errorf("label %q at x %v runs into the one before, ending at %v", d.label.Text, d.label.Position().X, lastRight)
		}
		lastRight = d.label.Position().X + d.label.Size().Width
	}
	if shown == 0 || shown == len(marks) {
		t.Errorf("%d of %d labels shown in 400 px", shown, len(marks))
	}
	if !r.marks[7].label.Visible() {
		t.Error("the chosen check-in's label is left out")
	}
}

func TestChartKeepsLabelsOverThePlot(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	pts := []tracker.Point{{At: chartDay(1), Score: 10}, {At: chartDay(30), Score: 40}}
	marks := []chartMark{
		{id: 1, at: chartDay(1), score: 10, label: "Spring review"},
		{id: 2, at: chartDay(30), score: 40, label: "Autumn review"},
	}
	c.setData(pts, nil, marks)
	c.setSelected(2)
	w := test.NewTempWindow(t, c)
	size := fyne.NewSize(600, 200)
	w.Resize(size)
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(size)
	x0, _, x1, _ := r.plot(size)
	for i, d := range r.marks {
		left, right := d.label.Position().X, d.label.Position().X+d.label.Size().Width
		if left < x0-0.5 || right > x1+0.5 {
			t.Errorf("label %q spans %v to %v, outside the plot's %v to %v", marks[i].label, left, right, x0, x1)
		}
	}
	if got := r.marks[1].label.Position().X + r.marks[1].label.Size().Width; chartAbs(got-x1) > 0.5 {
		t.Errorf("the latest label ends at %v, want the plot's right edge %v", got, x1)
	}
	if got := r.marks[0].label.Position().X; chartAbs(got-x0) > 0.5 {
		t.Errorf("the first label starts at %v, want the plot's left edge %v", got, x0)
	}
}

func TestChartChosenLabelNeverCoversAnother(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	pts := []tracker.Point{{At: chartDay(1), Score: 10}, {At: chartDay(30), Score: 20}}
	// Spring is close to the latest, Autumn, which is chosen and held
	// inside the plot: it reaches back over Spring's place.
	marks := []chartMark{
		{id: 1, at: chartDay(27), score: 18, label: "Spring review"},
		{id: 2, at: chartDay(30), score: 20, label: "Autumn review"},
	}
	c.setData(pts, nil, marks)
	c.setSelected(2)
	w := test.NewTempWindow(t, c)
	size := fyne.NewSize(600, 200)
	w.Resize(size)
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(size)
	a, b := r.marks[0].label, r.marks[1].label
	if !b.Visible() {
		t.Fatal("the chosen check-in's label is left out")
	}
	overlap := a.Position().X < b.Position().X+b.Size().Width && b.Position().X < a.Position().X+a.Size().Width &&
		a.Position().Y < b.Position().Y+b.Size().Height && b.Position().Y < a.Position().Y+a.Size().Height
	if a.Visible() && overlap {
		t.Errorf("Spring's label at %v+%v runs into the chosen Autumn's at %v+%v", a.Position(), a.Size(), b.Position(), b.Size())
	}
	// With room to its left, Spring's label moves aside instead of being
	// left out, over its mark or ending within two paddings of it.
	size = fyne.NewSize(900, 200)
	w.Resize(size)
	r.Layout(size)
	if !a.Visible() {
		t.Fatalf("at 900 wide Spring's label is left out: marks %v, autumn %v+%v, spring size %v", r.markX, b.Position(), b.Size(), a.Size())
	}
	if x := r.markX[0]; x < a.Position().X || x > a.Position().X+a.Size().Width+2*theme.Padding() {
		t.Errorf("Spring's label spans %v to %v, not over its mark at %v", a.Position().X, a.Position().X+a.Size().Width, x)
	}
	if a.Position().X+a.Size().Width > b.Position().X {
		t.Errorf("Spring's label ends at %v, over Autumn's starting at %v", a.Position().X+a.Size().Width, b.Position().X)
	}
}

// TestChartDrawsADenseSeriesWithFewObjects gives the chart a year of daily
// scores that rise and wobble: it draws far fewer dots and lines than
// there are days, the line passes within half a pixel of every day's
// point, and the last day keeps its dot. Cut to one day, it draws its
// level line.
func TestChartDrawsADenseSeriesWithFewObjects(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	var pts []tracker.Point
	for d := range 365 {
		score := float64(d)/4 + float64(d%7)*0.3 // a rise with a weekly wobble
		if d > 200 && d < 210 {
			score -= 20 // a dip, which the line must keep
		}
		pts = append(pts, tracker.Point{At: chartDay(1).AddDate(0, 0, d), Score: score})
	}
	c.setPoints(pts)
	w := test.NewTempWindow(t, c)
	size := fyne.NewSize(500, 300)
	w.Resize(size)
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(size)

	var dots, lines int
	for _, d := range r.dots {
		if d.Visible() {
			dots++
		}
	}
	var segs [][2]fyne.Position
	for _, l := range r.lines {
		if l.Visible() {
			lines++
			segs = append(segs, [2]fyne.Position{l.Position1, l.Position2})
		}
	}
	if dots+lines > len(pts) {
		t.Errorf("%d days drawn with %d dots and %d lines: no fewer objects than days", len(pts), dots, lines)
	}
	if !r.dots[len(r.dots)-1].Visible() {
		t.Error("the last day has no dot")
	}
	for i := range pts {
		p := dotCentre(r, i)
		best := float32(1e9)
		for _, s := range segs {
			best = min(best, segmentDistance(p, s[0], s[1]))
		}
		if best > 0.51 {
			t.Errorf("day %d at %v is %.2f px from the line", i, p, best)
			break
		}
	}
	t.Logf("%d days: %d dots, %d lines", len(pts), dots, lines)

	c.setPoints(pts[:1])
	r.Layout(size)
	if len(r.lines) != 1 || !r.lines[0].Visible() {
		t.Error("one day's level line is not drawn after a longer series")
	}
}

// TestChartLabelsCoverNoMark draws two check-ins of one day, the second
// chosen, on a chart as short as History's at 1024×640, with a forecast:
// the first one's label covers neither the second's mark nor the
// forecast's month, and the chosen one's label is drawn.
func TestChartLabelsCoverNoMark(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	pts := []tracker.Point{{At: chartDay(1), Score: 6}, {At: chartDay(20), Score: 26}, {At: chartDay(21), Score: 56}}
	marks := []chartMark{
		{id: 1, at: chartDay(21), score: 42, label: "Spring review"},
		{id: 2, at: chartDay(21), score: 56, label: "Autumn review"},
	}
	c.setData(pts, nil, marks)
	c.setSelected(2)
	c.plan = chartPlan{today: chartDay(21), from: 56, target: chartDay(28).AddDate(0, 2, 0), ready: 80,
		earliest: chartDay(28), likely: chartDay(28).AddDate(0, 1, 0), latest: chartDay(28).AddDate(0, 1, 20)}
	w := test.NewTempWindow(t, c)
	size := fyne.NewSize(920, 110)
	w.Resize(size)
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Refresh()
	r.Layout(size)
	covers := func(a, b fyne.CanvasObject) bool {
		p, ps, q, qs := a.Position(), a.Size(), b.Position(), b.Size()
		return p.X < q.X+qs.Width && q.X < p.X+ps.Width && p.Y < q.Y+qs.Height && q.Y < p.Y+ps.Height
	}
	spring, autumn := r.marks[0], r.marks[1]
	if !autumn.label.Visible() {
		t.Fatal("the chosen check-in's label is left out")
	}
	if spring.label.Visible() && covers(spring.label, autumn.ring) {
		t.Errorf("Spring's label at %v+%v covers Autumn's mark at %v+%v", spring.label.Position(), spring.label.Size(), autumn.ring.Position(), autumn.ring.Size())
	}
	if r.plan == nil || !r.plan.label.Visible() {
		t.Fatal("the forecast's month is not drawn")
	}
	if spring.label.Visible() && covers(spring.label, r.plan.label) {
		t.Errorf("Spring's label covers the forecast's month %q", r.plan.label.Text)
	}
}
