package report

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// PDF fonts draw one glyph per character and know nothing of Arabic
// joining, so the PDF writer draws each Arabic letter as the character of
// its contextual form in the Arabic Presentation Forms blocks: the Arabic
// font shapes the text (harfbuzz), and the glyph it picks is turned back
// into the presentation form the font maps to it. A form the font has no
// character for is drawn as the plain letter.

// shapedUnit is what the PDF draws for one or more characters in logical
// order: the glyph character and the marks on it.
type shapedUnit struct {
	shown   []rune // glyph character first, then its marks
	logical string // the characters it stands for
}

// transparent reports whether r is a mark that sits on a letter.
func transparent(r rune) bool {
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.NSM
}

// isolatedForms maps a letter to its isolated presentation form: the first
// of its forms, which Unicode decomposes to the letter.
var isolatedForms = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for r := rune(0xFB50); r <= 0xFEFC; r++ {
		if d := norm.NFKD.String(string(r)); utf8.RuneCountInString(d) == 1 && d != string(r) {
			l, _ := utf8.DecodeRuneInString(d)
			if _, ok := m[l]; !ok {
				m[l] = r
			}
		}
	}
	return m
})

// presentationForms maps the glyphs of f to the presentation forms they
// draw. The caller holds s.mu.
func (s *fontSource) presentationForms(f *font.Font) map[font.GID]rune {
	if m, ok := s.forms[f]; ok {
		return m
	}
	m := map[font.GID]rune{}
	for r := rune(0xFEFC); r >= 0xFB50; r-- { // the lowest code point wins
		if g, ok := f.Cmap.Lookup(r); ok {
			m[g] = r
		}
	}
	s.forms[f] = m
	return m
}

// shapeArabic splits runes into units (a character with its marks) and
// gives each Arabic letter its contextual form.
func shapeArabic(rs []rune) []shapedUnit {
	var units []shapedUnit
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && (language.LookupScript(rs[j]) == language.Arabic || j > i && transparent(rs[j])) {
			j++
		}
		if j > i {
			units = append(units, systemFonts().shape(rs, i, j)...)
			i = j
			continue
		}
		units = plainUnits(units, rs[i:i+1])
		i++
	}
	return units
}

// plainUnits appends rs to units as drawn: each character with its marks.
func plainUnits(units []shapedUnit, rs []rune) []shapedUnit {
	for _, r := range rs {
		if transparent(r) && len(units) > 0 {
			u := &units[len(units)-1]
			u.shown, u.logical = append(u.shown, r), u.logical+string(r)
		} else {
			units = append(units, shapedUnit{shown: []rune{r}, logical: string(r)})
		}
	}
	return units
}

// shape shapes the Arabic text rs[start:end] with the font that draws it,
// one unit per cluster of glyphs.
func (s *fontSource) shape(rs []rune, start, end int) []shapedUnit {
	s.mu.Lock()
	defer s.mu.Unlock()
	face, _ := s.resolve(rs[start])
	if face == nil {
		return plainUnits(nil, rs[start:end]) // no font: plain letters, boxed and listed
	}
	var units []shapedUnit
	out := s.shaper.Shape(shaping.Input{Text: rs, RunStart: start, RunEnd: end, Direction: di.DirectionRTL,
		Face: face, Size: fixed.I(10), Script: language.Arabic, Language: language.NewLanguage("ar")})
	forms := s.presentationForms(face.Font)
	glyphs := slices.Clone(out.Glyphs)
	slices.Reverse(glyphs) // logical order
	for k, g := range glyphs {
		if k > 0 && glyphs[k-1].TextIndex() == g.TextIndex() {
			continue // the marks of the cluster come from the text
		}
		logical := rs[g.TextIndex() : g.TextIndex()+g.RunesCount()]
		var letters, marks []rune
		for _, r := range logical {
			if transparent(r) {
				marks = append(marks, r)
			} else {
				letters = append(letters, r)
			}
		}
		shown, ok := forms[g.GlyphID]
		if plain, _ := face.Font.Cmap.Lookup(rs[g.TextIndex()]); !ok && len(letters) == 1 && g.GlyphID == plain {
			shown, ok = isolatedForms()[letters[0]]
			ok = ok && has(face.Font, shown)
		}
		if ok {
			units = append(units, shapedUnit{shown: append([]rune{shown}, marks...), logical: string(logical)})
		} else {
			units = plainUnits(units, logical) // a form without a character: the letters unjoined
		}
	}
	return units
}

// visualUnit is a shaped unit with its resolved embedding level: even runs
// left to right, odd right to left.
type visualUnit struct {
	shapedUnit
	level int
}

// Isolates: text between fsi and pdi takes its direction from its own
// first strong letter and sits in the line around it as one neutral
// character. The PDF wraps what the user typed in them, so that a note in
// Arabic reads right to left after a left-to-right label.
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

