package report

import (
	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// stagesProgress is the stage table: per stage and per group, the entries
// that count for the user (their branch and track) and how many are done,
// as tracker.StageProgress counts them. Skipped entries are left out of
// the totals. Groups that read the same are shown as one.
func stagesProgress(rm *roadmap.Roadmap, p tracker.Progress) []stageProgress {
	var out []stageProgress
	states, _ := tracker.ResolveStates(rm, p.Items)
	current := rm.StageIndex(p.Profile.Stage)
	for i, sc := range tracker.StageProgress(rm, p.Profile, states.State) {
		st := &rm.Stages[i]
		sp := stageProgress{Title: st.Title, Current: st.ID == p.Profile.Stage,
			Done: sc.Done, Total: sc.Total, Skipped: sc.Skipped}
		sp.Place = words.StagePlace(i, current, sc.Done, sc.Total)
		sp.NotTracked = sp.Place == words.StageNotTracked
		at := map[string]int{}
		for _, g := range sc.Groups {
			title := groupHeading(rm, g.Kind, g.ID, g.Title)
			j, ok := at[title]
			if !ok {
				j = len(sp.Groups)
				at[title] = j
				sp.Groups = append(sp.Groups, groupProgress{Title: title})
			}
			sp.Groups[j].Done += g.Done
			sp.Groups[j].Total += g.Total
		}
		out = append(out, sp)
	}
	return out
}

// groupTitle is the heading an entry is counted under.
func groupTitle(rm *roadmap.Roadmap, e roadmap.Entry) string {
	id := e.Group
	if e.Kind == roadmap.KindBranchItem {
		id = e.Branch
	}
	return groupHeading(rm, e.Kind, id, e.GroupTitle)
}

// groupHeading is the heading of a group of entries of kind: the criteria,
// the milestone, a branch by its id, or a skill group by its title (its id
// when it has none).
func groupHeading(rm *roadmap.Roadmap, kind, id, title string) string {
	switch kind {
	case roadmap.KindCriterion:
		return "Ready for the next level"
	case roadmap.KindMilestone:
		return "Key milestone"
	case roadmap.KindBranchItem:
		if b := rm.Branch(id); b != nil {
			return "Branch: " + b.Title
		}
		return "Branch: " + id
	}
	if title != "" {
		return title
	}
	return id
}

// where says where an entry sits in the roadmap, for a reader.
func where(rm *roadmap.Roadmap, e roadmap.Entry) string {
	if e.Kind == roadmap.KindBranchItem {
		return groupTitle(rm, e)
	}
	st := stageTitle(rm, e.Stage)
	return st + " · " + groupTitle(rm, e)
}

func stageTitle(rm *roadmap.Roadmap, id string) string {
	if s := rm.Stage(id); s != nil {
		return s.Title
	}
	return id
}
