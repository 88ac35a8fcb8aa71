package ui

import (
	"reflect"

	"fyne.io/fyne/v2"
)

// What a dialog stands in front of.
//
// Fyne draws a modal dialog over the whole screen behind it and a dimming
// rectangle the size of the window between the two, on every frame the
// dialog is on view. Where there is no graphics card (a virtual machine,
// remote desktop, an older laptop on the software renderer) that cost more
// than the dialog itself: opening Export over the Roadmap rasterised the
// Roadmap (about 16 ms of two cores), then the dimming (about 10 ms), then
// the dialog, and took 2.6 times as long as a screen switch.
//
// So while a dialog with keys is on view the screen behind it is hidden,
// and the dialog stands undimmed on the window's plain background, drawn
// as a frame (dialogframe.go). The navigation, the banner and the status line
// stay. Closing the dialog shows the screen again as it was, scrolled
// where it was and with the keyboard where it was.

// backdrop is what one window's dialogs hide.
type backdrop struct {
	behind func() fyne.CanvasObject // the screen on view, or nil
	hidden fyne.CanvasObject        // what a dialog hides now, or nil
}

// backdrops holds each window's backdrop. Only the UI goroutine touches it.
var backdrops = map[fyne.Window]*backdrop{}

// setDialogBackdrop makes win's dialogs hide what behind returns while they
// are on view, a dialog already on view included (one opened as devpath
// starts, before the window has its screens).
func setDialogBackdrop(win fyne.Window, behind func() fyne.CanvasObject) {
	backdrops[win] = &backdrop{behind: behind}
	afterDialogShown(win)
}

// updateBackdrop hides the screen behind win's dialogs while any is on
// view, and shows it again once none is. A dialog that gives the keyboard
// back to the screen as it closes calls it first: Fyne refuses the focus
// to a hidden widget, and the dialog's own close callbacks run before the
// one that would show the screen again. By then the closing dialog is off
// the canvas, so the overlays tell whether another is still on view.
func updateBackdrop(win fyne.Window) {
	b := backdrops[win]
	if b == nil {
		return
	}
	open := len(openDialogs[win]) > 0 && len(win.Canvas().Overlays().List()) > 0
	switch {
	case open && b.hidden == nil:
		if o := b.behind(); o != nil && o.Visible() {
			o.Hide()
			b.hidden = o
		}
	case !open && b.hidden != nil:
		b.hidden.Show()
		b.hidden = nil
	}
}

// afterDialogShown hides the screen behind a dialog just shown in win and,
// when it is the only dialog on view, draws it as a frame (dialogframe.go)
// with no dimming behind it: a dialog over another dialog keeps Fyne's
// fill, shadow and dimming, which tell the one behind is not the one
// answering.
func afterDialogShown(win fyne.Window) {
	updateBackdrop(win)
	b := backdrops[win]
	alone := b != nil && b.hidden != nil && len(openDialogs[win]) == 1
	top := win.Canvas().Overlays().Top()
	drawDialog(top, alone)
	if !alone {
		return
	}
	if dim := modalDimming(top); dim != nil {
		dim.Hide()
	}
}

// modalDimming is what Fyne draws across the window behind the modal
// overlay o, or nil. Fyne offers no setting for it: it is the overlay's
// exported Background field (made anew with each showing). A Fyne that
// keeps it elsewhere finds nil here and keeps its dimming;
// TestDialogStandsOnAPlainBackdrop fails then, to say so.
func modalDimming(o fyne.CanvasObject) fyne.CanvasObject {
	return overlayField(o, "Background") // nil for a popup that is not modal
}

// overlayField is the exported field name of the overlay o (Fyne's
// internal overlay container, which holds a popup and what is drawn behind
// it), or nil.
func overlayField(o fyne.CanvasObject, name string) fyne.CanvasObject {
	v := reflect.ValueOf(o)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName(name)
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	obj, _ := f.Interface().(fyne.CanvasObject)
	return obj
}
