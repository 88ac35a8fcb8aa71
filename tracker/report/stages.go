package report

import (
	"devpath/roadmap"
	"devpath/tracker"
)

// stagesProgress counts, per stage and per skill group, the entries that
// count for the user (their branch and track) and how many are done.
// Skipped entries are left out of the totals.
func stagesProgress(rm *roadmap.Roadmap, p tracker.Progress) []stageProgress {
	var out []stageProgress
	states, _ := tracker.ResolveStates(rm, p.Items)
	for _, st := range rm.Stages {
		sp := stageProgress{Title: st.Title, Current: st.ID == p.Profile.Stage}
		var groups []groupProgress
		at := map[string]int{}
		for _, e := range tracker.ActiveEntries(rm, p.Profile, st.ID) {
			title := groupTitle(rm, e)
			i, ok := at[title]
			if !ok {
				i = len(groups)
				at[title] = i
				groups = append(groups, groupProgress{Title: title})
			}
			s := states.State(e.Item.ID)
			if s.Skipped {
				sp.Skipped++
				continue
			}
			groups[i].Total++
			sp.Total++
			if s.Done() {
				groups[i].Done++
				sp.Done++
			}
		}
		sp.Groups = groups
		out = append(out, sp)
	}
	return out
}

// groupTitle is the heading an entry is counted under.
func groupTitle(rm *roadmap.Roadmap, e roadmap.Entry) string {
	switch e.Kind {
	case roadmap.KindCriterion:
		return "Ready for the next level"
	case roadmap.KindMilestone:
		return "Key milestone"
	case roadmap.KindBranchItem:
		if b := rm.Branch(e.Branch); b != nil {
			return "Branch: " + b.Title
		}
		return "Branch: " + e.Branch
	}
	if e.GroupTitle != "" {
		return e.GroupTitle
	}
	return e.Group
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
