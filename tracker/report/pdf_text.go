package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// fpdf draws characters, one glyph each, left to right. So a line is put in
// drawing order by the bidirectional algorithm, and an Arabic letter is
// drawn as the character of the contextual form harfbuzz picks, with the
// letter as its actual text for copying and pdftotext.

// Isolates: text between fsi and pdi takes its own direction and sits in
// the line as one neutral character; what the user typed is put in them.
const (
	fsi = '\u2068'
	pdi = '\u2069'
)

// isolate marks s as an isolate.
func isolate(s string) string {
	if s == "" {
		return s
	}
	return string(fsi) + s + string(pdi)
}

// unit is the glyph character, then the marks on it, that the PDF draws for
// one or more characters, at a bidirectional level (odd: right to left).
type unit struct {
	shown   []rune
	logical string // the characters it stands for
	level   int
}

func class(r rune) bidi.Class { p, _ := bidi.LookupRune(r); return p.Class() }

// transparent reports whether r is a mark that sits on a letter.
func transparent(r rune) bool { return class(r) == bidi.NSM }

// arabicForms maps letters (lam-alef is two) to the presentation forms
// Unicode decomposes to them, the isolated one first.
var arabicForms = sync.OnceValue(func() map[string][]rune {
	m := map[string][]rune{}
	for r := rune(0xFB50); r <= 0xFEFC; r++ {
		if d := norm.NFKD.String(string(r)); d != string(r) {
			m[d] = append(m[d], r)
		}
	}
	return m
})

// shapeArabic splits rs into units in logical order. harfbuzz shapes each
// Arabic run; a cluster is drawn as the form its font maps to the glyph (the
// plain glyph of an isolated letter: its isolated form), or as its letters.
func shapeArabic(rs []rune) (units []unit) {
	fontsMu.Lock()
	defer fontsMu.Unlock()
	arabic := func(k int) bool { return language.LookupScript(rs[k]) == language.Arabic }
	for i, j := 0, 0; i < len(rs); i = j {
		for j = i + 1; j < len(rs) && (arabic(i) && arabic(j) || transparent(rs[j])); j++ {
		}
		var face *font.Face
		if arabic(i) {
			face, _ = systemFace(rs[i])
		}
		if face == nil {
			units = plainUnits(units, rs[i:j])
			continue
		}
		glyphs := shaper.Shape(shaping.Input{Text: rs, RunStart: i, RunEnd: j, Direction: di.DirectionRTL,
			Face: face, Size: fixed.I(10), Script: language.Arabic, Language: language.NewLanguage("ar")}).Glyphs
		for k := len(glyphs) - 1; k >= 0; k-- { // logical order; a cluster's marks come from the text
			if g := glyphs[k]; k+1 == len(glyphs) || glyphs[k+1].TextIndex() != g.TextIndex() {
				logical := rs[g.TextIndex() : g.TextIndex()+g.RunesCount()]
				letters := slices.DeleteFunc(slices.Clone(logical), transparent)
				plain, _ := face.Cmap.Lookup(letters[0])
				forms := arabicForms()[norm.NFKD.String(string(letters))]
				at := slices.IndexFunc(forms, func(f rune) bool {
					fg, ok := face.Cmap.Lookup(f)
					return ok && (fg == g.GlyphID || f == forms[0] && len(letters) == 1 && g.GlyphID == plain)
				})
				if at < 0 {
					units = plainUnits(units, logical)
				} else {
					marks := slices.DeleteFunc(slices.Clone(logical), func(r rune) bool { return !transparent(r) })
					units = append(units, unit{shown: append([]rune{forms[at]}, marks...), logical: string(logical)})
				}
			}
		}
	}
	return units
}

// plainUnits appends rs to units as drawn: each character with its marks.
func plainUnits(units []unit, rs []rune) []unit {
	for _, r := range rs {
		if n := len(units) - 1; n >= 0 && transparent(r) {
			units[n].shown, units[n].logical = append(units[n].shown, r), units[n].logical+string(r)
		} else {
			units = append(units, unit{shown: []rune{r}, logical: string(r)})
		}
	}
	return units
}

