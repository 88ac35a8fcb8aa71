package tracker

import (
	"cmp"
	"slices"
)

// Change is an entry whose level or skipped flag differs between two
// check-ins.
type Change struct {
	ID string `json:"id"`
	// From and To are the entry's state in the first and the second
	// check-in; an entry a check-in does not hold is not started there.
	From ItemState `json:"from"`
	To   ItemState `json:"to"`
}

// DiffCheckIns returns the entries whose level or skipped flag differ
// between check-ins a and b, sorted by id. It returns an empty slice when
// nothing changed.
func DiffCheckIns(a, b CheckIn) []Change {
	out := []Change{}
	state := func(c CheckIn, id string) ItemState {
		if s, ok := c.Items[id]; ok {
			s.ID = id
			return s
		}
		return ItemState{ID: id}
	}
	add := func(id string) {
		from, to := state(a, id), state(b, id)
		if from.Level != to.Level || from.Skipped != to.Skipped {
			out = append(out, Change{ID: id, From: from, To: to})
		}
	}
	for id := range a.Items {
		add(id)
	}
	for id := range b.Items {
		if _, ok := a.Items[id]; !ok {
			add(id)
		}
	}
	slices.SortFunc(out, func(x, y Change) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// Rename is a roadmap entry that took a new id: the newer roadmap's entry
// To lists From among the ids it replaces.
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// RoadmapDiff says how the roadmaps two check-ins were made under differ.
type RoadmapDiff struct {
	// The roadmaps of the first and the second check-in ("" and 0 when a
	// check-in was made before devpath recorded its roadmap).
	FromID      string `json:"from_id"`
	FromVersion int    `json:"from_version"`
	ToID        string `json:"to_id"`
	ToVersion   int    `json:"to_version"`
	// Known is true when both check-ins recorded their roadmap's entries,
	// so that Added, Removed and Renamed are complete; otherwise they are
	// empty.
	Known bool `json:"known"`
	// Added are the entries only the second roadmap has, Removed those
	// only the first has, Renamed the entries that took a new id; each
	// sorted by id.
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Renamed []Rename `json:"renamed"`
}

// DiffRoadmaps compares the roadmaps check-ins a and b were made under. It
// returns nil when they are the same: the same id and version and, when
// both recorded them, the same entries.
func DiffRoadmaps(a, b CheckIn) *RoadmapDiff {
	known := a.RoadmapEntries != nil && b.RoadmapEntries != nil
	d := &RoadmapDiff{
		FromID: a.RoadmapID, FromVersion: a.RoadmapVersion, ToID: b.RoadmapID, ToVersion: b.RoadmapVersion,
		Known: known, Added: []string{}, Removed: []string{}, Renamed: []Rename{},
	}
	if known {
		d.Added, d.Removed, d.Renamed = DiffRoadmapEntries(a.RoadmapEntries, b.RoadmapEntries)
	}
	sameName := a.RoadmapID == b.RoadmapID && a.RoadmapVersion == b.RoadmapVersion
	if sameName && len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Renamed) == 0 {
		return nil
	}
	return d
}

// DiffRoadmapEntries compares two roadmaps' entries (ids, each with the
// former ids it replaces, as CheckIn.RoadmapEntries holds them): the ids
// only in to are added, those only in from removed, except that an id of
// from that an entry new in to replaces is a rename. Each list is sorted.
func DiffRoadmapEntries(from, to map[string][]string) (added, removed []string, renamed []Rename) {
	added, removed, renamed = []string{}, []string{}, []Rename{}
	renamedFrom := map[string]bool{}
	for id, former := range to {
		if _, ok := from[id]; ok {
			continue
		}
		isRename := false
		for _, old := range former {
			if _, was := from[old]; was && !renamedFrom[old] {
				if _, still := to[old]; !still {
					renamed = append(renamed, Rename{From: old, To: id})
					renamedFrom[old] = true
					isRename = true
					break
				}
			}
		}
		if !isRename {
			added = append(added, id)
		}
	}
	for id := range from {
		if _, ok := to[id]; !ok && !renamedFrom[id] {
			removed = append(removed, id)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	slices.SortFunc(renamed, func(x, y Rename) int { return cmp.Compare(x.To, y.To) })
	return added, removed, renamed
}
