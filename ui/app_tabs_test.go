package ui

import (
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// countedLabel counts its refreshes.
type countedLabel struct {
	widget.Label
	refreshes int
}

func newCountedLabel(text string) *countedLabel {
	l := &countedLabel{}
	l.Text = text
	l.ExtendBaseWidget(l)
	return l
}

func (l *countedLabel) Refresh() {
	l.refreshes++
	l.Label.Refresh()
}

func TestTabSwitchDoesNotRefreshEveryScreen(t *testing.T) {
	a := test.NewTempApp(t)
	var themes atomic.Uint64
	a.Settings().AddListener(func(fyne.Settings) { themes.Add(1) })
	shown, hidden := newCountedLabel("shown"), newCountedLabel("hidden")
	tabs := container.NewAppTabs(
		container.NewTabItem("One", newTabPage(container.NewVBox(shown), &themes)),
		container.NewTabItem("Two", newTabPage(container.NewVBox(hidden), &themes)),
		container.NewTabItem("Three", newTabPage(widget.NewLabel("three"), &themes)),
	)
	w := test.NewTempWindow(t, tabs)
	w.Resize(fyne.NewSize(400, 300))
	shown.refreshes, hidden.refreshes = 0, 0
	tabs.SelectIndex(2)
	tabs.SelectIndex(0)
	if shown.refreshes != 0 || hidden.refreshes != 0 {
		t.Errorf("switching tabs refreshed the screens' labels %d and %d times, want none", shown.refreshes, hidden.refreshes)
	}
	// A theme change reaches the screen on view at once, and a hidden
	// one when it is next shown.
	test.ApplyTheme(t, test.NewTheme())
	if shown.refreshes == 0 {
		t.Error("a theme change did not refresh the screen on view")
	}
	tabs.SelectIndex(1)
	if hidden.refreshes == 0 {
		t.Error("a theme change did not reach a hidden screen when it was shown")
	}
	n := hidden.refreshes
	tabs.SelectIndex(0)
	tabs.SelectIndex(1)
	if hidden.refreshes != n {
		t.Errorf("the screen was refreshed %d more times on the next switch, want none", hidden.refreshes-n)
	}
}

// BenchmarkScreenSwitch switches through the five screens of a window on
// a real store, with each screen in a tab page (new) and, for comparison,
// placed straight in the tabs as before (old), where each switch
// refreshes every screen's widgets.
func BenchmarkScreenSwitch(b *testing.B) {
	for _, c := range []struct {
		name string
		old  bool
	}{{"new", false}, {"old", true}} {
		b.Run(c.name, func(b *testing.B) {
			r := newShellRig(b, Options{})
			if c.old {
				for _, it := range r.sh.tabs.Items {
					it.Content = it.Content.(*tabPage).content
				}
				r.sh.tabs.Refresh()
			}
			r.win.Resize(shellSize)
			n := len(r.sh.tabs.Items)
			b.ResetTimer()
			for i := range b.N {
				r.sh.tabs.SelectIndex((i + 1) % n)
			}
		})
	}
}
