package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ellipsis ends a text cut short.
const ellipsis = "…"

// fitLabel is a one-line label that never cuts a word: too narrow for its
// text, it shows the whole words that fit and an ellipsis. Fyne's own
// truncation cuts anywhere ("…Engineering and S"); it is left on only for
// a first word wider than the label, which no boundary can save.
type fitLabel struct {
	widget.Label
	// full is the text before any cut.
	full string
}

func newFitLabel() *fitLabel {
	l := &fitLabel{}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// SetFull sets the text, cut to the label's width.
func (l *fitLabel) SetFull(s string) {
	l.full = s
	l.fit(l.Size().Width)
	l.Refresh()
}

// Resize lays the label out at size, cutting its text again for the
// width.
func (l *fitLabel) Resize(size fyne.Size) {
	l.fit(size.Width)
	l.Label.Resize(size)
	l.Refresh()
}

// fit sets the text shown for a label width wide.
func (l *fitLabel) fit(width float32) {
	l.Text = fitWords(l.full, width-2*theme.InnerPadding(), theme.TextSize(), l.TextStyle)
}

// fitWords is s when it fits width, else the longest run of its whole
// words that fits with an ellipsis after it (trailing punctuation left
// out). When not even the first word fits, or width is unknown (0), s is
// returned as it is.
func fitWords(s string, width, size float32, style fyne.TextStyle) string {
	if s == "" || width <= 0 || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	var cuts []int // the ends of the words, before each space
	for i, r := range s {
		if prev, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsSpace(r) && i > 0 && !unicode.IsSpace(prev) {
			cuts = append(cuts, i)
		}
	}
	cut := func(k int) string {
		return strings.TrimRightFunc(s[:cuts[k]], func(r rune) bool { return unicode.IsPunct(r) && r != ')' && r != '”' }) + ellipsis
	}
	// The longest prefix that fits: cuts are in order of width.
	lo, hi, best := 0, len(cuts)-1, -1
	for lo <= hi {
		mid := (lo + hi) / 2
		if c := cut(mid); c != ellipsis && fyne.MeasureText(c, size, style).Width <= width {
			best, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best < 0 {
		return s
	}
	return cut(best)
}
