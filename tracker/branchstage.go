package tracker

import "devpath/roadmap"

// BranchStage returns the index of the stage the branches' items are shown
// under: the first stage whose BranchSkills is set, or else, when the roadmap
// has branches, the last stage, so that they are still shown somewhere. It
// returns -1 when the roadmap has neither such a stage nor branches, or no
// stages.
func BranchStage(rm *roadmap.Roadmap) int {
	for i := range rm.Stages {
		if rm.Stages[i].BranchSkills {
			return i
		}
	}
	if len(rm.Branches) > 0 {
		return len(rm.Stages) - 1
	}
	return -1
}
