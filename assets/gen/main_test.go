package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// TestIconUpToDate fails when assets/icon.png is not what this program draws,
// that is when the drawing changed and "go generate ./assets" was not run.
func TestIconUpToDate(t *testing.T) {
	data, err := os.ReadFile("../icon.png")
	if err != nil {
		t.Fatalf("read committed icon: %v", err)
	}
	committed, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode committed icon: %v", err)
	}
	drawn := render(256)
	if committed.Bounds() != drawn.Bounds() {
		t.Fatalf("committed icon is %v, drawn icon is %v", committed.Bounds(), drawn.Bounds())
	}
	diff := 0
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			r1, g1, b1, a1 := committed.At(x, y).RGBA()
			r2, g2, b2, a2 := drawn.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d pixels of assets/icon.png differ from the drawing; run go generate ./assets", diff)
	}
}

// TestRenderShape checks the drawing itself: transparent corners, an opaque
// teal body, the amber path and a size that scales.
func TestRenderShape(t *testing.T) {
	for _, size := range []int{64, 256} {
		img := render(size)
		if got := img.Bounds(); got != image.Rect(0, 0, size, size) {
			t.Fatalf("render(%d) bounds = %v", size, got)
		}
		if a := img.NRGBAAt(1, 1).A; a != 0 {
			t.Errorf("render(%d): corner alpha = %d, want 0 (rounded corners)", size, a)
		}
		mid := img.NRGBAAt(size/8, size/2)
		if mid.A != 255 || mid.G <= mid.R || mid.B <= mid.R {
			t.Errorf("render(%d): body pixel %v is not opaque teal", size, mid)
		}
	}
	img := render(256)
	// The milestone at the end of the path is amber around a light centre.
	found := false
	for y := 0; y < 256 && !found; y++ {
		for x := 0; x < 256; x++ {
			if img.NRGBAAt(x, y) == accent {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("render(256) has no pixel of the accent colour: the path is missing")
	}
}

// TestEncodeSmall keeps the icon a few kilobytes.
func TestEncodeSmall(t *testing.T) {
	data, err := encode(render(256))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 16<<10 {
		t.Errorf("icon is %d bytes, want at most 16 KiB", len(data))
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("encoded icon does not decode: %v", err)
	}
}
