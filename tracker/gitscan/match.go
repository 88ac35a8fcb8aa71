package gitscan

import (
	"strings"

	"devpath/roadmap"
)

// maxCachedPaths bounds the matcher's memory of which entries a file path
// matches; past it the memory starts again.
const maxCachedPaths = 1 << 16

// matcher matches changed files and subjects to the roadmap entries that
// have signals.
//
// Only skills (of a stage or a branch) may match on changed files alone.
// A criterion or a milestone says something about the person or a moment
// in their career ("Ship a full application stack on your own"), which no
// file shows: such an entry matches a commit only when the commit's
// subject holds one of its words and, if it has paths, the commit also
// changes a file they match. One without words never matches.
type matcher struct {
	ids  []string // entry ids, in roadmap order
	sigs []*roadmap.Signals
	// strict marks the entries that need a word in the subject (criteria
	// and milestones, by the roadmap's kind of the entry).
	strict []bool
	paths  []int // indexes of the entries with path globs
	words  []int // indexes of the entries with words
	// lowWords are the words of each entry of words, lower case.
	lowWords [][]string
	// globs are the path globs of each entry of paths.
	globs [][]glob
	// cache remembers the entries each file path matched: a history
	// changes the same files again and again.
	cache map[string][]int32
}

// glob is a path glob with what any file name it matches must begin and end
// with, so that most globs are ruled out for a path without matching it
// (a roadmap has a few hundred globs; a repository, thousands of files).
type glob struct {
	pattern string
	// filter is false when the glob's last element is "**" or holds a
	// backslash: any name may match.
	filter         bool
	literal        bool   // the last element has no wildcard: the name must equal prefix
	prefix, suffix string // the last element's text before its first and after its last wildcard
}

func newGlob(pattern string) glob {
	g := glob{pattern: pattern}
	last := pattern[strings.LastIndexByte(pattern, '/')+1:]
	if last == "**" || strings.Contains(last, "\\") {
		return g
	}
	g.filter = true
	first := strings.IndexAny(last, "*?[")
	if first < 0 {
		g.literal, g.prefix = true, last
		return g
	}
	g.prefix = last[:first]
	g.suffix = last[strings.LastIndexAny(last, "*?]")+1:]
	return g
}

// match reports whether the glob matches the path p, whose last element is
// name.
func (g *glob) match(p, name string) bool {
	if g.filter {
		if g.literal {
			if name != g.prefix {
				return false
			}
		} else if len(name) < len(g.prefix)+len(g.suffix) || !strings.HasPrefix(name, g.prefix) || !strings.HasSuffix(name, g.suffix) {
			return false
		}
	}
	return roadmap.MatchPath(g.pattern, p)
}

func newMatcher(rm *roadmap.Roadmap) *matcher {
	m := &matcher{cache: map[string][]int32{}}
	if rm == nil {
		return m
	}
	for _, e := range rm.Entries() {
		s := e.Item.Signals
		strict := roadmap.NeedsWords(e.Kind)
		if s == nil || len(s.Paths) == 0 && len(s.Words) == 0 || strict && len(s.Words) == 0 {
			continue
		}
		i := len(m.ids)
		m.ids = append(m.ids, e.Item.ID)
		m.sigs = append(m.sigs, s)
		m.strict = append(m.strict, strict)
		if len(s.Paths) > 0 {
			m.paths = append(m.paths, i)
			var gs []glob
			for _, p := range s.Paths {
				gs = append(gs, newGlob(p))
			}
			m.globs = append(m.globs, gs)
		}
		if len(s.Words) > 0 {
			m.words = append(m.words, i)
			var low []string
			for _, w := range s.Words {
				if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
					low = append(low, w)
				}
			}
			m.lowWords = append(m.lowWords, low)
		}
	}
	return m
}

// file returns the indexes of the entries whose globs match the
// slash-separated path p.
func (m *matcher) file(p []byte) []int32 {
	if hit, ok := m.cache[string(p)]; ok {
		return hit
	}
	var hit []int32
	s := string(p)
	name := s[strings.LastIndexByte(s, '/')+1:]
	for n, i := range m.paths {
		for k := range m.globs[n] {
			if m.globs[n][k].match(s, name) {
				hit = append(hit, int32(i))
				break
			}
		}
	}
	if len(m.cache) >= maxCachedPaths {
		clear(m.cache)
	}
	m.cache[s] = hit
	return hit
}

// subject calls hit with the index of each entry one of whose words the
// subject holds. Entries none of whose words occur in it at all are passed
// over without asking roadmap, which decides whole words.
func (m *matcher) subject(subject string, hit func(int32)) {
	low := strings.ToLower(subject)
	for n, i := range m.words {
		for _, w := range m.lowWords[n] {
			if strings.Contains(low, w) {
				if m.sigs[i].MatchSubject(subject) {
					hit(int32(i))
				}
				break
			}
		}
	}
}
