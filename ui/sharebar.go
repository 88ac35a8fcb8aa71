package ui

import (
	"image/color"

	"devpath/tracker"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shareBar is a bar from Min to Max filled to Value, with a text across
// it: by default the share as tracker.Percent writes it (Fyne's progress
// bar truncates, so 1 of 6 would read 16% where every other place says
// 16.7%). It is drawn as widget.ProgressBar is drawn, at the same size, in
// colours of its own (shareBarColors) whose text reads on the filled part
// and on the rest alike.
//
// It is a widget of its own rather than a progress bar under a theme
// override: Fyne gives each override a font cache of its own and loads the
// theme's faces again for it. The Dashboard's, the Roadmap's and Paths'
// bars held 26 MB that way from the start, when Fyne's 4 MB emoji font was
// still among the faces (BENCHMARKS.md).
type shareBar struct {
	widget.BaseWidget
	Min, Max, Value float64
	// TextFormatter, when set, gives the text instead of the share.
	TextFormatter func() string
}

// newShareBar is a bar from 0 to max.
func newShareBar(max float64) *shareBar {
	b := &shareBar{Max: max}
	b.ExtendBaseWidget(b)
	return b
}

// SetValue fills the bar to v and redraws it.
func (b *shareBar) SetValue(v float64) {
	b.Value = v
	b.Refresh()
}

// ratio is the filled share, within 0 and 1.
func (b *shareBar) ratio() float32 {
	if b.Max <= b.Min {
		return 0
	}
	return float32(min(max((b.Value-b.Min)/(b.Max-b.Min), 0), 1))
}

// text is what the bar says.
func (b *shareBar) text() string {
	if b.TextFormatter != nil {
		return b.TextFormatter()
	}
	return tracker.Percent(float64(b.ratio()))
}

// CreateRenderer draws the faded rest, the filled part and the text.
func (b *shareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &shareBarRenderer{bar: b}
	r.label.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

// shareBarColors are the share bars' fill and text colours in variant v:
// dark text on a light blue in the light variant, white on a deep blue in
// the dark one. Under a theme other than devpath's (the bar colours suit
// its palette only) they are that theme's primary colour and the text it
// puts on it.
func shareBarColors(v fyne.ThemeVariant) (fill, text color.Color) {
	app := fyne.CurrentApp().Settings().Theme()
	if _, ours := app.(devpathTheme); !ours {
		return app.Color(theme.ColorNamePrimary, v), app.Color(theme.ColorNameForegroundOnPrimary, v)
	}
	if variantOf(v) == theme.VariantLight {
		return lightBar, lightBarText
	}
	return darkBar, darkBarText
}

// shareBarRenderer lays out and colours a shareBar.
type shareBarRenderer struct {
	bar             *shareBar
	background, top canvas.Rectangle
	label           canvas.Text
}

// MinSize fits the text with the theme's inner padding around it, as the
// progress bar does.
func (r *shareBarRenderer) MinSize() fyne.Size {
	th := r.bar.Theme()
	pad := th.Size(theme.SizeNameInnerPadding) * 2
	return fyne.MeasureText(r.bar.text(), th.Size(theme.SizeNameText), r.label.TextStyle).AddWidthHeight(pad, pad)
}

// Layout stretches the rest and the text over the bar and fills its share.
func (r *shareBarRenderer) Layout(size fyne.Size) {
	r.background.Resize(size)
	r.label.Resize(size)
	r.top.Resize(fyne.NewSize(size.Width*r.bar.ratio(), size.Height))
}

// Refresh takes the value, the text and the look's colours.
func (r *shareBarRenderer) Refresh() {
	th := r.bar.Theme()
	fill, text := shareBarColors(fyne.CurrentApp().Settings().ThemeVariant())
	radius := th.Size(theme.SizeNameInputRadius)
	cr, cg, cb, ca := color.NRGBAModel.Convert(fill).(color.NRGBA).RGBA()
	r.background.FillColor = color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: uint8(ca>>8) / 2}
	r.top.FillColor = fill
	r.background.CornerRadius, r.top.CornerRadius = radius, radius
	ratio := r.bar.ratio()
	// Rectangles that cannot be seen are not drawn.
	r.background.Hidden, r.top.Hidden = ratio == 1, ratio == 0
	r.label.Color, r.label.TextSize, r.label.Text = text, th.Size(theme.SizeNameText), r.bar.text()
	r.Layout(r.bar.Size())
	r.background.Refresh()
	r.top.Refresh()
	r.label.Refresh()
}

// Objects are the rest, the filled part and the text, in drawing order.
func (r *shareBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.background, &r.top, &r.label}
}

// Destroy has nothing to release.
func (r *shareBarRenderer) Destroy() {}
