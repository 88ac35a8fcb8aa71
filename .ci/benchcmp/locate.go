package main

import (
	"fmt"
	"image"
	"path/filepath"
	"time"
)

// The primary colour of devpath's look, dark and light (ui/theme.go): the
// fill of a window's or a dialog's main button (Check in…, Save check-in,
// Add), which no other large patch of a screen has.
var primaries = [][3]byte{{0x5c, 0x9b, 0xff}, {0x1f, 0x62, 0xd8}}

// locateMain finds, in what a's window shows now, the centre of its main
// button: the largest patch of the primary colour within the window's
// part r (the whole window when r is empty), at least minArea pixels. The
// cases click what they find there rather than a fixed point, so that a
// change of layout moves the click with the button; a button not found
// fails the case by name instead of clicking beside it.
func (d *latDriver) locateMain(a *latApp, r image.Rectangle, what string) (pt, error) {
	return d.locateWhere(a, r, what, func(pt) bool { return true })
}

// locateNew is locateMain for a button that is not at old: one that a
// dialog brought, over the button that opened it.
func (d *latDriver) locateNew(a *latApp, old pt, what string) (pt, error) {
	return d.locateWhere(a, image.Rectangle{}, what, func(p pt) bool {
		return abs(p.x-old.x) > 4 || abs(p.y-old.y) > 4
	})
}

// locateWhere looks for the main button within r until one is found that
// ok accepts, for up to five seconds: on a loaded machine the window can
// settle before it has even read the input that brings the button.
func (d *latDriver) locateWhere(a *latApp, r image.Rectangle, what string, ok func(pt) bool) (pt, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		if err := d.settle(a, 10*time.Second); err != nil {
			return pt{}, err
		}
		img, err := d.x.getImage(a.win, a.w, a.h)
		if err != nil {
			return pt{}, err
		}
		area := r
		if area.Empty() {
			area = image.Rect(0, 0, img.w, img.h)
		}
		if p, found := largestPatch(img, area, 400, true); found && ok(p) {
			return p, nil
		}
		if time.Now().After(deadline) {
			shot := filepath.Join(d.work, "not-found-"+slug(what)+".png")
			if err := writePNG(shot, toImage(img)); err != nil {
				shot = "(no picture: " + err.Error() + ")"
			}
			return pt{}, fmt.Errorf("%s: no button in the primary colour in %v of the window; the window was %s", what, area, shot)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// locateFocused finds, in what a's window shows now, the centre of the
// field with the keyboard: the largest outline in the primary colour
// (Fyne draws the focused entry's border in it, blended at its edges).
func (d *latDriver) locateFocused(a *latApp, what string) (pt, error) {
	if err := d.settle(a, 10*time.Second); err != nil {
		return pt{}, err
	}
	img, err := d.x.getImage(a.win, a.w, a.h)
	if err != nil {
		return pt{}, err
	}
	p, ok := largestPatch(img, image.Rect(0, 0, img.w, img.h), 200, false)
	if !ok {
		return pt{}, fmt.Errorf("%s: no field outlined in the primary colour in the window", what)
	}
	return p, nil
}

// largestPatch is the centre of the bounding box of the largest connected
// patch of a primary colour in r of img, when it covers at least minArea
// pixels: with filled set, the one of most pixels that fills most of its
// box (a button); otherwise the one of the largest box that its pixels
// fill little (an outline).
func largestPatch(img ximage, r image.Rectangle, minArea int, filled bool) (pt, bool) {
	r = r.Intersect(image.Rect(0, 0, img.w, img.h))
	primary := func(x, y int) bool {
		i := (y*img.w + x) * 4
		if i+2 >= len(img.pix) {
			return false
		}
		r, g, b := int(img.pix[i+2]), int(img.pix[i+1]), int(img.pix[i]) // BGRX
		if !filled {
			// An outline is a line a pixel or two wide, drawn between
			// pixels: blended with what is around it, but still blue.
			return b > r+70 && b > g+30
		}
		for _, c := range primaries {
			if near(byte(r), c[0]) && near(byte(g), c[1]) && near(byte(b), c[2]) {
				return true
			}
		}
		return false
	}
	// An outline's rounded corners are drawn in colours blended with what
	// is around them, which may not read as blue: its straight edges are
	// joined across gaps of up to three pixels.
	steps := func(p image.Point) []image.Point {
		return []image.Point{{p.X + 1, p.Y}, {p.X - 1, p.Y}, {p.X, p.Y + 1}, {p.X, p.Y - 1}}
	}
	if !filled {
		steps = func(p image.Point) []image.Point {
			var near []image.Point
			for dy := -3; dy <= 3; dy++ {
				for dx := -3; dx <= 3; dx++ {
					if dx != 0 || dy != 0 {
						near = append(near, image.Pt(p.X+dx, p.Y+dy))
					}
				}
			}
			return near
		}
	}
	seen := make([]bool, img.w*img.h)
	best, bestArea := image.Rectangle{}, 0
	var stack []image.Point
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if seen[y*img.w+x] || !primary(x, y) {
				continue
			}
			box, area := image.Rect(x, y, x+1, y+1), 0
			stack = append(stack[:0], image.Pt(x, y))
			seen[y*img.w+x] = true
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				area++
				box = box.Union(image.Rect(p.X, p.Y, p.X+1, p.Y+1))
				for _, q := range steps(p) {
					if q.In(r) && !seen[q.Y*img.w+q.X] && primary(q.X, q.Y) {
						seen[q.Y*img.w+q.X] = true
						stack = append(stack, q)
					}
				}
			}
			full := float64(area) / float64(box.Dx()*box.Dy())
			switch {
			case area < minArea:
			case filled && full >= 0.5 && area > bestArea:
				best, bestArea = box, area
			case !filled && full < 0.3 && box.Dx()*box.Dy() > best.Dx()*best.Dy():
				best, bestArea = box, area
			}
		}
	}
	if bestArea == 0 {
		return pt{}, false
	}
	return pt{(best.Min.X + best.Max.X) / 2, (best.Min.Y + best.Max.Y) / 2}, true
}

// near reports whether two colour channels differ by at most 6.
func near(a, b byte) bool { return a-b <= 6 || b-a <= 6 }
