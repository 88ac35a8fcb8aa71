package tracker

import (
	"testing"

	"devpath/roadmap"
)

func TestBranchStage(t *testing.T) {
	stages := func(flags ...bool) []roadmap.Stage {
		out := make([]roadmap.Stage, len(flags))
		for i, f := range flags {
			out[i] = roadmap.Stage{ID: string(rune('a' + i)), BranchSkills: f}
		}
		return out
	}
	branches := []roadmap.Branch{{ID: "sre"}}
	for _, c := range []struct {
		name string
		rm   roadmap.Roadmap
		want int
	}{
		{"the flagged stage", roadmap.Roadmap{Stages: stages(false, true, false), Branches: branches}, 1},
		{"the first of two flagged stages", roadmap.Roadmap{Stages: stages(false, true, true), Branches: branches}, 1},
		{"no flag: the last stage", roadmap.Roadmap{Stages: stages(false, false, false), Branches: branches}, 2},
		{"no flag and no branches", roadmap.Roadmap{Stages: stages(false, false)}, -1},
		{"a flag without branches", roadmap.Roadmap{Stages: stages(true, false)}, 0},
		{"no stages", roadmap.Roadmap{Branches: branches}, -1},
	} {
		if got := BranchStage(&c.rm); got != c.want {
			t.Errorf("%s: BranchStage = %d, want %d", c.name, got, c.want)
		}
	}
	if got := BranchStage(roadmap.Default()); got < 0 || !roadmap.Default().Stages[got].BranchSkills {
		t.Errorf("the built-in roadmap: BranchStage = %d, want its specialisation stage", got)
	}
}
