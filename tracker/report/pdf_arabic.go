package report

import (
	"slices"

	"golang.org/x/text/unicode/bidi"
)

// PDF fonts draw one glyph per character and know nothing of Arabic
// joining, so the PDF writer picks the contextual form of each Arabic letter
// itself, from the Arabic Presentation Forms blocks that Arabic fonts carry:
// the letters of Arabic (U+0621-U+064A) and those Persian and Urdu add
// (پ چ ژ ک گ ی ٱ), with lam-alef ligatures. Vowel marks are kept and let
// the letters around them join. Letters outside this table are drawn in
// their plain form.

// arabicForm is where a letter's forms start in the presentation blocks
// (isolated, final, initial, medial, in that order) and how many there are:
// 2 for a letter that joins only to the one before it, 4 for one that joins
// on both sides.
type arabicForm struct {
	isolated rune
	forms    int
}

// arabicLetters holds the forms of U+0621-U+064A by code point (a zero
// entry is not a letter); an array, not a map, so that nothing is built
// when the program starts.
var arabicLetters = [...]arabicForm{
	{0xFE80, 1}, {0xFE81, 2}, {0xFE83, 2}, {0xFE85, 2}, {0xFE87, 2}, {0xFE89, 4}, {0xFE8D, 2}, {0xFE8F, 4}, // 0621-0628
	{0xFE93, 2}, {0xFE95, 4}, {0xFE99, 4}, {0xFE9D, 4}, {0xFEA1, 4}, {0xFEA5, 4}, {0xFEA9, 2}, {0xFEAB, 2}, // 0629-0630
	{0xFEAD, 2}, {0xFEAF, 2}, {0xFEB1, 4}, {0xFEB5, 4}, {0xFEB9, 4}, {0xFEBD, 4}, {0xFEC1, 4}, {0xFEC5, 4}, // 0631-0638
	{0xFEC9, 4}, {0xFECD, 4}, {}, {}, {}, {}, {}, {}, // 0639-0640 (063B-0640 have no forms here)
	{0xFED1, 4}, {0xFED5, 4}, {0xFED9, 4}, {0xFEDD, 4}, {0xFEE1, 4}, {0xFEE5, 4}, {0xFEE9, 4}, {0xFEED, 2}, // 0641-0648
	{0xFEEF, 2}, {0xFEF1, 4}, // 0649-064A
}

// formsOf returns the forms of an Arabic letter, ok false for any other
// character.
func formsOf(r rune) (f arabicForm, ok bool) {
	switch {
	case r >= 0x0621 && r <= 0x064A:
		f = arabicLetters[r-0x0621]
	case r == 0x0671:
		f = arabicForm{0xFB50, 2}
	case r == 0x067E:
		f = arabicForm{0xFB56, 4}
	case r == 0x0686:
		f = arabicForm{0xFB7A, 4}
	case r == 0x0698:
		f = arabicForm{0xFB8A, 2}
	case r == 0x06A9:
		f = arabicForm{0xFB8E, 4}
	case r == 0x06AF:
		f = arabicForm{0xFB92, 4}
	case r == 0x06CC:
		f = arabicForm{0xFBFC, 4}
	}
	return f, f.forms > 0
}

// lamAlef returns the isolated form of the ligature of lam and the alef a
// (the final form is the next code point).
func lamAlef(a rune) (rune, bool) {
	switch a {
	case 0x0622:
		return 0xFEF5, true
	case 0x0623:
		return 0xFEF7, true
	case 0x0625:
		return 0xFEF9, true
	case 0x0627:
		return 0xFEFB, true
	}
	return 0, false
}

const (
	arabicLam = 0x0644
	tatweel   = 0x0640
)

// joinsBoth reports whether r connects to the letters on both sides.
func joinsBoth(r rune) bool {
	f, _ := formsOf(r)
	return r == tatweel || f.forms == 4
}

// joinsBefore reports whether r connects to the letter before it.
func joinsBefore(r rune) bool {
	f, _ := formsOf(r)
	return r == tatweel || f.forms >= 2
}

// transparent reports whether r is a mark that sits on a letter and lets
// joining pass through it.
func transparent(r rune) bool {
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.NSM
}

// shapedUnit is what the PDF draws for one or two characters in logical
// order: the glyph character and the marks on it.
type shapedUnit struct {
	shown   []rune // glyph character first, then its marks
	logical string // the characters it stands for
}

