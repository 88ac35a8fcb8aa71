package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fitMinSize is the smallest window devpath is made for; fitSize the size
// at which everything must be readable without anything cut off.
var (
	fitMinSize = fyne.NewSize(800, 600)
	fitSize    = fyne.NewSize(1024, 640)
)

// fitResize resizes w and lays it out again, twice: texts that wrap
// change their height with their width, which the next pass takes in.
func fitResize(w fyne.Window, size fyne.Size) { fitResizeDraw(w, size, false) }

// fitResizeDraw is fitResize that, with draw set, also draws the window
// after each pass: a list lays out its rows' texts (and cuts them short)
// only when they are drawn, as in a real window. Drawing a tall scrolled
// page takes long: only screens with lists need it.
func fitResizeDraw(w fyne.Window, size fyne.Size, draw bool) {
	w.Resize(size)
	for range 2 {
		w.Content().Refresh()
		w.Resize(size.AddWidthHeight(1, 0))
		w.Resize(size)
		if draw {
			w.Canvas().Capture()
		}
	}
}

// fitWalk calls fn for every visible object under o with its
// position relative to o's parent origin.
func fitWalk(o fyne.CanvasObject, at fyne.Position, fn func(o fyne.CanvasObject, pos fyne.Position)) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	fn(o, pos)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			fitWalk(c, pos, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			fitWalk(c, pos, fn)
		}
	}
}

// fitBeyondWidth lists the objects under root that reach past root's right
// edge: what a user would see cut off.
func fitBeyondWidth(root fyne.CanvasObject) []string {
	var out []string
	width := root.Size().Width
	fitWalk(root, fyne.Position{}.Subtract(root.Position()), func(o fyne.CanvasObject, pos fyne.Position) {
		if right := pos.X + o.Size().Width; right > width+0.5 {
			what := fmt.Sprintf("%T", o)
			switch x := o.(type) {
			case *widget.Label:
				what += " " + x.Text
			case *canvas.Text:
				what += " " + x.Text
			}
			out = append(out, fmt.Sprintf("%s at x %.0f, %.0f wide (window area %.0f)", what, pos.X, o.Size().Width, width))
		}
	})
	return out
}

// fitAssert fails unless the window's content fits size and nothing of
// the screen content lies beyond its width.
func fitAssert(t *testing.T, w fyne.Window, screenContent fyne.CanvasObject, size fyne.Size, draw bool) {
	t.Helper()
	fitResizeDraw(w, size, draw)
	if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
		t.Errorf("at %v the window needs at least %v", size, min)
	}
	if got := w.Canvas().Size(); got != size {
		t.Errorf("the window is %v, want %v", got, size)
	}
	for _, s := range fitBeyondWidth(screenContent) {
		t.Errorf("at %v: %s", size, s)
	}
}

// tabOrderAssert fails unless Tab, from nothing focused, visits want in
// order and then comes back to the first.
func tabOrderAssert(t *testing.T, w fyne.Window, want ...fyne.Focusable) {
	t.Helper()
	c := w.Canvas()
	c.Unfocus()
	for i, o := range want {
		c.FocusNext()
		if got := c.Focused(); got != o {
			t.Fatalf("Tab %d focuses %T %v, want %T %v", i+1, got, got, o, o)
		}
	}
	c.FocusNext()
	if got := c.Focused(); got != want[0] {
		t.Errorf("Tab after the last goes to %T, want back to the first", got)
	}
}
