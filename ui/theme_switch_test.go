package ui

import (
	"image"
	"image/color"
	"sort"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// staleColours are the colours the look from draws that the look to never
// does: a canvas object still painted in one of them after a switch was
// left behind by it.
func staleColours(from, to string) map[color.NRGBA]fyne.ThemeColorName {
	names := []fyne.ThemeColorName{
		theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameButton,
		theme.ColorNameDisabled, theme.ColorNameDisabledButton, theme.ColorNameInputBackground,
		theme.ColorNameInputBorder, theme.ColorNamePlaceHolder, theme.ColorNamePrimary,
		theme.ColorNameHyperlink, theme.ColorNameSeparator, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground, theme.ColorNameError,
		theme.ColorNameWarning, theme.ColorNameSuccess, theme.ColorNameForegroundOnPrimary,
	}
	nrgba := func(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }
	fromTh, toTh := themeFor(from), themeFor(to)
	now := map[color.NRGBA]bool{}
	for _, n := range names {
		now[nrgba(toTh.Color(n, theme.VariantDark))] = true
	}
	// The share bars draw colours of their own.
	bars := map[string][2]color.Color{themeLight: {lightBar, lightBarText}, themeDark: {darkBar, darkBarText}}
	for _, c := range bars[to] {
		now[nrgba(c)] = true
	}
	out := map[color.NRGBA]fyne.ThemeColorName{}
	for _, n := range names {
		if c := nrgba(fromTh.Color(n, theme.VariantDark)); !now[c] && c.A > 0 {
			out[c] = n
		}
	}
	for i, c := range bars[from] {
		if !now[nrgba(c)] {
			out[nrgba(c)] = []fyne.ThemeColorName{"share bar", "share bar text"}[i]
		}
	}
	return out
}

// staleObjects lists the visible canvas objects under o painted in a colour
// of stale.
func staleObjects(o fyne.CanvasObject, stale map[color.NRGBA]fyne.ThemeColorName) []string {
	var out []string
	check := func(what string, c color.Color) {
		if c == nil {
			return
		}
		if n, ok := stale[color.NRGBAModel.Convert(c).(color.NRGBA)]; ok {
			out = append(out, what+" in the old "+string(n))
		}
	}
	walkObjects(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			check("text "+x.Text, x.Color)
		case *canvas.Rectangle:
			if x.Size().Width > 0 && x.Size().Height > 0 {
				check("rectangle", x.FillColor)
				if x.StrokeWidth > 0 {
					check("rectangle border", x.StrokeColor)
				}
			}
		case *canvas.Line:
			check("line", x.StrokeColor)
		case *canvas.Circle:
			check("circle", x.FillColor)
		}
	})
	return out
}

// region is o's place in a capture of w.
func region(w fyne.Window, o fyne.CanvasObject) image.Rectangle {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	sc := w.Canvas().Scale()
	s := o.Size()
	return image.Rect(int(pos.X*sc), int(pos.Y*sc), int((pos.X+s.Width)*sc), int((pos.Y+s.Height)*sc))
}

// medianColour is the colour of r that half its pixels are darker than: the
// fill of a control, whatever its text.
func medianColour(img image.Image, r image.Rectangle) color.Color {
	var px []color.Color
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			px = append(px, img.At(x, y))
		}
	}
	sort.Slice(px, func(i, j int) bool { return luminance(px[i]) < luminance(px[j]) })
	return px[len(px)/2]
}