// bidiOrder shapes a line of text and puts its units in the order they are
// drawn from left to right, following the Unicode bidirectional algorithm
// (golang.org/x/text/unicode/bidi resolves the direction of each run).
// Isolates are ordered on their own and placed as one character.
func bidiOrder(s string) (units []visualUnit, rtl bool) {
	rs := []rune(s)
	// The outer text, with each isolate as an object replacement character
	// (a neutral).
	var outer []rune
	inner := map[int][]visualUnit{} // by place in outer
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case fsi:
			depth, j := 1, i+1
			for ; j < len(rs) && depth > 0; j++ {
				if rs[j] == fsi {
					depth++
				} else if rs[j] == pdi {
					depth--
				}
			}
			end := j
			if depth == 0 {
				end--
			}
			inner[len(outer)], _ = bidiOrder(string(rs[i+1 : end]))
			outer = append(outer, '\uFFFC')
			i = j - 1
		case pdi: // a closing mark without its opening one does nothing
		default:
			outer = append(outer, rs[i])
		}
	}
	levels, rtl := runLevels(outer)
	// Items in logical order: a unit, or an isolate ordered already.
	var items [][]visualUnit
	var itemLevels []int
	at := 0
	for _, u := range shapeArabic(outer) {
		if in, ok := inner[at]; ok {
			items = append(items, in)
		} else {
			items = append(items, []visualUnit{{u, levels[at]}})
		}
		itemLevels = append(itemLevels, levels[at])
		at += utf8.RuneCountInString(u.logical)
	}
	// Rule L2: from the highest level down to the lowest odd one, reverse
	// every run at that level or higher.
	for lv := 2; lv >= 1; lv-- {
		for i := 0; i < len(items); i++ {
			j := i
			for j < len(items) && itemLevels[j] >= lv {
				j++
			}
			slices.Reverse(items[i:j])
			slices.Reverse(itemLevels[i:j])
			i = j
		}
	}
	for _, it := range items {
		units = append(units, it...)
	}
	return units, rtl
}

// runLevels returns the embedding level of each rune of a line without
// isolates (0 to 2), and whether the line runs right to left. x/text gives
// the direction of each run; the numbers that a right-to-left run holds
// in a left-to-right line (level 2, as against 0) are the numbers and
// their separators next to right-to-left runs.
func runLevels(rs []rune) ([]int, bool) {
	levels := make([]int, len(rs))
	rtl := false
	for _, r := range rs {
		if c := class(r); c == bidi.L || c == bidi.R || c == bidi.AL {
			rtl = c != bidi.L
			break
		}
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(rs)); err != nil || len(rs) == 0 {
		return levels, rtl
	}
	o, err := p.Order()
	if err != nil {
		return levels, rtl
	}
	base := 0
	if rtl {
		base = 1
	}
	n := o.NumRuns()
	dir := func(i int) bidi.Direction { r := o.Run(i); return r.Direction() }
	for i := range n {
		run := o.Run(i)
		a, b := run.Pos()
		switch {
		case run.Direction() == bidi.RightToLeft:
			fill(levels[a:b+1], 1)
		case base == 1:
			fill(levels[a:b+1], 2)
		default:
			if i > 0 && dir(i-1) == bidi.RightToLeft {
				fill(levels[a:a+numeric(rs[a:b+1], false)], 2)
			}
			if i+1 < n && dir(i+1) == bidi.RightToLeft {
				fill(levels[b+1-numeric(rs[a:b+1], true):b+1], 2)
			}
		}
	}
	return levels, rtl
}

// numeric returns the length of the number at the start of rs (at its
// end, if fromEnd): digits with the separators between and around them.
func numeric(rs []rune, fromEnd bool) int {
	n := 0
	for k := range rs {
		i := k
		if fromEnd {
			i = len(rs) - 1 - k
		}
		switch class(rs[i]) {
		case bidi.EN, bidi.AN:
			n = k + 1
		case bidi.ES, bidi.CS, bidi.ET, bidi.NSM, bidi.BN:
		default:
			return n
		}
	}
	return n
}

func class(r rune) bidi.Class { p, _ := bidi.LookupRune(r); return p.Class() }

func fill(s []int, v int) {
	for i := range s {
		s[i] = v
	}
}

// mirrored returns the mirror image of a bracket, which right-to-left text
// draws in its place: "(" opens towards the text on its left.
func mirrored(r rune) (rune, bool) {
	if p, _ := bidi.LookupRune(r); p.IsBracket() {
		m, _ := utf8.DecodeRuneInString(bidi.ReverseString(string(r)))
		return m, true
	}
	m, ok := map[rune]rune{'<': '>', '>': '<', '«': '»', '»': '«'}[r]
	return m, ok
}
