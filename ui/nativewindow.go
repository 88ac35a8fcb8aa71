package ui

import (
	"reflect"
	"unsafe"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// glfwWindow returns the GLFW window behind win in the desktop driver, or
// nil for any other window (the test driver's) or before the window exists.
//
// Fyne 2.8 gives no access to it, and two things need it: Escape and Enter
// must reach the dialog on view whatever widget has the focus (Fyne hands
// every key to the focused widget, and a Button, Select or Check drops
// Escape), and a restored window size must fit the screen the window is on.
// The driver keeps the GLFW window in the unexported field "viewport"; the
// type is checked, so a driver laid out differently gives nil and devpath
// only loses those two refinements.
func glfwWindow(win fyne.Window) *glfw.Window {
	v := reflect.ValueOf(win)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("viewport")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*glfw.Window]() {
		return nil
	}
	return *(**glfw.Window)(unsafe.Pointer(f.UnsafeAddr()))
}

// hookedKeys marks the GLFW windows whose key callback passes Escape and
// Enter to the dialogs first.
var hookedKeys = map[*glfw.Window]bool{}

// hookNativeKeys puts dialogKeyFirst in front of the driver's key callback
// of win. It runs on the UI goroutine, which in Fyne 2.6 and later is the
// main thread GLFW must be called on; it reports false when win has no
// GLFW window (yet).
func hookNativeKeys(win fyne.Window) bool {
	gw := glfwWindow(win)
	if gw == nil {
		return false
	}
	if hookedKeys[gw] {
		return true
	}
	hookedKeys[gw] = true
	var prev glfw.KeyCallback
	prev = gw.SetKeyCallback(func(w *glfw.Window, key glfw.Key, scancode int, action glfw.Action, mods glfw.ModifierKey) {
		if action != glfw.Release && mods&(glfw.ModControl|glfw.ModAlt|glfw.ModSuper) == 0 {
			var name fyne.KeyName
			switch key {
			case glfw.KeyEscape:
				name = fyne.KeyEscape
			case glfw.KeyEnter:
				name = fyne.KeyReturn
			case glfw.KeyKPEnter:
				name = fyne.KeyEnter
			}
			if name != "" && dialogKeyFirst(win, name) {
				return
			}
		}
		if prev != nil {
			prev(w, key, scancode, action, mods)
		}
	})
	return true
}

// screenSize is the work area (the screen less panels) of the monitor win
// is on, in Fyne's units, or false when it is not known. It must run on
// the main thread.
func screenSize(win fyne.Window) (fyne.Size, bool) {
	gw := glfwWindow(win)
	if gw == nil {
		return fyne.Size{}, false
	}
	m := gw.GetMonitor() // set only for full screen windows
	if m == nil {
		wx, wy := gw.GetPos()
		ww, wh := gw.GetSize()
		cx, cy := wx+ww/2, wy+wh/2
		for _, mon := range glfw.GetMonitors() {
			x, y, w, h := mon.GetWorkarea()
			if cx >= x && cx < x+w && cy >= y && cy < y+h {
				m = mon
				break
			}
		}
	}
	if m == nil {
		m = glfw.GetPrimaryMonitor()
	}
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	scale := win.Canvas().Scale()
	if w <= 0 || h <= 0 || scale <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), true
}
