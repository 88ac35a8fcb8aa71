package review

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// NameKey is what a reviewer's name is compared by when devpath looks for
// the key pinned for them: two names with the same NameKey are the same
// reviewer, however they are written. It is the name
//
//   - in NFKC, so that composed and decomposed accents, full-width and
//     mathematical letters, and ligatures are one;
//   - without default-ignorable characters (zero-width spaces and joiners,
//     bidi controls, variation selectors, the soft hyphen, tags), which
//     show as nothing;
//   - with every run of white space one space, and none at either end;
//   - with each letter of another script that looks like a Latin letter
//     or digit replaced by it (the confusable table, after UTS #39's
//     skeleton);
//   - case-folded.
//
// It is never shown: it is a key, not a name.
func NameKey(name string) string {
	s := norm.NFKC.String(name)
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case ignorable(r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if to, ok := confusable[r]; ok {
			b.WriteString(to)
		} else {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(cases.Fold().String(b.String()))
}

// ignorable reports a character that shows as nothing: Unicode's
// Default_Ignorable_Code_Point (format characters, variation selectors
// and the others listed), less the few format characters that show a
// mark, and control characters.
func ignorable(r rune) bool {
	switch {
	case unicode.IsControl(r) && !unicode.IsSpace(r):
		return true
	case unicode.Is(unicode.Prepended_Concatenation_Mark, r), r >= 0xfff9 && r <= 0xfffb:
		return false
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Cf, r)
}

// Spelled writes a name in quotes so that how it differs from a
// look-alike shows: every character outside printable ASCII as U+XXXX in
// angle brackets. "Mаria" with a Cyrillic а is "M<U+0430>ria", and
// "Maria " keeps its space inside the quotes.
func Spelled(name string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range name {
		if r >= 0x20 && r < 0x7f && r != '<' && r != '>' && r != '"' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "<U+%04X>", r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// LooksLike reports whether two different spellings are the same name to
// the eye (the same NameKey).
func LooksLike(a, b string) bool { return NameKey(a) == NameKey(b) }
