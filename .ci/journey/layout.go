package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileItemPosition lays out Fyne's open dialog in Fyne's test driver as
// devpath shows it (a window of w×h at scale 1, the default theme, the
// dialog at nine tenths of the window, listing dir with a .json filter)
// and returns the window position of the centre of the item labelled
// name. Fyne's open dialog has no keyboard path to a file that does not
// depend on the folder's depth, so this is the one place the journey
// clicks; a layout that moved the item makes the click miss and the next
// check fail.
func fileItemPosition(w, h int, dir, name string) (x, y int, err error) {
	prevHome := os.Getenv("HOME")
	os.Setenv("HOME", dir) // the dialog opens in the home folder
	defer os.Setenv("HOME", prevHome)

	a := test.NewApp()
	defer test.NewApp() // leave no app behind holding the window
	a.Settings().SetTheme(theme.DefaultTheme())
	win := a.NewWindow("devpath")
	win.SetPadded(false)
	win.SetContent(widget.NewLabel(""))
	win.Resize(fyne.NewSize(float32(w), float32(h)))
	fd := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	fd.Show()
	fd.Resize(fyne.NewSize(float32(w)*0.9, float32(h)*0.9))

	// The test canvas places the popup elsewhere than the window does, so
	// take the item's place within the dialog's box (the object of the
	// size given to the dialog), and put that box where devpath's window
	// centres it.
	box := fyne.NewSize(float32(w)*0.9, float32(h)*0.9)
	var found fyne.CanvasObject
	var at, boxAt fyne.Position
	haveBox := false
	for _, o := range win.Canvas().Overlays().List() {
		walk(o, fyne.Position{}, func(obj fyne.CanvasObject, abs fyne.Position) {
			if s := obj.Size(); !haveBox && s == box {
				boxAt, haveBox = abs, true
			}
			if l, ok := obj.(*widget.Label); ok && l.Text == name && l.Visible() {
				found, at = l, abs
			}
		})
	}
	if found == nil || !haveBox {
		return 0, 0, fmt.Errorf("the open dialog of %[4]s, laid out %.0[2]fx%.0[3]f in Fyne's test driver, has no item %[1]q", name, box.Width, box.Height, dir)
	}
	size := found.Size()
	x = int(float32(w)*0.05 + at.X - boxAt.X + size.Width/2)
	y = int(float32(h)*0.05 + at.Y - boxAt.Y + size.Height/2)
	return x, y, nil
}

// walk calls f with every visible object under o and its position in the
// window, o's parent being at off.
func walk(o fyne.CanvasObject, off fyne.Position, f func(fyne.CanvasObject, fyne.Position)) {
	if !o.Visible() {
		return
	}
	abs := off.Add(o.Position())
	f(o, abs)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, abs, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, abs, f)
		}
	}
}
