package report

import (
	"encoding/binary"
	"encoding/hex"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/bidi"
)

// newPDFDoc starts drawing on pdf the document whose text is held in
// content. It finds the fonts that text needs before anything is drawn, so
// that the note on characters without a font can open the document, and
// returns those characters.
func newPDFDoc(pdf *fpdf.Fpdf, content any) (*pdfDoc, []rune) {
	p := &pdfDoc{pdf: pdf, fonts: newFontSet(pdf), missing: map[rune]bool{}}
	need := map[rune]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String: // Arabic letters in their joined forms
			for _, u := range shapeArabic([]rune(p.t(v.String()))) {
				for _, r := range u.shown {
					need[r] = true
				}
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(content))
	delete(need, ' ')
	delete(need, fsi)
	delete(need, pdi)
	return p, p.fonts.prepare(slices.Sorted(maps.Keys(need)))
}

// piece is text drawn in one font, in drawing order. A reader extracts
// actual instead of the glyphs when it is set: for shaped right-to-left
// letters and for boxes.
type piece struct {
	text, family, style, actual string
	width                       float64
	box                         bool // boxes for characters no font has
}

// textStyle is the font style and size text is set in.
type textStyle struct {
	style string
	size  float64 // points
}

// layout turns one line of text into pieces in drawing order, measured in
// the style ts.
//
// Right-to-left letters are drawn in their joined forms, last letter
// first. Each joined form carries the letter it stands for as its actual
// text, so that copying and pdftotext give back the letters typed rather
// than the joined forms. pdftotext lays out the letters of one glyph's
// actual text in the direction of the page and then reverses
// right-to-left text, so a lam-alef ligature lists alef first.
func (p *pdfDoc) layout(s string, ts textStyle) []piece {
	var ps []piece
	if p.simple(s) { // most text: left to right, all in the embedded font
		ps = []piece{{text: strings.NewReplacer(string(fsi), "", string(pdi), "").Replace(s), family: goFamily, style: ts.style}}
	} else {
		units, _ := bidiOrder(s)
		for _, u := range units {
			m, ok := mirrored(u.shown[0])
			letters := []rune(strings.Map(func(r rune) rune {
				if transparent(r) {
					return -1
				}
				return r
			}, u.logical))
			switch {
			case u.level%2 == 0:
				ps = p.pieces(ps, u.shown, "", ts)
			case ok && len(u.shown) == 1: // a bracket in right-to-left text opens to the left
				ps = p.pieces(ps, []rune{m}, u.logical, ts)
			default:
				// Right to left, a letter's marks come first: they hang over
				// the glyph drawn after them.
				marks := slices.Clone(u.shown[1:])
				slices.Reverse(marks)
				ps = p.pieces(ps, marks, "", ts)
				if slices.Reverse(letters); string(letters) == string(u.shown[0]) {
					ps = p.pieces(ps, u.shown[:1], "", ts)
				} else {
					ps = p.pieces(ps, u.shown[:1], string(letters), ts)
				}
			}
		}
	}
	for i, pc := range ps {
		p.setFont(pc.family, pc.style, ts.size)
		ps[i].width = p.pdf.GetStringWidth(pc.text)
	}
	p.setFont(goFamily, ts.style, ts.size)
	return ps
}

// simple reports whether s is drawn left to right in the embedded font,
// with nothing to reorder or join.
func (p *pdfDoc) simple(s string) bool {
	for _, r := range s {
		if c := class(r); c == bidi.R || c == bidi.AL || c == bidi.AN || !has(goFont(), r) && r != fsi && r != pdi {
			return false
		}
	}
	return true
}

// pieces appends rs to ps split by font; actual, when set, is what a
// reader gets for all of them. A character no font has is drawn as a box
// and read as itself.
func (p *pdfDoc) pieces(ps []piece, rs []rune, actual string, ts textStyle) []piece {
	for _, r := range rs {
		fam, st, ok := p.fonts.face(r, ts.style)
		pc := piece{text: string(r), family: fam, style: st, actual: actual}
		switch {
		case r == fsi || r == pdi:
			continue
		case !ok && unicode.Is(unicode.Mn, r) && len(ps) > 0 && !ps[len(ps)-1].box:
			// A mark the base letter's font lacks: left out rather than
			// boxed; the reader still gets it from the text.
			p.missing[r] = true
			continue
		case !ok:
			p.missing[r] = true
			pc = piece{text: string(placeholder), family: goFamily, style: ts.style, actual: actual, box: true}
			if actual == "" {
				pc.actual = string(r)
			}
		}
		if n := len(ps) - 1; n >= 0 && actual == "" && ps[n].family == pc.family && ps[n].style == pc.style && (ps[n].actual == "") == (pc.actual == "") {
			ps[n].text, ps[n].actual = ps[n].text+pc.text, ps[n].actual+pc.actual
		} else {
			ps = append(ps, pc)
		}
	}
	return ps
}

