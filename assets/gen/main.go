// Command gen draws devpath's application icon, a rounded teal square with
// four rising steps and a path that climbs them to a milestone, and writes
// it as a PNG, as an SVG, or as the whole set of a desktop's icon theme. It
// uses only the standard library, so the icon can be drawn again on any
// machine with "go generate ./assets". The PNGs and the SVG come from the
// same shapes (layers), so every size shows the same drawing.
//
// Usage:
//
//	go run ./assets/gen [-o assets/icon.png] [-size 256]
//	go run ./assets/gen -svg -o assets/icon.svg
//	go run ./assets/gen -theme DIR -id APPID   (DIR/hicolor/NxN/apps/APPID.png
//	                                           for each size in ThemeSizes and
//	                                           DIR/hicolor/scalable/apps/APPID.svg)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// Palette of the icon.
var (
	bgTop    = color.NRGBA{R: 0x2e, G: 0x86, B: 0x8f, A: 0xff} // calm teal
	bgBottom = color.NRGBA{R: 0x1c, G: 0x5a, B: 0x6b, A: 0xff} // deeper teal
	stepLow  = color.NRGBA{R: 0xb9, G: 0xdd, B: 0xd8, A: 0xff} // pale mint
	stepHigh = color.NRGBA{R: 0xf4, G: 0xfb, B: 0xfa, A: 0xff} // almost white
	accent   = color.NRGBA{R: 0xf6, G: 0xb9, B: 0x3b, A: 0xff} // warm amber
	ring     = color.NRGBA{R: 0x1c, G: 0x5a, B: 0x6b, A: 0xff}
)

// design is the drawing's coordinate space: shapes are laid out on a
// 256×256 canvas and scaled to the requested size.
const design = 256.0

// samples is the number of subsamples per pixel along each axis, used for
// anti-aliasing.
const samples = 4

// shape reports whether the design-space point (x, y) lies inside it.
type shape func(x, y float64) bool

// layer is a shape filled with a colour that may vary with position, and the
// same shape filled the same way as an SVG element.
type layer struct {
	in   shape
	fill func(x, y float64) color.NRGBA
	svg  string
}

// ThemeSizes are the sizes of the PNG icons in a desktop's icon theme
// (hicolor), as Flathub asks for them: 16 to 512 pixels.
var ThemeSizes = []int{16, 32, 48, 64, 128, 256, 512}

// hex writes a colour as SVG reads it.
func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// num writes a design-space number without needless digits.
func num(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.2f", v), ".00") }

// rectSVG is roundRect as an SVG element.
func rectSVG(x0, y0, x1, y1, r float64, fill string) string {
	return fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s"/>`,
		num(x0), num(y0), num(x1-x0), num(y1-y0), num(r), fill)
}

// circleSVG is circle as an SVG element.
func circleSVG(cx, cy, r float64, c color.NRGBA) string {
	return fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, num(cx), num(cy), num(r), hex(c))
}

// strokeSVG is stroke as an SVG element.
func strokeSVG(w float64, c color.NRGBA, pts ...[2]float64) string {
	var p []string
	for _, pt := range pts {
		p = append(p, num(pt[0])+","+num(pt[1]))
	}
	return fmt.Sprintf(`<polyline points="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linecap="round" stroke-linejoin="round"/>`,
		strings.Join(p, " "), hex(c), num(w))
}

// solid returns a fill of one colour.
func solid(c color.NRGBA) func(x, y float64) color.NRGBA {
	return func(float64, float64) color.NRGBA { return c }
}

// roundRect is an axis-aligned rectangle with corners of radius r.
func roundRect(x0, y0, x1, y1, r float64) shape {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
}

// circle is a disc centred on (cx, cy).
func circle(cx, cy, r float64) shape {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

// stroke is a polyline of width w with round joins and caps.
func stroke(w float64, pts ...[2]float64) shape {
	h := w / 2
	return func(x, y float64) bool {
		for i := 0; i+1 < len(pts); i++ {
			if segmentDist(x, y, pts[i], pts[i+1]) <= h {
				return true
			}
		}
		return false
	}
}

// segmentDist is the distance from (x, y) to the segment a–b.
func segmentDist(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	px, py := a[0]+t*dx-x, a[1]+t*dy-y
	return math.Hypot(px, py)
}

// mix blends a and b, t in [0, 1].
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*t)) }
	return color.NRGBA{R: l(a.R, b.R), G: l(a.G, b.G), B: l(a.B, b.B), A: l(a.A, b.A)}
}

