// Package roadmaptest makes roadmaps for tests and benchmarks of the
// packages that score them, so that each measures the same shapes.
package roadmaptest

import (
	"devpath/roadmap"
	"fmt"
)

// Large returns a valid, indexed roadmap with n tickable entries
// (n ≥ 100) shaped like the DevOps roadmap: five stages (junior, mid,
// senior, lead with branch skills, staff) whose skills come in groups of
// ten, with every third group of lead and staff limited to a track; criteria
// and a milestone per stage; four branches; the three tracks; transitions.
// About a fifth of the entries are branch items, a twentieth criteria, and
// every fiftieth entry has a former id ("<id>-old").
func Large(n int) *roadmap.Roadmap {
	if n < 100 {
		n = 100
	}
	stageIDs := []string{"junior", "mid", "senior", "lead", "staff"}
	branchIDs := []string{"sre", "platform", "ai-infra", "cloud-security"}
	tracks := []string{roadmap.TrackIC, roadmap.TrackManagement, roadmap.TrackArchitecture}
	nBranch := n / 20 // per branch
	nCrit := n / 100  // per stage
	nSkills := n - len(branchIDs)*nBranch - len(stageIDs)*(nCrit+1)

	count := 0
	item := func(id string) roadmap.Item {
		count++
		it := roadmap.Item{ID: id, Title: "Entry " + id, Summary: "What " + id + " means in practice."}
		if count%50 == 0 {
			it.Replaces = []string{id + "-old"}
		}
		return it
	}
	band := func(lo int) roadmap.Salary {
		return roadmap.Salary{UK: &roadmap.Band{Min: lo, Max: lo + 20000}, US: &roadmap.Band{Min: lo * 3 / 2, Max: lo*3/2 + 30000}}
	}
	rm := &roadmap.Roadmap{Version: 1, ID: "generated", Title: "Generated roadmap", Readiness: roadmap.DefaultReadiness}
	for si, sid := range stageIDs {
		s := roadmap.Stage{
			ID: sid, Title: "Stage " + sid, BranchSkills: sid == "lead",
			Years:  roadmap.Years{Min: 2 * si},
			Salary: band(40000 + 20000*si),
		}
		k := nSkills / len(stageIDs)
		if si < nSkills%len(stageIDs) {
			k++
		}
		for g := 0; k > 0; g++ {
			grp := roadmap.SkillGroup{ID: fmt.Sprintf("%s-g%d", sid, g), Title: fmt.Sprintf("Group %d of %s", g, sid)}
			if si >= 3 && g%3 == 2 {
				grp.Track = tracks[(g/3)%len(tracks)]
			}
			for i := 0; i < 10 && k > 0; i, k = i+1, k-1 {
				grp.Items = append(grp.Items, item(fmt.Sprintf("%s-g%d-i%d", sid, g, i)))
			}
			s.Skills = append(s.Skills, grp)
		}
		for c := 0; c < nCrit; c++ {
			s.Criteria = append(s.Criteria, item(fmt.Sprintf("%s-c%d", sid, c)))
		}
		s.Milestone = item(sid + "-milestone")
		rm.Stages = append(rm.Stages, s)
		if si > 0 {
			rm.Transitions = append(rm.Transitions, roadmap.Transition{
				From: stageIDs[si-1], To: sid,
				TypicalMonths:     roadmap.Months{Min: 18 + 6*si, Max: 24 + 12*si},
				AcceleratedMonths: roadmap.Months{Min: 12 + 6*si, Max: 15 + 9*si},
			})
		}
	}
	for _, bid := range branchIDs {
		br := roadmap.Branch{ID: bid, Title: "Branch " + bid, Salary: band(70000)}
		for i := 0; i < nBranch; i++ {
			br.Items = append(br.Items, item(fmt.Sprintf("%s-b%d", bid, i)))
		}
		rm.Branches = append(rm.Branches, br)
	}
	for ti, tid := range tracks {
		tk := roadmap.Track{ID: tid, Title: "Track " + tid}
		for l := 0; l < 4; l++ {
			tl := roadmap.TrackLevel{ID: fmt.Sprintf("%s-l%d", tid, l), Title: fmt.Sprintf("Rung %d", l), Salary: band(80000 + 30000*l + 5000*ti), Scope: "Scope"}
			switch {
			case l == 0 && tid == roadmap.TrackIC:
				tl.Stage = "senior"
			case l == 0:
				tl.Stage = "lead"
			case l == 1:
				tl.Stage = "staff"
			}
			tk.Levels = append(tk.Levels, tl)
		}
		rm.Tracks = append(rm.Tracks, tk)
	}
	rm.Reindex()
	return rm
}
