package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// TestSVGUpToDate fails when assets/icon.svg is not what this program
// writes.
func TestSVGUpToDate(t *testing.T) {
	data, err := os.ReadFile("../icon.svg")
	if err != nil {
		t.Fatalf("read committed SVG: %v", err)
	}
	if !bytes.Equal(data, svgIcon()) {
		t.Error("assets/icon.svg differs from the drawing; run go generate ./assets")
	}
}

// TestSVGLooksLikePNG draws the SVG with librsvg (rsvg-convert, as desktops
// draw scalable icons) and compares it with the PNG drawn from the same
// layers, pixel by pixel: a shape left out of the SVG or placed elsewhere
// changes hundreds of pixels by far more than anti-aliasing does.
func TestSVGLooksLikePNG(t *testing.T) {
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Fatal("rsvg-convert is missing (package librsvg2-bin; make deps installs it)")
	}
	for _, size := range []int{48, 256} {
		cmd := exec.Command(rsvg, "-w", strconv.Itoa(size), "-h", strconv.Itoa(size))
		cmd.Stdin = bytes.NewReader(svgIcon())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("rsvg-convert: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("decode rsvg-convert's PNG: %v", err)
		}
		// Anti-aliasing differs along every edge by a few levels and,
		// rarely, by more where librsvg and the sampler round a curve
		// differently; a missing or moved shape leaves a block of pixels
		// far off.
		if n := farPixels(img, render(size)); n > size*size/1000 {
			t.Errorf("size %d: %d pixels of the SVG drawn by librsvg are far from the PNG's, want at most %d", size, n, size*size/1000)
		}
	}
}

// farPixels counts the pixels of two same-sized images that differ by more
// than a quarter of the range in some channel (premultiplied, so
// transparent pixels agree whatever their colour).
func farPixels(a, b image.Image) int {
	n := 0
	r := b.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
				if math.Abs(float64(d[0])-float64(d[1])) > 0xffff/4 {
					n++
					break
				}
			}
		}
	}
	return n
}

// TestWriteTheme writes the icon theme's set and checks each file's size.
func TestWriteTheme(t *testing.T) {
	dir := t.TempDir()
	if err := writeTheme(dir, "org.example.test"); err != nil {
		t.Fatal(err)
	}
	for _, n := range ThemeSizes {
		data, err := os.ReadFile(filepath.Join(dir, "hicolor", fmt.Sprintf("%dx%d", n, n), "apps", "org.example.test.png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != n || cfg.Height != n {
			t.Errorf("%d px icon: %v, %d×%d", n, err, cfg.Width, cfg.Height)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "hicolor", "scalable", "apps", "org.example.test.svg")); err != nil {
		t.Error(err)
	}
}
