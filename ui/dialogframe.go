package ui

import (
	"image/color"
	"reflect"
	"slices"

	"fyne.io/fyne/v2"
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

// frameOf is the frame of the Fyne dialog on the overlay o, put in place
// of the dialog's second background the first time, or nil when o is not
// a Fyne dialog or Fyne lays its dialogs out in a way this does not know;
// TestDialogDrawsAsAFrame fails then, to say so.
func frameOf(o fyne.CanvasObject) *frame {
	_, c := dialogParts(o)
	if c == nil {
		return nil
	}
	switch bg := c.Objects[dialogBackground].(type) {
	case *frame:
		return bg
	default:
		t := reflect.TypeOf(bg)
		if t == nil || t.Kind() != reflect.Pointer || t.Elem().PkgPath() != "fyne.io/fyne/v2/dialog" || t.Elem().Name() != "themedBackground" {
			return nil
		}
		f := newFrame(true, false, dialogShadow)
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
	f.setShadow(alone)
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
	// An override reaches everything inside the popup, so all the dialog
	// holds but the frame is kept out of it while it is set, and keeps the
	// app's theme:
	//   - drop-down menus take the theme of the widget they open from, and
	//     would have no fill;
	//   - a list inside an override applies it again to each row it makes,
	//     which clears Fyne's cache of drawn icons (adding a note in the
	//     evidence dialog took 6 ms more);
	//   - Fyne gives each override a font cache of its own and loads the
	//     theme's faces again for the text in it. The popup's override is
	//     set anew each time Fyne has forgotten it, so the dialog's heading
	//     and buttons under it grew the memory by about 2.5 MB at each such
	//     opening of Export (about 0.5 MB with them kept out).
	held := slices.Clone(c.Objects)
	for i := range c.Objects {
		if i != dialogBackground {
			c.Objects[i] = &layout.Spacer{}
		}
	}
	container.NewThemeOverride(p, th)
	copy(c.Objects, held)
	c.Layout.Layout(c.Objects, c.Size())
}
