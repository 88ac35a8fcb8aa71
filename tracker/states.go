package tracker

import (
	"sort"

	"devpath/roadmap"
)

// ResolvedStates holds a progress snapshot's item states with former ids
// resolved: State gives the state that counts for an entry under its current
// id. The readiness score, the Roadmap screen and the reports all read states
// through it, so that an entry renamed in the roadmap shows and counts the
// same everywhere.
type ResolvedStates struct {
	base  map[string]ItemState
	moved map[string]movedState // current id -> state recorded under a former id
}

// movedState is a state recorded under the former id From.
type movedState struct {
	State ItemState
	From  string
}

// ResolveStates resolves the former ids (an entry's Replaces) in the stored
// item states and returns them with the sorted ids the roadmap knows under
// neither name (orphans). items is not modified and is shared, not copied.
//
// The rule: an entry's own state wins; without one, the state recorded under
// one of its former ids counts, the most recently updated first, then the
// higher level, then the smaller former id.
func ResolveStates(rm *roadmap.Roadmap, items map[string]ItemState) (ResolvedStates, []string) {
	s := ResolvedStates{base: items}
	var orphans []string
	for id, st := range items {
		cur := rm.Resolve(id)
		switch {
		case cur == id:
		case cur == "":
			orphans = append(orphans, id)
		default:
			if _, ok := items[cur]; ok {
				continue // the entry's own state wins
			}
			if s.moved == nil {
				s.moved = map[string]movedState{}
			}
			if old, ok := s.moved[cur]; ok && !preferState(st, id, old.State, old.From) {
				continue
			}
			s.moved[cur] = movedState{State: st, From: id}
		}
	}
	sort.Strings(orphans)
	return s, orphans
}

// State returns the effective state of the entry with the current id id:
// its own, or else the one preferred among its former ids (with ID set to
// id), or else a not-started state. For an id the roadmap does not know it
// returns the state stored under that id, if any.
func (s ResolvedStates) State(id string) ItemState {
	if st, ok := s.base[id]; ok {
		return st
	}
	if m, ok := s.moved[id]; ok {
		m.State.ID = id
		return m.State
	}
	return ItemState{ID: id}
}

// preferState reports whether state a (recorded under id aID) should be used
// rather than state b (under bID) when both are former ids of one entry: the
// more recently updated one, then the higher level, then the smaller id.
func preferState(a ItemState, aID string, b ItemState, bID string) bool {
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return a.UpdatedAt.After(b.UpdatedAt)
	}
	if a.Level != b.Level {
		return a.Level > b.Level
	}
	return aID < bID
}
