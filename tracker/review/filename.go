package review

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The files' kinds, as their names start.
const (
	RequestFile  = "review-request"
	ResponseFile = "review-response"
)

// FileName is the name a review file is offered under: its kind, the
// first name of the person who wrote it (the engineer of a request, the
// reviewer of a response) and the day, "review-response-maria-2026-12-06.json".
// The person's part is NameSlug's; a name that gives none leaves it out.
func FileName(kind, person string, day time.Time) string {
	parts := []string{kind}
	if slug := NameSlug(person); slug != "" {
		parts = append(parts, slug)
	}
	return strings.Join(append(parts, day.Format(time.DateOnly)), "-") + ".json"
}

// honorifics are words before a first name that name no one.
var honorifics = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "prof": true, "sir": true}

// folded are the Latin letters that no accent removal turns into ASCII.
var folded = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ı': "i", 'ħ': "h", 'ŋ': "n",
}

// NameSlug is a person's first name as a file name may hold it: lower
// case, Latin letters without their accents ("Zoë" zoe, "Łukasz" lukasz),
// letters of other scripts kept as they are ("王小明"), and anything that is
// neither a letter nor a digit (dots, slashes, spaces, invisible
// characters) left out, so that the name can never reach another folder
// or hide a part of the file name. The first name is the first word,
// after an honorific ("Dr. Maria Fernández-Oyelaran, Head of Platform"
// maria); a hyphenated first name keeps its hyphen ("Anne-Marie"
// anne-marie). "" when nothing is left.
func NameSlug(name string) string {
	words := strings.FieldsFunc(norm.NFKC.String(name), func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	for i, w := range words {
		s := slugWord(w)
		if s == "" || honorifics[s] && i+1 < len(words) {
			continue
		}
		return s
	}
	return ""
}

// slugWord folds one word as NameSlug describes; at most 40 characters.
func slugWord(w string) string {
	var b strings.Builder
	n := 0
	other := false // the last letter kept is of another script than Latin
	for _, r := range norm.NFC.String(strings.ToLower(w)) {
		if n == 40 {
			break
		}
		var add string
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			add, other = string(r), false
		case r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				add, other = "-", false
			}
		case unicode.Is(unicode.Latin, r):
			add, other = latinBase(r), false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			add, other = string(r), true
		case unicode.IsMark(r) && other:
			add = string(r) // a vowel sign or virama of the letter before
		}
		if add != "" {
			b.WriteString(add)
			n++
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// latinBase is a Latin letter without its accents, in ASCII ("ë" e, "ł"
// l), or "" when it has no ASCII letter in it.
func latinBase(r rune) string {
	if f, ok := folded[r]; ok {
		return f
	}
	var b strings.Builder
	for _, x := range norm.NFD.String(string(r)) {
		if x < 0x80 && unicode.IsLetter(x) {
			b.WriteRune(x)
		}
	}
	return b.String()
}
