package report

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/text/unicode/bidi"
)

// The PDF's text is drawn in the Go fonts, embedded in the program, which
// cover Latin, Greek and Cyrillic; characters they lack are looked for in
// the computer's TrueType fonts (Chinese, Japanese, Korean, Arabic, ...).
// Only the glyphs used are embedded in the file. A character no font draws
// is shown as a box, the document lists it, and copying the text still
// gives the character back.

// goFamily is the fpdf family name of the embedded fonts.
const goFamily = "go"

// placeholder is drawn, in the Go font, for a character that no font has.
const placeholder = '□'

// fontSet picks a font for every character of a document.
type fontSet struct {
	pdf    *fpdf.Fpdf
	family map[rune]string // the fpdf family of the system font for a character
}

// newFontSet adds the embedded fonts to pdf.
func newFontSet(pdf *fpdf.Fpdf) *fontSet {
	pdf.AddUTF8FontFromBytes(goFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(goFamily, "B", gobold.TTF)
	return &fontSet{pdf: pdf, family: map[rune]string{}}
}

// prepare finds the computer's fonts for the characters rs that the Go
// fonts lack, and adds each to the document cut down to the characters it
// draws: a font for Chinese holds tens of thousands of glyphs, and reading
// it whole costs far more time and memory than the few a document uses.
// It returns the characters no font draws, in order.
func (fs *fontSet) prepare(rs []rune) []rune {
	byFace := map[fontscan.Location][]rune{}
	var order []fontscan.Location
	var missing []rune
	for _, r := range rs {
		if has(goFonts()[""], r) || has(goFonts()["B"], r) {
			continue
		}
		loc, ok := systemFonts().locate(r)
		if !ok {
			missing = append(missing, r)
			continue
		}
		if byFace[loc] == nil {
			order = append(order, loc)
		}
		byFace[loc] = append(byFace[loc], r)
	}
	for i, loc := range order {
		name := fmt.Sprintf("sys%d", i+1)
		if !fs.add(loc, name, byFace[loc]) {
			missing = append(missing, byFace[loc]...)
			continue
		}
		for _, r := range byFace[loc] {
			fs.family[r] = name
		}
	}
	slices.Sort(missing)
	return missing
}

// plainStyle drops the underline flag, which is not a font of its own.
func plainStyle(style string) string { return strings.ReplaceAll(style, "U", "") }

// face returns the fpdf family and style that draw r in style, or ok false
// when no font has r (or prepare did not see it).
func (fs *fontSet) face(r rune, style string) (family, fstyle string, ok bool) {
	if m := goFonts()[plainStyle(style)]; m != nil && has(m, r) {
		return goFamily, style, true
	}
	// System fonts and the regular Go font stand in for bold ones; only
	// underlining applies to them.
	regular := strings.ReplaceAll(style, "B", "")
	if has(goFonts()[""], r) {
		return goFamily, regular, true
	}
	family, ok = fs.family[r]
	return family, regular, ok
}

// add embeds the face at loc in the document as family name, cut down to
// the characters rs; it reports false when the file cannot be read or fpdf
// rejects it.
func (fs *fontSet) add(loc fontscan.Location, name string, rs []rune) (ok bool) {
	data, err := loadFace(loc)
	if err != nil {
		return false
	}
	defer func() {
		// fpdf's font parser panics on some damaged files; such a font is
		// simply not used.
		if recover() != nil {
			ok = false
		}
	}()
	small := fpdf.UTF8CutFont(data, string(rs))
	// Use the cut font only if it still draws every character.
	if f, err := font.ParseTTF(bytes.NewReader(small)); err == nil &&
		!slices.ContainsFunc(rs, func(r rune) bool { return !has(f.Font, r) }) {
		data = small
	}
	fs.pdf.AddUTF8FontFromBytes(name, "", data)
	// fpdf reports a font it could not parse only when it is used.
	return !fs.pdf.Err() && fs.pdf.GetFontDesc(name, "").Ascent != 0
}

// span is a piece of a line drawn in one font: text in drawing order.
// family "" is a run of characters no font has, drawn as boxes.
type span struct {
	text          string
	family, style string
	width         float64
}

// piece is a run of spans that a reader should extract as actual (in
// logical order) rather than as the glyphs drawn: shaped right-to-left text
// and boxes. actual "" means the glyphs are the text.
type piece struct {
	spans  []span
	actual string
	width  float64
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
	if p.simple(s, ts) {
		// Most text: left to right, all in the embedded font.
		s = strings.Map(func(r rune) rune {
			if r == fsi || r == pdi {
				return -1
			}
			return r
		}, s)
		p.setFont(goFamily, ts.style, ts.size)
		w := p.pdf.GetStringWidth(s)
		return []piece{{spans: []span{{text: s, family: goFamily, style: ts.style, width: w}}, width: w}}
	}
	units, _ := bidiOrder(s)
	var pieces []piece
	var plain []rune
	flush := func() {
		if len(plain) > 0 {
			pieces = append(pieces, p.fontPieces(plain, "", ts)...)
			plain = plain[:0]
		}
	}
	for _, u := range units {
		if u.level%2 == 0 {
			plain = append(plain, u.shown...)
			continue
		}
		if m, ok := mirrored(u.shown[0]); ok && len(u.shown) == 1 {
			// A bracket in right-to-left text opens to the left.
			flush()
			pieces = append(pieces, p.fontPieces([]rune{m}, u.logical, ts)...)
			continue
		}
		// Right to left, a letter's marks come first: they hang over the
		// glyph drawn after them.
		for i := len(u.shown) - 1; i >= 1; i-- {
			plain = append(plain, u.shown[i])
		}
		var letters []rune
		for _, r := range u.logical {
			if !transparent(r) {
				letters = append(letters, r)
			}
		}
		if string(letters) == string(u.shown[0]) {
			plain = append(plain, u.shown[0])
			continue
		}
		flush()
		slices.Reverse(letters)
		pieces = append(pieces, p.fontPieces(u.shown[:1], string(letters), ts)...)
	}
	flush()
	return pieces
}

// simple reports whether s is drawn left to right in the embedded font of
// the style, with nothing to reorder or join.
func (p *pdfDoc) simple(s string, ts textStyle) bool {
	m := goFonts()[plainStyle(ts.style)]
	for _, r := range s {
		if c := class(r); r != fsi && r != pdi && (c == bidi.R || c == bidi.AL || c == bidi.AN || !has(m, r)) {
			return false
		}
	}
	return true
}

// fontPieces splits runes into spans by font. With actual set they make one
// piece read as actual; otherwise each run of boxes is a piece read as the
// characters it stands for.
func (p *pdfDoc) fontPieces(rs []rune, actual string, ts textStyle) []piece {
	var spans []span
	var missing []string // per span: the characters behind the boxes
	for i, r := range rs {
		fam, st, ok := p.fonts.face(r, ts.style)
		if !ok && i > 0 && unicode.Is(unicode.Mn, r) && len(spans) > 0 && spans[len(spans)-1].family != "" {
			// A mark the base letter's font lacks: leave it out rather than
			// box it; the reader still gets it from the text.
			p.missing[r] = true
			continue
		}
		if !ok {
			p.missing[r] = true
			if n := len(spans); n > 0 && spans[n-1].family == "" {
				spans[n-1].text += string(placeholder)
				missing[n-1] += string(r)
				continue
			}
			spans = append(spans, span{text: string(placeholder), style: ts.style})
			missing = append(missing, string(r))
			continue
		}
		if n := len(spans); n > 0 && spans[n-1].family == fam && spans[n-1].style == st {
			spans[n-1].text += string(r)
			continue
		}
		spans = append(spans, span{text: string(r), family: fam, style: st})
		missing = append(missing, "")
	}
	for i := range spans {
		spans[i].width = p.spanWidth(spans[i], ts)
	}
	if actual != "" {
		pc := piece{spans: spans, actual: actual}
		for _, s := range spans {
			pc.width += s.width
		}
		return []piece{pc}
	}
	pieces := make([]piece, len(spans))
	for i, s := range spans {
		pieces[i] = piece{spans: []span{s}, actual: missing[i], width: s.width}
	}
	return pieces
}

// setFont selects a font unless it is selected already: fpdf writes every
// change into the page.
func (p *pdfDoc) setFont(family, style string, size float64) {
	k := textStyle{style: family + "\x00" + style, size: size}
	if p.set == k {
		return
	}
	p.set = k
	p.pdf.SetFont(family, style, size)
}

// spanWidth measures s in millimetres.
func (p *pdfDoc) spanWidth(s span, ts textStyle) float64 {
	fam, st := s.family, s.style
	if fam == "" {
		fam, st = goFamily, plainStyle(ts.style)
	}
	p.setFont(fam, st, ts.size)
	w := p.pdf.GetStringWidth(s.text)
	p.setFont(goFamily, ts.style, ts.size)
	return w
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
	baseline := y + 0.5*h + 0.3*unit
	cx := x + dx
	for _, pc := range pieces {
		if pc.actual != "" {
			p.pdf.RawWriteStr("/Span <</ActualText " + pdfTextString(pc.actual) + ">> BDC")
		}
		for _, s := range pc.spans {
			fam, st := s.family, s.style
			if fam == "" {
				fam, st = goFamily, s.style
			}
			p.setFont(fam, st, p.cur.size)
			p.pdf.Text(cx, baseline, s.text)
			cx += s.width
		}
		if pc.actual != "" {
			p.pdf.RawWriteStr("EMC")
		}
	}
	p.setFont(goFamily, p.cur.style, p.cur.size)
	if link != "" && total > 0 {
		p.pdf.LinkString(x+dx, y+0.5*h-0.5*unit, total, unit, link)
	}
}

// pdfTextString encodes s as a PDF text string: UTF-16 with a byte order
// mark, in hexadecimal.
func pdfTextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// wrap breaks text into lines no wider than w millimetres in the current
// style: at spaces, between Chinese and Japanese characters, and inside a
// word only when the word alone is too wide.
func (p *pdfDoc) wrap(s string, w float64) []string {
	if s == "" {
		return []string{""}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0
	space := p.textWidth(" ")
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for _, tok := range breakTokens(s) {
		tw := p.textWidth(tok.text)
		gap := 0.0
		if tok.space && line.Len() > 0 {
			gap = space
		}
		if line.Len() > 0 && lineW+gap+tw > w {
			flush()
			gap = 0
		}
		if line.Len() == 0 && tw > w {
			// A word wider than the line: cut it where it overflows.
			var part []rune
			for _, r := range tok.text {
				if len(part) > 0 && p.textWidth(string(append(part, r))) > w {
					lines = append(lines, string(part))
					part = part[:0]
				}
				part = append(part, r)
			}
			line.WriteString(string(part))
			lineW = p.textWidth(string(part))
			continue
		}
		if gap > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(tok.text)
		lineW += gap + tw
	}
	if line.Len() > 0 || len(lines) == 0 {
		flush()
	}
	// An isolate cut by the wrapping is closed at the end of the line and
	// opened again on the next.
	depth := 0
	for i, l := range lines {
		open := depth
		for _, r := range l {
			switch {
			case r == fsi:
				depth++
			case r == pdi && depth > 0:
				depth--
			}
		}
		if open > 0 || depth > 0 {
			lines[i] = strings.Repeat(string(fsi), open) + l + strings.Repeat(string(pdi), depth)
		}
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

// runesOf returns the characters that drawing strs needs, Arabic letters
// in their joined forms, in order.
func runesOf(strs []string) []rune {
	seen := map[rune]bool{}
	for _, s := range strs {
		for _, u := range shapeArabic([]rune(s)) {
			for _, r := range u.shown {
				seen[r] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// collectStrings appends every string held in v.
func collectStrings(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			collectStrings(v.Field(i), out)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			collectStrings(v.Index(i), out)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			collectStrings(it.Key(), out)
			collectStrings(it.Value(), out)
		}
	}
}

// t puts text on one line: runs of white space become one space, and
// control and formatting characters, which no font draws, are dropped.
func (p *pdfDoc) t(s string) string {
	return strings.Map(func(r rune) rune {
		if keepRune(r) || r == fsi || r == pdi {
			return r
		}
		return -1
	}, strings.Join(strings.Fields(s), " "))
}

// keepRune reports whether r is drawn: not a control or formatting
// character, nor a variation selector (which picks a glyph variant the
// PDF's fonts do not have).
func keepRune(r rune) bool {
	return !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Variation_Selector, r) && r != unicode.ReplacementChar
}

// fit prepares s and cuts it with "..." to fit in w millimetres in the
// current font.
func (p *pdfDoc) fit(s string, w float64) string {
	t := p.t(s)
	if p.textWidth(t) <= w {
		return t
	}
	rs := []rune(t)
	for len(rs) > 0 && p.textWidth(string(rs)+"...") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "..."
}
