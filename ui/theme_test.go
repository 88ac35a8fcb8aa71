package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// luminance is the relative luminance of c as WCAG 2 defines it.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over paints c (maybe translucent) over the opaque bg.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	k := float64(a) / 0xffff
	mix := func(f, b uint32) uint16 { return uint16(float64(f) + float64(b)*(1-k)) }
	return color.RGBA64{R: mix(r, br), G: mix(g, bgg), B: mix(b, bb), A: 0xffff}
}

var shotN int

var variants = map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark}

// Every colour pair the screens draw, from the theme's colours: text 4.5:1,
// borders of controls 3:1.
func TestThemeColourPairsMeetWCAGAA(t *testing.T) {
	test.NewTempApp(t)
	for name, v := range variants {
		th := themeFor(name)
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		bg := c(theme.ColorNameBackground)
		surfaces := map[string]color.Color{
			"background": bg,
			"dialog":     over(c(theme.ColorNameOverlayBackground), bg),
			"input":      over(c(theme.ColorNameInputBackground), bg),
			"button":     over(c(theme.ColorNameButton), bg),
			"menu":       over(c(theme.ColorNameMenuBackground), bg),
		}
		text := []fyne.ThemeColorName{
			theme.ColorNameForeground, theme.ColorNameDisabled, // low importance text
			theme.ColorNamePlaceHolder, theme.ColorNamePrimary, theme.ColorNameHyperlink,
			theme.ColorNameError, theme.ColorNameWarning, theme.ColorNameSuccess,
		}
		for _, fg := range text {
			for sn, s := range surfaces {
				if r := contrast(over(c(fg), s), s); r < 4.5 {
					t.Errorf("%s: %s text on %s: %.2f:1, want 4.5:1", name, fg, sn, r)
				}
			}
		}
		for _, p := range [][2]fyne.ThemeColorName{
			{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
			{theme.ColorNameForegroundOnError, theme.ColorNameError},
			{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
			{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess},
		} {
			b := over(c(p[1]), bg)
			if r := contrast(over(c(p[0]), b), b); r < 4.5 {
				t.Errorf("%s: %s on %s: %.2f:1, want 4.5:1", name, p[0], p[1], r)
			}
		}
		for _, ctl := range []fyne.ThemeColorName{theme.ColorNameInputBorder, theme.ColorNamePrimary} {
			for sn, s := range surfaces {
				if r := contrast(over(c(ctl), s), s); r < 3 {
					t.Errorf("%s: %s border on %s: %.2f:1, want 3:1", name, ctl, sn, r)
				}
			}
		}
		if got := th.Size(theme.SizeNameModalBlurRadius); got != 0 {
			t.Errorf("%s: dialogs blur the window (radius %v)", name, got)
		}
	}
}

// rendered captures obj alone on a window in the given look and returns
// the image and obj's bounds in it.
func rendered(t *testing.T, look string, make func() fyne.CanvasObject, size fyne.Size) (image.Image, image.Rectangle) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(themeFor(look))
	obj := make()
	w := test.NewTempWindow(t, container.NewCenter(obj))
	w.Resize(size)
	img := w.Canvas().Capture()
	if dir := os.Getenv("DEVPATH_SHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+fmt.Sprintf("-%d.png", shotN)))
		if err == nil {
			_ = png.Encode(f, img)
			_ = f.Close()
		}
		shotN++
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	sc := w.Canvas().Scale()
	s := obj.Size()
	return img, image.Rect(int(pos.X*sc), int(pos.Y*sc), int((pos.X+s.Width)*sc), int((pos.Y+s.Height)*sc))
}

// inkContrast is the contrast of the pixel in r that stands out most from
// the colour at bgAt: the ink of text or of a border drawn on it.
func inkContrast(img image.Image, r image.Rectangle, bgAt image.Point) (float64, color.Color) {
	bg := img.At(bgAt.X, bgAt.Y)
	best, ink := 1.0, bg
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c := contrast(img.At(x, y), bg); c > best {
				best, ink = c, img.At(x, y)
			}
		}
	}
	return best, ink
}

// The colours as drawn: the text of share bars on the filled part and on
// the rest, an unticked check box, low importance text, a warning and a
// placeholder, in both looks.
func TestRenderedContrastMeetsWCAGAA(t *testing.T) {
	for look := range variants {
		t.Run(look, func(t *testing.T) {
			for _, value := range []float64{0, 1} {
				img, r := rendered(t, look, func() fyne.CanvasObject {
					bar := newShareBar(1)
					bar.SetValue(value)
					return container.NewGridWrap(fyne.NewSize(240, 36), bar)
				}, fyne.NewSize(400, 200))
				// The text sits in the middle; the bar's colour at its edge.
				text := image.Rect(r.Min.X+90, r.Min.Y+6, r.Max.X-90, r.Max.Y-6)
				if c, ink := inkContrast(img, text, image.Pt(r.Min.X+20, r.Min.Y+18)); c < 4.5 {
					t.Errorf("share bar at %v: text %v at %.2f:1 on the bar, want 4.5:1", value, ink, c)
				}
			}

			img, r := rendered(t, look, func() fyne.CanvasObject { return widget.NewCheck("", nil) }, fyne.NewSize(200, 200))
			if c, ink := inkContrast(img, r, image.Pt(r.Min.X-4, r.Min.Y)); c < 3 {
				t.Errorf("unticked check box: border %v at %.2f:1, want 3:1", ink, c)
			}
			img, r = rendered(t, look, func() fyne.CanvasObject { return widget.NewRadioGroup([]string{""}, nil) }, fyne.NewSize(200, 200))
			if c, ink := inkContrast(img, r, image.Pt(r.Min.X-4, r.Min.Y)); c < 3 {
				t.Errorf("unselected radio button: border %v at %.2f:1, want 3:1", ink, c)
			}

			for _, l := range []*widget.Label{
				{Text: "Saved.", Importance: widget.LowImportance},
				{Text: "Read-only", Importance: widget.WarningImportance},
				{Text: "Not saved", Importance: widget.DangerImportance},
				{Text: "+10.0", Importance: widget.SuccessImportance},
			} {
				img, r := rendered(t, look, func() fyne.CanvasObject { return l }, fyne.NewSize(200, 100))
				if c, ink := inkContrast(img, r, image.Pt(r.Min.X-4, r.Min.Y)); c < 4.5 {
					t.Errorf("%v label %q: text %v at %.2f:1, want 4.5:1", l.Importance, l.Text, ink, c)
				}
			}

			img, r = rendered(t, look, func() fyne.CanvasObject {
				e := widget.NewEntry()
				e.SetPlaceHolder("YYYY-MM-DD")
				return container.NewGridWrap(fyne.NewSize(200, 40), e)
			}, fyne.NewSize(300, 100))
			inner := r.Inset(6)
			if c, ink := inkContrast(img, inner, image.Pt(inner.Max.X-4, inner.Min.Y+2)); c < 4.5 {
				t.Errorf("placeholder %v at %.2f:1 on the entry, want 4.5:1", ink, c)
			}
			if c, ink := inkContrast(img, r, image.Pt(r.Min.X-4, r.Min.Y+20)); c < 3 {
				t.Errorf("entry border %v at %.2f:1, want 3:1", ink, c)
			}
		})
	}
}
