package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// historyLayout stacks the History screen's heading, chart and lists: the
// chart takes a share of a tall window (up to chartMaxHeight) instead of
// staying at its smallest, and the lists take the rest.
type historyLayout struct{}

// chartShare is the share of the height under the heading the chart takes,
// and chartMaxHeight the most it grows to.
const (
	chartShare     = 0.38
	chartMaxHeight = 420
	// shortHistory is the height under the heading below which the chart
	// keeps to its smallest.
	shortHistory = 640
	// chartFloor is the least the chart is given, a little under its own
	// smallest: in the smallest window those pixels let the check-ins
	// list show two rows within 800×600.
	chartFloor = 76
)

// chartLeast is the least height the chart is given.
func chartLeast(chart fyne.CanvasObject) float32 {
	return min(chart.MinSize().Height, chartFloor)
}

// heights returns the heights of the heading, the chart and the lists.
func (historyLayout) heights(objs []fyne.CanvasObject, height float32) (top, chart, rest float32) {
	pad := theme.Padding()
	top = objs[0].MinSize().Height
	cMin, rMin := objs[1].MinSize().Height, objs[2].MinSize().Height
	least := chartLeast(objs[1])
	free := height - top - 2*pad
	chart = min(max(free*chartShare, cMin), chartMaxHeight)
	if free < shortHistory {
		// A short window gives the lists what the chart can spare: at
		// 1024×640 its share left the check-ins list one clipped row.
		chart = cMin
	}
	if free-chart < rMin {
		chart = max(least, free-rMin)
	}
	return top, chart, max(free-chart, 0)
}

// Layout places the heading, the chart and the lists under each other.
func (l historyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	top, chart, rest := l.heights(objs, size.Height)
	y := float32(0)
	for i, h := range []float32{top, chart, rest} {
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

// MinSize is the widest part's width and the parts' smallest heights.
func (historyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	s := fyne.Size{}
	for i, o := range objs {
		m := o.MinSize()
		if i == 1 {
			m.Height = chartLeast(o)
		}
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	s.Height += 2 * pad
	return s
}
