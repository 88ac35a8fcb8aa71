package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A share bar says its share as the rest of the window does, fills its
// share of the width, sizes itself as Fyne's progress bar does, and takes
// the colours of a look switched to while it is on view, without a theme
// override of its own.
func TestShareBar(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(themeFor(themeLight))
	b := newShareBar(6)
	b.SetValue(1)
	w := test.NewTempWindow(t, b)
	w.Resize(fyne.NewSize(300, 60))
	b.Resize(fyne.NewSize(300, 40))
	r := test.TempWidgetRenderer(t, b).(*shareBarRenderer)
	if r.label.Text != "16.7%" {
		t.Errorf("1 of 6 reads %q, want 16.7%%", r.label.Text)
	}
	if got := r.top.Size().Width; got != 50 {
		t.Errorf("1 of 6 of a 300-wide bar is filled %v wide, want 50", got)
	}
	p := widget.NewProgressBar()
	p.TextFormatter = func() string { return "16.7%" }
	if got, want := b.MinSize(), p.MinSize(); got != want {
		t.Errorf("minimum size %v, want the progress bar's %v", got, want)
	}
	if r.label.Color != lightBarText || r.top.FillColor != lightBar {
		t.Errorf("light look: text %v on %v, want %v on %v", r.label.Color, r.top.FillColor, lightBarText, lightBar)
	}
	a.Settings().SetTheme(themeFor(themeDark))
	b.Refresh()
	if r.label.Color != darkBarText || r.top.FillColor != darkBar {
		t.Errorf("after the switch to dark: text %v on %v, want %v on %v", r.label.Color, r.top.FillColor, darkBarText, darkBar)
	}
	if th := b.Theme(); th != a.Settings().Theme() {
		t.Errorf("the bar draws with %T, want the app's theme (no override)", th)
	}
	b.SetValue(6)
	if !r.background.Hidden || r.top.Hidden || r.label.Text != "100%" {
		t.Errorf("full bar: rest hidden %v, fill hidden %v, text %q; want the fill alone and 100%%", r.background.Hidden, r.top.Hidden, r.label.Text)
	}
}
