package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// minWindow is the smallest window devpath is made for; fitWindow the size
// at which everything must be readable without anything cut off.
var (
	minWindow = fyne.NewSize(800, 600)
	fitWindow = fyne.NewSize(1024, 640)
)

// resizeWindow resizes w and lays it out again, twice: texts that wrap
// change their height with their width, which the next pass takes in.
func resizeWindow(w fyne.Window, size fyne.Size) {
	w.Resize(size)
	for range 2 {
		w.Content().Refresh()
		w.Resize(size.AddWidthHeight(1, 0))
		w.Resize(size)
	}
}

// walkPositioned calls fn for every visible object under o with its
// position relative to o's parent origin.
func walkPositioned(o fyne.CanvasObject, at fyne.Position, fn func(o fyne.CanvasObject, pos fyne.Position)) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	fn(o, pos)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkPositioned(c, pos, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkPositioned(c, pos, fn)
		}
	}
}

// beyondWidth lists the objects under root that reach past root's right
// edge: what a user would see cut off.
func beyondWidth(root fyne.CanvasObject) []string {
	var out []string
	width := root.Size().Width
	walkPositioned(root, fyne.Position{}.Subtract(root.Position()), func(o fyne.CanvasObject, pos fyne.Position) {
		if right := pos.X + o.Size().Width; right > width+0.5 {
			what := fmt.Sprintf("%T", o)
			if l, ok := o.(*widget.Label); ok {
				what += " " + l.Text
			}
			out = append(out, fmt.Sprintf("%s at x %.0f, %.0f wide (window area %.0f)", what, pos.X, o.Size().Width, width))
		}
	})
	return out
}

// assertFits fails unless the window's content fits size and nothing of
// the screen content lies beyond its width.
func assertFits(t *testing.T, w fyne.Window, screenContent fyne.CanvasObject, size fyne.Size) {
	t.Helper()
	resizeWindow(w, size)
	if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
		t.Errorf("at %v the window needs at least %v", size, min)
	}
	if got := w.Canvas().Size(); got != size {
		t.Errorf("the window is %v, want %v", got, size)
	}
	for _, s := range beyondWidth(screenContent) {
		t.Errorf("at %v: %s", size, s)
	}
}