// layers returns the icon's drawing, back to front, in design space.
func layers() []layer {
	const (
		margin = 8.0
		radius = 52.0
		base   = 200.0 // the floor the steps stand on
		left   = 40.0
		stepW  = 38.0
		gap    = 6.0
	)
	ls := []layer{{
		in: roundRect(margin, margin, design-margin, design-margin, radius),
		fill: func(_, y float64) color.NRGBA {
			return mix(bgTop, bgBottom, (y-margin)/(design-2*margin))
		},
		svg: fmt.Sprintf(`<defs><linearGradient id="bg" gradientUnits="userSpaceOnUse" x1="0" y1="%s" x2="0" y2="%s">`+
			`<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>`,
			num(margin), num(design-margin), hex(bgTop), hex(bgBottom)) + "\n" +
			rectSVG(margin, margin, design-margin, design-margin, radius, "url(#bg)"),
	}}
	heights := []float64{34, 70, 106, 142}
	var path [][2]float64
	for i, h := range heights {
		x0 := left + float64(i)*(stepW+gap)
		t := float64(i) / float64(len(heights)-1)
		c := mix(stepLow, stepHigh, t)
		ls = append(ls, layer{
			in:   roundRect(x0, base-h, x0+stepW, base, 6),
			fill: solid(c),
			svg:  rectSVG(x0, base-h, x0+stepW, base, 6, hex(c)),
		})
		path = append(path, [2]float64{x0 + stepW/2, base - h - 20})
	}
	ls = append(ls, layer{in: stroke(9, path...), fill: solid(accent), svg: strokeSVG(9, accent, path...)})
	dot := func(cx, cy, r float64, c color.NRGBA) layer {
		return layer{in: circle(cx, cy, r), fill: solid(c), svg: circleSVG(cx, cy, r, c)}
	}
	for i, p := range path {
		r := 9.0
		if i == len(path)-1 {
			r = 15 // the milestone the path leads to
		}
		ls = append(ls, dot(p[0], p[1], r, accent))
		if i < len(path)-1 {
			ls = append(ls, dot(p[0], p[1], 4, ring))
		}
	}
	top := path[len(path)-1]
	ls = append(ls, dot(top[0], top[1], 6, stepHigh))
	return ls
}

// render draws the icon at size×size pixels.
func render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	ls := layers()
	scale := design / float64(size)
	const n = samples * samples
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			// Premultiplied sums over the subsamples.
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					var c color.NRGBA
					for _, l := range ls {
						if l.in(x, y) {
							c = l.fill(x, y)
						}
					}
					al := float64(c.A) / 255
					r += float64(c.R) * al
					g += float64(c.G) * al
					b += float64(c.B) * al
					a += al
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)),
				G: uint8(math.Round(g / a)),
				B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a / n * 255)),
			})
		}
	}
	return img
}

// encode returns the icon as PNG bytes, compressed as far as image/png can.
func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode icon: %w", err)
	}
	return buf.Bytes(), nil
}

// svgIcon returns the icon as an SVG document: the layers' elements, back to
// front, on the 256×256 design canvas.
func svgIcon() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%[1]s" height="%[1]s" viewBox="0 0 %[1]s %[1]s">`+"\n", num(design))
	for _, l := range layers() {
		b.WriteString(l.svg + "\n")
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// writeTheme writes the icon set of a desktop's icon theme under dir:
// hicolor/NxN/apps/id.png for each of ThemeSizes and
// hicolor/scalable/apps/id.svg.
func writeTheme(dir, id string) error {
	files := map[string][]byte{filepath.Join("scalable", "apps", id+".svg"): svgIcon()}
	for _, n := range ThemeSizes {
		data, err := encode(render(n))
		if err != nil {
			return err
		}
		files[filepath.Join(fmt.Sprintf("%dx%d", n, n), "apps", id+".png")] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, "hicolor", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	out := flag.String("o", "icon.png", "write the icon to this `file`")
	size := flag.Int("size", 256, "width and height in `pixels`")
	asSVG := flag.Bool("svg", false, "write the SVG instead of a PNG")
	theme := flag.String("theme", "", "write the icon theme's set under this `folder` instead")
	id := flag.String("id", "", "the application `id` that names the icon theme's files")
	flag.Parse()
	if flag.NArg() > 0 || *size < 16 || *size > 4096 || (*theme != "") != (*id != "") {
		fmt.Fprintln(os.Stderr, "usage: gen [-o file] [-size 16..4096] [-svg] | gen -theme folder -id appid")
		os.Exit(2)
	}
	var err error
	switch {
	case *theme != "":
		err = writeTheme(*theme, *id)
		*out = *theme
	case *asSVG:
		err = os.WriteFile(*out, svgIcon(), 0o644)
	default:
		var data []byte
		if data, err = encode(render(*size)); err == nil {
			err = os.WriteFile(*out, data, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: write %s: %v\n", *out, err)
		os.Exit(1)
	}
}
