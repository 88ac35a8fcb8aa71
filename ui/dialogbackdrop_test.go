package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestDialogStandsOnAPlainBackdrop opens an entry's evidence over the
// Roadmap: the
// Roadmap is hidden and nothing dims the window while the dialog is on
// view, a dialog opened over it keeps its dimming, and closing both shows
// the Roadmap again with the keyboard on the entry's evidence button, where
// the Roadmap gives it back.
func TestDialogStandsOnAPlainBackdrop(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenRoadmap)
	page, ok := r.sh.tabs.Selected().Content.(*tabPage)
	if !ok {
		t.Fatalf("the Roadmap's tab holds %T, not a tabPage", r.sh.tabs.Selected().Content)
	}
	roadmap := page.content

	r.sh.rmap.openEvidence("k8s-rbac")
	if roadmap.Visible() {
		t.Error("the Roadmap is drawn behind the evidence dialog")
	}
	if !r.sh.tabs.Visible() {
		t.Error("the navigation was hidden with the screen")
	}
	dim := modalDimming(r.win.Canvas().Overlays().Top())
	if dim == nil {
		t.Fatal("found no dimming behind the dialog: Fyne keeps it elsewhere now (see modalDimming)")
	}
	if dim.Visible() {
		t.Error("the window is dimmed behind the only dialog")
	}
	// The tabs show their page again when they refresh; the screen inside
	// stays hidden.
	r.sh.tabs.Refresh()
	if roadmap.Visible() {
		t.Error("refreshing the navigation brought the Roadmap back behind the dialog")
	}

	showMessage("A second dialog", "Over the first.", r.win)
	if d := modalDimming(r.win.Canvas().Overlays().Top()); d == nil || !d.Visible() {
		t.Error("a dialog over another dialog is not dimmed behind")
	}
	pressKey(r.win, fyne.KeyEscape)
	if roadmap.Visible() {
		t.Error("closing the second dialog showed the Roadmap behind the first")
	}
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d overlays after two Escapes, want none", n)
	}
	if !roadmap.Visible() {
		t.Error("the Roadmap stayed hidden after the dialogs closed")
	}
	if row, col := focusedRow(r.win); row == nil || row.id != "k8s-rbac" || col != colEvidence {
		t.Errorf("after the dialogs the keyboard is on %T, not RBAC's evidence button", r.win.Canvas().Focused())
	}
	r.noErrors()
}

