package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// dashFlow puts its objects in as many columns as fit (at most maxCols),
// each at least minCell wide, row by row; the objects of a row share the
// row's height. On a narrow window the objects stack in one column, so that
// nothing lies beyond the window's edge.
type dashFlow struct {
	minCell float32
	maxCols int
	// width is the width of the last layout: the height the layout needs
	// depends on how many columns that width holds.
	width float32
}

// dashFlowVisible are the objects that are shown.
func dashFlowVisible(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, len(objs))
	for _, o := range objs {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// cell is the narrowest a column may be: minCell, or wider when an object
// needs more.
func (l *dashFlow) cell(objs []fyne.CanvasObject) float32 {
	w := l.minCell
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return w
}

// columns is how many columns width holds for n objects.
func (l *dashFlow) columns(width float32, objs []fyne.CanvasObject) int {
	pad := theme.Padding()
	c := int((width + pad) / (l.cell(objs) + pad))
	if l.maxCols > 0 {
		c = min(c, l.maxCols)
	}
	return max(1, min(c, len(objs)))
}

// Layout places the objects in rows of equal columns.
func (l *dashFlow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	objs = dashFlowVisible(objs)
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	cols := l.columns(size.Width, objs)
	w := (size.Width - pad*float32(cols-1)) / float32(cols)
	y := float32(0)
	for start := 0; start < len(objs); start += cols {
		row := objs[start:min(start+cols, len(objs))]
		h := float32(0)
		for _, o := range row {
			h = max(h, o.MinSize().Height)
		}
		for i, o := range row {
			o.Move(fyne.NewPos(float32(i)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

// MinSize is one column wide, and as tall as the rows at the last width.
func (l *dashFlow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	objs = dashFlowVisible(objs)
	if len(objs) == 0 {
		return fyne.Size{}
	}
	pad := theme.Padding()
	cols := l.columns(l.width, objs)
	h := float32(0)
	for start := 0; start < len(objs); start += cols {
		rh := float32(0)
		for _, o := range objs[start:min(start+cols, len(objs))] {
			rh = max(rh, o.MinSize().Height)
		}
		h += rh + pad
	}
	return fyne.NewSize(l.cell(objs), h-pad)
}