// bidiOrder shapes a line and puts its units in drawing order: rule L2
// reverses, from the highest level down to 1, every run at that level or up.
func bidiOrder(s string) (units []unit, rtl bool) {
	rs := []rune(s)
	levels, rtl := runLevels(rs)
	at := 0
	for _, u := range shapeArabic(rs) {
		if u.shown[0] != fsi && u.shown[0] != pdi {
			u.level = levels[at]
			units = append(units, u)
		}
		at += utf8.RuneCountInString(u.logical)
	}
	for lv := slices.Max(append(levels, 0)); lv >= 1; lv-- {
		for i, j := 0, 0; i < len(units); i = j + 1 {
			for j = i; j < len(units) && units[j].level >= lv; j++ {
			}
			slices.Reverse(units[i:j])
		}
	}
	return units, rtl
}

// firstStrong reports whether the first strong letter of rs, outside
// isolates and before the pdi closing rs, runs right to left.
func firstStrong(rs []rune) bool {
	for i, depth := 0, 0; i < len(rs) && depth >= 0; i++ {
		if c := class(rs[i]); depth == 0 && (c == bidi.L || c == bidi.R || c == bidi.AL) {
			return c != bidi.L
		} else if rs[i] == fsi {
			depth++
		} else if rs[i] == pdi {
			depth--
		}
	}
	return false
}

// runLevels returns the level of each rune of a line, and whether the line
// runs right to left. x/text gives each rune's direction but not its level:
// the base level of the isolate holding it, one more if the direction
// differs, two more for a number after a right-to-left letter.
func runLevels(rs []rune) ([]int, bool) {
	levels, right := make([]int, len(rs)), make([]bool, len(rs))
	var p bidi.Paragraph
	_, err := p.SetString(string(rs))
	o, err2 := p.Order()
	for i := 0; err == nil && err2 == nil && i < o.NumRuns(); i++ {
		run := o.Run(i)
		a, b := run.Pos()
		for k := a; k <= b; k++ {
			right[k] = run.Direction() == bidi.RightToLeft
		}
	}
	// Per open isolate, its base level and if its last strong letter is right to left.
	rtl := firstStrong(rs)
	base, afterR := []int{0}, []bool{rtl}
	if rtl {
		base[0] = 1
	}
	for i, r := range rs {
		n, c := len(base)-1, class(r)
		b := base[n]
		switch {
		case r == fsi && firstStrong(rs[i+1:]):
			base, afterR = append(base, b+1+b%2), append(afterR, true)
		case r == fsi:
			base, afterR = append(base, b+2-b%2), append(afterR, false)
		case r == pdi && n > 0:
			base, afterR, b = base[:n], afterR[:n], base[n-1]
		case c == bidi.L || c == bidi.R || c == bidi.AL:
			afterR[n] = c != bidi.L
		}
		// A separator between digits is part of the number.
		sep := (c == bidi.CS || c == bidi.ES) && i > 0 && i+1 < len(rs) && levels[i-1] == b+2 && slices.Contains([]bidi.Class{bidi.EN, bidi.AN}, class(rs[i+1]))
		if levels[i] = b; right[i] {
			levels[i] = b | 1
		} else if b%2 == 1 || afterR[len(afterR)-1] && (c == bidi.EN || c == bidi.AN || sep) {
			levels[i] = b + 2 - b%2
		}
	}
	return levels, rtl
}

// mirrored returns the mirror image of a bracket, drawn in right-to-left
// text, or r.
func mirrored(r rune) rune {
	if p, _ := bidi.LookupRune(r); p.IsBracket() {
		r, _ = utf8.DecodeRuneInString(bidi.ReverseString(string(r)))
	}
	return cmp.Or(map[rune]rune{'<': '>', '>': '<', '«': '»', '»': '«'}[r], r)
}

