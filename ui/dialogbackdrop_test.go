package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
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
