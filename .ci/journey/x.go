package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// display is one X display, driven with XTEST events through xdotool and
// read back with ImageMagick's import.
type display struct {
	name string // ":N"
}

// run runs an X client on the display and returns its standard output.
func (d display) run(timeout time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// xdotool runs one xdotool command line.
func (d display) xdotool(args ...string) error {
	_, err := d.run(20*time.Second, "xdotool", args...)
	return err
}

// keyDelay is the pause xdotool makes between key events: long enough for
// a loaded machine to draw between them, short enough to type a name.
const keyDelay = "60"

// keys presses keys one after the other, each as xdotool names them
// ("Tab", "ctrl+e", "shift+Tab", "space").
func (d display) keys(keys ...string) error {
	return d.xdotool(append([]string{"key", "--clearmodifiers", "--delay", keyDelay}, keys...)...)
}

// typeText types text as key presses.
func (d display) typeText(text string) error {
	return d.xdotool("type", "--clearmodifiers", "--delay", keyDelay, text)
}

// windowNamed returns the id of a mapped window whose name starts with
// prefix, or "" when there is none.
func (d display) windowNamed(prefix string) string {
	out, err := d.run(10*time.Second, "xdotool", "search", "--onlyvisible", "--name", "^"+prefix)
	if err != nil {
		return ""
	}
	for _, id := range strings.Fields(out) {
		return id
	}
	return ""
}

// geometry returns a window's size.
func (d display) geometry(wid string) (w, h int, err error) {
	out, err := d.run(10*time.Second, "xwininfo", "-id", wid)
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "Width:" {
			w, _ = strconv.Atoi(f[1])
		}
		if len(f) == 2 && f[0] == "Height:" {
			h, _ = strconv.Atoi(f[1])
		}
	}
	if w == 0 || h == 0 {
		return 0, 0, fmt.Errorf("xwininfo -id %s shows no size", wid)
	}
	return w, h, nil
}

// capture takes a picture of a window, as raw RGB (much cheaper than a
// PNG to make and to read).
func (d display) capture(wid string) (*image.RGBA, error) {
	w, h, err := d.geometry(wid)
	if err != nil {
		return nil, err
	}
	out, err := d.runBytes(20*time.Second, "import", "-window", wid, "-depth", "8", "rgb:-")
	if err != nil {
		return nil, err
	}
	if len(out) != w*h*3 {
		return nil, fmt.Errorf("the screenshot has %d bytes, not %d for %dx%d (the window changed size)", len(out), w*h*3, w, h)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; i < len(out); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = out[i], out[i+1], out[i+2], 0xff
	}
	return img, nil
}

func (d display) runBytes(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out, nil
}

// clipboard returns the text of the CLIPBOARD selection.
func (d display) clipboard() (string, error) {
	return d.run(10*time.Second, "xclip", "-o", "-selection", "clipboard", "-t", "UTF8_STRING")
}

// diffPixels counts the pixels that differ between two pictures of the
// same size, leaving out the bottom rows (the status line, whose notices
// come and go on a timer). Pictures of different sizes differ everywhere.
func diffPixels(a, b *image.RGBA, skipBottom int) int {
	if a == nil || b == nil || a.Bounds() != b.Bounds() {
		if a != nil {
			return a.Bounds().Dx() * a.Bounds().Dy()
		}
		return 1 << 30
	}
	r := a.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y-skipBottom; y++ {
		ra := a.Pix[a.PixOffset(r.Min.X, y):a.PixOffset(r.Max.X, y)]
		rb := b.Pix[b.PixOffset(r.Min.X, y):b.PixOffset(r.Max.X, y)]
		if bytes.Equal(ra, rb) {
			continue
		}
		for i := 0; i < len(ra); i += 4 {
			if ra[i] != rb[i] || ra[i+1] != rb[i+1] || ra[i+2] != rb[i+2] {
				n++
			}
		}
	}
	return n
}

// luminance is the mean brightness of a picture, 0 (black) to 1 (white).
func luminance(img *image.RGBA) float64 {
	var sum, n float64
	for i := 0; i+3 < len(img.Pix); i += 4 * 7 { // every 7th pixel is plenty
		r, g, b := float64(img.Pix[i]), float64(img.Pix[i+1]), float64(img.Pix[i+2])
		sum += (0.2126*r + 0.7152*g + 0.0722*b) / 255
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// colours counts the distinct colours of a picture, up to limit.
func colours(img *image.RGBA, limit int) int {
	seen := map[[3]byte]bool{}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		seen[[3]byte{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}] = true
		if len(seen) >= limit {
			break
		}
	}
	return len(seen)
}

// savePNG writes a picture to a file.
func savePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
