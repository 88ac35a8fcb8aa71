package main

import (
	"errors"
	"testing"
	"time"
)

// img makes a 4-pixel image (BGRX) whose pixels have the given grey
// values; the padding byte is set to junk, which must not count.
func img(greys ...byte) []byte {
	var b []byte
	for _, g := range greys {
		b = append(b, g, g, g, 0xA5)
	}
	return b
}

func TestEffectShown(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	before := img(0, 0, 0, 0)
	cases := []struct {
		name   string
		frames []frame
		want   time.Time
		pixels int
		err    error
	}{
		{"one frame", []frame{{at(10), img(9, 0, 0, 0)}}, at(10), 1, nil},
		{"intermediate frame, then the final one",
			[]frame{{at(10), img(9, 0, 0, 0)}, {at(250), img(9, 9, 0, 0)}}, at(250), 2, nil},
		{"a hover that comes and goes does not count",
			[]frame{{at(10), img(9, 0, 5, 0)}, {at(40), img(9, 0, 6, 0)}, {at(90), img(9, 0, 0, 0)}}, at(10), 1, nil},
		{"the effect shown, undone, shown again: the last time counts",
			[]frame{{at(10), img(9, 0, 0, 0)}, {at(20), img(0, 0, 0, 0)}, {at(30), img(9, 0, 0, 0)}}, at(30), 1, nil},
		{"only the padding byte changed", []frame{{at(10), func() []byte { b := img(0, 0, 0, 0); b[3] = 1; return b }()}}, time.Time{}, 0, errNoEffect},
		{"drawn but back as before", []frame{{at(10), img(9, 0, 0, 0)}, {at(20), img(0, 0, 0, 0)}}, time.Time{}, 0, errNoEffect},
		{"not drawn at all", nil, time.Time{}, 0, errNoEffect},
	}
	for _, c := range cases {
		got, px, err := effectShown(before, c.frames)
		if !errors.Is(err, c.err) || !got.Equal(c.want) || px != c.pixels {
			t.Errorf("%s: got %v, %d pixels, %v; want %v, %d pixels, %v", c.name, got.Sub(t0), px, err, c.want.Sub(t0), c.pixels, c.err)
		}
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	for _, c := range []struct{ p, want float64 }{{90, 9}, {50, 5}, {100, 10}, {0, 1}} {
		if got := percentile(xs, c.p); got != c.want {
			t.Errorf("percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}
