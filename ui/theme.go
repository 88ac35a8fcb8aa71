package ui

import (
	_ "embed"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// devpathTheme is Fyne's default theme with the colours that were too faint
// made readable: text and controls meet WCAG AA contrast (4.5:1 for text,
// 3:1 for the borders of controls) in both variants. Fyne's own light
// variant draws unticked check boxes and entry borders at 1.3:1, low
// importance text (such as "Saved.") at 1.3:1 and warnings at 2.2:1.
//
// It also turns off the blur behind dialogs: Fyne blurs the whole window in
// every frame while a dialog is open, which on a machine without a fast GPU
// takes most of a second per frame (opening Export and import took 0.66 s,
// and a quit waited for the frame being blurred). The dimmed background
// stays.
type devpathTheme struct {
	fixed   bool // variant is forced, whatever the desktop prefers
	variant fyne.ThemeVariant
}

// Colours that differ from Fyne's default theme.
var (
	lightColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePrimary:             rgb(0x1f, 0x62, 0xd8),
		theme.ColorNameHyperlink:           rgb(0x1f, 0x62, 0xd8),
		theme.ColorNameForegroundOnPrimary: rgb(0xff, 0xff, 0xff),
		theme.ColorNameDisabled:            rgb(0x6b, 0x6b, 0x6b),
		theme.ColorNamePlaceHolder:         rgb(0x6b, 0x6b, 0x6b),
		theme.ColorNameInputBorder:         rgb(0x85, 0x85, 0x85),
		theme.ColorNameError:               rgb(0xc6, 0x28, 0x28),
		theme.ColorNameForegroundOnError:   rgb(0xff, 0xff, 0xff),
		theme.ColorNameWarning:             rgb(0xa1, 0x58, 0x00),
		theme.ColorNameForegroundOnWarning: rgb(0xff, 0xff, 0xff),
		theme.ColorNameSuccess:             rgb(0x1b, 0x7a, 0x31),
		theme.ColorNameForegroundOnSuccess: rgb(0xff, 0xff, 0xff),
	}
	darkColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePrimary:             rgb(0x5c, 0x9b, 0xff),
		theme.ColorNameHyperlink:           rgb(0x5c, 0x9b, 0xff),
		theme.ColorNameForegroundOnPrimary: rgb(0x11, 0x13, 0x18),
		theme.ColorNameDisabled:            rgb(0x96, 0x96, 0x96),
		theme.ColorNameInputBorder:         rgb(0x7a, 0x7a, 0x7a),
		theme.ColorNameError:               rgb(0xff, 0x6b, 0x5e),
		theme.ColorNameForegroundOnError:   rgb(0x11, 0x13, 0x18),
	}
)

// Colours of the share bars (see shareBarColors). Their text spans the
// filled part and the faded rest, so it must read on both: dark text on a
// light blue in the light variant, white on a deep blue in the dark one.
var (
	lightBar, lightBarText = rgb(0x7f, 0xb0, 0xff), rgb(0x1a, 0x1a, 0x1a)
	darkBar, darkBarText   = rgb(0x25, 0x66, 0xe8), rgb(0xff, 0xff, 0xff)
)

