package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// pickersOnThemeSwitch runs fn on the UI goroutine after every change of the app's
// settings (a theme switch among them), after Fyne has applied it.
func pickersOnThemeSwitch(a fyne.App, fn func()) {
	if a == nil {
		return
	}
	a.Settings().AddListener(func(fyne.Settings) { fyne.Do(fn) })
}

// redrawPickers makes the drop-down arrows of enabled selects draw again.
//
// Fyne draws a select's arrow as an image, cached as a texture, from a
// resource that is the same for every theme; on a theme switch the arrow of
// a select on a hidden screen keeps the old theme's texture (light grey
// drawn for the dark theme), which the light theme's background hides. A
// select draws a new resource while disabled, so a disable and enable give
// each arrow a new image in the current theme.
func redrawPickers(selects ...*widget.Select) {
	for _, s := range selects {
		if s.Disabled() {
			s.Refresh()
			continue
		}
		s.Disable()
		s.Enable()
	}
}
