package tracker

import (
	"devpath/roadmap"
)

// nextRung returns the next rung of the user's track at the top stage s, or
// nil with a hint. The user's rung is prof.TrackLevel; when it is not set (or
// not on the track), the last rung usually held at s, else the last rung held
// at an earlier stage; with none of those the next rung is the first.
func nextRung(rm *roadmap.Roadmap, s *roadmap.Stage, prof Profile) (*roadmap.TrackLevel, Hint) {
	if prof.Track == "" {
		return nil, Hint{} // pathHints asks the user to choose a track
	}
	tk := rm.Track(prof.Track)
	if tk == nil {
		return nil, Hint{} // pathHints reports the unknown track
	}
	cur := -1
	if prof.TrackLevel != "" {
		for i := range tk.Levels {
			if tk.Levels[i].ID == prof.TrackLevel {
				cur = i
				break
			}
		}
	}
	if cur < 0 {
		at := rm.StageIndex(s.ID)
		before := -1
		for i := range tk.Levels {
			switch si := rm.StageIndex(tk.Levels[i].Stage); {
			case si == at:
				cur = i
			case si >= 0 && si < at:
				before = i
			}
		}
		if cur < 0 {
			cur = before
		}
	}
	if cur+1 >= len(tk.Levels) {
		return nil, Hint{Code: HintTopRung, Track: tk.Title}
	}
	return &tk.Levels[cur+1], Hint{}
}

// pathHints returns the hints about the branch and track choices that stage
// s depends on.
func pathHints(rm *roadmap.Roadmap, s *roadmap.Stage, prof Profile, top bool) []Hint {
	var h []Hint
	branchGroups := s.BranchSkills
	for _, g := range s.Skills {
		if g.Branch != "" {
			branchGroups = true
		}
	}
	if branchGroups {
		switch {
		case prof.Branch == "":
			h = append(h, Hint{Code: HintChooseBranch})
		case rm.Branch(prof.Branch) == nil:
			h = append(h, Hint{Code: HintBranchUnknown, Value: prof.Branch})
		}
	}
	trackGroups := false
	for _, g := range s.Skills {
		if g.Track != "" {
			trackGroups = true
			break
		}
	}
	for _, c := range s.Criteria {
		if c.Track != "" {
			trackGroups = true // track criteria also wait for the choice
			break
		}
	}
	switch {
	case prof.Track != "" && rm.Track(prof.Track) == nil:
		h = append(h, Hint{Code: HintTrackUnknown, Value: prof.Track})
	case prof.Track != "":
	case top && trackGroups:
		h = append(h, Hint{Code: HintChooseTrackBoth})
	case top:
		h = append(h, Hint{Code: HintChooseTrackRung})
	case trackGroups:
		h = append(h, Hint{Code: HintChooseTrack})
	}
	return h
}

// branchCoverage returns the share of each branch's items done (skipped
// items left out) and the id of the branch with the highest share above 0.
func branchCoverage(rm *roadmap.Roadmap, st ResolvedStates) ([]BranchCoverage, string) {
	out := make([]BranchCoverage, 0, len(rm.Branches))
	closest, best := "", 0.0
	for _, b := range rm.Branches {
		bc := BranchCoverage{ID: b.ID, Title: b.Title}
		for _, it := range b.Items {
			s := st.State(it.ID)
			if s.Skipped {
				continue
			}
			bc.Total++
			if s.Done() {
				bc.Done++
			}
		}
		if bc.Total > 0 {
			bc.Share = float64(bc.Done) / float64(bc.Total)
		}
		if bc.Share > best {
			closest, best = b.ID, bc.Share
		}
		out = append(out, bc)
	}
	return out, closest
}
