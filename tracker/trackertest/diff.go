package trackertest

import (
	"strconv"
	"strings"
)

// FirstDiff shows the first line that differs between two texts.
// FirstDiff names the first line where a and b differ, with both lines, for
// a test failure that shows where two long texts part.
func FirstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return "(no line differs)"
}