func rgb(r, g, b uint8) color.Color { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// Color returns the named colour of the variant (the forced one, if any).
func (t devpathTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	colors := darkColors
	if v == theme.VariantLight {
		colors = lightColors
	}
	if c, ok := colors[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font is the default theme's.
func (t devpathTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// The outlines of unticked check boxes and radio buttons, drawn twice as
// thick as Fyne's: at the usual 20 pixels Fyne's outline is 0.8 pixels
// wide, so that smoothing paints it at half its colour and it reads at 2:1
// whatever the colour.
var (
	//go:embed icons/check-box.svg
	checkBoxSVG []byte
	//go:embed icons/radio-button.svg
	radioButtonSVG []byte

	checkBoxIcon    = &fyne.StaticResource{StaticName: "check-box.svg", StaticContent: checkBoxSVG}
	radioButtonIcon = &fyne.StaticResource{StaticName: "radio-button.svg", StaticContent: radioButtonSVG}
)

// Icon is the default theme's but for the outlines of check boxes and radio
// buttons; icons take their colours from Color.
func (t devpathTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameCheckButton:
		return checkBoxIcon
	case theme.IconNameRadioButton:
		return radioButtonIcon
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if t.fixed {
		v = t.variant
	}
	return variantIcon(n, v)
}

// The icons of the light variant: the default theme's, each wrapped in a
// resource of its own.
//
// Fyne's Icon widget draws its image again only for a new resource, and a
// themed icon is one resource whatever the colour it is drawn in: after a
// theme switch a level picker's arrow kept the old theme's picture (light
// grey on the light background: the arrows were gone). With a resource per
// variant every icon changes with the theme, so each is drawn again.
var (
	lightIconsMu sync.Mutex
	lightIcons   = map[fyne.ThemeIconName]fyne.Resource{}
)

// variantIcon is the default theme's icon n as the variant v draws it.
func variantIcon(n fyne.ThemeIconName, v fyne.ThemeVariant) fyne.Resource {
	base := theme.DefaultTheme().Icon(n)
	tr, ok := base.(*theme.ThemedResource)
	if v != theme.VariantLight || !ok {
		return base
	}
	lightIconsMu.Lock()
	defer lightIconsMu.Unlock()
	r, ok := lightIcons[n]
	if !ok {
		w := theme.NewThemedResource(tr)
		w.ColorName = tr.ColorName
		lightIcons[n], r = w, w
	}
	return r
}

// Size is the default theme's, without the blur behind dialogs.
func (t devpathTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameModalBlurRadius {
		return 0
	}
	return theme.DefaultTheme().Size(n)
}

// variantOf is the variant the app's theme draws for the desktop's v.
func variantOf(v fyne.ThemeVariant) fyne.ThemeVariant {
	if t, ok := fyne.CurrentApp().Settings().Theme().(devpathTheme); ok && t.fixed {
		return t.variant
	}
	return v
}

// appTheme is the app's theme as it is at each call, for a theme override
// that changes a few things and must follow the app's theme in the rest,
// through a live switch of looks too.
type appTheme struct{}

// Color is the app theme's.
func (appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}

// Font is the app theme's.
func (appTheme) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}

// Icon is the app theme's.
func (appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}

// Size is the app theme's.
func (appTheme) Size(n fyne.ThemeSizeName) float32 {
	return fyne.CurrentApp().Settings().Theme().Size(n)
}

// themeFor returns the theme for a look; an unknown look follows the system.
func themeFor(look string) fyne.Theme {
	switch look {
	case themeLight:
		return devpathTheme{fixed: true, variant: theme.VariantLight}
	case themeDark:
		return devpathTheme{fixed: true, variant: theme.VariantDark}
	}
	return devpathTheme{}
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

// themeFollower keeps a widget that a list reuses in the current theme.
//
// Fyne takes a new theme only to the objects in the window's tree, and
// within a list only as far as the rows in view: a list item's own Refresh
// repaints its background but not its content, a row waiting in the list's
// pool is in no tree at all, and a screen not on view (the tabs hold only
// the chosen one) gets nothing. Such a row kept the old theme's colours
// (titles light grey on a light background, dark tick boxes and level
// menus) until something else refreshed it. Every row is filled through
// the list's UpdateItem, so a row that checks there whether the theme
// changed since it was last refreshed catches up whichever way it comes
// back into view.
type themeFollower struct{ seen uint64 }

// followTheme reports whether the theme changed since the last call, and
// records that it was seen.
func (f *themeFollower) followTheme(e *env) bool {
	n := e.themeCount()
	if n == f.seen {
		return false
	}
	f.seen = n
	return true
}

// repaintDialog brings a dialog built in another theme up to date before it
// is shown again: a hidden dialog is in no tree that a theme change
// reaches. An entry that had the keyboard when the dialog closed still
// thinks it has, and its blinking cursor keeps the colour it started with,
// so entries are told they lost the focus; the one focused next starts a
// cursor in the new colour.
func repaintDialog(d dialog.Dialog, entries ...fyne.Focusable) {
	for _, e := range entries {
		e.FocusLost()
	}
	d.Refresh()
}

// themeIcon is an icon that draws itself again when the look changed.
// Fyne's Icon does nothing on a refresh that keeps its resource, so after
// a live switch of the look it kept the old look's picture: the Roadmap's
// group menus and the Dashboard's arrows stayed light grey on the light
// background.
type themeIcon struct {
	widget.Icon
	drawnIn color.Color // the foreground colour the picture was drawn in
}

func newThemeIcon(res fyne.Resource) *themeIcon {
	i := &themeIcon{}
	i.Resource = res
	i.ExtendBaseWidget(i)
	return i
}

// CreateRenderer is the icon's, noting the colour it is first drawn in.
func (i *themeIcon) CreateRenderer() fyne.WidgetRenderer {
	i.drawnIn = i.foreground()
	return i.Icon.CreateRenderer()
}

func (i *themeIcon) foreground() color.Color {
	return i.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
}

// Refresh draws the picture again when the look's foreground colour
// changed, since a themed icon is drawn in it.
func (i *themeIcon) Refresh() {
	fg := i.foreground()
	if fg != i.drawnIn && i.Resource != nil {
		res := i.Resource
		i.Resource = nil // the icon lets go of its picture
		i.Icon.Refresh()
		i.Resource = res
	}
	i.drawnIn = fg
	i.Icon.Refresh()
}
