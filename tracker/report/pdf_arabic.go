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

// unit is what the PDF draws for one or more characters: the glyph
// character and the marks on it, at an embedding level of the
// bidirectional algorithm (even left to right, odd right to left).
type unit struct {
	shown   []rune // glyph character first, then its marks
	logical string // the characters it stands for
	level   int
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

func class(r rune) bidi.Class { p, _ := bidi.LookupRune(r); return p.Class() }

// transparent reports whether r is a mark that sits on a letter.
func transparent(r rune) bool { return class(r) == bidi.NSM }

// isolatedForms maps a letter to its isolated presentation form: the first
// of its forms, which Unicode decomposes to the letter.
var isolatedForms = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for r := rune(0xFEFC); r >= 0xFB50; r-- {
		if d := []rune(norm.NFKD.String(string(r))); len(d) == 1 && d[0] != r {
			m[d[0]] = r
		}
	}
	return m
})

// shapeArabic splits runes into units in logical order, a character with
// its marks, and gives each Arabic letter its contextual form.
func shapeArabic(rs []rune) []unit {
	var units []unit
	for i, j := 0, 0; i < len(rs); i = j {
		for j = i; j < len(rs) && (language.LookupScript(rs[j]) == language.Arabic || j > i && transparent(rs[j])); j++ {
		}
		if j == i {
			j++
			units = plainUnits(units, rs[i:j])
		} else {
			units = systemFonts().shape(units, rs, i, j)
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

// shape appends the Arabic text rs[start:end] shaped with the font that
// draws it, one unit per cluster of glyphs.
func (s *fontSource) shape(units []unit, rs []rune, start, end int) []unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	face, _ := s.resolve(rs[start])
	if face == nil {
		return plainUnits(units, rs[start:end]) // no font: plain letters, boxed and listed
	}
	out := s.shaper.Shape(shaping.Input{Text: rs, RunStart: start, RunEnd: end, Direction: di.DirectionRTL,
		Face: face, Size: fixed.I(10), Script: language.Arabic, Language: language.NewLanguage("ar")})
	forms := s.forms[face.Font]
	if forms == nil {
		forms = map[font.GID]rune{}
		for r := rune(0xFEFC); r >= 0xFB50; r-- { // the lowest code point wins
			if g, ok := face.Font.Cmap.Lookup(r); ok {
				forms[g] = r
			}
		}
		s.forms[face.Font] = forms
	}
	for k := len(out.Glyphs) - 1; k >= 0; k-- { // logical order
		g := out.Glyphs[k]
		if k < len(out.Glyphs)-1 && out.Glyphs[k+1].TextIndex() == g.TextIndex() {
			continue // the marks of the cluster come from the text
		}
		logical := rs[g.TextIndex() : g.TextIndex()+g.RunesCount()]
		var marks []rune
		letters := slices.DeleteFunc(slices.Clone(logical), func(r rune) bool {
			if transparent(r) {
				marks = append(marks, r)
			}
			return transparent(r)
		})
		shown, ok := forms[g.GlyphID]
		if plain, _ := face.Font.Cmap.Lookup(logical[0]); !ok && len(letters) == 1 && g.GlyphID == plain {
			shown, ok = isolatedForms()[letters[0]]
			ok = ok && has(face.Font, shown)
		}
		if ok {
			units = append(units, unit{shown: append([]rune{shown}, marks...), logical: string(logical)})
		} else {
			units = plainUnits(units, logical) // a form without a character: the letters unjoined
		}
	}
	return units
}

// bidiOrder shapes a line of text and puts its units in the order they are
// drawn from left to right, following the Unicode bidirectional algorithm:
// rule L2 reverses, from the highest level down to the lowest odd one,
// every run of units at that level or higher.
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
		for i := 0; i < len(units); i++ {
			j := i
			for j < len(units) && units[j].level >= lv {
				j++
			}
			slices.Reverse(units[i:j])
			i = j
		}
	}
	return units, rtl
}

// firstStrong reports whether the first strong letter of rs, outside the
// isolates in it, runs right to left; rs ends at its closing pdi.
func firstStrong(rs []rune) bool {
	depth := 0
	for _, r := range rs {
		switch c := class(r); {
		case r == fsi:
			depth++
		case r == pdi && depth == 0:
			return false
		case r == pdi:
			depth--
		case depth == 0 && (c == bidi.L || c == bidi.R || c == bidi.AL):
			return c != bidi.L
		}
	}
	return false
}

// runLevels returns the embedding level of each rune of a line and whether
// the line runs right to left. x/text resolves the direction of each rune,
// isolates included, but not its level: that follows from the base level
// of the isolate the rune is in (the next one above the level around it
// of the isolate's direction), and from the numbers at the edges of
// right-to-left runs, which keep their digit order inside them (two above
// an even base level).
func runLevels(rs []rune) ([]int, bool) {
	levels := make([]int, len(rs))
	rtl := firstStrong(rs)
	base := []int{0}
	if rtl {
		base[0] = 1
	}
	for i, r := range rs {
		b := base[len(base)-1]
		if r == fsi && firstStrong(rs[i+1:]) {
			base = append(base, b+1+b%2)
		} else if r == fsi {
			base = append(base, b+2-b%2)
		} else if r == pdi && len(base) > 1 {
			base = base[:len(base)-1]
			b = base[len(base)-1]
		}
		levels[i] = b
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(rs)); err != nil || len(rs) == 0 {
		return levels, rtl
	}
	o, err := p.Order()
	if err != nil {
		return levels, rtl
	}
	// Whether each run is right to left, with a left-to-right one on
	// either side.
	rtlRun := make([]bool, o.NumRuns()+2)
	for i := range o.NumRuns() {
		run := o.Run(i)
		rtlRun[i+1] = run.Direction() == bidi.RightToLeft
	}
	for i := range o.NumRuns() {
		run := o.Run(i)
		a, b := run.Pos()
		lead, trail := 0, 0
		if rtlRun[i] {
			lead = numeric(rs[a:b+1], false)
		}
		if rtlRun[i+2] {
			trail = numeric(rs[a:b+1], true)
		}
		for k := a; k <= b; k++ {
			switch lv := levels[k]; {
			case rtlRun[i+1]:
				levels[k] = lv | 1
			case k < a+lead || k > b-trail:
				levels[k] = lv + 2 - lv%2
			default:
				levels[k] = (lv + 1) &^ 1
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
