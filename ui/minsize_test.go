package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// menuBarHeight is what the desktop driver's menu bar adds above the
// content: a line of text with padding.
func menuBarHeight() float32 {
	return theme.TextSize() + 4*theme.Padding()
}

// The whole window fits 800×600 on every screen, with the banner and the
// status line showing; so do the dialogs of the shell.
func TestWindowFitsIn800x600(t *testing.T) {
	limit := fyne.NewSize(800, 600-menuBarHeight())
	r := newShellRig(t, Options{})
	r.sh.banner.SetText("Read-only: changes can't be saved. /home/someone/.local/share/devpath/devpath.db can't be written, so devpath shows it for viewing only.")
	r.sh.banner.Show()
	r.sh.notify("Undone: Kubernetes RBAC: back to not confirmed")
	// The navigation takes the size of the largest screen; what the shell
	// adds around a screen (navigation, banner, status line) is the rest.
	var largest fyne.Size
	for _, s := range r.sh.screens {
		largest = largest.Max(s.content().MinSize())
	}
	whole := r.win.Canvas().Content().MinSize()
	shell := whole.Subtract(largest)
	for i, s := range r.sh.screens {
		got := s.content().MinSize().Add(shell)
		if got.Width > limit.Width || got.Height > limit.Height {
			t.Errorf("%s: the window needs at least %.0f×%.0f on it, want at most %.0f×%.0f", screenTitles[i], got.Width, got.Height, limit.Width, limit.Height)
		}
	}
	if shell.Width > 120 || shell.Height > 90 {
		t.Errorf("the shell around the screens takes %.0f×%.0f", shell.Width, shell.Height)
	}
	if whole.Width > limit.Width || whole.Height > limit.Height {
		t.Errorf("the window needs at least %.0f×%.0f, want at most %.0f×%.0f", whole.Width, whole.Height, limit.Width, limit.Height)
	}
	for name, open := range map[string]func(){
		"Export and import":  r.sh.exportImport,
		"Keyboard shortcuts": r.sh.showShortcuts,
		"About":              r.sh.showAbout,
		"first run":          func() { newFirstRun(r.store, r.sh.env, r.sh.rm, nil) },
	} {
		open()
		top := r.win.Canvas().Overlays().Top()
		got := top.MinSize()
		if got.Width > limit.Width || got.Height > limit.Height {
			t.Errorf("%s dialog needs %.0f×%.0f, want at most %.0f×%.0f", name, got.Width, got.Height, limit.Width, limit.Height)
		}
		r.win.Canvas().Overlays().Remove(top)
	}
}

// A notice longer than the window wraps between words: none is cut at
// the window's edge, and the window keeps its size.
func TestLongNoticeWraps(t *testing.T) {
	r := newShellRig(t, Options{})
	r.win.Resize(fyne.NewSize(800, 600))
	msg := "Imported the review by Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability; their key 1a2b:3c4d:5e6f:7a8b:9c0d:1e2f:3a4b:5c6d is now the one devpath expects from them."
	r.sh.notify(msg)
	if r.sh.status.Wrapping != fyne.TextWrapWord || r.sh.status.Truncation != fyne.TextTruncateOff {
		t.Fatalf("the status line should wrap between words, not cut")
	}
	if got := r.win.Canvas().Size(); got.Width > 800 || got.Height > 600 {
		t.Errorf("the notice grew the window to %v", got)
	}
	if h := r.sh.status.MinSize().Height; h < 2*theme.TextSize() {
		t.Errorf("the notice takes %.0f high: it should wrap onto more lines", h)
	}
}
