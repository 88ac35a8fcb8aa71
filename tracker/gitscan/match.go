package gitscan

import "devpath/roadmap"

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
// subject holds.
func (m *matcher) subject(subject string, hit func(int32)) {
	for _, i := range m.words {
		if m.sigs[i].MatchSubject(subject) {
			hit(int32(i))
		}
	}
}
