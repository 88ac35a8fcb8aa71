package tracker

import (
	"math"
	"strconv"
)

// Percent writes a share between 0 and 1 as a percentage with at most one
// decimal, rounded half away from zero: 1/6 is "16.7%", 1/2 is "50%". The
// window, the command line and the exports all write shares through it, so
// that one share never reads 16% in one place and 16.7% in another.
func Percent(share float64) string {
	v := math.Round(share*1000) / 10
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}
