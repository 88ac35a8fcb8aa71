package ui

import (
	"math"

	"fyne.io/fyne/v2"
)

// simplifyLine is the indices of the points of the line through pts that
// a line through only those points passes within eps of every point of
// (Ramer–Douglas–Peucker): the first and the last always.
func simplifyLine(pts []fyne.Position, eps float32) []int {
	n := len(pts)
	if n <= 2 {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		return all
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	spans := [][2]int{{0, n - 1}}
	for len(spans) > 0 {
		a, b := spans[len(spans)-1][0], spans[len(spans)-1][1]
		spans = spans[:len(spans)-1]
		far, at := eps, -1
		for i := a + 1; i < b; i++ {
			if d := segmentDistance(pts[i], pts[a], pts[b]); d > far {
				far, at = d, i
			}
		}
		if at >= 0 {
			keep[at] = true
			spans = append(spans, [2]int{a, at}, [2]int{at, b})
		}
	}
	var kept []int
	for i, k := range keep {
		if k {
			kept = append(kept, i)
		}
	}
	return kept
}

// segmentDistance is the distance from p to the segment from a to b.
func segmentDistance(p, a, b fyne.Position) float32 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := float32(0)
	if l := dx*dx + dy*dy; l > 0 {
		t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	ex, ey := p.X-(a.X+t*dx), p.Y-(a.Y+t*dy)
	return float32(math.Sqrt(float64(ex*ex + ey*ey)))
}
