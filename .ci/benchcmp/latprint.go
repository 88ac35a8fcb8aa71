package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// toImage turns an X image (32 bits a pixel, BGRX) into an image.Image.
func toImage(x ximage) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, x.w, x.h))
	for i := 0; i+3 < len(x.pix); i += 4 {
		m.Set((i/4)%x.w, (i/4)/x.w, color.RGBA{x.pix[i+2], x.pix[i+1], x.pix[i], 255})
	}
	return m
}

func writePNG(path string, m image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// frameTimes lists frame times in whole milliseconds, "12/40/75".
func frameTimes(ts []time.Duration) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%.0f", ms(t))
	}
	return strings.Join(parts, "/")
}

// percentile p (0–100) of xs, nearest rank.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(k, 0), len(s)-1)]
}

// printLatency prints one line per action and returns how many missed the
// target.
func printLatency(res []latResult, limit float64) int {
	// Each action is held to the reference: the floor's own button in a
	// window of stock widget rows, what any screen of Fyne widgets costs.
	// It is sampled after every action sample, and the median of all its
	// samples of the run is what the actions are divided by: the median of
	// the 15 taken beside one action moved by as much as 7 ms from one
	// action to the next (Fyne reads input once a frame, so every sample
	// waits 0–17 ms for the window's turn; inputDelay makes that wait
	// random), more than the margin the target leaves.
	// The reference's median beside each action is printed for the drift.
	ref := 0.0
	for _, r := range res {
		if r.c.reference && len(r.action) > 0 {
			ref = median(r.action)
		}
	}
	missed := 0
	fmt.Println()
	fmt.Printf("input to repaint, in the window (Xvfb, XTEST input, DAMAGE + GetImage); floor: a Fyne button changing a label, tapped the same way\n")
	fmt.Printf("%-36s| %9s | %9s | %7s | %11s | %9s | %7s | %s\n", "action", "median ms", "p90 ms", "÷ ref", "ref with ms", "floor ms", "÷ floor", fmt.Sprintf("≤ %.1f× ref", limit))
	fmt.Println(strings.Repeat("-", 36) + "+" + strings.Repeat("-", 11) + "+" + strings.Repeat("-", 11) + "+" + strings.Repeat("-", 9) + "+" + strings.Repeat("-", 13) + "+" + strings.Repeat("-", 11) + "+" + strings.Repeat("-", 9) + "+------")
	for _, r := range res {
		name := r.c.name
		if r.c.app == "large" {
			name = "large db: " + name
		}
		if r.err != "" || len(r.action) == 0 || ref == 0 {
			why := r.err
			if why == "" {
				why = r.skipped
			}
			if why == "" && ref == 0 {
				why = "the reference was not measured"
			}
			// A case that measured nothing fails as loudly as one too
			// slow: a click that stopped landing on its button must not
			// leave the table looking complete.
			fmt.Printf("%-36s| FAIL: not measured: %s\n", name, why)
			missed++
			continue
		}
		am, fm := median(r.action), median(r.floor)
		beside := am // the reference's own line
		if !r.c.reference {
			beside = median(r.ref)
		}
		held := am / ref
		status := "PASS"
		switch {
		case r.c.reference:
			status = "reference (all its samples)"
		case held > limit:
			status = "FAIL"
			missed++
		}
		fmt.Printf("%-36s| %9.1f | %9.1f | %6.2f× | %11.1f | %9.1f | %6.2f× | %s\n", name, am, percentile(r.action, 90), held, beside, fm, am/fm, status)
		if r.c.reference {
			continue
		}
		fmt.Printf("%-36s|   first time (warm-up, not counted): %.1f ms, reference %.1f ms, floor %.1f ms\n", "", r.first, r.firstRef, r.firstFloor)
		if r.missed > 0 {
			fmt.Printf("%-36s|   (%d sample(s) showed no effect and were measured again)\n", "", r.missed)
		}
	}
	fmt.Println()
	fmt.Println("median and p90 of the samples; after each action sample the floor and then the reference are sampled; ÷ ref: the action's median over the median of all the reference's samples of the run, which the target holds it to; ref with ms: the median of the reference's samples taken with the action's; ÷ floor: the action's median over the floor's taken with it.")
	return missed
}
