package ui

import (
	"devpath/roadmap"
	"devpath/tracker"
)

// rmGroup is a run of entries shown under one header.
type rmGroup struct {
	title string
	// note says in the header why the group does not count, and tag says
	// it in a few words on each row; both "" when it counts.
	note    string
	tag     string
	entries []roadmap.Entry
}

// stageGroups lays out every stage as groups of entries for the profile:
// skill groups (marked when they belong to another track), the branches at
// the specialisation stage (the chosen one first), the criteria and the
// milestone.
func (s *roadmapScreen) stageGroups(rm *roadmap.Roadmap, prof tracker.Profile) [][]rmGroup {
	out := make([][]rmGroup, len(rm.Stages))
	byGroup := map[string][]roadmap.Entry{}
	byBranch := map[string][]roadmap.Entry{}
	for _, e := range rm.Entries() {
		switch e.Kind {
		case roadmap.KindSkill:
			byGroup[e.Stage+"\x00"+e.Group] = append(byGroup[e.Stage+"\x00"+e.Group], e)
		case roadmap.KindBranchItem:
			byBranch[e.Branch] = append(byBranch[e.Branch], e)
		}
	}
	branchStage := tracker.BranchStage(rm)
	for i := range rm.Stages {
		st := &rm.Stages[i]
		var gs []rmGroup
		for _, g := range st.Skills {
			grp := rmGroup{title: g.Title, entries: byGroup[st.ID+"\x00"+g.ID]}
			switch {
			case g.Track != "" && g.Track != prof.Track:
				grp.note = trackName(rm, g.Track) + " track only: doesn't count for you"
				grp.tag = "not your track"
			case g.Branch != "" && g.Branch != prof.Branch:
				grp.note = branchName(rm, g.Branch) + " branch only: doesn't count for you"
				grp.tag = "not your branch"
			}
			gs = append(gs, grp)
		}
		if i == branchStage {
			gs = append(gs, branchGroups(rm, prof, byBranch)...)
		}
		gs = append(gs, criteriaGroups(rm, prof, st)...)
		if st.Milestone.ID != "" {
			gs = append(gs, rmGroup{title: "Key milestone", entries: []roadmap.Entry{{Item: st.Milestone, Kind: roadmap.KindMilestone, Stage: st.ID}}})
		}
		out[i] = gs
	}
	return out
}

// criteriaGroups returns the stage's criteria: those for everyone in one
// group, then one group per track that has criteria of its own, the user's
// track first and the others marked as not counting, as skill groups of
// another track are.
func criteriaGroups(rm *roadmap.Roadmap, prof tracker.Profile, st *roadmap.Stage) []rmGroup {
	const title = "Ready for the next level"
	shared := rmGroup{title: title}
	byTrack := map[string]*rmGroup{}
	var order []string
	for _, it := range st.Criteria {
		e := roadmap.Entry{Item: it, Kind: roadmap.KindCriterion, Stage: st.ID, Track: it.Track}
		if it.Track == "" {
			shared.entries = append(shared.entries, e)
			continue
		}
		g := byTrack[it.Track]
		if g == nil {
			g = &rmGroup{title: title + ": " + trackName(rm, it.Track) + " track"}
			if it.Track != prof.Track {
				g.note = trackName(rm, it.Track) + " track only: doesn't count for you"
				g.tag = "not your track"
			}
			byTrack[it.Track] = g
			order = append(order, it.Track)
		}
		g.entries = append(g.entries, e)
	}
	var out []rmGroup
	if len(shared.entries) > 0 {
		out = append(out, shared)
	}
	if g := byTrack[prof.Track]; g != nil {
		out = append(out, *g)
	}
	for _, t := range order {
		if t != prof.Track {
			out = append(out, *byTrack[t])
		}
	}
	return out
}

// branchGroups returns one group per branch, the user's own branch first;
// the others are marked as not counting.
func branchGroups(rm *roadmap.Roadmap, prof tracker.Profile, byBranch map[string][]roadmap.Entry) []rmGroup {
	var mine, others []rmGroup
	for _, b := range rm.Branches {
		g := rmGroup{title: "Branch: " + b.Title, entries: byBranch[b.ID]}
		switch {
		case b.ID == prof.Branch:
			g.title += " (your branch)"
			mine = append(mine, g)
		case prof.Branch == "":
			g.note = "counts once you choose this branch in Paths"
			g.tag = "no branch chosen"
			others = append(others, g)
		default:
			g.note = "not your branch: doesn't count"
			g.tag = "not your branch"
			others = append(others, g)
		}
	}
	return append(mine, others...)
}

// trackName returns a track's title, or its id when the roadmap lacks it.
func trackName(rm *roadmap.Roadmap, id string) string {
	if t := rm.Track(id); t != nil {
		return t.Title
	}
	return id
}

func branchName(rm *roadmap.Roadmap, id string) string {
	if b := rm.Branch(id); b != nil {
		return b.Title
	}
	return id
}