// TestDialogDrawsAsAFrame opens the evidence dialog over the Roadmap, in
// both looks: it is drawn as a frame on the window's background, with no
// fill of its own, while its drop-down menu keeps its fill. A message over
// it is drawn on Fyne's fill, and the evidence dialog opened again alone is
// a frame again.
func TestDialogDrawsAsAFrame(t *testing.T) {
	for _, look := range []string{themeLight, themeDark} {
		r := newShellRig(t, Options{})
		setLook(r.app, look)
		v := r.app.Settings().ThemeVariant()
		filled := func(o fyne.CanvasObject) bool {
			t.Helper()
			p, _ := dialogParts(o)
			if p == nil {
				t.Fatalf("%s: the overlay %T holds no Fyne dialog", look, o)
			}
			return p.Theme().Color(theme.ColorNameOverlayBackground, v) != color.Transparent
		}
		framed := func(what string, alone bool) {
			t.Helper()
			top := r.win.Canvas().Overlays().Top()
			f := frameOf(top)
			if f == nil {
				t.Fatalf("%s, %s: found no frame: Fyne lays its dialogs out differently now (see frameOf)", look, what)
			}
			if f.shadow != alone || filled(top) == alone {
				t.Errorf("%s, %s: shadowed %v, filled %v; want alone %v", look, what, f.shadow, filled(top), alone)
			}
		}

		r.sh.show(screenRoadmap)
		r.sh.rmap.openEvidence("k8s-rbac")
		d := r.sh.rmap.evidence
		framed("the evidence dialog", true)
		// Nothing in the dialog fills the end of its heading's short line.
		at := region(r.win, d.head)
		pt := fyne.NewPos(float32(at.Max.X-4), float32(at.Min.Y+2))
		if f := fillsAt(r.win.Canvas().Overlays().Top(), fyne.Position{}, pt); len(f) > 0 {
			t.Errorf("%s: the dialog fills the end of its heading with %v", look, f)
		}

		// The content is left out of the popup's theme: a list inside a
		// theme of its own applies it again to each row it makes, which
		// clears Fyne's cache of drawn icons.
		if th := d.list.Theme(); th != r.app.Settings().Theme() {
			t.Errorf("%s: the evidence list is drawn in %T, not the app's theme", look, th)
		}
		// So is the rest of what the dialog holds, its heading and
		// buttons: Fyne loads the fonts again for the text of each theme
		// override, and the popup's is set anew each time Fyne forgets it.
		_, c := dialogParts(r.win.Canvas().Overlays().Top())
		themed := 0
		for i, o := range c.Objects {
			if i == dialogBackground {
				continue
			}
			walkObjects(o, func(o fyne.CanvasObject) {
				w, ok := o.(interface{ Theme() fyne.Theme })
				if !ok {
					return
				}
				themed++
				if th := w.Theme(); th != r.app.Settings().Theme() {
					t.Errorf("%s: %T in the dialog is drawn in %T, not the app's theme", look, w, th)
				}
			})
		}
		if themed == 0 {
			t.Errorf("%s: found no widget in the dialog's layout", look)
		}

		test.Tap(d.level)
		menu, ok := overlayField(r.win.Canvas().Overlays().Top(), "Content").(*widget.PopUpMenu)
		if !ok {
			t.Fatalf("%s: tapping the level picker showed %T, not its menu", look, r.win.Canvas().Overlays().Top())
		}
		if c := menu.Theme().Color(theme.ColorNameOverlayBackground, v); c == color.Transparent {
			t.Errorf("%s: the level picker's menu has no fill", look)
		}
		menu.Hide()

		showMessage("A second dialog", "Over the first.", r.win)
		framed("a message over it", false)
		pressKey(r.win, fyne.KeyEscape)
		pressKey(r.win, fyne.KeyEscape)
		r.sh.rmap.openEvidence("k8s-rbac")
		framed("the evidence dialog again", true)
		pressKey(r.win, fyne.KeyEscape)
		r.noErrors()
	}
}

// fillsAt lists the colours of the visible rectangles in o (drawn at pos)
// that fill the point pt.
func fillsAt(o fyne.CanvasObject, pos, pt fyne.Position) []color.Color {
	if o == nil || !o.Visible() {
		return nil
	}
	pos = pos.Add(o.Position())
	var found []color.Color
	if r, ok := o.(*canvas.Rectangle); ok {
		s := r.Size()
		_, _, _, a := r.FillColor.RGBA()
		if a > 0 && pt.X >= pos.X && pt.Y >= pos.Y && pt.X < pos.X+s.Width && pt.Y < pos.Y+s.Height {
			found = append(found, r.FillColor)
		}
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, k := range children {
		found = append(found, fillsAt(k, pos, pt)...)
	}
	return found
}

// TestReopenedDialogShowsNoStaleHighlight closes the evidence dialog with
// the pointer still on Add and opens it again: Add is drawn as at rest,
// not lit as under the pointer (the latency benchmark, which finds Add by
// its colour, could not find it).
func TestReopenedDialogShowsNoStaleHighlight(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenRoadmap)
	r.sh.rmap.openEvidence("k8s-rbac")
	d := r.sh.rmap.evidence
	rest := buttonFill(t, d.save)
	d.save.MouseIn(&desktop.MouseEvent{})
	if buttonFill(t, d.save) == rest {
		t.Fatal("the pointer on Add does not light it: the test cannot tell")
	}
	pressKey(r.win, fyne.KeyEscape)
	r.sh.rmap.openEvidence("k8s-rbac")
	if got := buttonFill(t, d.save); got != rest {
		t.Errorf("Add reopened drawn %v, want %v as at rest", got, rest)
	}
}

// buttonFill is the colour b's background is drawn in.
func buttonFill(t *testing.T, b *widget.Button) color.Color {
	t.Helper()
	for _, o := range test.WidgetRenderer(b).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok {
			return r.FillColor
		}
	}
	t.Fatal("the button draws no background")
	return nil
}
