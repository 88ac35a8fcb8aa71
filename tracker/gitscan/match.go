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
type matcher struct {
	ids   []string // entry ids, in roadmap order
	sigs  []*roadmap.Signals
	paths []int // indexes of the entries with path globs
	words []int // indexes of the entries with words
	// lowWords are the words of each entry of words, lower case.
	lowWords [][]string
	// cache remembers the entries each file path matched: a history
	// changes the same files again and again.
	cache map[string][]int32
}

func newMatcher(rm *roadmap.Roadmap) *matcher {
	m := &matcher{cache: map[string][]int32{}}
	if rm == nil {
		return m
	}
	for _, e := range rm.Entries() {
		s := e.Item.Signals
		if s == nil || len(s.Paths) == 0 && len(s.Words) == 0 {
			continue
		}
		i := len(m.ids)
		m.ids = append(m.ids, e.Item.ID)
		m.sigs = append(m.sigs, s)
		if len(s.Paths) > 0 {
			m.paths = append(m.paths, i)
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
	for _, i := range m.paths {
		if m.sigs[i].MatchFile(s) {
			hit = append(hit, int32(i))
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
