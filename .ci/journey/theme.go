package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"devpath/tracker/backup"
)

// look is what a theme draws that the journey checks: the window's
// background and the fill of a level picker (Fyne's defaults, which
// devpath's theme keeps), and whether its text is dark.
type look struct {
	name      string
	bg, input color.NRGBA
	darkInk   bool
}

func lookOf(name string, v fyne.ThemeVariant) look {
	th := theme.DefaultTheme()
	n := func(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }
	bg := n(th.Color(theme.ColorNameBackground, v))
	in := n(th.Color(theme.ColorNameInputBackground, v))
	// The input colour is translucent: as drawn, over the background.
	a := float64(in.A) / 255
	mix := func(f, b uint8) uint8 { return uint8(math.Round(float64(f)*a + float64(b)*(1-a))) }
	drawn := color.NRGBA{mix(in.R, bg.R), mix(in.G, bg.G), mix(in.B, bg.B), 255}
	return look{name: name, bg: bg, input: drawn, darkInk: v == theme.VariantLight}
}

var (
	lightLook = lookOf("light", theme.VariantLight)
	darkLook  = lookOf("dark", theme.VariantDark)
)

// themeSwitch switches the look on the Settings screen with shiftTabs
// presses of Shift+Tab and Space (from nothing focused: once reaches Dark,
// twice Light), then shows every screen in turn
// and checks each is drawn in the new look, and the Roadmap's rows in
// particular (see checkRoadmapLook).
func (j *journey) themeSwitch(to look, shiftTabs int) error {
	if _, err := j.toScreen(5); err != nil {
		return err
	}
	keys := []string{}
	for range shiftTabs {
		keys = append(keys, "shift+Tab")
	}
	if err := j.keys(append(keys, "space")...); err != nil {
		return err
	}
	if _, err := j.waitPicture("the window to turn "+to.name, func(img *image.RGBA) (bool, string) {
		return at(img, 5, journeyH-5) == to.bg, fmt.Sprintf("the corner is %v, want %v", at(img, 5, journeyH-5), to.bg)
	}); err != nil {
		return err
	}
	if err := poll(j.timeout, "the look to be saved as "+to.name, func() (bool, string, error) {
		l := j.savedLook()
		return l == to.name, "theme " + l, nil
	}); err != nil {
		return err
	}
	prev, err := j.settledPic()
	if err != nil {
		return err
	}
	for n := 1; n <= 6; n++ {
		if err := j.keys(fmt.Sprintf("ctrl+%d", n)); err != nil {
			return err
		}
		// Each key changes the screen (the walk starts on Settings, Ctrl+5):
		// wait for the change before waiting for rest, or a loaded machine
		// gives the screen before at rest.
		if _, err := j.changedFrom(prev, fmt.Sprintf("Ctrl+%d to change the screen", n)); err != nil {
			return err
		}
		img, err := j.settledPic()
		if err != nil {
			return err
		}
		prev = img
		if share := shareOf(img, to.bg); share < 0.35 {
			return fmt.Errorf("the screen of Ctrl+%d after the switch to %s: only %.0f%% of the window is the %s background", n, to.name, 100*share, to.name)
		}
		if err := savePNG(filepath.Join(j.dir, fmt.Sprintf("%02d-%s-ctrl%d.png", j.n, to.name, n)), img); err != nil {
			return err
		}
		if n == 2 {
			if err := checkRoadmapLook(img, to); err != nil {
				return fmt.Errorf("the Roadmap after the switch to %s: %w", to.name, err)
			}
		}
	}
	// Back on Settings, where the switch was made: the steps after start
	// from the screen theme-light left the window on.
	if err := j.keys("ctrl+5"); err != nil {
		return err
	}
	_, err = j.settledPic()
	return err
}

