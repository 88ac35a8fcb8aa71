package tracker

import "devpath/roadmap"

// Count is the progress of a set of entries that count for the user.
type Count struct {
	// Done is how many of the entries that count are done.
	Done int
	// Total is how many entries count: those not marked not applicable.
	Total int
	// Skipped is how many were marked not applicable; they are left out of
	// Total.
	Skipped int
}

// GroupCount is the progress of one group of a stage's active entries: a
// skill group, the chosen branch's items, the criteria or the milestone.
type GroupCount struct {
	// Kind is the kind of the group's entries: roadmap.KindSkill,
	// KindBranchItem, KindCriterion or KindMilestone.
	Kind string
	// ID is the skill group's or the branch's id; "" for the criteria and
	// the milestone.
	ID string
	// Title is the skill group's or the branch's title; "" for the
	// criteria and the milestone, which readers name by their kind.
	Title string
	Count
}

// StageCount is the progress of one stage: the whole stage, and each of its
// groups in roadmap order.
type StageCount struct {
	// Stage is the stage's id.
	Stage string
	Count
	Groups []GroupCount
}

// StageProgress counts, for every stage of rm in order and for each group
// of it, the entries that count for prof (ActiveEntries: their track and
// branch) and how many of them are done (CountDone). Entries marked not
// applicable are counted in Skipped only.
//
// state gives an entry's state by its current id: ResolvedStates.State for
// what the store holds, or the window's own view with the changes still
// being saved. The Roadmap screen's stage bar and the reports' stage table
// both count through here, so that they always agree.
func StageProgress(rm *roadmap.Roadmap, prof Profile, state func(id string) ItemState) []StageCount {
	out := make([]StageCount, 0, len(rm.Stages))
	for i := range rm.Stages {
		sc := StageCount{Stage: rm.Stages[i].ID}
		entries := ActiveEntries(rm, prof, sc.Stage)
		// ActiveEntries lists a stage's entries group by group, so a group
		// is a run of entries of one kind and group id.
		for start := 0; start < len(entries); {
			end := start + 1
			for end < len(entries) && sameGroup(entries[start], entries[end]) {
				end++
			}
			e := entries[start]
			g := GroupCount{Kind: e.Kind, ID: groupID(e)}
			if g.ID != "" {
				g.Title = e.GroupTitle
			}
			g.Done, g.Total = CountDone(entries[start:end], state)
			g.Skipped = end - start - g.Total
			sc.Done += g.Done
			sc.Total += g.Total
			sc.Skipped += g.Skipped
			sc.Groups = append(sc.Groups, g)
			start = end
		}
		out = append(out, sc)
	}
	return out
}

// groupID is the id of the group an active entry is counted under: its
// skill group or branch; "" for a criterion or a milestone.
func groupID(e roadmap.Entry) string {
	switch e.Kind {
	case roadmap.KindSkill:
		return e.Group
	case roadmap.KindBranchItem:
		return e.Branch
	}
	return ""
}

// sameGroup reports whether two active entries are counted in one group.
func sameGroup(a, b roadmap.Entry) bool {
	return a.Kind == b.Kind && groupID(a) == groupID(b)
}
