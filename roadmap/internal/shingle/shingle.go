// Package shingle cuts a text into runs of consecutive words ("shingles")
// and hashes them, so that two texts can be compared for shared wording
// without either text being stored: only the hashes are kept.
//
// Both the generator of roadmap/testdata/seed-shingles.txt
// (roadmap/internal/seedprint) and the test that checks the repository
// against it use this package, so a text is always cut the same way.
//
// A word is a run of letters, digits and the signs £, $, € and %, in lower
// case. Everything else (spaces, punctuation, hyphens, slashes) separates
// words, except apostrophes: straight (') and curly (‘ ’) ones are dropped
// inside a word, so "don't" and "don’t" are both the word "dont".
package shingle

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// Size is the number of consecutive words in a shingle.
const Size = 8

// HashLen is the number of hex digits kept of a shingle's SHA-256.
const HashLen = 16

// Word is one normalised word and where it stands in the original text.
type Word struct {
	Text       string // lower case, apostrophes removed
	Start, End int    // byte offsets of the word in the original text
}

// Shingle is a run of Size consecutive words.
type Shingle struct {
	Hash       string // the first HashLen hex digits of the SHA-256 of Text
	Text       string // the normalised words, joined by single spaces
	Start, End int    // byte offsets of the run in the original text
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '£' || r == '$' || r == '€' || r == '%'
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '‘' || r == '’'
}

// Words splits text into normalised words.
func Words(text string) []Word {
	var words []Word
	var b strings.Builder
	start, end := -1, -1
	flush := func() {
		if b.Len() > 0 {
			words = append(words, Word{Text: b.String(), Start: start, End: end})
		}
		b.Reset()
		start, end = -1, -1
	}
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			b.WriteString(strings.ToLower(string(r)))
			end = i + len(string(r))
		case isApostrophe(r) && start >= 0:
			// Inside a word: skipped, the word goes on. A trailing
			// apostrophe ends nothing by itself; the next separator does.
		default:
			flush()
		}
	}
	flush()
	return words
}

// Hash returns the hash of a run of normalised words joined by single
// spaces, as Shingles computes it.
func Hash(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return hex.EncodeToString(sum[:])[:HashLen]
}

// Normalise returns text's words joined by single spaces.
func Normalise(text string) string {
	words := Words(text)
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// Shingles returns every run of Size consecutive words of text, in order.
// A text of fewer than Size words has none.
func Shingles(text string) []Shingle {
	words := Words(text)
	if len(words) < Size {
		return nil
	}
	out := make([]Shingle, 0, len(words)-Size+1)
	parts := make([]string, Size)
	for i := 0; i+Size <= len(words); i++ {
		for j := range Size {
			parts[j] = words[i+j].Text
		}
		joined := strings.Join(parts, " ")
		out = append(out, Shingle{
			Hash:  Hash(joined),
			Text:  joined,
			Start: words[i].Start,
			End:   words[i+Size-1].End,
		})
	}
	return out
}
