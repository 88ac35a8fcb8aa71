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

// TestInputDelaySpreadsOverAFrame checks that the delays before inputs stay
// within one frame and reach every part of it, so that no program's inputs
// keep landing at one point of its drawing cycle.
func TestInputDelaySpreadsOverAFrame(t *testing.T) {
	const parts = 8
	var seen [parts]int
	for range 4000 {
		d := inputDelay()
		if d < 0 || d >= framePeriod {
			t.Fatalf("delay %v is outside [0, %v)", d, framePeriod)
		}
		seen[int(d*parts/framePeriod)]++
	}
	for i, n := range seen {
		// 500 expected in each part; 350 is more than six standard deviations below.
		if n < 350 {
			t.Errorf("part %d of %d of the frame got %d of 4000 delays: %v", i+1, parts, n, seen)
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

func TestCutAt(t *testing.T) {
	log := func(seqs ...uint16) []damageEvent {
		var l []damageEvent
		for _, s := range seqs {
			l = append(l, damageEvent{seq: s})
		}
		return l
	}
	cases := []struct {
		name         string
		log          []damageEvent
		seq, markSeq uint16
		want         int
	}{
		{"all before the reply", log(3, 7, 9), 10, 11, 3},
		{"two after the reply", log(3, 9, 10, 10), 10, 11, 2},
		{"one sent while the mark was handled", log(9, 11), 10, 11, 1},
		{"all after the reply", log(10, 11), 10, 11, 0},
		{"empty log", nil, 10, 11, 0},
		{"across the wrap", log(65534, 65535, 0, 1), 0, 1, 2},
		{"reply at the wrap", log(65533, 65535, 0), 65535, 0, 1},
	}
	for _, c := range cases {
		if got := cutAt(c.log, c.seq, c.markSeq); got != c.want {
			t.Errorf("%s: cutAt = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestPrintLatencyHoldsToTheWholeReference: actions are divided by the
// median of all the reference's samples, not by the few taken beside them.
func TestPrintLatencyHoldsToTheWholeReference(t *testing.T) {
	refCase := latCase{name: "reference", reference: true}
	pass := latResult{c: latCase{name: "fast"}, action: []float64{28, 28, 28}, floor: []float64{10, 10, 10}, ref: []float64{15, 15, 15}}
	fail := latResult{c: latCase{name: "slow"}, action: []float64{31, 31, 31}, floor: []float64{10, 10, 10}, ref: []float64{25, 25, 25}}
	whole := latResult{c: refCase, action: []float64{15, 15, 15, 20, 20, 20, 20, 25, 25}, floor: []float64{10}}
	if got := printLatency([]latResult{pass, fail, whole}, 1.5); got != 1 {
		t.Errorf("%d actions missed, want 1: 28 ms is 1.4× a reference of 20 ms, 31 ms 1.55×", got)
	}
	if got := printLatency([]latResult{pass}, 1.5); got != 1 {
		t.Errorf("without the reference's samples %d actions missed, want the one not measured", got)
	}
}