// checkRoadmapLook samples the rendered colours of the Roadmap's first
// entry row not selected: its level picker must be filled with the look's
// input colour, with its text and arrow readable on it; its title and its
// tick box, found as the first two patches of ink left of the picker, must
// read on the background (4.5:1 for the title, 3:1 for the box), in the
// look's direction (dark ink on light). A row left in the old look (light
// grey titles, dark pickers with no arrow) fails one of these.
func checkRoadmapLook(img *image.RGBA, lk look) error {
	pickers := patches(img, image.Rect(journeyW/2, 60, journeyW, journeyH), lk.input, 60, 20)
	var picker image.Rectangle
	for _, p := range pickers {
		if at(img, p.Min.X-8, (p.Min.Y+p.Max.Y)/2) == lk.bg { // a row not selected
			picker = p
			break
		}
	}
	if picker.Empty() {
		return fmt.Errorf("no level picker filled with the %s input colour %v on the %s background (%d patches of that colour)", lk.name, lk.input, lk.name, len(pickers))
	}
	// The picker's text and arrow: the picker's right 40 pixels hold the arrow.
	arrow := image.Rect(picker.Max.X-40, picker.Min.Y, picker.Max.X, picker.Max.Y)
	if c := inkContrast(img, arrow, lk.input, lk.darkInk); c < 3 {
		return fmt.Errorf("the level picker at %v: its arrow reads at %.2f:1 on its fill, want 3:1", picker.Min, c)
	}
	text := image.Rect(picker.Min.X, picker.Min.Y, picker.Max.X-40, picker.Max.Y)
	if c := inkContrast(img, text, lk.input, lk.darkInk); c < 4.5 {
		return fmt.Errorf("the level picker at %v: its text reads at %.2f:1 on its fill, want 4.5:1", picker.Min, c)
	}
	// Ink patches on the row left of the picker, right to left: the title,
	// then the tick box.
	row := image.Rect(0, picker.Min.Y+2, picker.Min.X-4, picker.Max.Y-2)
	spans := inkSpans(img, row, lk.bg, 12)
	if len(spans) < 2 {
		return fmt.Errorf("the row at y=%d: %d patches of ink left of its picker, want the title and the tick box", picker.Min.Y, len(spans))
	}
	title, box := spans[len(spans)-1], spans[len(spans)-2]
	if c := inkContrast(img, image.Rect(title[0], row.Min.Y, title[1], row.Max.Y), lk.bg, lk.darkInk); c < 4.5 {
		return fmt.Errorf("the entry's title at x=%d..%d reads at %.2f:1, want 4.5:1", title[0], title[1], c)
	}
	if w := box[1] - box[0]; w < 12 || w > 30 {
		return fmt.Errorf("the tick box is %d pixels wide at x=%d, want about 20", w, box[0])
	}
	if c := inkContrast(img, image.Rect(box[0], row.Min.Y, box[1], row.Max.Y), lk.bg, lk.darkInk); c < 3 {
		return fmt.Errorf("the tick box at x=%d reads at %.2f:1, want 3:1", box[0], c)
	}
	return nil
}

// checkInTaken tries a label the first check-in has: the dialog stays
// open, says so under the label in the error colour, and keeps the text,
// so that " (2)" typed after it saves "Spring review (2)".
func (j *journey) checkInTaken() error {
	if err := j.keys("ctrl+1"); err != nil {
		return err
	}
	dash, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space"); err != nil {
		return err
	}
	open, err := j.changedFrom(dash, "Check in… to ask for a label")
	if err != nil {
		return err
	}
	if err := j.keys("ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText("Spring review"); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	errColour := color.NRGBA{0xff, 0x6b, 0x5e, 0xff} // devpath's dark error colour
	if _, err := j.waitPicture("the check-in dialog to say the label is taken, under the field", func(img *image.RGBA) (bool, string) {
		n := countNear(img, errColour, 40) - countNear(open, errColour, 40)
		stays := diffPixels(dash, img, 0) > journeyW*journeyH/200
		return stays && n > 60, fmt.Sprintf("dialog on view %v, %d more pixels in the error colour", stays, n)
	}); err != nil {
		return err
	}
	b, err := j.sb.backup()
	if err != nil {
		return err
	}
	if len(b.CheckIns) != 2 {
		return fmt.Errorf("%d check-ins after a taken label, want still 2", len(b.CheckIns))
	}
	if err := j.keys("End"); err != nil {
		return err
	}
	if err := j.typeText(" (2)"); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	if err := j.waitDB(`the label kept and saved as "Spring review (2)"`, func(b backup.Backup) (bool, string) {
		if len(b.CheckIns) != 3 {
			return false, fmt.Sprintf("%d check-ins", len(b.CheckIns))
		}
		return b.CheckIns[2].Label == "Spring review (2)", fmt.Sprintf("the last is %q", b.CheckIns[2].Label)
	}); err != nil {
		return err
	}
	_, err = j.waitPicture("the check-in dialog to close", func(img *image.RGBA) (bool, string) {
		n := diffPixels(dash, img, 0)
		return n < journeyW*journeyH/20, fmt.Sprintf("%d pixels differ from the Dashboard", n)
	})
	return err
}