// newPDFDoc starts a document on pdf with the text in content. Its fonts
// are found first, so that the note on characters without one can open it.
func newPDFDoc(pdf *fpdf.Fpdf, content any) (*pdfDoc, []rune, error) {
	p := &pdfDoc{pdf: pdf, fonts: newFontSet(pdf), missing: map[rune]bool{}}
	text, err := xml.Marshal(content) // every string in it, between ASCII tags
	rs := []rune(p.t(string(text)))
	if slices.ContainsFunc(rs, func(r rune) bool { return language.LookupScript(r) == language.Arabic }) {
		for _, u := range shapeArabic(rs) { // Arabic letters in their joined forms
			rs = append(rs, u.shown...)
		}
	}
	return p, p.fonts.prepare(rs), err
}

// piece is text drawn in one font; a reader takes actual, when set, for
// the glyphs: for shaped letters and for boxes.
type piece struct {
	text, family, style, actual string
	width                       float64
}

// textStyle is the font style and size text is set in.
type textStyle struct {
	style string
	size  float64 // points
}

// layout turns a line into pieces in drawing order, measured in the style
// ts, and their width. Right to left, marks come first, to hang over the
// glyph after them; pdftotext reverses right-to-left actual text, so a
// lam-alef ligature lists alef first.
func (p *pdfDoc) layout(s string, ts textStyle) (ps []piece, width float64) {
	var units []unit
	if strings.ContainsFunc(s, func(r rune) bool {
		return slices.Contains([]bidi.Class{bidi.R, bidi.AL, bidi.AN}, class(r)) || !has(goFace().Font, r) && r != fsi && r != pdi
	}) {
		units, _ = bidiOrder(s)
	} else { // most text: left to right, all in the embedded font
		ps = []piece{{text: strings.ReplaceAll(strings.ReplaceAll(s, string(fsi), ""), string(pdi), ""), family: goFamily, style: ts.style}}
	}
	for _, u := range units {
		if u.level%2 == 0 {
			ps = p.pieces(ps, u.shown, "", ts)
			continue
		}
		letters, marks := slices.DeleteFunc([]rune(u.logical), transparent), slices.Clone(u.shown[1:])
		slices.Reverse(letters)
		slices.Reverse(marks)
		if m := mirrored(u.shown[0]); m != u.shown[0] && len(u.shown) == 1 {
			u.shown = []rune{m}
		} else if string(letters) == string(u.shown[0]) {
			letters = nil // no actual text: the letter itself
		}
		ps = p.pieces(p.pieces(ps, marks, "", ts), u.shown[:1], string(letters), ts)
	}
	for i, pc := range ps {
		p.setFont(pc.family, pc.style, ts.size)
		ps[i].width = p.pdf.GetStringWidth(pc.text)
		width += ps[i].width
	}
	p.setFont(goFamily, ts.style, ts.size)
	return ps, width
}

// pieces appends rs to ps split by font, to be read as actual if set. A
// character no font has is a box read as itself; a mark the letter's font
// lacks is left out.
func (p *pdfDoc) pieces(ps []piece, rs []rune, actual string, ts textStyle) []piece {
	for _, r := range rs {
		pc := piece{text: string(r), family: goFamily, style: ts.style, actual: actual}
		if fam, ok := p.fonts.family[r]; ok { // a system font, standing in for bold too
			pc.family, pc.style = fam, strings.ReplaceAll(ts.style, "B", "")
		} else if !has(goFace().Font, r) {
			p.missing[r] = true
			if n := len(ps) - 1; unicode.Is(unicode.Mn, r) && n >= 0 && !strings.HasSuffix(ps[n].text, string(placeholder)) {
				continue
			}
			pc.text, pc.actual = string(placeholder), cmp.Or(actual, string(r))
		}
		if n := len(ps) - 1; n >= 0 && actual == "" && ps[n].family == pc.family && ps[n].style == pc.style && (ps[n].actual == "") == (pc.actual == "") {
			ps[n].text, ps[n].actual = ps[n].text+pc.text, ps[n].actual+pc.actual
		} else {
			ps = append(ps, pc)
		}
	}
	return ps
}

// setFont selects a font unless it is selected: fpdf writes every change.
func (p *pdfDoc) setFont(family, style string, size float64) {
	if k := (textStyle{style: family + "\x00" + style, size: size}); p.set != k {
		p.set = k
		p.pdf.SetFont(family, style, size)
	}
}