// A live switch of the look, both ways, made on the Settings screen:
// every screen then shows only the new look's colours, and the Roadmap's
// titles, tick boxes and level menus read on the new background, as drawn.
func TestLiveThemeSwitchRepaintsEveryScreen(t *testing.T) {
	for _, c := range []struct{ from, to string }{{themeDark, themeLight}, {themeLight, themeDark}} {
		t.Run(c.from+"-to-"+c.to, func(t *testing.T) {
			r := newShellRig(t, Options{})
			setLook(r.app, c.from)
			// Every screen drawn in the old look, and the Roadmap scrolled
			// so that its list has rows waiting to be reused.
			for _, name := range screenNames {
				r.sh.show(name)
			}
			r.row("k8s-rbac")
			r.sh.rmap.list.ScrollToBottom()
			r.sh.rmap.list.ScrollToTop()
			// The dialogs built once, drawn in the old look and closed.
			dialogs := openEachDialog(t, r, staleColours(c.to, c.from))
			r.sh.show(screenSettings)
			setLook(r.app, c.to)

			stale := staleColours(c.from, c.to)
			for _, name := range screenNames {
				r.sh.show(name)
				for _, s := range staleObjects(r.win.Canvas().Content(), stale) {
					t.Errorf("%s after the switch: %s", name, s)
				}
			}

			// Each dialog opens again, the same one, in the new look.
			again := openEachDialog(t, r, staleColours(c.from, c.to))
			for name, o := range again {
				if o != dialogs[name] {
					t.Errorf("the %s dialog was built again", name)
				}
			}

			row := r.row("k8s-rbac")
			img := r.win.Canvas().Capture()
			th := r.app.Settings().Theme()
			bg := th.Color(theme.ColorNameBackground, theme.VariantDark)
			wantDarkInk := c.to == themeLight
			ink := func(what string, o fyne.CanvasObject, min float64) {
				t.Helper()
				if !o.Visible() || o.Size().IsZero() {
					t.Fatalf("the %s is not on view", what)
				}
				rr := region(r.win, o)
				got, at := 1.0, color.Color(bg)
				for y := rr.Min.Y; y < rr.Max.Y; y++ {
					for x := rr.Min.X; x < rr.Max.X; x++ {
						p := img.At(x, y)
						if darker := luminance(p) < luminance(bg); darker == wantDarkInk {
							if k := contrast(p, bg); k > got {
								got, at = k, p
							}
						}
					}
				}
				if got < min {
					t.Errorf("%s drawn at %.2f:1 on the %s background (ink %v), want %.1f:1", what, got, c.to, at, min)
				}
			}
			ink("Roadmap title", row.title, 4.5)
			ink("tick box", row.check, 3)
			ink("level menu's text and arrow", row.level, 4.5)
			// Icons are pictures that Fyne keeps until their resource
			// changes: a group's menu and the Dashboard's arrows.
			s := r.sh.rmap
			var menu fyne.CanvasObject
			for i := range s.rows {
				if rv := s.rowView(i); rv != nil && rv.kind == rowHeader && rv.menu.Visible() {
					menu = rv.menu
					break
				}
			}
			if menu == nil {
				t.Fatal("no group header with its menu on view")
			}
			ink("group's menu", menu, 3)
			r.sh.show(screenDashboard)
			img = r.win.Canvas().Capture()
			var arrow fyne.CanvasObject
			walkObjects(r.sh.dash.actions[0].row, func(o fyne.CanvasObject) {
				if i, ok := o.(*themeIcon); ok {
					arrow = i
				}
			})
			if arrow == nil {
				t.Fatal("the Dashboard's first action has no arrow")
			}
			ink("Dashboard action's arrow", arrow, 3)
			want := over(th.Color(theme.ColorNameInputBackground, theme.VariantDark), bg)
			if got := medianColour(img, region(r.win, row.level).Inset(4)); contrast(got, want) > 1.2 {
				t.Errorf("level menu filled with %v, want the %s input colour %v", got, c.to, want)
			}
		})
	}
}

// openEachDialog opens and closes the dialogs that are built once (the
// evidence, Export and the check-in), failing on any object left in a
// colour of another look, and returns each dialog.
func openEachDialog(t *testing.T, r *shellRig, stale map[color.NRGBA]fyne.ThemeColorName) map[string]any {
	t.Helper()
	out := map[string]any{}
	check := func(name string) {
		t.Helper()
		list := r.win.Canvas().Overlays().List()
		if len(list) != 1 {
			t.Fatalf("%s: %d dialogs open, want 1", name, len(list))
		}
		for _, s := range staleObjects(list[0], stale) {
			t.Errorf("%s dialog : %s", name, s)
		}
	}
	r.sh.show(screenRoadmap)
	r.sh.rmap.showItem("k8s-rbac")
	r.sh.rmap.openEvidence("k8s-rbac")
	out["evidence"] = r.sh.rmap.evidence
	check("evidence")
	r.sh.rmap.evidence.dlg.Hide()
	r.sh.exportImport()
	out["Export"] = r.sh.exportDlg
	check("Export")
	r.sh.exportDlg.dlg.Hide()
	r.sh.show(screenDashboard)
	r.sh.dash.askCheckIn()
	out["check-in"] = r.sh.dash.checkInDialog
	check("check-in")
	r.sh.dash.checkInDialog.dlg.Hide()
	return out
}

// Every themed icon is a different resource in each look, so that a
// widget drawing it (a picker's arrow) draws it again after a switch; Fyne
// redraws an icon only for a new resource.
func TestThemedIconsDifferByLook(t *testing.T) {
	test.NewTempApp(t)
	light, dark := themeFor(themeLight), themeFor(themeDark)
	for _, n := range []fyne.ThemeIconName{theme.IconNameArrowDropDown, theme.IconNameDocument, theme.IconNameNavigateNext} {
		l, d := light.Icon(n), dark.Icon(n)
		if l == d {
			t.Errorf("%s: one resource for both looks", n)
		}
		if _, ok := l.(*theme.ThemedResource); !ok {
			t.Errorf("%s: the light look's icon is a %T, not themed", n, l)
		}
		if light.Icon(n) != l {
			t.Errorf("%s: a new resource on each call: every refresh would draw it again", n)
		}
	}
}
