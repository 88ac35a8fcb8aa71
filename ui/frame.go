package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// frame sets off a dialog or a card from the window's background without
// filling it: an outline and a soft shadow around its edges.
//
// Where there is no graphics card every pixel of a fill is worked out on
// the processor, on every frame, and Fyne fills a dialog twice and each
// card once with the window's own colour under its shadow. The
// Dashboard's cards cost more to draw than everything in them; the
// evidence dialog's two fills as much as all its fields together. Four
// lines and eight small gradients cover a few thousand pixels instead.
type frame struct {
	widget.BaseWidget
	outline bool
	shadow  bool
	depth   float32 // how far the shadow reaches past the edge
}

// Shadow depths: a dialog stands above the window; cards stand side by
// side half a padding apart, where deeper shadows would meet in a band.
const (
	dialogShadow = 10
	cardShadow   = 3
)

// newFrame is a frame with an outline, a shadow depth deep, or both.
func newFrame(outline, shadow bool, depth float32) *frame {
	f := &frame{outline: outline, shadow: shadow, depth: depth}
	f.ExtendBaseWidget(f)
	return f
}

// setShadow shows or hides the frame's shadow.
func (f *frame) setShadow(on bool) {
	if f.shadow != on {
		f.shadow = on
		f.Refresh()
	}
}

// CreateRenderer draws the outline with four lines and the shadow with
// gradients along the edges and at the corners.
func (f *frame) CreateRenderer() fyne.WidgetRenderer {
	r := &frameRenderer{f: f}
	for i := range r.edges {
		r.edges[i] = canvas.NewLine(color.Transparent)
		r.edges[i].StrokeWidth = 1
	}
	r.sides = [4]*canvas.LinearGradient{
		canvas.NewVerticalGradient(color.Transparent, color.Transparent),   // above
		canvas.NewHorizontalGradient(color.Transparent, color.Transparent), // right
		canvas.NewVerticalGradient(color.Transparent, color.Transparent),   // below
		canvas.NewHorizontalGradient(color.Transparent, color.Transparent), // left
	}
	// Each corner's gradient is centred on the frame's corner.
	offsets := [4][2]float64{{0.5, 0.5}, {-0.5, 0.5}, {-0.5, -0.5}, {0.5, -0.5}}
	for i, off := range offsets {
		g := canvas.NewRadialGradient(color.Transparent, color.Transparent)
		g.CenterOffsetX, g.CenterOffsetY = off[0], off[1]
		r.corners[i] = g
	}
	for _, s := range r.sides {
		r.objects = append(r.objects, s)
	}
	for _, c := range r.corners {
		r.objects = append(r.objects, c)
	}
	for _, e := range r.edges {
		r.objects = append(r.objects, e)
	}
	r.Refresh()
	return r
}

type frameRenderer struct {
	f       *frame
	edges   [4]*canvas.Line           // top, right, bottom, left
	sides   [4]*canvas.LinearGradient // above, right, below, left
	corners [4]*canvas.RadialGradient // top left, top right, bottom right, bottom left
	objects []fyne.CanvasObject
}

func (r *frameRenderer) Layout(size fyne.Size) {
	w, h, d := size.Width, size.Height, r.f.depth
	ends := [4][2]fyne.Position{
		{{X: 0, Y: 0}, {X: w, Y: 0}},
		{{X: w, Y: 0}, {X: w, Y: h}},
		{{X: 0, Y: h}, {X: w, Y: h}},
		{{X: 0, Y: 0}, {X: 0, Y: h}},
	}
	for i, e := range r.edges {
		e.Position1, e.Position2 = ends[i][0], ends[i][1]
	}
	place := func(o fyne.CanvasObject, x, y, width, height float32) {
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(width, height))
	}
	place(r.sides[0], 0, -d, w, d)
	place(r.sides[1], w, 0, d, h)
	place(r.sides[2], 0, h, w, d)
	place(r.sides[3], -d, 0, d, h)
	place(r.corners[0], -d, -d, d, d)
	place(r.corners[1], w, -d, d, d)
	place(r.corners[2], w, h, d, d)
	place(r.corners[3], -d, h, d, d)
}

func (r *frameRenderer) MinSize() fyne.Size { return fyne.Size{} }

// Refresh takes the colours from the app's theme: a dialog's frame is
// inside the popup's bare theme.
func (r *frameRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := appTheme{}
	line := th.Color(theme.ColorNameInputBorder, v)
	for _, e := range r.edges {
		e.StrokeColor = line
		e.Hidden = !r.f.outline
		e.Refresh()
	}
	shadow := th.Color(theme.ColorNameShadow, v)
	// Above and at the left the gradient runs towards the edge.
	r.sides[0].StartColor, r.sides[0].EndColor = color.Transparent, shadow
	r.sides[3].StartColor, r.sides[3].EndColor = color.Transparent, shadow
	r.sides[1].StartColor, r.sides[1].EndColor = shadow, color.Transparent
	r.sides[2].StartColor, r.sides[2].EndColor = shadow, color.Transparent
	for _, c := range r.corners {
		c.StartColor, c.EndColor = shadow, color.Transparent
	}
	for _, s := range r.sides {
		s.Hidden = !r.f.shadow
		s.Refresh()
	}
	for _, c := range r.corners {
		c.Hidden = !r.f.shadow
		c.Refresh()
	}
}

func (r *frameRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *frameRenderer) Destroy() {}
