package roadmap

import (
	"fmt"
	"path"
	"strings"
	"unicode"
)

// Signals say which commits show work on an entry: a commit matches when it
// changes a file that one of Paths matches, or when its subject holds one of
// Words.
type Signals struct {
	// Paths are globs matched against the slash-separated path of a changed
	// file, relative to the repository's root. A glob without a "/" matches
	// the file's name in any folder ("*.tf", "Dockerfile"); one with a "/"
	// matches the whole path, where a "**" element stands for any number of
	// folders, none included (".github/workflows/*.yml",
	// "**/templates/*.yaml"). Within an element, the syntax is that of
	// path.Match.
	Paths []string `json:"paths,omitempty" yaml:"paths,omitempty"`
	// Words are words or phrases looked for in commit subjects, ignoring
	// case, as whole words: "helm" matches "Bump helm chart", not
	// "helmet".
	Words []string `json:"words,omitempty" yaml:"words,omitempty"`
}

// NeedsWords reports whether an entry of the given kind needs one of its
// signals' words in a commit's subject to match the commit: every kind but
// skill items and branch items. A criterion or a milestone is about the
// person or a moment of their career, which changed files alone cannot
// show; its paths, if any, only narrow what its words match.
func NeedsWords(kind string) bool {
	return kind != KindSkill && kind != KindBranchItem
}

// CheckGlob returns an error naming what is wrong with glob, or nil when it
// is a glob Signals.Paths accepts.
func CheckGlob(glob string) error {
	switch {
	case strings.TrimSpace(glob) == "":
		return fmt.Errorf("empty glob")
	case strings.HasPrefix(glob, "/"):
		return fmt.Errorf("glob %q starts with /: paths are relative to the repository's root", glob)
	case strings.Contains(glob, "\\"):
		return fmt.Errorf("glob %q has a backslash: write paths with /", glob)
	}
	for _, el := range strings.Split(glob, "/") {
		if el == "" {
			return fmt.Errorf("glob %q has an empty folder name (two / in a row, or one at the end)", glob)
		}
		if el == "**" {
			continue
		}
		if strings.Contains(el, "**") {
			return fmt.Errorf("glob %q: ** must be a whole folder name, as in a/**/b", glob)
		}
		if _, err := path.Match(el, ""); err != nil {
			return fmt.Errorf("glob %q is not a valid pattern (check its [ ] brackets)", glob)
		}
	}
	return nil
}

// MatchPath reports whether the glob (see Signals.Paths) matches the
// slash-separated file path p. A glob that CheckGlob refuses matches
// nothing.
func MatchPath(glob, p string) bool {
	if !strings.Contains(glob, "/") {
		ok, err := path.Match(glob, path.Base(p))
		return ok && err == nil
	}
	return matchElems(strings.Split(glob, "/"), strings.Split(p, "/"))
}

// matchElems matches glob elements against path elements, "**" standing for
// any number of them.
func matchElems(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for len(g) > 0 && g[0] == "**" {
				g = g[1:]
			}
			if len(g) == 0 {
				return true
			}
			for i := range p {
				if matchElems(g, p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, err := path.Match(g[0], p[0]); !ok || err != nil {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}

// MatchFile reports whether one of the signals' globs matches the file path
// p.
func (s *Signals) MatchFile(p string) bool {
	if s == nil {
		return false
	}
	for _, g := range s.Paths {
		if MatchPath(g, p) {
			return true
		}
	}
	return false
}

// MatchSubject reports whether a commit subject holds one of the signals'
// words, as a whole word and ignoring case.
func (s *Signals) MatchSubject(subject string) bool {
	if s == nil || len(s.Words) == 0 {
		return false
	}
	low := strings.ToLower(subject)
	for _, w := range s.Words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && hasWord(low, w) {
			return true
		}
	}
	return false
}

// hasWord reports whether w occurs in s with no letter or digit right
// before or after it.
func hasWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		before, after := ' ', ' '
		if i > 0 {
			before = lastRune(s[:i])
		}
		if end < len(s) {
			after = []rune(s[end:])[0]
		}
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
