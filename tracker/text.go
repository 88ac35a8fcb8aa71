package tracker

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible returns s with every character that could act on a terminal or
// hide text written out as a visible escape: control characters (ESC, BEL,
// line breaks, ...) as \x1b, the characters that reverse or isolate the
// direction of text and the Unicode line separators as \u202e, bytes that are
// not UTF-8 as \xff. Text devpath stores holds none of them (the checks on
// input refuse them); Visible is applied where stored text is shown, on the
// terminal and in the exports, so that a database or a backup made by
// another program cannot send escape sequences to the user's terminal or
// hide text in a document.
func Visible(s string) string { return visible(s, false) }

// VisibleText is Visible for text of several lines: line breaks (\n) and
// tabs stay as they are.
func VisibleText(s string) string { return visible(s, true) }

// hidden reports a character Visible writes as an escape.
func hidden(r rune, lines bool) bool {
	switch {
	case lines && (r == '\n' || r == '\t'):
		return false
	case unicode.IsControl(r):
		return true
	}
	switch r {
	case '\u2028', '\u2029', // line and paragraph separators
		'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // embeddings and overrides
		'\u2066', '\u2067', '\u2068', '\u2069', // isolates
		'\u200e', '\u200f', '\u061c': // direction marks
		return true
	}
	return false
}

func visible(s string, lines bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || hidden(r, lines) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case hidden(r, lines) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case hidden(r, lines):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// VisibleWriter passes what is written to w through VisibleText: a
// character that would act on a terminal reaches it as a visible escape.
// Flush writes out a character cut in two by the end of the output.
type VisibleWriter struct {
	w     io.Writer
	carry []byte // the start of a character the next Write completes
}

// NewVisibleWriter returns a VisibleWriter writing to w.
func NewVisibleWriter(w io.Writer) *VisibleWriter { return &VisibleWriter{w: w} }

// Write writes p through VisibleText. A character split between two writes
// is kept until the second.
func (v *VisibleWriter) Write(p []byte) (int, error) {
	data := p
	if len(v.carry) > 0 {
		data = append(v.carry, p...)
		v.carry = nil
	}
	cut := IncompleteTail(data)
	v.carry = append(v.carry, data[cut:]...)
	if _, err := io.WriteString(v.w, VisibleText(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes out what is left of an incomplete character, as escapes.
func (v *VisibleWriter) Flush() error {
	if len(v.carry) == 0 {
		return nil
	}
	rest := v.carry
	v.carry = nil
	_, err := io.WriteString(v.w, VisibleText(string(rest)))
	return err
}

// incompleteTail returns where a character that data ends in the middle of
// begins, or len(data) when data ends with a whole character.
func IncompleteTail(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}

// OneLine folds a message onto one line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ShortenWords cuts s to at most n characters between two words, with an
// ellipsis (and without the punctuation before it): "Review by Maria
// Fernández-Oyelaran, Head of Platform…", never "…Engineering and S". A
// first word longer than n is cut within it, as nothing else fits.
func ShortenWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	cut := string(r[:n-1])
	// Unless the cut falls on a space, the word it falls in goes.
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); !unicode.IsSpace(r[n-1]) && i > 0 {
		cut = cut[:i]
	}
	cut = strings.TrimRightFunc(cut, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' })
	return cut + "…"
}