// shapeArabic splits runes into units (a character with its marks) and
// gives each Arabic letter its contextual form.
func shapeArabic(rs []rune) []shapedUnit {
	var units []shapedUnit
	// prev and next find the neighbouring letters, skipping marks.
	prev := func(i int) rune {
		for i--; i >= 0; i-- {
			if !transparent(rs[i]) {
				return rs[i]
			}
		}
		return 0
	}
	next := func(i int) (rune, int) {
		for i++; i < len(rs); i++ {
			if !transparent(rs[i]) {
				return rs[i], i
			}
		}
		return 0, -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if transparent(r) && len(units) > 0 {
			u := &units[len(units)-1]
			u.shown = append(u.shown, r)
			u.logical += string(r)
			continue
		}
		f, ok := formsOf(r)
		if !ok {
			units = append(units, shapedUnit{shown: []rune{r}, logical: string(r)})
			continue
		}
		before := joinsBoth(prev(i)) && f.forms >= 2
		if r == arabicLam {
			if n, j := next(i); j >= 0 {
				if lig, ok := lamAlef(n); ok {
					if before {
						lig++
					}
					u := shapedUnit{shown: []rune{lig}, logical: string(rs[i : j+1])}
					u.shown = append(u.shown, rs[i+1:j]...)
					units = append(units, u)
					i = j
					continue
				}
			}
		}
		n, _ := next(i)
		after := f.forms == 4 && joinsBefore(n)
		g := f.isolated
		switch {
		case before && after:
			g += 3
		case after:
			g += 2
		case before:
			g++
		}
		units = append(units, shapedUnit{shown: []rune{g}, logical: string(r)})
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
// drawn from left to right. It follows the Unicode bidirectional algorithm
// for text without explicit embeddings: the first strong letter sets the
// line's direction; spaces and punctuation take the direction of the
// letters on both sides when those agree, and the line's otherwise; numbers
// keep their left-to-right order inside right-to-left text. Brackets in
// right-to-left text are mirrored when drawn (see mirrored).
func bidiOrder(s string) (units []visualUnit, rtl bool) {
	units, base := resolveLevels([]rune(s))
	maxLevel := 0
	for _, u := range units {
		maxLevel = max(maxLevel, u.level)
	}
	// Rule L2: from the highest level down to the lowest odd one, reverse
	// every run at that level or higher.
	for lv := maxLevel; lv >= 1; lv-- {
		for i := 0; i < len(units); i++ {
			if units[i].level < lv {
				continue
			}
			j := i
			for j < len(units) && units[j].level >= lv {
				j++
			}
			slices.Reverse(units[i:j])
			i = j
		}
	}
	return units, base == 1
}

// resolveLevels shapes rs and gives each unit its embedding level, with
// the line's base level (0 left to right, 1 right to left). Isolates are
// resolved on their own and nested into the level of their place.
func resolveLevels(rs []rune) ([]visualUnit, int) {
	// The outer text, with each isolate as a placeholder unit.
	var outer []shapedUnit
	var inner [][]rune // per placeholder
	var isIso []bool
	plain := []rune{}
	flush := func() {
		for _, u := range shapeArabic(plain) {
			outer = append(outer, u)
			isIso = append(isIso, false)
			inner = append(inner, nil)
		}
		plain = plain[:0]
	}
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case fsi:
			flush()
			depth, j := 1, i+1
			for ; j < len(rs); j++ {
				if rs[j] == fsi {
					depth++
				} else if rs[j] == pdi {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			outer = append(outer, shapedUnit{})
			isIso = append(isIso, true)
			inner = append(inner, rs[i+1:min(j, len(rs))])
			i = j
		case pdi:
			// A closing mark without its opening one does nothing.
		default:
			plain = append(plain, rs[i])
		}
	}
	flush()

	type class int
	const (
		neutral class = iota
		strongL
		strongR
		number
	)
	classes := make([]class, len(outer))
	base := -1
	for i, u := range outer {
		if isIso[i] {
			continue
		}
		p, _ := bidi.LookupRune(u.shown[0])
		switch p.Class() {
		case bidi.L:
			classes[i] = strongL
		case bidi.R, bidi.AL:
			classes[i] = strongR
		case bidi.EN, bidi.AN:
			classes[i] = number
		}
		if base < 0 && classes[i] == strongL {
			base = 0
		}
		if base < 0 && classes[i] == strongR {
			base = 1
		}
	}
	if base < 0 {
		base = 0
	}
	// Numbers count as right-to-left for the neutrals around them when the
	// strong letter before them is (rules W2, N1).
	dir := make([]int, len(outer)) // 0 unknown, 1 L, 2 R
	last := 0
	for i, c := range classes {
		switch c {
		case strongL:
			dir[i], last = 1, 1
		case strongR:
			dir[i], last = 2, 2
		case number:
			if last == 2 {
				dir[i] = 2
			} else {
				dir[i] = 1
			}
		}
	}
	for i := 0; i < len(outer); i++ {
		if dir[i] != 0 {
			continue
		}
		j := i
		for j < len(outer) && dir[j] == 0 {
			j++
		}
		before, after := base+1, base+1 // the line's direction at the edges
		if i > 0 {
			before = dir[i-1]
		}
		if j < len(outer) {
			after = dir[j]
		}
		d := base + 1
		if before == after {
			d = before
		}
		for k := i; k < j; k++ {
			dir[k] = d
		}
		i = j - 1
	}
	var units []visualUnit
	for i, u := range outer {
		level := 0
		switch {
		case classes[i] == number && (base == 1 || dir[i] == 2):
			level = 2
		case dir[i] == 2:
			level = 1
		case base == 1:
			level = 2
		}
		if !isIso[i] {
			units = append(units, visualUnit{u, level})
			continue
		}
		in, inBase := resolveLevels(inner[i])
		// The isolate's own base level is the lowest level of its
		// direction at or above its place.
		at := level
		if at%2 != inBase {
			at++
		}
		for _, v := range in {
			v.level += at - inBase
			units = append(units, v)
		}
	}
	return units, base
}

// mirrored returns the mirror image of a bracket, which right-to-left text
// draws in its place: "(" opens towards the text on its left.
func mirrored(r rune) (rune, bool) {
	switch r {
	case '(':
		return ')', true
	case ')':
		return '(', true
	case '[':
		return ']', true
	case ']':
		return '[', true
	case '{':
		return '}', true
	case '}':
		return '{', true
	case '<':
		return '>', true
	case '>':
		return '<', true
	case '«':
		return '»', true
	case '»':
		return '«', true
	}
	return 0, false
}
