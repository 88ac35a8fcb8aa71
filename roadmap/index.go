package roadmap

import (
	"sort"
	"strings"
)

// index maps ids to entries; it is built once per roadmap.
type index struct {
	entries []Entry
	byID    map[string]int    // current id -> position in entries
	former  map[string]string // former id (Replaces) -> current id
}

// index returns the roadmap's index: the one Load, Default or Reindex built,
// or a fresh one for a roadmap built by hand.
func (r *Roadmap) index() *index {
	if r.ix != nil {
		return r.ix
	}
	return buildIndex(r)
}

// Reindex rebuilds the id index after the roadmap was changed in place. Load,
// LoadFile and Default return roadmaps that are already indexed.
func (r *Roadmap) Reindex() { r.ix = buildIndex(r) }

func buildIndex(r *Roadmap) *index {
	ix := &index{byID: map[string]int{}, former: map[string]string{}}
	add := func(e Entry) {
		if _, dup := ix.byID[e.Item.ID]; !dup {
			ix.byID[e.Item.ID] = len(ix.entries)
		}
		ix.entries = append(ix.entries, e)
		for _, old := range e.Item.Replaces {
			ix.former[old] = e.Item.ID
		}
	}
	for _, s := range r.Stages {
		for _, g := range s.Skills {
			for _, it := range g.Items {
				add(Entry{Item: it, Kind: KindSkill, Stage: s.ID, Group: g.ID, GroupTitle: g.Title, Track: g.Track})
			}
		}
		for _, it := range s.Criteria {
			add(Entry{Item: it, Kind: KindCriterion, Stage: s.ID, Track: it.Track})
		}
		if s.Milestone.ID != "" {
			add(Entry{Item: s.Milestone, Kind: KindMilestone, Stage: s.ID})
		}
	}
	for _, b := range r.Branches {
		for _, it := range b.Items {
			add(Entry{Item: it, Kind: KindBranchItem, Branch: b.ID})
		}
	}
	return ix
}

// Entries returns every tickable entry in roadmap order: per stage its skill
// items, criteria and milestone, then the branch items. The slice is shared:
// do not modify it.
func (r *Roadmap) Entries() []Entry { return r.index().entries }

// Lookup finds the entry with the given id, or with the given former id
// (listed in an entry's Replaces).
func (r *Roadmap) Lookup(id string) (Entry, bool) {
	ix := r.index()
	if i, ok := ix.byID[id]; ok {
		return ix.entries[i], true
	}
	if cur, ok := ix.former[id]; ok {
		return ix.entries[ix.byID[cur]], true
	}
	return Entry{}, false
}

// Resolve returns the current id for id: id itself when the roadmap has it,
// the new id when id is a former id of a renamed entry, and "" when the
// roadmap knows neither.
func (r *Roadmap) Resolve(id string) string {
	ix := r.index()
	if _, ok := ix.byID[id]; ok {
		return id
	}
	return ix.former[id]
}

// StageIndex returns the position of the stage with the given id, or -1.
func (r *Roadmap) StageIndex(id string) int {
	for i := range r.Stages {
		if r.Stages[i].ID == id {
			return i
		}
	}
	return -1
}

// Stage returns the stage with the given id, or nil.
func (r *Roadmap) Stage(id string) *Stage {
	if i := r.StageIndex(id); i >= 0 {
		return &r.Stages[i]
	}
	return nil
}

// NextStage returns the stage after the one with the given id, or nil at the
// top stage or for an unknown id.
func (r *Roadmap) NextStage(id string) *Stage {
	if i := r.StageIndex(id); i >= 0 && i+1 < len(r.Stages) {
		return &r.Stages[i+1]
	}
	return nil
}

// TransitionFrom returns the transition out of the stage with the given id,
// or nil.
func (r *Roadmap) TransitionFrom(id string) *Transition {
	for i := range r.Transitions {
		if r.Transitions[i].From == id {
			return &r.Transitions[i]
		}
	}
	return nil
}

// TransitionInto returns the transition into the stage with the given id, or
// nil.
func (r *Roadmap) TransitionInto(id string) *Transition {
	for i := range r.Transitions {
		if r.Transitions[i].To == id {
			return &r.Transitions[i]
		}
	}
	return nil
}

// Branch returns the branch with the given id, or nil.
func (r *Roadmap) Branch(id string) *Branch {
	for i := range r.Branches {
		if r.Branches[i].ID == id {
			return &r.Branches[i]
		}
	}
	return nil
}

// Track returns the track with the given id, or nil.
func (r *Roadmap) Track(id string) *Track {
	for i := range r.Tracks {
		if r.Tracks[i].ID == id {
			return &r.Tracks[i]
		}
	}
	return nil
}

// Band returns the band for region ("uk" or "us"), or nil.
func (s Salary) Band(region string) *Band {
	switch region {
	case RegionUK:
		return s.UK
	case RegionUS:
		return s.US
	}
	return nil
}

// Suggest returns up to n ids of the roadmap closest to id, closest first,
// for "did you mean" messages. Ids that contain id, or that id contains,
// come first; the rest are ordered by edit distance.
func (r *Roadmap) Suggest(id string, n int) []string {
	id = strings.ToLower(strings.TrimSpace(id))
	type cand struct {
		id   string
		dist int
	}
	var cs []cand
	for _, e := range r.Entries() {
		d := EditDistance(id, e.Item.ID)
		if id != "" && (strings.Contains(e.Item.ID, id) || strings.Contains(id, e.Item.ID)) {
			d = 0
		}
		cs = append(cs, cand{e.Item.ID, d})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	limit := len(id)/2 + 2
	var out []string
	for _, c := range cs {
		if len(out) == n || c.dist > limit {
			break
		}
		out = append(out, c.id)
	}
	return out
}
