package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogKeys are what Escape and Enter do in one dialog.
type dialogKeys struct {
	// cancel runs on Escape. Nil closes the dialog; a dialog holding text
	// the user typed and has not saved sets it to ask first.
	cancel func()
	// submit runs on Enter: the dialog's default action. Nil: Enter does
	// nothing beyond what the focused widget does with it.
	submit func()
}

// keyedDialog is a dialog on view with its keys.
type keyedDialog struct {
	d    dialog.Dialog
	keys dialogKeys
	// overlay is the dialog's overlay on the canvas, when known (bound
	// after Show): a key goes to the dialog only while it is on top.
	overlay fyne.CanvasObject
}

// openDialogs holds, per window, the dialogs bound with bindDialogKeys
// that are on view, the top one last. Only the UI goroutine touches it.
var openDialogs = map[fyne.Window][]*keyedDialog{}

// bindDialogKeys makes Escape and Enter work in d while it is on view in
// win, whatever widget in it has the focus. Call it once, before or after
// d.Show.
func bindDialogKeys(win fyne.Window, d dialog.Dialog, k dialogKeys) {
	for _, o := range openDialogs[win] {
		if o.d == d {
			o.keys = k
			return
		}
	}
	kd := &keyedDialog{d: d, keys: k}
	openDialogs[win] = append(openDialogs[win], kd)
	d.SetOnClosed(func() {
		list := openDialogs[win]
		for i, o := range list {
			if o == kd {
				openDialogs[win] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(openDialogs[win]) == 0 {
			delete(openDialogs, win)
		}
		updateBackdrop(win)
	})
	installDialogKeys(win)
	updateBackdrop(win)
}

// bindShown is bindDialogKeys for a dialog just shown, whose overlay is
// the top one.
func bindShown(win fyne.Window, d dialog.Dialog, k dialogKeys) {
	bindDialogKeys(win, d, k)
	if top := topDialog(win); top != nil && top.d == d {
		top.overlay = win.Canvas().Overlays().Top()
	}
}

// topDialog is the dialog on top in win, or nil.
func topDialog(win fyne.Window) *keyedDialog {
	list := openDialogs[win]
	if len(list) == 0 {
		return nil
	}
	return list[len(list)-1]
}

// dialogKey handles Escape and Enter for the top dialog of win and reports
// whether it did.
func dialogKey(win fyne.Window, name fyne.KeyName) bool {
	top := topDialog(win)
	if top == nil {
		return false
	}
	if top.overlay != nil && win.Canvas().Overlays().Top() != top.overlay {
		return false // something else is on top of it: a dialog without keys
	}
	switch name {
	case fyne.KeyEscape:
		if top.keys.cancel != nil {
			top.keys.cancel()
		} else {
			top.d.Hide()
		}
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.keys.submit != nil {
			top.keys.submit()
			return true
		}
	}
	return false
}

// installed marks the windows whose canvas already passes keys to
// dialogKey.
var installed = map[fyne.Window]bool{}

// installDialogKeys passes Escape and Enter to dialogKey: in the desktop
// driver before any widget sees them (hookNativeKeys), and elsewhere (the
// test driver) when they reach the canvas with nothing focused.
func installDialogKeys(win fyne.Window) {
	hookNativeKeys(win)
	if installed[win] {
		return
	}
	installed[win] = true
	c := win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if dialogKey(win, k.Name) {
			return
		}
		if prev != nil {
			prev(k)
		}
	})
}

// multiLine is a text field in which Enter starts a new line.
type multiLine interface{ AcceptsTab() bool }

// dialogKeyFirst decides what Escape or Enter does while a dialog is on
// view, before the focused widget sees the key, and reports whether the key
// was used. An open drop-down or context menu keeps both keys (Escape
// closes it, Enter picks). Enter presses a focused button, as in GNOME, and
// starts a new line in a multi-line field; anywhere else it runs the
// dialog's main action. Escape always closes the dialog, or asks first
// where the dialog says so.
func dialogKeyFirst(win fyne.Window, name fyne.KeyName) bool {
	top := topDialog(win)
	if top == nil {
		return false
	}
	c := win.Canvas()
	if _, menu := c.Overlays().Top().(*widget.PopUpMenu); menu {
		return false
	}

	if name == fyne.KeyEscape {
		return dialogKey(win, name)
	}
	switch f := c.Focused().(type) {
	case *widget.Button:
		if !f.Disabled() && f.OnTapped != nil {
			f.OnTapped()
		}
		return true
	case *dialogEntry:
		if f.MultiLine {
			return false
		}
	case *widget.Entry:
		if f.MultiLine {
			return false
		}
	case multiLine:
		if f.AcceptsTab() {
			return false
		}
	}
	return dialogKey(win, name)
}

// dialogEntry is an entry for a dialog: Escape reaches the dialog even
// while the entry has the focus (a plain Entry swallows it), and so does
// Enter in a single-line entry.
type dialogEntry struct {
	widget.Entry
	win fyne.Window
}

// newDialogEntry returns an entry for a dialog in win.
func newDialogEntry(win fyne.Window, multiLine bool) *dialogEntry {
	e := &dialogEntry{win: win}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives Escape, and Enter outside a multi-line entry, to the
// dialog first.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if dialogKey(e.win, k.Name) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && dialogKey(e.win, k.Name) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// showKeyed binds Escape and Enter in d and shows it.
func showKeyed(win fyne.Window, d dialog.Dialog, k dialogKeys) {
	d.Show()
	bindShown(win, d, k)
	afterDialogShown(win)
}

// showReused shows a dialog that is built once and shown again, with its
// keys. *kd keeps its binding from one showing to the next: binding it
// anew would chain another close callback onto the dialog each time.
func showReused(win fyne.Window, d dialog.Dialog, k dialogKeys, kd **keyedDialog) {
	d.Show()
	defer afterDialogShown(win)
	if *kd == nil {
		bindShown(win, d, k)
		*kd = topDialog(win)
		return
	}
	b := *kd
	b.keys = k
	if !slices.Contains(openDialogs[win], b) {
		openDialogs[win] = append(openDialogs[win], b)
	}
	installDialogKeys(win)
	b.overlay = win.Canvas().Overlays().Top()
}

// unhover clears the pointer's highlight from the buttons of a dialog that
// is shown again. A button clicked just before its dialog closed was still
// drawn lit when the dialog came back (seen with the evidence dialog's Add
// after Escape), as if the pointer were on it.
func unhover(buttons ...*widget.Button) {
	for _, b := range buttons {
		b.MouseOut()
	}
}

// showClosable shows a dialog that only tells something: Escape and Enter
// both close it.
func showClosable(win fyne.Window, d dialog.Dialog) {
	showKeyed(win, d, dialogKeys{submit: d.Hide})
}

// showInformation shows a message with an OK button, Escape and Enter.
func showInformation(title, message string, win fyne.Window) {
	showMessage(title, message, win)
}

// showMessage shows a dialog of a title, a message and OK, with Escape and
// Enter. Fyne's own information and error dialogs draw a large "i" or "!"
// behind the start of the message, where it overlaps the text; this one
// has no icon. It is as high as the message wraps to at its width.
func showMessage(title, message string, win fyne.Window) dialog.Dialog {
	text := &widget.Label{Text: message, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(title, "OK", text, win)
	width := float32(480)
	if c := win.Canvas().Size(); c.Width > 0 {
		width = min(width, c.Width*0.9)
	}
	showClosable(win, d)
	d.Resize(fyne.NewSize(width, 0))
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	return d
}
