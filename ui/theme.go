package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// prefTheme is the Preferences key of the chosen look: one of themeSystem,
// themeLight or themeDark.
const prefTheme = "theme"

// The looks the Settings screen offers.
const (
	themeSystem = "system" // follow the desktop's light or dark preference
	themeLight  = "light"
	themeDark   = "dark"
)

// fixedVariantTheme is the default theme with its light or dark variant
// forced, whatever the desktop prefers.
type fixedVariantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color returns the named colour of the forced variant.
func (t fixedVariantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// themeFor returns the theme for a look; an unknown look follows the system.
func themeFor(look string) fyne.Theme {
	switch look {
	case themeLight:
		return fixedVariantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case themeDark:
		return fixedVariantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// savedLook returns the look stored in the app's preferences.
func savedLook(a fyne.App) string {
	switch look := a.Preferences().StringWithFallback(prefTheme, themeSystem); look {
	case themeLight, themeDark:
		return look
	}
	return themeSystem
}

// applySavedTheme sets the app's theme from its preferences. The shell calls
// it once at start-up.
func applySavedTheme(a fyne.App) {
	a.Settings().SetTheme(themeFor(savedLook(a)))
}

// setLook applies a look and remembers it in the app's preferences.
func setLook(a fyne.App, look string) {
	a.Preferences().SetString(prefTheme, look)
	a.Settings().SetTheme(themeFor(look))
}