// textWidth measures one line of text in the current style.
func (p *pdfDoc) textWidth(s string) float64 { _, w := p.layout(s, p.cur); return w }

// drawLine draws a line of text in a box w by h at x, y, aligned like
// fpdf's cells ('L', 'R' or 'C'), as a link if link is set.
func (p *pdfDoc) drawLine(x, y, w, h float64, s string, align byte, link string) {
	pieces, total := p.layout(s, p.cur)
	dx := p.pdf.GetCellMargin()
	if align == 'R' {
		dx = w - dx - total
	} else if align == 'C' {
		dx = (w - total) / 2
	}
	_, unit := p.pdf.GetFontSize()
	cx := x + dx
	for _, pc := range pieces {
		if pc.actual != "" { // a PDF text string: UTF-16 with a byte order mark, in hex with spaces
			p.pdf.RawWriteStr("/Span <</ActualText <FEFF" + strings.Trim(fmt.Sprintf("%04X", utf16.Encode([]rune(pc.actual))), "[]") + ">>> BDC")
		}
		p.setFont(pc.family, pc.style, p.cur.size)
		p.pdf.Text(cx, y+0.5*h+0.3*unit, pc.text)
		if cx += pc.width; pc.actual != "" {
			p.pdf.RawWriteStr("EMC")
		}
	}
	p.setFont(goFamily, p.cur.style, p.cur.size)
	if link != "" && total > 0 {
		p.pdf.LinkString(x+dx, y+0.5*h-0.5*unit, total, unit, link)
	}
}

// wrap breaks text into lines no wider than w millimetres where Unicode's
// line breaking rules allow (at spaces, between Chinese characters but not
// before the punctuation after them, after hyphens), and inside a word only
// if it alone is wider.
func (p *pdfDoc) wrap(s string, w float64) []string {
	var lines []string
	line, lineW, space := "", 0.0, p.textWidth(" ")
	var seg segmenter.Segmenter
	seg.InitWithString(s)
	for it := seg.LineIterator(); it.Next(); {
		text := string(it.Line().Text)
		word := strings.TrimRight(text, " ")
		spaces, tw := len(text)-len(word), p.textWidth(word)
		if line != "" && lineW+tw > w {
			lines, line, lineW = append(lines, strings.TrimRight(line, " ")), "", 0
		}
		for rs := []rune(word); line == "" && tw > w && len(rs) > 1; word, tw = string(rs), p.textWidth(string(rs)) {
			k := 1 // cut where the word overflows
			for k < len(rs)-1 && p.textWidth(string(rs[:k+1])) <= w {
				k++
			}
			lines, rs = append(lines, string(rs[:k])), rs[k:]
		}
		line, lineW = line+word+strings.Repeat(" ", spaces), lineW+tw+float64(spaces)*space
	}
	lines = append(lines, strings.TrimRight(line, " ")) // an isolate cut is closed, then opened again
	depth := 0
	for i, l := range lines {
		open := depth
		depth = max(depth+strings.Count(l, string(fsi))-strings.Count(l, string(pdi)), 0)
		lines[i] = strings.Repeat(string(fsi), open) + l + strings.Repeat(string(pdi), depth)
	}
	return lines
}

// t puts text on one line with single spaces, without the control and
// formatting characters and variation selectors that no font draws.
func (p *pdfDoc) t(s string) string {
	return strings.Map(func(r rune) rune {
		if r == fsi || r == pdi || !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Variation_Selector) && r != unicode.ReplacementChar {
			return r
		}
		return -1
	}, strings.Join(strings.Fields(s), " "))
}

// fit prepares s and cuts it with "..." to fit in w millimetres.
func (p *pdfDoc) fit(s string, w float64) string {
	rs, cut := []rune(p.t(s)), ""
	for ; len(rs) > 0 && p.textWidth(string(rs)+cut) > w; rs = rs[:len(rs)-1] {
		cut = "..."
	}
	return string(rs) + cut
}