// setFont selects a font unless it is selected already: fpdf writes every
// change into the page.
func (p *pdfDoc) setFont(family, style string, size float64) {
	if k := (textStyle{style: family + "\x00" + style, size: size}); p.set != k {
		p.set = k
		p.pdf.SetFont(family, style, size)
	}
}

// textWidth measures one line of text in the current style.
func (p *pdfDoc) textWidth(s string) float64 {
	w := 0.0
	for _, pc := range p.layout(s, p.cur) {
		w += pc.width
	}
	return w
}

// drawLine draws one line of text in a box of width w and height h at x,
// y, aligned like fpdf's cells ('L', 'R' or 'C', with the cell margin);
// link, when set, makes the text a link.
func (p *pdfDoc) drawLine(x, y, w, h float64, s string, align byte, link string) {
	pieces := p.layout(s, p.cur)
	total := 0.0
	for _, pc := range pieces {
		total += pc.width
	}
	m := p.pdf.GetCellMargin()
	dx := m
	switch align {
	case 'R':
		dx = w - m - total
	case 'C':
		dx = (w - total) / 2
	}
	_, unit := p.pdf.GetFontSize()
	cx := x + dx
	for _, pc := range pieces {
		if pc.actual != "" {
			// The actual text as a PDF text string: UTF-16 with a byte
			// order mark.
			b := []byte{0xFE, 0xFF}
			for _, u := range utf16.Encode([]rune(pc.actual)) {
				b = binary.BigEndian.AppendUint16(b, u)
			}
			p.pdf.RawWriteStr("/Span <</ActualText <" + hex.EncodeToString(b) + ">>> BDC")
		}
		p.setFont(pc.family, pc.style, p.cur.size)
		p.pdf.Text(cx, y+0.5*h+0.3*unit, pc.text)
		cx += pc.width
		if pc.actual != "" {
			p.pdf.RawWriteStr("EMC")
		}
	}
	p.setFont(goFamily, p.cur.style, p.cur.size)
	if link != "" && total > 0 {
		p.pdf.LinkString(x+dx, y+0.5*h-0.5*unit, total, unit, link)
	}
}

// wrap breaks text into lines no wider than w millimetres in the current
// style, where Unicode's line breaking rules allow (at spaces, between
// Chinese and Japanese characters, after hyphens), and inside a word only
// when the word alone is too wide.
func (p *pdfDoc) wrap(s string, w float64) []string {
	var lines []string
	line, lineW := "", 0.0
	for _, tok := range breakTokens(s) {
		text := tok.text
		if tok.space && line != "" {
			text = " " + text
		}
		tw := p.textWidth(text)
		if line != "" && lineW+tw > w {
			lines, line, lineW = append(lines, line), "", 0
			text, tw = tok.text, p.textWidth(tok.text)
		}
		for rs := []rune(text); line == "" && tw > w && len(rs) > 1; text, tw = string(rs), p.textWidth(string(rs)) {
			k := 1 // a word wider than the line is cut where it overflows
			for k < len(rs)-1 && p.textWidth(string(rs[:k+1])) <= w {
				k++
			}
			lines, rs = append(lines, string(rs[:k])), rs[k:]
		}
		line, lineW = line+text, lineW+tw
	}
	lines = append(lines, line)
	// An isolate cut by the wrapping is closed at the end of the line and
	// opened again on the next.
	depth := 0
	for i, l := range lines {
		open := depth
		depth += strings.Count(l, string(fsi)) - strings.Count(l, string(pdi))
		depth = max(depth, 0)
		lines[i] = strings.Repeat(string(fsi), open) + l + strings.Repeat(string(pdi), depth)
	}
	return lines
}

// token is a piece of text that a line may not break inside.
type token struct {
	text  string
	space bool // a space comes before it
}

// breakTokens splits normalised text (single spaces) into tokens where
// Unicode's line breaking rules allow a break: at spaces, between Chinese
// or Japanese characters (but not before the punctuation that follows
// them), after hyphens.
func breakTokens(s string) []token {
	var toks []token
	var seg segmenter.Segmenter
	seg.InitWithString(s)
	space := true
	for it := seg.LineIterator(); it.Next(); {
		text := string(it.Line().Text)
		word := strings.TrimRight(text, " ")
		toks = append(toks, token{word, space})
		space = word != text
	}
	return toks
}

// t puts text on one line: runs of white space become one space, and
// control and formatting characters, which no font draws, are dropped, as
// are variation selectors (which pick glyph variants the PDF's fonts do not
// have); isolates stay.
func (p *pdfDoc) t(s string) string {
	return strings.Map(func(r rune) rune {
		if r == fsi || r == pdi || !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Variation_Selector) && r != unicode.ReplacementChar {
			return r
		}
		return -1
	}, strings.Join(strings.Fields(s), " "))
}

// fit prepares s and cuts it with "..." to fit in w millimetres in the
// current font.
func (p *pdfDoc) fit(s string, w float64) string {
	rs := []rune(p.t(s))
	if p.textWidth(string(rs)) <= w {
		return string(rs)
	}
	for len(rs) > 0 && p.textWidth(string(rs)+"...") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "..."
}
