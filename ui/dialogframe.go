package ui

import (
	"image/color"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// How a dialog is drawn.
//
// A Fyne dialog is a modal popup that fills its area with the overlay
// colour and a shadow, and inside it a layout whose second object fills
// the same area again. Where there is no graphics card every pixel of a
// fill is worked out on the processor, on every frame: each of the two
// cost the evidence dialog (760×580) about 10 ms of rasterising, as much
// as all of its fields, labels and buttons together.
//
// A dialog standing alone on the window's plain background (see
// dialogbackdrop.go) needs neither fill: it is drawn as a frame, an
// outline and a soft shadow around the dialog's edges, on the background
// the window has already cleared. Its fields, buttons and menus keep the
// app's theme. A dialog over another dialog keeps Fyne's fill and shadow,
// which set it apart from the dimmed one behind it.

// bareDialogTheme is the app's theme for the popup of a dialog drawn as a
// frame: no fill of its own and no shadow.
type bareDialogTheme struct{ appTheme }

// Color is transparent for the popup's fill and shadow, and the app
// theme's for everything else.
func (bareDialogTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameOverlayBackground, theme.ColorNameShadow:
		return color.Transparent
	}
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}

// dialogParts are the popup of the Fyne dialog on the overlay o and the
// layout inside it, or nil when o is not one.
func dialogParts(o fyne.CanvasObject) (*widget.PopUp, *fyne.Container) {
	p, ok := overlayField(o, "Content").(*widget.PopUp)
	if !ok {
		return nil, nil
	}
	c, ok := p.Content.(*fyne.Container)
	if !ok || len(c.Objects) < 3 {
		return nil, nil
	}
	return p, c
}

// dialogBackground is the slot of a Fyne dialog's layout that Fyne sizes
// to the whole dialog and fills with its second background.
const dialogBackground = 1

// dialogContent is the slot that holds the content the dialog was made
// with.
const dialogContent = 2

// frameOf is the frame of the Fyne dialog on the overlay o, put in place
// of the dialog's second background the first time, or nil when o is not
// a Fyne dialog or Fyne lays its dialogs out in a way this does not know;
// TestDialogDrawsAsAFrame fails then, to say so.
func frameOf(o fyne.CanvasObject) *dialogFrame {
	_, c := dialogParts(o)
	if c == nil {
		return nil
	}
	switch bg := c.Objects[dialogBackground].(type) {
	case *dialogFrame:
		return bg
	default:
		t := reflect.TypeOf(bg)
		if t == nil || t.Kind() != reflect.Pointer || t.Elem().PkgPath() != "fyne.io/fyne/v2/dialog" || t.Elem().Name() != "themedBackground" {
			return nil
		}
		f := newDialogFrame()
		c.Objects[dialogBackground] = f
		return f
	}
}

// drawDialog draws the Fyne dialog on the overlay o as a frame when it
// stands alone, or on Fyne's fill and shadow when it does not, and keeps
// the app's theme for what it holds.
func drawDialog(o fyne.CanvasObject, alone bool) {
	f := frameOf(o)
	if f == nil {
		return
	}
	p, c := dialogParts(o)
	f.setAlone(alone)
	// The popup's theme is set again only when it is not the one wanted:
	// a reused dialog keeps it from one showing to the next, and setting
	// it redraws every icon. Fyne forgets it with the popup's renderer (a
	// dialog not shown for a while), and then the app's theme draws the
	// fill, which is right for a dialog that does not stand alone.
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if bare := p.Theme().Color(theme.ColorNameOverlayBackground, v) == color.Transparent; bare == alone {
		return
	}
	var th fyne.Theme = appTheme{}
	if alone {
		th = bareDialogTheme{}
	}
	// An override reaches everything inside the popup. The content is
	// kept out of it: its drop-down menus take the theme of the widget they
	// open from and would have no fill, and a list inside an override
	// applies it again to each row it makes, which clears Fyne's cache of
	// drawn icons (adding a note in the evidence dialog took 6 ms more).
	content := c.Objects[dialogContent]
	c.Objects[dialogContent] = &layout.Spacer{}
	container.NewThemeOverride(p, th)
	c.Objects[dialogContent] = content
	c.Layout.Layout(c.Objects, c.Size())
}

// dialogFrame is drawn in place of a Fyne dialog's second background: an
// outline, and around it a shadow when the dialog stands alone.
type dialogFrame struct {
	widget.BaseWidget
	alone bool
}

func newDialogFrame() *dialogFrame {
	f := &dialogFrame{}
	f.ExtendBaseWidget(f)
	return f
}

// setAlone says whether the dialog stands alone, with no fill behind it.
func (f *dialogFrame) setAlone(alone bool) {
	if f.alone != alone {
		f.alone = alone
		f.Refresh()
	}
}

// shadowDepth is how far a framed dialog's shadow reaches past its edge.
const shadowDepth = 10

// CreateRenderer draws the outline with four lines and the shadow with
// gradients along the edges and at the corners: they cover a few thousand
// pixels where a fill would cover the whole dialog.
func (f *dialogFrame) CreateRenderer() fyne.WidgetRenderer {
	r := &dialogFrameRenderer{f: f}
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
	// Each corner's gradient is centred on the dialog's corner.
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

type dialogFrameRenderer struct {
	f       *dialogFrame
	edges   [4]*canvas.Line           // top, right, bottom, left
	sides   [4]*canvas.LinearGradient // above, right, below, left
	corners [4]*canvas.RadialGradient // top left, top right, bottom right, bottom left
	objects []fyne.CanvasObject
}

func (r *dialogFrameRenderer) Layout(size fyne.Size) {
	w, h, d := size.Width, size.Height, float32(shadowDepth)
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

func (r *dialogFrameRenderer) MinSize() fyne.Size { return fyne.Size{} }

// Refresh takes the colours from the app's theme: the frame itself is
// inside the popup's bare theme.
func (r *dialogFrameRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := appTheme{}
	line := th.Color(theme.ColorNameInputBorder, v)
	for _, e := range r.edges {
		e.StrokeColor = line
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
		s.Hidden = !r.f.alone
		s.Refresh()
	}
	for _, c := range r.corners {
		c.Hidden = !r.f.alone
		c.Refresh()
	}
}

func (r *dialogFrameRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *dialogFrameRenderer) Destroy() {}