func at(img *image.RGBA, x, y int) color.NRGBA {
	c := img.RGBAAt(x, y)
	return color.NRGBA{c.R, c.G, c.B, 255}
}

// shareOf is the share of img's pixels that are exactly c.
func shareOf(img *image.RGBA, c color.NRGBA) float64 {
	n, all := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			all++
			if at(img, x, y) == c {
				n++
			}
		}
	}
	return float64(n) / float64(all)
}

// countNear counts img's pixels within dist of c in every channel.
func countNear(img *image.RGBA, c color.NRGBA, dist int) int {
	n := 0
	b := img.Bounds()
	d := func(a, b uint8) int { return int(max(a, b) - min(a, b)) }
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := at(img, x, y)
			if d(p.R, c.R) <= dist && d(p.G, c.G) <= dist && d(p.B, c.B) <= dist {
				n++
			}
		}
	}
	return n
}

// patches are the bounding boxes of the connected patches of colour c in
// r at least w wide and h high: filled rectangles such as level pickers,
// whose text and arrow sit inside the patch. Sorted top to bottom.
func patches(img *image.RGBA, r image.Rectangle, c color.NRGBA, w, h int) []image.Rectangle {
	seen := map[image.Point]bool{}
	var out []image.Rectangle
	var stack []image.Point
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := image.Pt(x, y)
			if seen[p] || at(img, x, y) != c {
				continue
			}
			box := image.Rectangle{p, p.Add(image.Pt(1, 1))}
			seen[p] = true
			stack = append(stack[:0], p)
			for len(stack) > 0 {
				q := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				box = box.Union(image.Rectangle{q, q.Add(image.Pt(1, 1))})
				for _, n := range []image.Point{{q.X + 1, q.Y}, {q.X - 1, q.Y}, {q.X, q.Y + 1}, {q.X, q.Y - 1}} {
					if n.In(r) && !seen[n] && at(img, n.X, n.Y) == c {
						seen[n] = true
						stack = append(stack, n)
					}
				}
			}
			if box.Dx() >= w && box.Dy() >= h && box.Dy() < 80 {
				out = append(out, box)
			}
		}
	}
	return out // found top to bottom, by their first line
}

// inkSpans are the column spans of r, left to right, holding pixels that
// differ from bg, separated by gaps of at least gap columns of bg.
func inkSpans(img *image.RGBA, r image.Rectangle, bg color.NRGBA, gap int) [][2]int {
	var spans [][2]int
	start, last := -1, -1
	for x := r.Min.X; x < r.Max.X; x++ {
		ink := false
		for y := r.Min.Y; y < r.Max.Y && !ink; y++ {
			ink = at(img, x, y) != bg
		}
		if !ink {
			continue
		}
		if start >= 0 && x-last > gap {
			spans = append(spans, [2]int{start, last + 1})
			start = -1
		}
		if start < 0 {
			start = x
		}
		last = x
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, last + 1})
	}
	return spans
}

// inkContrast is the highest contrast to on of the pixels in r darker
// than it (dark ink) or lighter (light ink).
func inkContrast(img *image.RGBA, r image.Rectangle, on color.NRGBA, darkInk bool) float64 {
	best := 1.0
	lb := relLum(on)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			l := relLum(at(img, x, y))
			if (l < lb) != darkInk {
				continue
			}
			hi, lo := max(l, lb), min(l, lb)
			best = max(best, (hi+0.05)/(lo+0.05))
		}
	}
	return best
}

// relLum is the relative luminance of c as WCAG 2 defines it.
func relLum(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
